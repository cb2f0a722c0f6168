import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SupportInformationContent } from "@/emails/support-information-content";
import { customerPage } from "@/lib/auth/guards";
import { formatDate } from "@/lib/dates";
import { getTranslations } from "@/lib/i18n";
import { getBackNumber } from "@/lib/support-mail/subscriptions";
import { serialIdSchema } from "@/lib/validation/ids";
import { PageBody } from "@/app/_components/customer-shell";
import { BackLink } from "@/app/_components/back-link";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("mailSettings.backNumbers") };
}

// E-3 ⑤: one Support Information mail as it was sent, drawn by the mail's own content component (M-12's source).
export default async function BackNumberPage({ params }: { params: Promise<{ mailId: string }> }) {
  const mailId = serialIdSchema.safeParse((await params).mailId);
  await customerPage({ next: `/account/mail/back-numbers/${mailId.success ? mailId.data : ""}` });
  if (!mailId.success) notFound();
  const [t, mail] = await Promise.all([getTranslations(), getBackNumber(mailId.data)]);
  if (!mail) notFound();
  return (
    <PageBody kind="form">
      <BackLink href="/account/mail/back-numbers">{t("mailSettings.backToList")}</BackLink>
      <p className="mb-2 text-sm text-muted tabular-nums">{formatDate(mail.sentAt)}</p>
      <article className="rounded border border-line bg-white p-6" data-i18n-exempt="the mail, written by staff" data-testid="back-number">
        <SupportInformationContent title={mail.title} body={mail.body} />
      </article>
    </PageBody>
  );
}
