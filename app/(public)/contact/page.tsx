import type { Metadata } from "next";
import { SiteFooter } from "@/app/_components/site-footer";
import { SiteHeader } from "@/app/_components/site-header";
import { siteConfig } from "@/lib/config/site";
import { getMessages } from "@/lib/i18n";

export const metadata: Metadata = { title: "お問い合わせ" };

// The manual's 「操作に関するお問い合わせ」: the contact window, from configuration.
export default async function ContactPage() {
  const t = await getMessages();
  const site = siteConfig();
  return (
    <>
      <SiteHeader currentPath="/contact" />
      <main id="main" className="mx-auto max-w-4xl px-4 py-6">
        <h1 className="mb-4 border-l-4 border-brand pl-3 text-2xl font-bold">{t.contactPage.title}</h1>
        <p className="mb-6">{t.contactPage.lead}</p>
        <h2 className="mb-2 text-lg font-bold">{site.contact.windowName}</h2>
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
          <dt className="font-bold">{t.contactPage.web}</dt>
          <dd>
            <a href={site.contact.webFormUrl} target="_blank" rel="noopener noreferrer" className="text-link underline">
              {t.contactPage.webLink}
              <span className="sr-only">{t.top.opensInNewTab}</span>
            </a>
          </dd>
          <dt className="font-bold">{t.contactPage.phone}</dt>
          <dd className="text-lg font-bold tabular-nums">{site.contact.phone}</dd>
          <dt className="font-bold">{t.contactPage.hours}</dt>
          <dd>{site.contact.hours}</dd>
          <dt className="font-bold">{t.contactPage.faq}</dt>
          <dd>
            <a href={site.contact.faqUrl} target="_blank" rel="noopener noreferrer" className="text-link underline">
              {t.top.faq}
              <span className="sr-only">{t.top.opensInNewTab}</span>
            </a>
          </dd>
        </dl>
      </main>
      <SiteFooter />
    </>
  );
}
