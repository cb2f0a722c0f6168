"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { licenseIdSchema, versionSchema } from "@/lib/validation/ids";
import { setContractHidden } from "@/lib/licenses/staff";
import { staffAction } from "@/lib/auth/guards";
import { translator } from "@/lib/i18n";
import type { FormState } from "@/lib/validation/form-state";

const input = z.object({
  licenseId: licenseIdSchema,
  hidden: z.enum(["true", "false"]).transform((v) => v === "true"),
  version: versionSchema,
});

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
