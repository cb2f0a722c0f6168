"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { staffAction } from "@/lib/auth/guards";
import { translator } from "@/lib/i18n";
import { scheduleOutboxDelivery } from "@/lib/mail/schedule";
import { retryFailedMail } from "@/lib/mail/retry";
import type { FormState } from "@/lib/validation/form-state";

const retryInput = z.object({ mailId: z.string().min(1).max(100) });

// SPEC M: a failed mail back into the queue (operators, admins: `outbox.retry`); anyone else gets 404.
export const retryMailAction = staffAction(
  { capability: "outbox.retry", schema: retryInput },
  async ({ mailId }, { actor, locale }): Promise<FormState<"mailId">> => {
    const t = translator(locale);
    const result = await retryFailedMail({ actor, mailId });
    if (!result.ok) return { status: "error", message: t("admin.retryNotFailed") };
    scheduleOutboxDelivery();
    revalidatePath("/admin/outbox");
    return { status: "success", message: t("admin.retried") };
  },
);
