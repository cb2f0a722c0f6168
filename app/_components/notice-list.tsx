import Link from "next/link";
import { formatDate } from "@/lib/dates";
import type { Messages } from "@/lib/i18n/ja";
import type { NoticeSummary } from "@/lib/notices/queries";

/** The category's badge; `labels` is t.noticeCategory (a client component, G-2's preview, passes only that much). */
export function NoticeBadge({ category, labels }: { category: NoticeSummary["category"]; labels: Messages["noticeCategory"] }) {
  const style = category === "support_news" ? "border-[#0b5cad] text-[#0b5cad]" : "border-[#1a7f37] text-[#1a7f37]";
  return <span className={`inline-block shrink-0 rounded border px-2 text-xs leading-6 ${style}`}>{labels[category]}</span>;
}

/** F-1: date, category and title of each notice, newest first. */
export function NoticeList({ notices, t }: { notices: NoticeSummary[]; t: Messages }) {
  if (notices.length === 0) return <p className="text-muted">{t.top.informationEmpty}</p>;
  return (
    <ul className="divide-y divide-line border-y border-line">
      {notices.map((n) => (
        <li key={n.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-baseline sm:gap-3">
          <time dateTime={n.publishedAt.toISOString()} className="shrink-0 text-sm text-muted tabular-nums">
            {formatDate(n.publishedAt)}
          </time>
          <span className="flex shrink-0 gap-1">
            <NoticeBadge category={n.category} labels={t.noticeCategory} />
            {n.important ? <span className="inline-block rounded bg-brand px-2 text-xs leading-6 font-bold text-white">{t.top.important}</span> : null}
          </span>
          {/* Notices are written by staff (in Japanese): their titles are shown as written, in any locale. */}
          <Link href={`/notices/${n.id}`} className="text-link underline hover:no-underline" data-i18n-exempt>
            {n.title}
          </Link>
        </li>
      ))}
    </ul>
  );
}
