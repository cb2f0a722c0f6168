import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ClientMessages } from "@/app/_components/client-messages";
import { PageTitle } from "@/app/_components/page-title";
import { Cell, DataTable } from "@/app/_components/table-head";
import { customerPage } from "@/lib/auth/guards";
import { getTranslations } from "@/lib/i18n";
import { formatDate } from "@/lib/dates";
import { quoteNumber } from "@/lib/renewal/quote-number";
import { getRenewalOffer, listMyQuotes } from "@/lib/renewal/quotes";
import { RenewalForm } from "./renewal-form";
import { licenseIdOrNotFound } from "../../route-params";
import { HeadedSection } from "@/app/_components/headed-section";
import { BackLink } from "@/app/_components/back-link";
import { PageBody } from "@/app/_components/customer-shell";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("renewal.confirmTitle") };
}

// B-4 ② 更新対象 and 更新後製品: the contract's renewed lines with their 数量 (not editable), a choice where a product
// has several successors, and 「参考更新価格表示」. A contract the customer may not see answers like a page that does
// not exist (B-0); one whose renewal is not available says why, as the detail page does.
export default async function RenewalPage({ params }: { params: Promise<{ licenseId: string }> }) {
  const { licenseId: rawId } = await params;
  const actor = await customerPage({ next: `/licenses/${encodeURIComponent(rawId)}/renewal` });
  const licenseId = licenseIdOrNotFound(rawId);
  const [t, offer] = await Promise.all([getTranslations(), getRenewalOffer({ actor, licenseId })]);
  if (!offer) notFound();
  // Only after the contract proved visible: this account's own quotes of it, to open again.
  const quotes = await listMyQuotes({ actor, licenseId: offer.licenseId });
  const r = await getTranslations("renewal");
  return (
    <PageBody kind="list">
      <BackLink href={`/licenses/${offer.licenseId}`}>{r("backToDetail")}</BackLink>
      <PageTitle className="mb-1">{r("confirmTitle")}</PageTitle>
      <p className="mb-6 pl-4 text-sm">
        {r("licenseId")}
        {t("common.colon")}
        {offer.licenseId}
        <span className="ml-4" data-i18n-exempt="product name">
          {offer.productName}
        </span>
      </p>
      {offer.eligibility.eligible ? (
        <ClientMessages
          messages={[
            "renewal.intro",
            "renewal.chooseIntro",
            "renewal.fixedNote",
            "renewal.target",
            "renewal.successor",
            "renewal.product",
            "renewal.quantity",
            "renewal.chooseLegend",
            "renewal.chooseRequired",
            "renewal.open",
            "renewal.download",
            "renewal.show",
          ]}
        >
          <RenewalForm
            licenseId={offer.licenseId}
            lines={offer.lines.map((line) => ({
              lineId: line.lineId,
              productName: line.productName,
              quantity: line.quantity,
              options: line.options.map((o) => ({ code: o.code, name: o.name })),
            }))}
          />
        </ClientMessages>
      ) : (
        <p role="status" className="rounded border border-line bg-panel px-4 py-3" data-testid="renewal-disabled-reason">
          {r(`reasons.${offer.eligibility.reason}`)}
        </p>
      )}
      {quotes.length > 0 ? (
        <HeadedSection id="quotes-heading" heading={r("history.heading")} className="mt-10">
          <DataTable
            data-testid="renewal-quotes"
            columns={[
              r("pdf.quoteNumber"),
              r("pdf.quoteDate"),
              r("successor"),
              r("pdf.validUntil"),
              { label: r("pdf.grandTotal"), className: "text-right" },
              <span key="open" className="sr-only">
                {r("open")}
              </span>,
            ]}
          >
            <tbody>
              {quotes.map((quote) => (
                <tr key={quote.id} className="border-b border-line">
                  <Cell label={r("pdf.quoteNumber")} className="p-2 font-mono">
                    {quoteNumber(quote.id)}
                  </Cell>
                  <Cell label={r("pdf.quoteDate")} className="p-2 tabular-nums">
                    {formatDate(quote.quoteDate)}
                  </Cell>
                  {/* Which successor the quote used: B-4 ② lets the customer compare one with another. */}
                  <Cell label={r("successor")} className="p-2" data-i18n-exempt="product name">
                    <ul>
                      {quote.successors.map((name, index) => (
                        <li key={index}>{name}</li>
                      ))}
                    </ul>
                  </Cell>
                  <Cell label={r("pdf.validUntil")} className="p-2 tabular-nums">
                    {formatDate(quote.validUntil)}
                  </Cell>
                  <Cell label={r("pdf.grandTotal")} className="p-2 text-right tabular-nums">
                    {r("yen", { amount: quote.totalYen })}
                  </Cell>
                  <Cell className="p-2">
                    <a href={`/licenses/${offer.licenseId}/renewal/quotes/${quote.id}`} target="_blank" rel="noopener" className="text-link underline">
                      {r("open")}
                      <span className="sr-only"> {quoteNumber(quote.id)}</span>
                    </a>
                  </Cell>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </HeadedSection>
      ) : null}
    </PageBody>
  );
}
