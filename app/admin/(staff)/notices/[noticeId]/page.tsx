import Link from "next/link";
import { notFound } from "next/navigation";
import { ClientMessages } from "@/app/_components/client-messages";
import { EditPage, FactList } from "@/app/admin/_components/admin-page";
import { staffPage } from "@/lib/auth/guards";
import { formatDateTime, toTokyoDateTimeLocal } from "@/lib/dates";
import { getTranslations } from "@/lib/i18n";
import { getNoticeForEdit } from "@/lib/notices/admin";
import { noticeIdSchema } from "@/lib/validation/notice";
import { DeleteNotice } from "../delete-notice";
import { NoticeEditor } from "../notice-editor";
import { titleMetadata } from "@/app/admin/page-title";

export const generateMetadata = titleMetadata((t) => t("admin.notices.editTitle"));

// G-2 編集 (marketers, admins: `notices.write`; anyone else 404): the form with its live preview, 公開を停止 and 削除.
// The schedule is shown and typed in Tokyo time.
export default async function EditNoticePage({
  params,
  searchParams,
}: {
  params: Promise<{ noticeId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await staffPage("notices.write");
  const parsed = noticeIdSchema.safeParse((await params).noticeId);
  if (!parsed.success) notFound();
  const [notice, query] = await Promise.all([getNoticeForEdit({ actor, noticeId: parsed.data }), searchParams]);
  if (!notice) notFound();
  const n = await getTranslations("admin.notices");
  const a = await getTranslations("admin");
  return (
    <EditPage href="/admin/notices" back={n("back")} title={n("editTitle")}>
      <FactList
        facts={[
          {
            term: n("status"),
            value: (
              <>
                {n(`statusLabel.${notice.status}`)}
                {notice.status === "published" ? (
                  <Link href={`/notices/${notice.id}`} className="ml-3 text-link underline">
                    {n("viewPublic")}
                  </Link>
                ) : null}
              </>
            ),
            "data-testid": "notice-status",
          },
          { term: n("createdAt"), value: formatDateTime(notice.createdAt), className: "tabular-nums" },
          { term: n("updatedAt"), value: formatDateTime(notice.updatedAt), className: "tabular-nums" },
        ]}
      />
      <ClientMessages messages={["admin.notices", "noticeCategory", "top.important"]}>
        <NoticeEditor
          noticeId={notice.id}
          initial={{
            category: notice.category,
            title: notice.title,
            body: notice.body,
            important: notice.important,
            publishFrom: notice.publishFrom ? toTokyoDateTimeLocal(notice.publishFrom) : "",
            publishUntil: notice.publishUntil ? toTokyoDateTimeLocal(notice.publishUntil) : "",
          }}
          hasWindow={notice.status !== "draft"}
          initialMessage={query.created === "1" ? n("created") : undefined}
        />
      </ClientMessages>
      <DeleteNotice
        noticeId={notice.id}
        title={notice.title}
        labels={{
          deleteHeading: n("deleteHeading"),
          delete: n("delete"),
          deleteConfirm: n("deleteConfirm"),
          deleteSubmit: n("deleteSubmit"),
          cancel: a("cancel"),
        }}
      />
    </EditPage>
  );
}
