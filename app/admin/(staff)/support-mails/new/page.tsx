import { EditPage } from "@/app/admin/_components/admin-page";
import { staffPage } from "@/lib/auth/guards";
import { getTranslations } from "@/lib/i18n";
import { DraftForm } from "../draft-form";
import { titleMetadata } from "@/app/admin/page-title";

export const generateMetadata = titleMetadata((t) => t("admin.supportMails.newTitle"));

// G-5 compose: a new draft (saved, then previewed and sent from its own page).
export default async function NewSupportMailPage() {
  await staffPage("support-mail.send");
  const t = await getTranslations();
  const s = await getTranslations("admin.supportMails");
  return (
    <EditPage href="/admin/support-mails" back={s("back")} title={s("newTitle")}>
      <DraftForm
        initial={{ title: "Support Information：", body: "" }}
        labels={{ title: s("mailTitle"), body: s("body"), bodyHint: s("bodyHint"), save: s("saveDraft"), requiredMark: t("common.requiredMark") }}
      />
    </EditPage>
  );
}
