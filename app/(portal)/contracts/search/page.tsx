import type { Metadata } from "next";
import Link from "next/link";
import { SiteFooter } from "@/app/_components/site-footer";
import { SiteHeader } from "@/app/_components/site-header";
import { requireCustomer } from "@/lib/auth/current";
import { siteConfig } from "@/lib/config/site";
import { getMessages } from "@/lib/i18n";
import { ContractSearchForm } from "./search-form";

export const metadata: Metadata = { title: "アクティベーションコード等で探す" };

// B-7 契約内容の確認・変更・印刷 / tab 「アクティベーションコード等で探す」.
export default async function ContractSearchPage() {
  await requireCustomer({ next: "/contracts/search" });
  const t = await getMessages();
  const cs = t.contractSearch;
  const site = siteConfig();
  return (
    <>
      <SiteHeader currentPath="/contracts/search" />
      <main id="main" className="mx-auto max-w-4xl px-4 py-6">
        <h1 className="mb-4 border-l-4 border-brand pl-3 text-2xl font-bold">{cs.title}</h1>
        <nav aria-label={cs.title} className="mb-6 flex gap-1 border-b border-line">
          <Link href="/licenses" className="rounded-t border border-b-0 border-line px-4 py-2 text-link no-underline">
            {t.licenses.listTitle}
          </Link>
          <span aria-current="page" className="-mb-px rounded-t border border-b-white border-line bg-white px-4 py-2 font-bold">
            {cs.tab}
          </span>
        </nav>
        <ContractSearchForm
          labels={{ label: cs.label, hint: cs.hint, button: cs.button, quote: cs.quote, searchedKey: cs.searchedKey }}
          contact={{ windowName: site.contact.windowName, phone: site.contact.phone, hours: site.contact.hours, webFormUrl: site.contact.webFormUrl, webLink: t.contactPage.webLink, hoursLabel: t.contactPage.hours }}
        />
      </main>
      <SiteFooter />
    </>
  );
}
