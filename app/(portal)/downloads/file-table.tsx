import { Cell, DataTable } from "@/app/_components/table-head";
import { formatDate } from "@/lib/dates";
import type { ListedFile } from "@/lib/downloads/files";
import { useTranslations } from "next-intl";

/** 1,234 bytes → "1.2 KB": binary multiples, one decimal below 10 units (SPEC D: every list shows the size). */
export function formatSize(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/**
 * SPEC D: name, version, release date, size and SHA-256 of every file, and its download link (`hrefOf`: D-2's carry
 * the contract they are downloaded under). `buttonLabel` replaces the link text (D-4's 「パターンファイル」). A server
 * component on D-1, D-3 and D-4, a client one in D-2's form (under a provider with the `downloads` namespace).
 */
export function FileTable({
  files,
  hrefOf,
  showProduct = true,
  buttonLabel,
}: {
  files: ListedFile[];
  hrefOf: (file: ListedFile) => string;
  showProduct?: boolean;
  buttonLabel?: string;
}) {
  const t = useTranslations("downloads");
  if (files.length === 0) return <p className="rounded border border-line bg-panel px-4 py-3">{t("none")}</p>;
  const c = {
    product: t("columns.product"),
    title: t("columns.title"),
    version: t("columns.version"),
    releaseDate: t("columns.releaseDate"),
    size: t("columns.size"),
    sha256: t("columns.sha256"),
    download: t("columns.download"),
  };
  return (
    <div>
      <DataTable
        data-testid="download-files"
        columns={[
          ...(showProduct ? [c.product] : []),
          c.title,
          c.version,
          c.releaseDate,
          { label: c.size, className: "text-right" },
          c.sha256,
          <span key="download" className="sr-only">
            {c.download}
          </span>,
        ]}
      >
        <tbody>
          {files.map((file) => (
            <tr key={file.id} className="border-b border-line align-top">
              {showProduct ? (
                <Cell label={c.product} className="p-2" data-i18n-exempt="product name">
                  {file.product}
                </Cell>
              ) : null}
              <Cell label={c.title} className="p-2" data-i18n-exempt="file title and name, as published">
                {file.title}
                <span className="block text-xs text-muted">{file.fileName}</span>
              </Cell>
              <Cell label={c.version} className="p-2" data-i18n-exempt="version, as published">
                {file.version}
              </Cell>
              <Cell label={c.releaseDate} className="p-2 tabular-nums whitespace-nowrap">
                {formatDate(file.releaseDate)}
              </Cell>
              <Cell label={c.size} className="p-2 text-right tabular-nums whitespace-nowrap" title={t("sizeBytes", { bytes: file.size })}>
                {formatSize(file.size)}
              </Cell>
              <Cell label={c.sha256} className="p-2 font-mono text-xs break-all" data-testid="sha256">
                {file.sha256}
              </Cell>
              <Cell className="p-2">
                <a
                  href={hrefOf(file)}
                  download
                  className="inline-block rounded bg-brand px-3 py-1 font-bold whitespace-nowrap text-white no-underline hover:bg-brand-dark"
                >
                  {buttonLabel ?? t("download")}
                  <span className="sr-only" data-i18n-exempt="file title, as published">
                    {" "}
                    {file.title}
                  </span>
                </a>
              </Cell>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <p className="mt-2 text-xs text-muted">{t("sha256Hint")}</p>
    </div>
  );
}
