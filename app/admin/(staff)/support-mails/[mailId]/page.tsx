import { BackLinkPage, TitledSection } from "@/app/admin/_components/admin-page";
import { notFound } from "next/navigation";
import { staffPage } from "@/lib/auth/guards";
import { now } from "@/lib/clock";
import { formatDateTime } from "@/lib/dates";
import { getTranslations } from "@/lib/i18n";
import { runSendJobsAfterResponse } from "@/lib/support-mail/jobs";
import { countSubscribers, getSupportMail, previewSupportMail, sendProgress } from "@/lib/support-mail/send";
import { DraftForm } from "../draft-form";
import { RefreshWhileSending, StartSendingForm, TestSendForm } from "../send-controls";
import { serialIdSchema } from "@/lib/validation/ids";
import { titleMetadata } from "@/app/admin/page-title";

export const generateMetadata = titleMetadata((t) => t("admin.supportMails.title"));

// G-5: one mail — while a draft: edit, preview (the HTML in a sandboxed frame and the plain-text part, as M-12 goes
// out), 「テスト送信」, and 「全購読者に送信する」; once sending: its progress, refreshed while the job runs (a job whose
// lease ran out — the instance stopped — is resumed by this page's request); once sent: what was sent.
export default async function SupportMailPage({ params }: { params: Promise<{ mailId: string }> }) {
  const actor = await staffPage("support-mail.send");
  const mailId = serialIdSchema.safeParse((await params).mailId);
  if (!mailId.success) notFound();
  const mail = await getSupportMail({ actor, id: mailId.data });
  if (!mail) notFound();
  if (mail.status === "sending" && (!mail.leaseUntil || mail.leaseUntil < now())) runSendJobsAfterResponse();
  const [t, preview, progress, subscribers] = await Promise.all([
    getTranslations(),
    previewSupportMail({ actor, mail }),
    sendProgress({ actor, id: mail.id }),
    mail.status === "draft" ? countSubscribers({ actor }) : Promise.resolve(0),
  ]);
  const s = await getTranslations("admin.supportMails");
  return (
    <BackLinkPage href="/admin/support-mails" back={s("back")}>
      <h1 className="mb-2 text-2xl font-bold" data-i18n-exempt="mail title, written by staff">
        {mail.title}
      </h1>
      <p className="mb-6 text-sm">
        {s("status")}: <span data-testid="support-mail-status">{s(`statusLabel.${mail.status}`)}</span>
        {mail.sentAt ? ` ${formatDateTime(mail.sentAt)}` : null}
      </p>
      {mail.status !== "draft" ? (
        <TitledSection headingId="progress-heading" title={s("progress")} className="mb-8 rounded border border-line bg-white p-4">
          <p data-testid="support-mail-progress" className="tabular-nums">
            {s("enqueuedOf", { enqueued: progress.enqueued, total: progress.total })}
          </p>
          <progress max={Math.max(progress.total, 1)} value={progress.enqueued} aria-label={s("progress")} className="my-2 w-full max-w-md" />
          <p className="text-sm tabular-nums">{s("delivered", { delivered: progress.delivered })}</p>
          {mail.status === "sending" ? <RefreshWhileSending /> : null}
        </TitledSection>
      ) : (
        <TitledSection headingId="draft-heading" title={s("editHeading")} className="mb-8">
          <DraftForm
            mailId={mail.id}
            initial={{ title: mail.title, body: mail.body }}
            labels={{ title: s("mailTitle"), body: s("body"), bodyHint: s("bodyHint"), save: s("save"), requiredMark: t("common.requiredMark") }}
          />
        </TitledSection>
      )}
      <TitledSection headingId="preview-heading" title={s("preview")} className="mb-8">
        <p className="mb-2 text-sm">
          {s("subject")}: <span data-i18n-exempt="mail title, written by staff">{preview.subject}</span>
        </p>
        <h3 className="mb-1 font-bold">{s("previewHtml")}</h3>
        <iframe
          title={s("previewHtml")}
          sandbox=""
          srcDoc={preview.html}
          className="mb-4 h-[32rem] w-full border border-line bg-white"
          data-testid="support-mail-preview"
        />
        <h3 className="mb-1 font-bold">{s("previewText")}</h3>
        <pre
          className="overflow-x-auto rounded border border-line bg-white p-4 text-sm whitespace-pre-wrap"
          data-i18n-exempt="the mail as sent (SPEC M: Japanese)"
          data-testid="support-mail-text"
        >
          {preview.text}
        </pre>
      </TitledSection>
      {mail.status === "draft" ? (
        <TitledSection headingId="send-heading" title={s("sendHeading")} className="rounded border border-line bg-white p-4">
          <TestSendForm mailId={mail.id} label={s("sendTest")} />
          <StartSendingForm mailId={mail.id} confirmLabel={s("confirm", { count: subscribers })} label={s("sendAll")} />
        </TitledSection>
      ) : null}
    </BackLinkPage>
  );
}
