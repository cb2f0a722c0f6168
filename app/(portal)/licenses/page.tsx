import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import type { InputHTMLAttributes } from "react";
import { redirect } from "next/navigation";
import { PageTitle } from "@/app/_components/page-title";
import { DataTable } from "@/app/_components/table-head";
import { customerPage } from "@/lib/auth/guards";
import { daysBetweenIsoDates, formatDate, tokyoDate } from "@/lib/dates";
import { now } from "@/lib/clock";
import { getFormatter, getTranslations } from "@/lib/i18n";
import { ClientMessages } from "@/app/_components/client-messages";
import { endsWithin, listVisibleContracts, listVisibleProducts, type LicenseSortKey } from "@/lib/licenses/queries";
import { pageWindow } from "@/lib/paging";
import { ENDING_WITHIN_DAYS, LICENSE_PAGE_SIZE, licenseListHref, parseLicenseListParams, type LicenseListParams } from "@/lib/validation/licenses";
import { LicenseRows } from "./license-rows";
import { licenseListQuery } from "./list-query";
import { PendingButton } from "@/app/_components/form-controls";
import { PageBody } from "@/app/_components/customer-shell";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("licenses.listTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// w-full min-w-0: a select is as wide as its longest option (a product name) unless told otherwise (360 px).
const FILTER_CONTROL = "mt-1 w-full min-w-0 rounded border border-[#8c959f] px-2 py-1 font-normal";

/** One search condition: its current value from the URL, marked invalid when the URL's value was refused. */
function FilterInput({
  label,
  name,
  value,
  invalid,
  ...input
}: { label: string; name: string; value: string | number | undefined; invalid: string[] } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="flex min-w-0 flex-col text-sm font-bold">
      {label}
      <input name={name} {...input} defaultValue={value ?? ""} aria-invalid={invalid.includes(name) || undefined} className={FILTER_CONTROL} />
    </label>
  );
}

/** One search condition chosen from a list (「すべて」 first); `data`: the option's label is data (a product name, X-5). */
function FilterSelect({
  label,
  name,
  value,
  invalid,
  any,
  options,
}: {
  label: string;
  name: string;
  value: string | number | undefined;
  invalid: string[];
  any: string;
  options: { value: string; label: string; data?: boolean }[];
}) {
  return (
    <label className="flex min-w-0 flex-col text-sm font-bold">
      {label}
      <select name={name} defaultValue={value ?? ""} aria-invalid={invalid.includes(name) || undefined} className={FILTER_CONTROL}>
        <option value="">{any}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value} data-i18n-exempt={option.data ? "product name" : undefined}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

// B-1 保有ライセンス一覧: the visible contracts (B-0), searchable by ライセンスID, 契約状況 and サポート終了日 — and (N-2)
// by product (those the customer holds) and "サポート終了まで 30/60/90 日以内" — sortable, paged; the conditions live
// in the URL, and 「CSV出力」 exports exactly the filtered list. A contract whose support ends within 90 days carries a
// badge with the days left beside its 契約状況.
const ENDING_BADGE_DAYS = 90;

export default async function LicensesPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = await searchParams;
  const { params, invalid, reversed } = parseLicenseListParams(raw);
  const dateInvalid = reversed ? [...invalid, "from", "to"] : invalid;
  const here = licenseListHref("/licenses", params);
  const session = await customerPage({ next: here });
  // The search form submits empty fields too: answer with the clean URL, which is what gets bookmarked and shared.
  if (invalid.length === 0 && Object.values(raw).some((value) => value === "")) redirect(here);
  const t = await getTranslations();
  const l = await getTranslations("licenses");
  const format = await getFormatter();
  const [{ rows, total }, heldProducts] = await Promise.all([
    listVisibleContracts({ actor: session, query: { ...licenseListQuery(params), page: params.page, pageSize: LICENSE_PAGE_SIZE } }),
    listVisibleProducts({ actor: session }),
  ]);
  const today = tokyoDate(now());
  const endingSoon = (supportEndDate: string) =>
    endsWithin(supportEndDate, today, ENDING_BADGE_DAYS) ? l("endingSoon", { days: daysBetweenIsoDates(today, supportEndDate) }) : null;
  const pages = Math.max(1, Math.ceil(total / LICENSE_PAGE_SIZE));
  // A page past the end (an old bookmark, contracts hidden since): the last page, rather than "51〜50件".
  // Not while a condition is invalid: the redirect would drop it, and its message with it.
  if (params.page > pages && invalid.length === 0) redirect(licenseListHref("/licenses", { ...params, page: pages }));
  const first = total === 0 ? 0 : (params.page - 1) * LICENSE_PAGE_SIZE + 1;
  const last = Math.min(total, params.page * LICENSE_PAGE_SIZE);
  const columns: { key: LicenseSortKey; label: string }[] = [
    { key: "licenseId", label: l("licenseId") },
    { key: "product", label: l("product") },
    { key: "status", label: l("status") },
    { key: "supportEndDate", label: l("supportEndDate") },
  ];
  const sortHref = (key: LicenseSortKey) =>
    licenseListHref("/licenses", { ...params, sort: key, dir: params.sort === key && params.dir === "asc" ? "desc" : "asc", page: 1 });
  const pageHref = (page: number) => licenseListHref("/licenses", { ...params, page });
  const exportHref = licenseListHref("/licenses/export", { ...params, page: undefined } as Partial<LicenseListParams>);

  return (
    <PageBody kind="list">
      <PageTitle>{l("listTitle")}</PageTitle>
      <Form action="/licenses" className="mb-4 grid gap-3 rounded border border-line bg-panel p-4 sm:grid-cols-2 lg:grid-cols-4" aria-label={l("search")}>
        <FilterInput label={l("licenseId")} name="licenseId" inputMode="numeric" value={params.licenseId} invalid={invalid} />
        <FilterSelect
          label={l("status")}
          name="status"
          value={params.status}
          invalid={invalid}
          any={l("any")}
          options={(["active", "expired"] as const).map((status) => ({ value: status, label: l(`statusLabel.${status}`) }))}
        />
        <FilterSelect
          label={l("product")}
          name="product"
          value={params.product}
          invalid={invalid}
          any={l("any")}
          options={heldProducts.map((product) => ({ value: product.code, label: product.name, data: true }))}
        />
        <FilterSelect
          label={l("endingWithin")}
          name="within"
          value={params.within}
          invalid={invalid}
          any={l("any")}
          options={ENDING_WITHIN_DAYS.map((days) => ({ value: String(days), label: l("endingWithinDays", { days }) }))}
        />
        <FilterInput label={l("supportEndFrom")} name="from" type="date" value={params.from} invalid={dateInvalid} />
        <FilterInput label={l("supportEndTo")} name="to" type="date" value={params.to} invalid={dateInvalid} />
        <div className="flex items-end gap-3">
          <PendingButton className="rounded bg-brand px-4 py-2 font-bold text-white hover:bg-brand-dark disabled:opacity-60">{l("search")}</PendingButton>
          <Link href="/licenses" className="pb-2 text-sm text-link underline">
            {l("clear")}
          </Link>
        </div>
      </Form>
      {invalid.length ? (
        <p role="alert" className="mb-4 rounded border border-brand bg-[#fff5f5] px-4 py-2 text-[#86061d]">
          {invalid.includes("licenseId") ? t("contractSearch.messages.nonDigit") : l("invalidFilter")}
        </p>
      ) : null}
      {reversed ? (
        <p role="alert" className="mb-4 rounded border border-brand bg-[#fff5f5] px-4 py-2 text-[#86061d]">
          {l("reversedRange")}
        </p>
      ) : null}
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <p role="status" className="text-sm">
          {l("count", { total, from: first, to: last })}
        </p>
        <a href={exportHref} className="rounded border border-link px-3 py-1 text-sm font-bold text-link no-underline hover:bg-panel" download>
          {l("csv")}
        </a>
      </div>
      {rows.length === 0 ? (
        <p className="rounded border border-line p-6 text-center">{l("none")}</p>
      ) : (
        <DataTable
          caption={l("listTitle")}
          sortLabel={l("sortHeading")}
          columns={[
            ...columns.map((c) => ({
              label: c.label,
              sort: {
                href: sortHref(c.key),
                direction: params.sort === c.key ? (params.dir === "asc" ? ("ascending" as const) : ("descending" as const)) : ("none" as const),
                ariaLabel: l("sortBy", { column: c.label }),
              },
            })),
            <span key="details" className="sr-only">
              {l("details")}
            </span>,
          ]}
        >
          <ClientMessages messages={["licenses.detailsName"]}>
            <LicenseRows
              rows={rows.map((row) => [row.licenseId, row.productName, row.status, formatDate(row.supportEndDate), endingSoon(row.supportEndDate)])}
              labels={[l("licenseId"), l("product"), l("status"), l("supportEndDate")]}
              statusLabels={{ active: l("statusLabel.active"), expired: l("statusLabel.expired") }}
              detailsLabel={l("details")}
            />
          </ClientMessages>
        </DataTable>
      )}
      {pages > 1 ? (
        <nav aria-label={l("pagination")} className="mt-4 flex flex-wrap items-center justify-center gap-2 text-sm">
          {params.page > 1 ? (
            <Link href={pageHref(params.page - 1)} className="px-2 py-1 text-link underline">
              {l("previous")}
            </Link>
          ) : null}
          {pageWindow(params.page, pages).map((item) =>
            item.kind === "gap" ? (
              <span key={item.key} aria-hidden="true" className="px-1 text-muted">
                …
              </span>
            ) : item.page === params.page ? (
              <span key={item.page} aria-current="page" className="min-w-8 rounded bg-brand px-2 py-1 text-center font-bold text-white tabular-nums">
                {format.number(item.page)}
              </span>
            ) : (
              <Link
                key={item.page}
                href={pageHref(item.page)}
                aria-label={l("pageN", { page: item.page })}
                className="min-w-8 rounded border border-line px-2 py-1 text-center text-link no-underline tabular-nums hover:bg-panel"
              >
                {format.number(item.page)}
              </Link>
            ),
          )}
          {params.page < pages ? (
            <Link href={pageHref(params.page + 1)} className="px-2 py-1 text-link underline">
              {l("next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </PageBody>
  );
}
