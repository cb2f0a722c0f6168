import { Cell, DataTable } from "@/app/_components/table-head";
import { formatDate } from "@/lib/dates";
import type { ListedFile } from "@/lib/downloads/files";
import type { Messages } from "@/lib/i18n/ja";

type Labels = Messages["downloads"];

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
 * the contract they are downloaded under). `buttonLabel` replaces the link text (D-4's 「パターンファイル」).
 */
export function FileTable({
  files,
  labels,
  hrefOf,
  showProduct = true,
  buttonLabel,
  locale,
}: {
  files: ListedFile[];
  labels: Labels;
  hrefOf: (file: ListedFile) => string;
  showProduct?: boolean;
  buttonLabel?: string;
  locale: string;
}) {
  if (files.length === 0) return <p className="rounded border border-line bg-panel px-4 py-3">{labels.none}</p>;
  const c = labels.columns;
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
                <Cell label={c.product} className="p-2" data-i18n-exempt>
                  {file.product}
                </Cell>
              ) : null}
              <Cell label={c.title} className="p-2" data-i18n-exempt>
                {file.title}
                <span className="block text-xs text-muted">{file.fileName}</span>
              </Cell>
              <Cell label={c.version} className="p-2" data-i18n-exempt>
                {file.version}
              </Cell>
              <Cell label={c.releaseDate} className="p-2 tabular-nums whitespace-nowrap">
                {formatDate(file.releaseDate)}
              </Cell>
              <Cell label={c.size} className="p-2 text-right tabular-nums whitespace-nowrap" title={`${file.size.toLocaleString(locale)} bytes`}>
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
                  {buttonLabel ?? labels.download}
                  <span className="sr-only" data-i18n-exempt>
                    {" "}
                    {file.title}
                  </span>
                </a>
              </Cell>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <p className="mt-2 text-xs text-muted">{labels.sha256Hint}</p>
    </div>
  );
}
