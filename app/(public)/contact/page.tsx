import type { Metadata } from "next";
import { PageTitle } from "@/app/_components/page-title";
import { siteContact } from "@/lib/config/site";
import { publicPage } from "@/lib/auth/guards";
import { getLocale, getTranslations } from "@/lib/i18n";
import { NewTabLink } from "@/app/_components/new-tab-link";
import { PageBody } from "@/app/_components/customer-shell";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("contactPage.title") };
}

// The manual's 「操作に関するお問い合わせ」: the contact window, from configuration.
export default async function ContactPage() {
  await publicPage();
  const t = await getTranslations();
  const contact = siteContact(await getLocale());
  return (
    <PageBody kind="form">
      <PageTitle>{t("contactPage.title")}</PageTitle>
      <p className="mb-6">{t("contactPage.lead")}</p>
      {/* The window's name and hours are configuration, in both languages (lib/config/site.ts). */}
      <h2 className="mb-2 text-lg font-bold">{contact.windowName}</h2>
      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
        <dt className="font-bold">{t("contactPage.web")}</dt>
        <dd>
          <NewTabLink href={contact.webFormUrl}>{t("contactPage.webLink")}</NewTabLink>
        </dd>
        <dt className="font-bold">{t("contactPage.phone")}</dt>
        <dd className="text-lg font-bold tabular-nums">{contact.phone}</dd>
        <dt className="font-bold">{t("contactPage.hours")}</dt>
        <dd>{contact.hours}</dd>
        <dt className="font-bold">{t("contactPage.faq")}</dt>
        <dd>
          <NewTabLink href={contact.faqUrl}>{t("top.faq")}</NewTabLink>
        </dd>
      </dl>
    </PageBody>
  );
}
