"use server";

import { redirect } from "next/navigation";
import { after } from "next/server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { staffAction } from "@/lib/auth/guards";
import { translator } from "@/lib/i18n";
import { isDeliveryConfigured } from "@/lib/mail/transport";
import { deliverOutbox } from "@/lib/mail/worker";
import { runSendJobsAfterResponse } from "@/lib/support-mail/jobs";
import { createSupportMail, sendTestMail, startSending, updateSupportMail } from "@/lib/support-mail/send";
import type { FormState } from "@/lib/validation/form-state";
import { serialIdSchema } from "@/lib/validation/ids";

const mailId = serialIdSchema;
const draft = z.object({ title: z.string().trim().min(1).max(200), body: z.string().trim().min(1).max(20_000) });

// G-5 (marketers, admins: `support-mail.send`; anyone else gets 404). Every change is audited in lib/support-mail.
// Title and body are prose kept as typed (raw: not NFKC-normalised, which would turn 「：」 and （） into ASCII).
const RAW = ["title", "body"] as const;

export const createSupportMailAction = staffAction(
  { capability: "support-mail.send", schema: draft, raw: RAW, echo: ["title", "body"] },
  async (input, { actor }): Promise<FormState> => {
    const id = await createSupportMail({ actor, draft: input });
    revalidatePath("/admin/support-mails");
    redirect(`/admin/support-mails/${id}`);
  },
);

export const updateSupportMailAction = staffAction(
  { capability: "support-mail.send", schema: draft.extend({ mailId }), raw: RAW, echo: ["title", "body"] },
  async ({ mailId: id, ...input }, { actor, locale }): Promise<FormState> => {
    const t = translator(locale);
    const result = await updateSupportMail({ actor, id, draft: input });
    revalidatePath(`/admin/support-mails/${id}`);
    if (result === "not_draft") return { status: "error", message: t("admin.supportMails.notDraft") };
    return { status: "success", message: t("admin.supportMails.saved"), values: input };
  },
);

export const sendTestMailAction = staffAction(
  { capability: "support-mail.send", schema: z.object({ mailId }) },
  async ({ mailId: id }, { actor, locale }): Promise<FormState> => {
    const s = translator(locale, "admin.supportMails");
    if (!(await sendTestMail({ actor, id, subjectPrefix: s("testSubjectPrefix") }))) return { status: "error", message: s("notFound") };
    if (isDeliveryConfigured()) after(() => deliverOutbox().then(() => undefined));
    return { status: "success", message: s("testSent", { email: actor.email }) };
  },
);

export const startSendingAction = staffAction(
  { capability: "support-mail.send", schema: z.object({ mailId, confirm: z.literal("on") }) },
  async ({ mailId: id }, { actor, locale }): Promise<FormState> => {
    const s = translator(locale, "admin.supportMails");
    const result = await startSending({ actor, id });
    revalidatePath(`/admin/support-mails/${id}`);
    revalidatePath("/admin/support-mails");
    if (result === "not_draft") return { status: "error", message: s("notDraft") };
    runSendJobsAfterResponse();
    return { status: "success", message: s("sendingStarted") };
  },
);
