import type { Metadata } from "next";
import { ContractStatusBadge } from "@/app/_components/contract-status-badge";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageTitle } from "@/app/_components/page-title";
import { Cell, DataTable } from "@/app/_components/table-head";
import { customerPage } from "@/lib/auth/guards";
import { formatDate, formatDateTime } from "@/lib/dates";
import { getFormatter, getTranslations, type translator } from "@/lib/i18n";
import { listContractRequests } from "@/lib/issuance/requests";
import { getPendingNameChange } from "@/lib/licenses/contact-change";
import { HISTORY_PREVIEW_SIZE, listContractHistory } from "@/lib/licenses/history";
import { getVisibleContract, type ContactInfo } from "@/lib/licenses/queries";
import { getRenewalEligibility } from "@/lib/renewal/quotes";
import { HistoryTable } from "./history-table";
import { ResendLinkButton } from "./issuance-requests";
import { licenseIdOrNotFound } from "../route-params";
import { HeadedSection } from "@/app/_components/headed-section";
import { BackLink } from "@/app/_components/back-link";
import { PageBody } from "@/app/_components/customer-shell";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("licenses.detailTitle") };
}

type LicensesT = ReturnType<typeof translator<"licenses">>;

function ContactTable({ title, contact, t }: { title: string; contact: ContactInfo; t: LicensesT }) {
  const rows: [string, string | null][] = [
    [t("companyName"), contact.companyName],
    [t("branchName"), contact.branchName],
    [t("department"), contact.department],
    [t("personName"), contact.personName],
    [t("postalCode"), contact.postalCode ? t("postalCodeValue", { code: contact.postalCode }) : null],
    [t("prefecture"), contact.prefecture],
    [t("address"), contact.address],
    [t("phone"), contact.phone],
    [t("email"), contact.email],
  ];
  return (
    <section aria-labelledby={`${title}-heading`} className="rounded border border-line">
      <h2 id={`${title}-heading`} className="border-b border-line bg-panel px-4 py-2 font-bold">
        {title}
      </h2>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 p-4 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-bold text-muted">{label}</dt>
            {/* Names, addresses and numbers as the contract records hold them, in any locale. */}
            <dd className="break-all" data-i18n-exempt="contact data">
              {value ?? "—"}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

// B-2: 契約窓口情報 / サポート窓口情報, 保有製品情報 and the three actions. A contract the customer may not see
// answers like a page that does not exist (SPEC R, B-0).
export default async function LicenseDetailPage({ params }: { params: Promise<{ licenseId: string }> }) {
  const { licenseId: rawId } = await params;
  const session = await customerPage({ next: `/licenses/${encodeURIComponent(rawId)}` });
  const licenseId = licenseIdOrNotFound(rawId);
  const [t, contract, pendingName, renewal, history] = await Promise.all([
    getTranslations(),
    getVisibleContract({ actor: session, licenseId }),
    getPendingNameChange({ actor: session, licenseId }),
    getRenewalEligibility({ actor: session, licenseId }),
    listContractHistory({ actor: session, licenseId, limit: HISTORY_PREVIEW_SIZE }),
  ]);
  if (!contract) notFound();
  // Only after the contract proved visible: its issuance requests (C-1, C-2, C-4).
  const requests = await listContractRequests({ actor: session, licenseId: contract.licenseId });
  const l = await getTranslations("licenses");
  const format = await getFormatter();
  const colon = t("common.colon");
  const pdfHref = `/licenses/${contract.licenseId}/pdf`;
  return (
    <PageBody kind="list">
      <BackLink href="/licenses">{l("backToList")}</BackLink>
      <PageTitle className="mb-1">{l("detailTitle")}</PageTitle>
      <dl className="mb-6 flex flex-wrap gap-x-6 gap-y-1 pl-4 text-sm">
        <div>
          <dt className="inline font-bold">
            {l("licenseId")}
            {colon}
          </dt>
          <dd className="inline">{contract.licenseId}</dd>
        </div>
        <div>
          <dt className="inline font-bold">
            {l("product")}
            {colon}
          </dt>
          <dd className="inline" data-i18n-exempt="product name">
            {contract.productName}
          </dd>
        </div>
        <div>
          <dt className="inline font-bold">
            {l("status")}
            {colon}
          </dt>
          <dd className="inline">
            <ContractStatusBadge status={contract.status} label={l(`statusLabel.${contract.status}`)} />
          </dd>
        </div>
        <div>
          <dt className="inline font-bold">
            {l("supportEndDate")}
            {colon}
          </dt>
          <dd className="inline">{formatDate(contract.supportEndDate)}</dd>
        </div>
      </dl>
      <div className="mb-6 flex flex-wrap gap-3">
        <div className="flex flex-col">
          {/* B-3: opens in the browser's PDF viewer; the second link saves it as license-<id>-<yyyymmdd>.pdf. */}
          <a
            href={pdfHref}
            target="_blank"
            rel="noopener"
            className="rounded bg-brand px-4 py-2 text-center font-bold text-white no-underline hover:bg-brand-dark"
          >
            {l("pdf")}
            <span className="sr-only">{t("top.opensInNewTab")}</span>
          </a>
          <a href={`${pdfHref}?download=1`} download className="mt-1 text-xs text-link underline">
            {l("pdfDownload")}
          </a>
        </div>
        {/* B-5 ①: the change flow. */}
        <div className="flex flex-col">
          <Link
            href={`/licenses/${contract.licenseId}/contacts`}
            className="rounded border border-ink bg-white px-4 py-2 text-center font-bold text-ink no-underline hover:bg-panel"
          >
            {l("changeContacts")}
          </Link>
        </div>
        {/* B-4: enabled only under its conditions (lib/renewal/pricing.ts); else disabled, with the reason beside it. */}
        <div className="flex flex-col">
          {renewal?.eligible ? (
            <Link
              href={`/licenses/${contract.licenseId}/renewal`}
              className="rounded border border-ink bg-white px-4 py-2 text-center font-bold text-ink no-underline hover:bg-panel"
            >
              {l("renewal")}
            </Link>
          ) : (
            <>
              <button
                type="button"
                disabled
                aria-describedby="renewal-reason"
                className="cursor-not-allowed rounded border border-line bg-panel px-4 py-2 font-bold text-muted"
              >
                {l("renewal")}
              </button>
              <span id="renewal-reason" className="mt-1 max-w-xs text-xs text-muted" data-testid="renewal-disabled-reason">
                {renewal ? t(`renewal.reasons.${renewal.reason}`) : null}
              </span>
            </>
          )}
        </div>
      </div>
      {pendingName ? (
        <p role="status" className="mb-4 rounded border border-[#9a6700] bg-[#fff8c5] px-4 py-3 text-sm">
          {t("contactChange.pendingNotice", {
            name: [pendingName.requestedCompanyName, pendingName.requestedBranchName].filter(Boolean).join(" "),
            requested: formatDate(pendingName.createdAt),
            due: formatDate(pendingName.dueDate),
          })}
        </p>
      ) : null}
      <div className="mb-6 grid gap-4 md:grid-cols-2">
        <ContactTable title={l("contractContact")} contact={contract.contractContact} t={l} />
        <ContactTable title={l("supportContact")} contact={contract.supportContact} t={l} />
      </div>
      <HeadedSection id="holdings-heading" heading={l("holdings")}>
        <DataTable columns={[l("product"), { label: l("quantity"), className: "text-right" }, l("period"), l("supportEndDate"), l("activationCode")]}>
          <tbody>
            {contract.lines.map((line, index) => (
              <tr key={`${line.activationCode ?? index}`} className="border-b border-line">
                <Cell label={l("product")} className="p-2" data-i18n-exempt="product name">
                  {line.productName}
                </Cell>
                <Cell label={l("quantity")} className="p-2 text-right tabular-nums">
                  {format.number(line.quantity)}
                </Cell>
                <Cell label={l("period")} className="p-2 tabular-nums whitespace-nowrap">
                  {l("periodRange", { start: formatDate(line.startDate), end: formatDate(line.endDate) })}
                </Cell>
                <Cell label={l("supportEndDate")} className="p-2 tabular-nums">
                  {formatDate(line.supportEndDate)}
                </Cell>
                <Cell label={l("activationCode")} className="p-2 font-mono break-all" data-i18n-exempt="activation code">
                  {line.activationCode ?? "—"}
                </Cell>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </HeadedSection>
      {requests.length > 0 ? (
        <HeadedSection id="requests-heading" heading={t("issuance.requests.heading")} className="mt-8">
          <DataTable
            data-testid="issuance-requests"
            columns={[t("issuance.requestedAt"), t("issuance.requests.form"), t("issuance.requests.products"), t("issuance.requests.state")]}
          >
            <tbody>
              {requests.map((request) => (
                <tr key={request.requestId} className="border-b border-line align-top">
                  <Cell label={t("issuance.requestedAt")} className="p-2 tabular-nums whitespace-nowrap">
                    {formatDateTime(request.requestedAt)}
                  </Cell>
                  <Cell label={t("issuance.requests.form")} className="p-2">
                    {t(`issuance.forms.${request.kind}.title`)}
                  </Cell>
                  <Cell label={t("issuance.requests.products")} className="p-2" data-i18n-exempt="product names">
                    {format.list(
                      request.items.map((item) => t("issuance.requests.item", { product: item.productName, quantity: item.quantity })),
                      { type: "conjunction" },
                    )}
                  </Cell>
                  <Cell label={t("issuance.requests.state")} className="p-2">
                    <p>{t(`issuance.requests.states.${request.state}`, { time: request.expiresAt ? formatDateTime(request.expiresAt) : "" })}</p>
                    {request.mine && (request.state === "requested" || request.state === "expired") ? (
                      <ResendLinkButton requestId={request.requestId} label={t("issuance.requests.resend")} />
                    ) : null}
                  </Cell>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </HeadedSection>
      ) : null}
      {/* N-4 変更履歴: B-2 shows the five newest entries (HISTORY_PREVIEW_SIZE); the whole history, paged, and its CSV
          are under /licenses/[licenseId]/history. */}
      <HeadedSection id="history-heading" heading={l("history.heading")} className="mt-8">
        <HistoryTable entries={history?.entries ?? []} t={t} />
        <p className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm">
          <Link href={`/licenses/${contract.licenseId}/history`} className="text-link underline">
            {l("history.viewAll")}
          </Link>
          <a href={`/licenses/${contract.licenseId}/history/export`} download className="text-link underline">
            {l("history.csv")}
          </a>
        </p>
      </HeadedSection>
    </PageBody>
  );
}
