import { notFound } from "next/navigation";
import { ClientMessages } from "@/app/_components/client-messages";
import { EditPage, FactList } from "@/app/admin/_components/admin-page";
import { staffPage } from "@/lib/auth/guards";
import { formatDate } from "@/lib/dates";
import { getFileForEdit } from "@/lib/downloads/admin";
import { getTranslations } from "@/lib/i18n";
import { formatSize } from "@/app/(portal)/downloads/file-table";
import { FILE_MENUS } from "../menus";
import { EditFileForm } from "./edit-form";
import { serialIdSchema } from "@/lib/validation/ids";
import { titleMetadata } from "@/app/admin/page-title";

export const generateMetadata = titleMetadata((t) => t("admin.files.editTitle"));

// G-4 edit: one file's metadata (operators, admins: `files.publish`; anyone else 404). The file's
// bytes, name and SHA-256 are shown, not editable: another file is another upload.
export default async function EditFilePage({ params }: { params: Promise<{ fileId: string }> }) {
  const actor = await staffPage("files.publish");
  const fileId = serialIdSchema.safeParse((await params).fileId);
  if (!fileId.success) notFound();
  const [t, file] = await Promise.all([getTranslations(), getFileForEdit({ actor, fileId: fileId.data })]);
  if (!file) notFound();
  const f = await getTranslations("admin.files");
  return (
    <EditPage href="/admin/files" back={f("back")} title={f("editTitle")}>
      <FactList
        facts={[
          { term: f("file"), value: file.fileName, className: "font-mono break-all", "data-i18n-exempt": "file name" },
          { term: t("downloads.columns.size"), value: formatSize(file.size), className: "tabular-nums" },
          { term: t("downloads.columns.sha256"), value: file.sha256, className: "font-mono break-all" },
          {
            term: f("status"),
            value: (
              <>
                {f(`statusLabel.${file.status}`)}
                {file.publishedAt && file.status === "published" ? f("publishedOn", { date: formatDate(file.publishedAt) }) : null}
              </>
            ),
          },
        ]}
      />
      <ClientMessages messages={["admin.files"]}>
        <EditFileForm
          fileId={file.id}
          initial={{ menu: file.menu, product: file.product, version: file.version, title: file.title, releaseDate: file.releaseDate }}
          menus={FILE_MENUS.map((menu) => [menu, f(`menus.${menu}`)])}
          requiredMark={t("common.requiredMark")}
        />
      </ClientMessages>
    </EditPage>
  );
}
