"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { confirmedSchema } from "@/lib/validation/confirm";
import { licenseIdSchema, versionSchema } from "@/lib/validation/ids";
import { setContractHidden } from "@/lib/licenses/staff";
import { staffAction } from "@/lib/auth/guards";
import { translator } from "@/lib/i18n";
import type { FormState } from "@/lib/validation/form-state";

// Hiding asks first (the page's confirmation sends `confirm`); showing again does not.
const input = z
  .discriminatedUnion("hidden", [
    z.object({ licenseId: licenseIdSchema, version: versionSchema, hidden: z.literal("true"), confirm: confirmedSchema }),
    z.object({ licenseId: licenseIdSchema, version: versionSchema, hidden: z.literal("false") }),
  ])
  .transform(({ licenseId, version, hidden }) => ({ licenseId, version, hidden: hidden === "true" }));

// G-6 表示設定 (operators, admins: `contracts.write`; anyone else 404): B-0 condition 5 set or cleared for a customer
// who asked; the history and audit rows in the same transaction (lib/licenses/staff.ts).
export const setContractDisplayAction = staffAction(
  { capability: "contracts.write", schema: input },
  async ({ licenseId, hidden, version }, { actor, locale }): Promise<FormState> => {
    const c = translator(locale, "admin.contracts");
    const outcome = await setContractHidden({ actor, licenseId, hidden, version });
    revalidatePath(`/admin/contracts/${licenseId}`);
    if (outcome === "changed") return { status: "success", message: c("displayChanged") };
    if (outcome === "unchanged") return { status: "success", message: c("displayUnchanged") };
    return { status: "error", message: outcome === "stale" ? c("displayStale") : c("notFound") };
  },
);
