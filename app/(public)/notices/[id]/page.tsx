import Link from "next/link";
import { notFound } from "next/navigation";
import { serialIdSchema } from "@/lib/validation/ids";
import { Markdown } from "@/app/_components/markdown";
import { NoticeBadge } from "@/app/_components/notice-badge";
import { formatDate } from "@/lib/dates";
import { publicPage } from "@/lib/auth/guards";
import { getTranslations } from "@/lib/i18n";
import { getPublishedNotice } from "@/lib/notices/queries";
import { PageBody } from "@/app/_components/customer-shell";

export const dynamic = "force-dynamic";

// One URL per notice: its number as digits (no "1e3", "0x10" or " 1"), within the column's range.
const idSchema = serialIdSchema;

export default async function NoticePage({ params }: { params: Promise<{ id: string }> }) {
  await publicPage();
  const parsed = idSchema.safeParse((await params).id);
  if (!parsed.success) notFound();
  const [t, notice] = await Promise.all([getTranslations(), getPublishedNotice(parsed.data)]);
  // Unpublished, scheduled and expired notices answer like a missing page (SPEC R).
  if (!notice) notFound();
  return (
    <PageBody kind="form">
      <article>
        <p className="mb-2 flex flex-wrap items-center gap-2 text-sm text-muted">
          <time dateTime={notice.publishedAt.toISOString()}>{formatDate(notice.publishedAt)}</time>
          <NoticeBadge category={notice.category} label={t(`noticeCategory.${notice.category}`)} />
          {notice.important ? <span className="rounded bg-brand px-2 text-xs leading-6 font-bold text-white">{t("top.important")}</span> : null}
        </p>
        {/* Title and body are written by staff (in Japanese) and shown as written, in any locale. */}
        <h1 className="mb-4 text-2xl font-bold" data-i18n-exempt="notice title, written by staff">
          {notice.title}
        </h1>
        <Markdown>{notice.body}</Markdown>
      </article>
      <Link href="/notices" className="mt-6 inline-block text-link underline">
        {t("notices.backToList")}
      </Link>
    </PageBody>
  );
}
