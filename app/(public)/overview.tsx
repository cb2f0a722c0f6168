import Link from "next/link";
import { DataTable, Cell } from "@/app/_components/table-head";
import { HeadedSection } from "@/app/_components/headed-section";
import { formatDate, formatDateTime } from "@/lib/dates";
import { getTranslations } from "@/lib/i18n";
import type { CustomerActor } from "@/lib/auth/actor";
import { getOverview, OVERVIEW_LIMITS } from "@/lib/licenses/overview";
import { ENDING_WITHIN_DAYS } from "@/lib/validation/licenses";
import { licenseListHref } from "@/lib/validation/licenses";

// N-1 概要 (beyond the manual): a signed-in customer's contracts at a glance, on the top page above the service menu
// (the header's 「概要」 leads here from every page). Each number is a link to 保有ライセンス一覧 filtered to it; the
// top page's インフォメーション, right below, is the overview's newest notices. One query (lib/licenses/overview.ts).
export async function Overview({ actor }: { actor: CustomerActor }) {
  const [overview, t] = await Promise.all([getOverview({ actor }), getTranslations()]);
  const countLink = (href: string, label: string, count: number) => (
    <Link
      href={href}
      aria-label={t("overview.countLink", { label, count })}
      className="block rounded border border-line bg-white px-3 py-2 text-center no-underline hover:bg-panel"
    >
      <span className="block text-sm text-ink">{label}</span>
      <span className="block text-2xl font-bold text-link tabular-nums">{t("overview.count", { count })}</span>
    </Link>
  );
  return (
    <HeadedSection
      id="overview-heading"
      heading={t("overview.heading")}
      headingClassName="mb-3 border-l-4 border-brand pl-3 text-xl font-bold"
      className="scroll-mt-4"
    >
      <div id="overview" className="grid gap-4 sm:grid-cols-[2fr_3fr]">
        <HeadedSection id="overview-contracts" heading={t("overview.contractsHeading")} className="rounded-md border border-line bg-panel p-3">
          <div className="grid grid-cols-2 gap-2">
            {countLink(licenseListHref("/licenses", { status: "active" }), t("overview.active"), overview.active)}
            {countLink(licenseListHref("/licenses", { status: "expired" }), t("overview.expired"), overview.expired)}
          </div>
        </HeadedSection>
        <HeadedSection id="overview-ending" heading={t("overview.endingHeading")} className="rounded-md border border-line bg-panel p-3">
          <div className="grid grid-cols-3 gap-2">
            {ENDING_WITHIN_DAYS.map((days) => (
              <div key={days}>
                {countLink(licenseListHref("/licenses", { within: days }), t("overview.endingWithin", { days }), overview.endingWithin[days])}
              </div>
            ))}
          </div>
          <p className="mt-2 text-xs text-muted">{t("overview.endingNote")}</p>
        </HeadedSection>
      </div>
      <HeadedSection id="overview-open" heading={t("overview.openHeading")} className="mt-4">
        {overview.nameChanges.length === 0 && overview.waitingIssuances.length === 0 ? (
          <p className="text-sm">{t("overview.noOpen")}</p>
        ) : (
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {overview.nameChanges.map((request) => (
              <li key={`name-${request.id}`}>
                <Link href={`/licenses/${request.licenseId}`} className="text-link underline">
                  {t("overview.nameChange", {
                    licenseId: String(request.licenseId),
                    role: t(`mail.contactChange.role.${request.role}`),
                    name: request.requestedCompanyName,
                    requestedAt: formatDate(request.requestedAt),
                    dueDate: formatDate(request.dueDate),
                  })}
                </Link>
              </li>
            ))}
            {overview.nameChangeCount > overview.nameChanges.length ? (
              <li>{t("overview.nameChangeMore", { count: overview.nameChangeCount - overview.nameChanges.length })}</li>
            ) : null}
            {overview.waitingIssuances.map((request) => (
              <li key={`issuance-${request.id}`}>
                {t("overview.issuance", {
                  licenseId: String(request.licenseId),
                  title: issuanceTitle(t, request.kind),
                  expiresAt: formatDateTime(request.expiresAt),
                })}
              </li>
            ))}
            {overview.waitingIssuanceCount > overview.waitingIssuances.length ? (
              <li>{t("overview.issuanceMore", { count: overview.waitingIssuanceCount - overview.waitingIssuances.length })}</li>
            ) : null}
          </ul>
        )}
        {overview.waitingIssuances.length > 0 ? <p className="mt-1 text-xs text-muted">{t("overview.issuanceNote")}</p> : null}
      </HeadedSection>
      <HeadedSection id="overview-codes" heading={t("overview.codesHeading")} className="mt-4">
        {overview.recentCodes.length === 0 ? (
          <p className="text-sm">{t("overview.noCodes")}</p>
        ) : (
          <DataTable
            caption={t("overview.codesCaption", { count: OVERVIEW_LIMITS.codes })}
            columns={[t("overview.issuedAt"), t("licenses.licenseId"), t("licenses.product"), t("licenses.quantity"), t("licenses.activationCode")]}
          >
            <tbody>
              {overview.recentCodes.map((code) => (
                <tr key={code.lineId} className="border-b border-line">
                  <Cell label={t("overview.issuedAt")} className="p-2 tabular-nums">
                    {formatDate(code.issuedAt)}
                  </Cell>
                  <Cell label={t("licenses.licenseId")} className="p-2">
                    <Link href={`/licenses/${code.licenseId}`} prefetch={false} className="font-bold text-link underline">
                      {code.licenseId}
                    </Link>
                  </Cell>
                  <Cell label={t("licenses.product")} className="p-2" data-i18n-exempt="product name">
                    {code.productName}
                  </Cell>
                  <Cell label={t("licenses.quantity")} className="p-2 tabular-nums">
                    {code.quantity}
                  </Cell>
                  <Cell label={t("licenses.activationCode")} className="p-2 font-mono break-all" data-i18n-exempt="activation code">
                    {code.activationCode}
                  </Cell>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </HeadedSection>
    </HeadedSection>
  );
}

type Translate = Awaited<ReturnType<typeof getTranslations>>;

/** A waiting issuance's flow, as its mails name it (C-1, C-2, C-4 mail a URL; C-3 issues at once). */
function issuanceTitle(t: Translate, kind: string): string {
  const key = `mail.issuance.title.${kind}`;
  const loose = t as unknown as { (key: string): string; has(key: string): boolean };
  return loose.has(key) ? loose(key) : kind;
}
