import type { Metadata } from "next";
import Link from "next/link";
import { customerPage } from "@/lib/auth/guards";
import { getTranslations } from "@/lib/i18n";
import { isSubscribed } from "@/lib/support-mail/subscriptions";
import { MailSettingForm } from "./mail-form";
import { ReminderSettingForm } from "./reminder-form";
import { getReminderSettings } from "@/lib/reminders/opt-outs";
import { formatDate } from "@/lib/dates";
import { HeadedSection } from "@/app/_components/headed-section";
import { PageBody } from "@/app/_components/customer-shell";
import { PageTitle } from "@/app/_components/page-title";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("mailSettings.title") };
}

// E-2 メール配信設定 (manual: メール配信設定およびバックナンバー (1)–(5)): the checkbox to receive Support Information
// mails, 「OK」, 「設定が完了しました」; under it 「＞バックナンバー」 (E-3). Then N-3 (beyond the manual): the renewal
// reminders (M-13), on for all or off, and per contract the customer sees that has not ended.
export default async function MailSettingsPage() {
  const actor = await customerPage({ next: "/account/mail" });
  const [subscribed, reminders] = await Promise.all([isSubscribed(actor), getReminderSettings({ actor })]);
  const m = await getTranslations("mailSettings");
  return (
    <PageBody kind="form">
      <PageTitle className="mb-2">{m("title")}</PageTitle>
      <p className="mb-6 text-sm">{m("intro")}</p>
      <MailSettingForm subscribed={subscribed} label={m("checkbox")} ok={m("ok")} />
      <p className="mt-6">
        <Link href="/account/mail/back-numbers">{m("backNumbersLink")}</Link>
      </p>
      <HeadedSection id="reminders-heading" heading={m("remindersHeading")} className="mt-10" headingClassName="mb-2 text-xl font-bold">
        <p className="mb-4 text-sm">{m("remindersIntro")}</p>
        <ReminderSettingForm
          all={reminders.all}
          contracts={reminders.contracts.map((c) => ({
            licenseId: c.licenseId,
            // The product's name is data, shown as stored whatever the locale.
            label: m.rich("remindersContract", {
              licenseId: String(c.licenseId),
              product: c.productName,
              endDate: formatDate(c.endDate),
              name: (chunks) => <span data-i18n-exempt="product name">{chunks}</span>,
            }),
            on: c.on,
          }))}
          labels={{ all: m("remindersAll"), perContract: m("remindersPerContract"), none: m("remindersNone"), ok: m("ok") }}
        />
      </HeadedSection>
    </PageBody>
  );
}
