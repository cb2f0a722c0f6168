import { ClientMessages } from "@/app/_components/client-messages";
import { EditPage } from "@/app/admin/_components/admin-page";
import { staffPage } from "@/lib/auth/guards";
import { getTranslations } from "@/lib/i18n";
import { NoticeEditor } from "../notice-editor";
import { titleMetadata } from "@/app/admin/page-title";

export const generateMetadata = titleMetadata((t) => t("admin.notices.newTitle"));

// G-2 新規作成 (marketers, admins: `notices.write`; anyone else 404). A new notice starts as a draft: it is published
// only once a 掲載開始日時 is given.
export default async function NewNoticePage() {
  await staffPage("notices.write");
  const n = await getTranslations("admin.notices");
  return (
    <EditPage href="/admin/notices" back={n("back")} title={n("newTitle")}>
      <ClientMessages messages={["admin.notices", "noticeCategory", "top.important"]}>
        <NoticeEditor initial={{ category: "support_news", title: "", body: "", important: false, publishFrom: "", publishUntil: "" }} />
      </ClientMessages>
    </EditPage>
  );
}
