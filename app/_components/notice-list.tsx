import Link from "next/link";
import { formatDate } from "@/lib/dates";
import { getTranslations } from "@/lib/i18n";
import type { NoticeSummary } from "@/lib/notices/queries";
import { NoticeBadge } from "./notice-badge";

/** F-1: date, category and title of each notice, newest first. */
export async function NoticeList({ notices }: { notices: NoticeSummary[] }) {
  const t = await getTranslations();
  if (notices.length === 0) return <p className="text-muted">{t("top.informationEmpty")}</p>;
  return (
    <ul className="divide-y divide-line border-y border-line">
      {notices.map((n) => (
        <li key={n.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-baseline sm:gap-3">
          <time dateTime={n.publishedAt.toISOString()} className="shrink-0 text-sm text-muted tabular-nums">
            {formatDate(n.publishedAt)}
          </time>
          <span className="flex shrink-0 gap-1">
            <NoticeBadge category={n.category} label={t(`noticeCategory.${n.category}`)} />
            {n.important ? <span className="inline-block rounded bg-brand px-2 text-xs leading-6 font-bold text-white">{t("top.important")}</span> : null}
          </span>
          {/* Notices are written by staff (in Japanese): their titles are shown as written, in any locale. */}
          <Link href={`/notices/${n.id}`} className="text-link underline hover:no-underline" data-i18n-exempt="notice title, written by staff">
            {n.title}
          </Link>
        </li>
      ))}
    </ul>
  );
}
