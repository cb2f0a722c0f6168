"use server";

import { z } from "zod";
import { confirmedSchema } from "@/lib/validation/confirm";
import { serialIdSchema } from "@/lib/validation/ids";
import { staffAction } from "@/lib/auth/guards";
import { translator } from "@/lib/i18n";
import { decideNameChange } from "@/lib/licenses/contact-change";
import { scheduleOutboxDelivery } from "@/lib/mail/schedule";
import type { FormState } from "@/lib/validation/form-state";

// G-3: approve or reject a company-name change (operators and admins: `name-change.review`); anyone else gets 404.
// The decided request keeps its place with the outcome until the queue is next opened (no revalidation: the operator
// sees what was done where it was done).
const decisionInput = z.discriminatedUnion("decision", [
  z.object({
    requestId: serialIdSchema,
    decision: z.literal("approve"),
    note: z.string().max(500, { error: "tooLong" }).optional(),
  }),
  z.object({
    requestId: serialIdSchema,
    decision: z.literal("reject"),
    // A rejection asks first (the page's confirmation sends `confirm`, with the reason).
    confirm: confirmedSchema,
    note: z.string({ error: "required" }).min(1, { error: "required" }).max(500, { error: "tooLong" }),
  }),
]);

export const decideNameChangeAction = staffAction(
  { capability: "name-change.review", schema: decisionInput },
  async (input, { actor, locale }): Promise<FormState<"note">> => {
    const t = translator(locale);
    const result = await decideNameChange({ actor, requestId: input.requestId, decision: input.decision, note: input.note || null });
    if (typeof result === "string") return { status: "error", message: t("admin.alreadyDecided") };
    scheduleOutboxDelivery();
    return { status: "success", message: result.status === "approved" ? t("admin.approved") : t("admin.rejected") };
  },
);
