import Link from "next/link";
import { Cell } from "@/app/_components/table-head";
import { hiddenColumn, ListRow, ListTable } from "@/app/admin/_components/admin-page";
import { staffPage } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/dates";
import { getTranslations } from "@/lib/i18n";
import { listNoticesForStaff } from "@/lib/notices/admin";
import { titleMetadata } from "@/app/admin/page-title";

export const generateMetadata = titleMetadata((t) => t("admin.notices.title"));

// G-2: every notice with where it stands (下書き, 掲載予定, 掲載中, 掲載終了) for marketers and admins (`notices.write`;
// anyone else 404). After a deletion the action comes back here with ?deleted=1.
export default async function AdminNoticesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await staffPage("notices.write");
  const [t, notices, query] = await Promise.all([getTranslations(), listNoticesForStaff({ actor }), searchParams]);
  const n = await getTranslations("admin.notices");
  return (
    <div>
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-bold">{n("title")}</h1>
        <Link href="/admin/notices/new" className="rounded bg-brand px-4 py-2 font-bold text-white no-underline hover:bg-brand-dark">
          {n("create")}
        </Link>
      </div>
      <p className="mb-6 text-sm">{n("intro")}</p>
      {query.deleted === "1" ? (
        <div role="status" className="mb-4 rounded border border-[#1a7f37] bg-[#f0fff4] px-4 py-3 text-[#116329]">
          {n("deleted")}
        </div>
      ) : null}
      <ListTable
        items={notices}
        empty={n("empty")}
        columns={[n("status"), n("category"), n("noticeTitle"), n("publishFrom"), n("publishUntil"), hiddenColumn("edit", n("edit"))]}
        className="bg-white"
        data-testid="admin-notices"
      >
        {(notice) => (
          <ListRow key={notice.id}>
            <Cell label={n("status")} className="p-2">
              {n(`statusLabel.${notice.status}`)}
            </Cell>
            <Cell label={n("category")} className="p-2">
              {t(`noticeCategory.${notice.category}`)}
            </Cell>
            <Cell label={n("noticeTitle")} className="p-2">
              {notice.important ? (
                <span className="mr-2 inline-block rounded bg-brand px-2 text-xs leading-6 font-bold text-white">{n("important")}</span>
              ) : null}
              <span data-i18n-exempt="notice title, written by staff">{notice.title}</span>
            </Cell>
            <Cell label={n("publishFrom")} className="p-2 tabular-nums">
              {notice.publishFrom ? formatDateTime(notice.publishFrom) : n("notSet")}
            </Cell>
            <Cell label={n("publishUntil")} className="p-2 tabular-nums">
              {notice.publishUntil ? formatDateTime(notice.publishUntil) : n("notSet")}
            </Cell>
            <Cell className="p-2">
              <Link href={`/admin/notices/${notice.id}`} aria-label={n("editLabel", { title: notice.title })}>
                {n("edit")}
              </Link>
            </Cell>
          </ListRow>
        )}
      </ListTable>
    </div>
  );
}
