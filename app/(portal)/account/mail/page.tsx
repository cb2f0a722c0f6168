import type { Metadata } from "next";
import Link from "next/link";
import { customerPage } from "@/lib/auth/guards";
import { getTranslations } from "@/lib/i18n";
import { isSubscribed } from "@/lib/support-mail/subscriptions";
import { MailSettingForm } from "./mail-form";
import { PageBody } from "@/app/_components/customer-shell";
import { PageTitle } from "@/app/_components/page-title";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("mailSettings.title") };
}

// E-2 メール配信設定 (manual: メール配信設定およびバックナンバー (1)–(5)): the checkbox to receive Support Information
// mails, 「OK」, 「設定が完了しました」; under it 「＞バックナンバー」 (E-3).
export default async function MailSettingsPage() {
  const actor = await customerPage({ next: "/account/mail" });
  const subscribed = await isSubscribed(actor);
  const m = await getTranslations("mailSettings");
  return (
    <PageBody kind="form">
      <PageTitle className="mb-2">{m("title")}</PageTitle>
      <p className="mb-6 text-sm">{m("intro")}</p>
      <MailSettingForm subscribed={subscribed} label={m("checkbox")} ok={m("ok")} />
      <p className="mt-6">
        <Link href="/account/mail/back-numbers">{m("backNumbersLink")}</Link>
      </p>
    </PageBody>
  );
}
