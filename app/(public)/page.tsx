import Link from "next/link";
import type { ReactNode } from "react";
import { LockIcon } from "@/app/_components/icons";
import { ServiceMenu } from "@/app/_components/service-menu";
import { NoticeList } from "@/app/_components/notice-list";
import { siteConfig, siteContact } from "@/lib/config/site";
import { getLocale, getTranslations } from "@/lib/i18n";
import { listPublishedNotices } from "@/lib/notices/queries";
import { publicPage } from "@/lib/auth/guards";
import { NewTabLink } from "@/app/_components/new-tab-link";
import { HeadedSection } from "@/app/_components/headed-section";
import { PageBody } from "@/app/_components/customer-shell";
import { Overview } from "./overview";

export const dynamic = "force-dynamic";

// SPEC T: お客様ログイン, サービスメニュー, 技術サポート, インフォメーション, お問い合わせ; signed in, N-1's 概要 first.
export default async function TopPage() {
  const [t, notices, customer] = await Promise.all([getTranslations(), listPublishedNotices({ limit: 5 }), publicPage()]);
  const site = siteConfig();
  const contact = siteContact(await getLocale());
  return (
    <PageBody kind="list" className="grid gap-8 lg:grid-cols-[2fr_1fr]">
      <div className="space-y-8">
        {customer && !customer.mustChangePassword ? <Overview actor={customer} /> : null}
        <ServiceMenu signedIn={customer !== null} />
        <section aria-labelledby="information-heading">
          <div className="mb-3 flex items-baseline justify-between">
            <h2 id="information-heading" className="border-l-4 border-brand pl-3 text-xl font-bold">
              {t("top.information")}
            </h2>
            <Link href="/notices" className="text-sm text-link underline">
              {t("top.allNotices")}
            </Link>
          </div>
          <NoticeList notices={notices} />
        </section>
      </div>
      <aside className="space-y-6">
        {customer ? (
          <TopPanel
            heading={t("top.signedInHeading")}
            note={<p className="mb-3 text-sm break-all">{t("top.signedInAs", { email: customer.email })}</p>}
            primary={{ href: "/licenses", label: t("top.toLicenses") }}
            secondary={{ href: "/account/password", label: t("top.toPassword") }}
          />
        ) : (
          <TopPanel
            heading={t("top.customerLogin")}
            note={
              <p className="mb-3 flex items-start gap-1 text-sm">
                <span className="mt-1 text-muted">
                  <LockIcon />
                </span>
                {t("top.lockNote")}
              </p>
            }
            primary={{ href: "/login", label: t("top.loginButton") }}
            secondary={{ href: "/password/temporary", label: t("top.passwordHelp") }}
          />
        )}
        <HeadedSection id="support-heading" heading={t("top.technicalSupport")} className="rounded-md border border-line p-4">
          <p className="mb-2 text-sm">{t("top.technicalSupportNote")}</p>
          <NewTabLink href={site.technicalSupportUrl}>
            {t("top.technicalSupport")}
            {t("common.colon")}
            {t("top.technicalSupportLink")}
          </NewTabLink>
        </HeadedSection>
        <HeadedSection id="contact-heading" heading={t("top.contact")} className="rounded-md border border-line p-4">
          <p className="mb-2 text-sm">{t("top.contactNote")}</p>
          <ul className="space-y-1 text-sm">
            <li>
              <NewTabLink href={site.contact.faqUrl}>{t("top.faq")}</NewTabLink>
            </li>
            <li>
              <Link href="/contact" className="text-link underline">
                {t("top.contactDetails")}
              </Link>
            </li>
          </ul>
          <p className="mt-3 text-sm">
            <span>{contact.windowName}</span>
            <br />
            <span className="text-lg font-bold tabular-nums">
              <a href={`tel:${site.contact.phone.replaceAll("-", "")}`} className="text-ink no-underline">
                {site.contact.phone}
              </a>
            </span>
            <br />
            <span className="text-muted">
              {t("contactPage.hours")}
              {t("common.colon")}
              {contact.hours}
            </span>
          </p>
        </HeadedSection>
      </aside>
    </PageBody>
  );
}

type PanelLink = { href: string; label: string };

// The お客様ログイン panel (SPEC T) and, signed in, its ログイン中 form: one frame, one main button, one text link.
function TopPanel({ heading, note, primary, secondary }: { heading: string; note: ReactNode; primary: PanelLink; secondary: PanelLink }) {
  return (
    <HeadedSection id="login-heading" heading={heading} className="rounded-md border border-line bg-panel p-4">
      {note}
      <Link href={primary.href} className="block rounded bg-brand px-4 py-2 text-center font-bold text-white no-underline hover:bg-brand-dark">
        {primary.label}
      </Link>
      <Link href={secondary.href} className="mt-2 block text-sm text-link underline">
        {secondary.label}
      </Link>
    </HeadedSection>
  );
}
