import type { Metadata } from "next";
import Link from "next/link";
import { Cell, DataTable } from "@/app/_components/table-head";
import { notFound } from "next/navigation";
import { customerPage } from "@/lib/auth/guards";
import { formatDate } from "@/lib/dates";
import { getTranslations } from "@/lib/i18n";
import { BACK_NUMBERS_PER_PAGE, listBackNumbers } from "@/lib/support-mail/subscriptions";
import { PageBody } from "@/app/_components/customer-shell";
import { PageTitle } from "@/app/_components/page-title";
import { BackLink } from "@/app/_components/back-link";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("mailSettings.backNumbers") };
}

// E-3 ④ Support Informationリスト: the sent mails, newest first (date, title), 20 a page; a title opens the mail (⑤).
export default async function BackNumbersPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  await customerPage({ next: "/account/mail/back-numbers" });
  const raw = (await searchParams).page;
  const page = raw === undefined ? 1 : typeof raw === "string" && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : null;
  if (page === null) notFound();
  const [t, { items, total }] = await Promise.all([getTranslations(), listBackNumbers(page)]);
  const m = await getTranslations("mailSettings");
  const pages = Math.max(1, Math.ceil(total / BACK_NUMBERS_PER_PAGE));
  if (page > pages) notFound();
  return (
    <PageBody kind="list">
      <BackLink href="/account/mail">{m("backToSettings")}</BackLink>
      <PageTitle>{m("backNumbers")}</PageTitle>
      {items.length === 0 ? (
        <p>{m("noBackNumbers")}</p>
      ) : (
        <DataTable data-testid="back-numbers" className="bg-white" columns={[{ label: m("date"), className: "w-40" }, m("subject")]}>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} className="border-b border-line">
                <Cell label={m("date")} className="p-2 tabular-nums">
                  {formatDate(item.sentAt)}
                </Cell>
                <Cell label={m("subject")} className="p-2" data-i18n-exempt="mail title, written by staff">
                  <Link href={`/account/mail/back-numbers/${item.id}`}>{item.title}</Link>
                </Cell>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {pages > 1 ? (
        <nav aria-label={t("licenses.pagination")} className="mt-4 flex gap-4">
          {page > 1 ? <Link href={`/account/mail/back-numbers?page=${page - 1}`}>{t("licenses.previous")}</Link> : null}
          <span>{t("licenses.pageN", { page })}</span>
          {page < pages ? <Link href={`/account/mail/back-numbers?page=${page + 1}`}>{t("licenses.next")}</Link> : null}
        </nav>
      ) : null}
    </PageBody>
  );
}
