import Form from "next/form";
import Link from "next/link";
import { z } from "zod";
import { PendingButton } from "@/app/_components/form-controls";
import { Cell } from "@/app/_components/table-head";
import { findContractsForStaff, STAFF_SEARCH_LIMIT } from "@/lib/licenses/staff";
import { staffPage } from "@/lib/auth/guards";
import { formatDate } from "@/lib/dates";
import { getTranslations } from "@/lib/i18n";
import { ListTable, PageTitle } from "@/app/admin/_components/admin-page";
import { titleMetadata } from "@/app/admin/page-title";

export const generateMetadata = titleMetadata((t) => t("admin.contracts.title"));

// G-6 契約の検索 (operators, admins: `contracts.read`; anyone else 404). One box: digits are a ライセンスID, an @ an
// e-mail address (current or previous contact), a well-formed code an activation code, anything else a company name
// (the contract's company or its 契約窓口's, kana- and width-insensitive as B-6). A GET form: the address can be shared.
/** The box's text: one value of at most 200 characters; anything else (repeated, missing) is an empty search. */
const queryInput = z.string().max(200).catch("");

export default async function StaffContractsPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const actor = await staffPage("contracts.read");
  const q = queryInput.parse((await searchParams).q);
  const [t, result] = await Promise.all([getTranslations(), q.trim() ? findContractsForStaff({ actor, query: q }) : Promise.resolve(null)]);
  const c = await getTranslations("admin.contracts");
  return (
    <div>
      <PageTitle title={c("title")} intro={c("intro")} introClassName="mb-4 text-sm" />
      <Form action="/admin/contracts" role="search" className="mb-6 flex flex-wrap items-end gap-2">
        <label className="flex min-w-[20rem] flex-1 flex-col gap-1 text-sm font-bold">
          {c("query")}
          <input name="q" type="search" defaultValue={q} maxLength={200} autoFocus className="rounded border border-line bg-white px-3 py-2 font-normal" />
        </label>
        <PendingButton className="rounded bg-brand px-4 py-2 font-bold text-white disabled:opacity-60">{c("search")}</PendingButton>
      </Form>
      {q.trim() && !result ? <p role="alert">{c("invalid")}</p> : null}
      {result ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" className="mb-2 text-lg font-bold" role="status">
            {result.more
              ? c("foundMore", { kind: c(`kind.${result.kind}`), limit: STAFF_SEARCH_LIMIT })
              : c("found", { kind: c(`kind.${result.kind}`), count: result.rows.length })}
          </h2>
          {result.more ? <p className="mb-2 text-sm">{c("more", { limit: STAFF_SEARCH_LIMIT })}</p> : null}
          <ListTable
            items={result.rows}
            empty={c("none")}
            columns={[t("licenses.licenseId"), c("company"), t("licenses.product"), t("licenses.status"), c("endDate"), c("display")]}
            className="bg-white"
            data-testid="staff-contracts"
          >
            {(row) => (
              <tr key={row.licenseId} className="border-b border-line">
                <Cell label={t("licenses.licenseId")} className="p-2 tabular-nums">
                  <Link href={`/admin/contracts/${row.licenseId}`}>{row.licenseId}</Link>
                </Cell>
                <Cell label={c("company")} className="p-2" data-i18n-exempt="company name">
                  {row.companyName}
                </Cell>
                <Cell label={t("licenses.product")} className="p-2" data-i18n-exempt="product name">
                  {row.productName}
                </Cell>
                <Cell label={t("licenses.status")} className="p-2">
                  {c(`statusLabel.${row.status as "active" | "expired" | "registering" | "invalid"}`)}
                </Cell>
                <Cell label={c("endDate")} className="p-2 tabular-nums">
                  {formatDate(row.endDate)}
                </Cell>
                <Cell label={c("display")} className="p-2">
                  {row.hidden ? c("hidden") : c("shown")}
                </Cell>
              </tr>
            )}
          </ListTable>
        </section>
      ) : null}
    </div>
  );
}
