import Link from "next/link";
import { staffPage } from "@/lib/auth/guards";
import { now } from "@/lib/clock";
import { formatDate, tokyoDate } from "@/lib/dates";
import { listAllFiles } from "@/lib/downloads/admin";
import { uploadMode } from "@/lib/downloads/direct-upload";
import { getTranslations } from "@/lib/i18n";
import { formatSize } from "@/app/(portal)/downloads/file-table";
import { Cell } from "@/app/_components/table-head";
import { StatusButton } from "./status-button";
import { ClientMessages } from "@/app/_components/client-messages";
import { hiddenColumn, ListRow, ListTable, PageTitle, TitledSection } from "@/app/admin/_components/admin-page";
import { FILE_MENUS } from "./menus";
import { UploadForm } from "./upload-form";
import { titleMetadata } from "@/app/admin/page-title";

export const generateMetadata = titleMetadata((t) => t("admin.files.title"));

// G-4: upload, publish and withdraw the download menus' files (operators, admins: `files.publish`).
export default async function AdminFilesPage() {
  const actor = await staffPage("files.publish");
  const [t, files, mode] = await Promise.all([getTranslations(), listAllFiles({ actor }), uploadMode({ actor })]);
  const f = await getTranslations("admin.files");
  return (
    <div>
      <PageTitle title={f("title")} intro={f("intro")} />
      <TitledSection headingId="upload-heading" title={f("uploadHeading")} className="mb-8">
        <ClientMessages messages={["admin.files"]}>
          <UploadForm menus={FILE_MENUS.map((menu) => [menu, f(`menus.${menu}`)])} today={tokyoDate(now())} mode={mode} />
        </ClientMessages>
      </TitledSection>
      <TitledSection headingId="files-heading" title={f("listHeading")}>
        <ListTable
          items={files}
          empty={f("empty")}
          columns={[
            f("menu"),
            f("fileTitle"),
            f("version"),
            f("releaseDate"),
            { label: t("downloads.columns.size"), className: "text-right" },
            f("status"),
            hiddenColumn("publish", f("publish")),
          ]}
          className="bg-white"
          data-testid="admin-files"
        >
          {(file) => (
            <ListRow key={file.id}>
              <Cell label={f("menu")} className="p-2">
                {f(`menus.${file.menu}`)}
              </Cell>
              <Cell label={f("fileTitle")} className="p-2" data-i18n-exempt="product name and file title">
                {file.product} {file.title}
                <span className="block font-mono text-xs text-muted">{file.fileName}</span>
                <span className="block font-mono text-xs break-all text-muted">{file.sha256}</span>
              </Cell>
              <Cell label={f("version")} className="p-2" data-i18n-exempt="version, as published">
                {file.version}
              </Cell>
              <Cell label={f("releaseDate")} className="p-2 tabular-nums">
                {formatDate(file.releaseDate)}
              </Cell>
              <Cell label={t("downloads.columns.size")} className="p-2 text-right tabular-nums">
                {formatSize(file.size)}
              </Cell>
              <Cell label={f("status")} className="p-2">
                {f(`statusLabel.${file.status}`)}
              </Cell>
              <Cell className="p-2">
                <Link href={`/admin/files/${file.id}`} aria-label={f("editLabel", { name: file.fileName })} className="mr-3">
                  {f("edit")}
                </Link>
                {file.status === "published" ? (
                  <StatusButton
                    fileId={file.id}
                    to="withdrawn"
                    label={f("withdraw")}
                    accessibleLabel={f("withdrawLabel", { name: file.fileName })}
                    confirm={{ question: f("withdrawQuestion", { name: file.fileName }), confirm: f("withdrawConfirm"), cancel: t("admin.cancel") }}
                  />
                ) : (
                  <StatusButton fileId={file.id} to="published" label={f("publish")} accessibleLabel={f("publishLabel", { name: file.fileName })} />
                )}
              </Cell>
            </ListRow>
          )}
        </ListTable>
      </TitledSection>
    </div>
  );
}
