import type { Metadata } from "next";
import Link from "next/link";
import { PageTitle } from "@/app/_components/page-title";
import { customerPage } from "@/lib/auth/guards";
import { searchNoticeProps } from "@/app/_components/search-notice-props";
import { getLocale, getTranslations } from "@/lib/i18n";
import { ContractSearchForm } from "./search-form";
import { PageBody } from "@/app/_components/customer-shell";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("contractSearch.tab") };
}

// B-7 契約内容の確認・変更・印刷 / tab 「アクティベーションコード等で探す」.
export default async function ContractSearchPage() {
  await customerPage({ next: "/contracts/search" });
  const t = await getTranslations();
  const cs = await getTranslations("contractSearch");
  const { notice, contact } = searchNoticeProps(t, await getLocale());
  return (
    <PageBody kind="form">
      <PageTitle>{cs("title")}</PageTitle>
      <nav aria-label={cs("title")} className="mb-6 flex gap-1 border-b border-line">
        <Link href="/licenses" className="rounded-t border border-b-0 border-line px-4 py-2 text-link no-underline">
          {t("licenses.listTitle")}
        </Link>
        <span aria-current="page" className="-mb-px rounded-t border border-b-white border-line bg-white px-4 py-2 font-bold">
          {cs("tab")}
        </span>
      </nav>
      <ContractSearchForm labels={{ label: cs("label"), hint: cs("hint"), button: cs("button"), ...notice }} contact={contact} />
    </PageBody>
  );
}
