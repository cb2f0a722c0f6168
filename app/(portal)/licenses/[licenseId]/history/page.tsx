import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackLink } from "@/app/_components/back-link";
import { PageBody } from "@/app/_components/customer-shell";
import { PageTitle } from "@/app/_components/page-title";
import { customerPage } from "@/lib/auth/guards";
import { getTranslations } from "@/lib/i18n";
import { HISTORY_PAGE_SIZE, listContractHistory } from "@/lib/licenses/history";
import { historyPageInput } from "@/lib/validation/history";
import { licenseIdOrNotFound } from "../../route-params";
import { HistoryTable } from "../history-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("licenses.history.heading") };
}

// N-4 変更履歴, the whole of it: 50 a page, newest first, keyset paging by `before` (the last entry shown). A cursor
// that does not parse shows the first page with a message (never a 500); a contract the customer may not see, or a
// malformed ID, is a page that does not exist (B-0, SPEC R).
export default async function LicenseHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ licenseId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { licenseId: rawId } = await params;
  const session = await customerPage({ next: `/licenses/${encodeURIComponent(rawId)}/history` });
  const licenseId = licenseIdOrNotFound(rawId);
  const query = historyPageInput.safeParse(await searchParams);
  const before = query.success ? query.data.before : undefined;
  const [t, page] = await Promise.all([getTranslations(), listContractHistory({ actor: session, licenseId, before, limit: HISTORY_PAGE_SIZE })]);
  if (!page) notFound();
  const base = `/licenses/${licenseId}/history`;
  return (
    <PageBody kind="list">
      <BackLink href={`/licenses/${licenseId}`}>{t("licenses.history.backToDetail")}</BackLink>
      <PageTitle className="mb-4">{t("licenses.history.title", { licenseId: String(licenseId) })}</PageTitle>
      {query.success ? null : (
        <p role="alert" className="mb-4 rounded border border-[#9a6700] bg-[#fff8c5] px-4 py-3 text-sm">
          {t("licenses.history.badCursor")}
        </p>
      )}
      <p className="mb-4">
        <a href={`${base}/export`} download className="rounded border border-ink bg-white px-4 py-2 font-bold text-ink no-underline hover:bg-panel">
          {t("licenses.history.csv")}
        </a>
      </p>
      <HistoryTable entries={page.entries} t={t} />
      <nav aria-label={t("licenses.pagination")} className="mt-4 flex flex-wrap gap-4 text-sm">
        {before ? (
          <Link href={base} className="text-link underline">
            {t("licenses.history.newest")}
          </Link>
        ) : null}
        {page.next ? (
          <Link href={`${base}?before=${encodeURIComponent(page.next)}`} className="text-link underline" rel="next">
            {t("licenses.history.older")}
          </Link>
        ) : null}
      </nav>
    </PageBody>
  );
}
