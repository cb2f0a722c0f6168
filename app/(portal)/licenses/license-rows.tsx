"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { ContractStatusBadge, EndingSoonBadge, type ContractStatusValue } from "@/app/_components/contract-status-badge";
import { Cell } from "@/app/_components/table-head";

// B-1 table body. A client component only so that the page's RSC payload carries each row as four values rather
// than its whole markup (the server still renders the HTML): the payload of a 50-row page was half its size.
// The fifth value is N-2's badge, its words (「サポート終了まであと20日」), for a contract whose support ends within 90 days.
export type LicenseRowView = [licenseId: number, productName: string, status: ContractStatusValue, supportEndDate: string, endingSoon: string | null];

/**
 * `labels` are the four columns' names, which each cell shows on the small-width card; `statusLabels` the 契約状況
 * badge's words; each row's 「詳細を見る」 is named for screen readers by licenses.detailsName (the page's provider
 * ships that one message).
 */
export function LicenseRows({
  rows,
  labels,
  statusLabels,
  detailsLabel,
}: {
  rows: LicenseRowView[];
  labels: readonly [string, string, string, string];
  statusLabels: Record<ContractStatusValue, string>;
  detailsLabel: string;
}) {
  const t = useTranslations("licenses");
  return (
    <tbody>
      {rows.map(([licenseId, productName, status, supportEndDate, endingSoon]) => (
        <tr key={licenseId} className="border-b border-line">
          <Cell label={labels[0]} className="p-2">
            {/* prefetch={false}: each row's link would otherwise ask the server for its contract as it scrolls into
                view — up to 100 background requests per page view of a large customer. */}
            <Link href={`/licenses/${licenseId}`} prefetch={false} className="font-bold text-link underline">
              {licenseId}
            </Link>
          </Cell>
          <Cell label={labels[1]} className="p-2" data-i18n-exempt="product name">
            {productName}
          </Cell>
          <Cell label={labels[2]} className="p-2">
            <span className="inline-flex flex-wrap gap-1">
              <ContractStatusBadge status={status} label={statusLabels[status]} />
              {endingSoon ? <EndingSoonBadge label={endingSoon} /> : null}
            </span>
          </Cell>
          <Cell label={labels[3]} className="p-2 tabular-nums">
            {supportEndDate}
          </Cell>
          <Cell className="p-2 text-right">
            <Link
              href={`/licenses/${licenseId}`}
              prefetch={false}
              className="inline-block rounded border border-link px-3 py-1 text-link no-underline hover:bg-panel"
              aria-label={t("detailsName", { id: String(licenseId) })}
            >
              {detailsLabel}
            </Link>
          </Cell>
        </tr>
      ))}
    </tbody>
  );
}
