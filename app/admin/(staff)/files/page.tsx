import type { Metadata } from "next";
import Link from "next/link";
import { staffPage } from "@/lib/auth/guards";
import { now } from "@/lib/clock";
import { formatDate, tokyoDate } from "@/lib/dates";
import { listAllFiles } from "@/lib/downloads/admin";
import { getMessages } from "@/lib/i18n";
import { formatSize } from "@/app/(portal)/downloads/file-table";
import { StatusButton } from "./status-button";
import { UploadForm } from "./upload-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).admin.files.title };
}

// G-4: upload, publish and withdraw the download menus' files (operators, admins: `files.publish`).
export default async function AdminFilesPage() {
  await staffPage("files.publish");
  const [t, files] = await Promise.all([getMessages(), listAllFiles()]);
  const f = t.admin.files;
  return (
    <div>
      <h1 className="mb-2 text-2xl font-bold">{f.title}</h1>
      <p className="mb-6 text-sm">{f.intro}</p>
      <section aria-labelledby="upload-heading" className="mb-8">
        <h2 id="upload-heading" className="mb-2 text-lg font-bold">
          {f.uploadHeading}
        </h2>
        <UploadForm labels={{ ...f, requiredMark: t.common.requiredMark }} menus={Object.entries(f.menus)} today={tokyoDate(now())} />
      </section>
      <section aria-labelledby="files-heading">
        <h2 id="files-heading" className="mb-2 text-lg font-bold">
          {f.listHeading}
        </h2>
        {files.length === 0 ? (
          <p>{f.empty}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[900px] border-collapse bg-white text-sm" data-testid="admin-files">
              <thead>
                <tr className="border-b-2 border-line bg-panel text-left">
                  <th scope="col" className="p-2">
                    {f.menu}
                  </th>
                  <th scope="col" className="p-2">
                    {f.fileTitle}
                  </th>
                  <th scope="col" className="p-2">
                    {f.version}
                  </th>
                  <th scope="col" className="p-2">
                    {f.releaseDate}
                  </th>
                  <th scope="col" className="p-2 text-right">
                    {t.downloads.columns.size}
                  </th>
                  <th scope="col" className="p-2">
                    {f.status}
                  </th>
                  <th scope="col" className="p-2">
                    <span className="sr-only">{f.publish}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {files.map((file) => (
                  <tr key={file.id} className="border-b border-line align-top">
                    <td className="p-2">{f.menus[file.menu]}</td>
                    <td className="p-2" data-i18n-exempt>
                      {file.product} {file.title}
                      <span className="block font-mono text-xs text-muted">{file.fileName}</span>
                      <span className="block font-mono text-xs break-all text-muted">{file.sha256}</span>
                    </td>
                    <td className="p-2" data-i18n-exempt>
                      {file.version}
                    </td>
                    <td className="p-2 tabular-nums">{formatDate(file.releaseDate)}</td>
                    <td className="p-2 text-right tabular-nums">{formatSize(file.size)}</td>
                    <td className="p-2">{f.statusLabel[file.status]}</td>
                    <td className="p-2">
                      <Link href={`/admin/files/${file.id}`} aria-label={f.editLabel.replace("{name}", file.fileName)} className="mr-3">
                        {f.edit}
                      </Link>
                      {file.status === "published" ? (
                        <StatusButton fileId={file.id} to="withdrawn" label={f.withdraw} accessibleLabel={f.withdrawLabel.replace("{name}", file.fileName)} />
                      ) : (
                        <StatusButton fileId={file.id} to="published" label={f.publish} accessibleLabel={f.publishLabel.replace("{name}", file.fileName)} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
