"use client";

import { useRef, useState, type FormEvent } from "react";
import { FormMessage } from "@/app/_components/form-controls";
import { openFileUpload, UploadPercent } from "@/app/admin/_components/file-upload";
import type { ContractUploadEvent, ContractUploadResult } from "@/lib/contract-import/upload";
import { useTranslations } from "next-intl";

type Labels = ReturnType<typeof useTranslations<"admin.contractImport">>;

const COUNT_KEYS = [
  "rows",
  "contracts",
  "newContracts",
  "changedContracts",
  "unchangedContracts",
  "newLines",
  "changedLines",
  "changedContacts",
  "newCompanies",
] as const;
type Progress =
  | { state: "idle" }
  | { state: "sending"; percent: number }
  | { state: "reading"; rows: number }
  | { state: "applying" }
  | { state: "done"; result: ContractUploadResult }
  | { state: "refused"; message: string };

/**
 * G-6 契約の取り込み: the file goes as the body of one POST to /admin/contracts/import/upload (as G-4's upload, with
 * XMLHttpRequest for the upload's progress); the answer is JSON lines — the import's progress, then its report —
 * read as they arrive. 「確認のみ（反映しない）」 and 「取り込む」 send the same file, the first with dryRun=1.
 */
export function ImportForm({ limitBytes, limitText }: { limitBytes: number; limitText: string }) {
  const labels = useTranslations("admin.contractImport");
  const [progress, setProgress] = useState<Progress>({ state: "idle" });
  const result = useRef<HTMLDivElement>(null);
  const busy = progress.state === "sending" || progress.state === "reading" || progress.state === "applying";

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const dryRun = submitter?.value !== "apply";
    const file = new FormData(event.currentTarget).get("file");
    if (!(file instanceof File) || file.name === "") return setProgress({ state: "refused", message: labels("noFile") });
    if (file.size === 0) return setProgress({ state: "refused", message: labels("emptyFile") });
    if (file.size > limitBytes) return setProgress({ state: "refused", message: labels("tooLarge", { limit: limitText }) });

    const request = openFileUpload(
      `/admin/contracts/import/upload?${new URLSearchParams({ dryRun: dryRun ? "1" : "0", fileName: file.name.slice(0, 255) })}`,
      (percent) => setProgress({ state: "sending", percent }),
    );
    let seen = 0;
    let final: ContractUploadEvent | undefined;
    // Every complete line of the answer so far, once: progress events move the bar, the last one is the result.
    const readLines = () => {
      const text = request.responseText;
      const end = text.lastIndexOf("\n");
      if (end < seen) return;
      for (const line of text.slice(seen, end).split("\n")) {
        if (!line.trim()) continue;
        const event = JSON.parse(line) as ContractUploadEvent;
        if (event.type === "progress") setProgress({ state: "reading", rows: event.rows });
        else if (event.type === "applying") setProgress({ state: "applying" });
        else final = event;
      }
      seen = end + 1;
    };
    request.onprogress = () => {
      if (request.status === 200) readLines();
    };
    request.onload = () => {
      if (request.status === 413) return setProgress({ state: "refused", message: labels("tooLarge", { limit: limitText }) });
      if (request.status !== 200)
        return setProgress({
          state: "refused",
          message: request.status === 400 && request.responseText.includes('"empty"') ? labels("emptyFile") : labels("failed"),
        });
      try {
        readLines();
      } catch {
        final = undefined;
      }
      if (final?.type === "result") setProgress({ state: "done", result: final.result });
      else setProgress({ state: "refused", message: labels("failed") });
      requestAnimationFrame(() => result.current?.focus());
    };
    request.onerror = () => setProgress({ state: "refused", message: labels("failed") });
    setProgress({ state: "sending", percent: 0 });
    request.send(file);
  };

  const button = "rounded px-6 py-2 font-bold disabled:opacity-60";
  return (
    <div>
      <form onSubmit={submit} className="rounded border border-line bg-white p-4" aria-busy={busy}>
        <div className="mb-4">
          <label htmlFor="import-file" className="mb-1 block font-bold">
            {labels("file")}
          </label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson"
            aria-describedby="import-file-hint"
            className="block w-full max-w-md"
          />
          <p id="import-file-hint" className="mt-1 text-sm text-muted">
            {labels.rich("fileHint", { limit: limitText, code: (chunks) => <span data-i18n-exempt="a file extension or a command">{chunks}</span> })}{" "}
            <a href="#format" className="underline">
              {labels("formatLink")}
            </a>
          </p>
        </div>
        <div className="flex flex-wrap gap-3">
          <button type="submit" name="mode" value="dry" disabled={busy} className={`${button} border border-brand bg-white text-brand hover:bg-[#fff5f5]`}>
            {labels("dryRun")}
          </button>
          <button type="submit" name="mode" value="apply" disabled={busy} className={`${button} bg-brand text-white hover:bg-brand-dark`}>
            {labels("submit")}
          </button>
        </div>
        <div aria-live="polite" className="mt-3 text-sm" data-testid="import-progress">
          {progress.state === "sending" ? (
            <UploadPercent percent={progress.percent} label={labels("uploading", { percent: progress.percent })} />
          ) : progress.state === "reading" ? (
            labels("reading", { rows: progress.rows })
          ) : progress.state === "applying" ? (
            labels("applying")
          ) : null}
        </div>
      </form>
      <div ref={result} tabIndex={-1} className="mt-6 outline-none" data-testid="import-result">
        {progress.state === "refused" ? <FormMessage status="error" message={progress.message} /> : null}
        {progress.state === "done" ? <Report result={progress.result} labels={labels} /> : null}
      </div>
    </div>
  );
}

function Report({ result, labels }: { result: ContractUploadResult; labels: Labels }) {
  const message = !result.ok ? labels("resultRefused", { count: result.errorCount }) : result.applied ? labels("resultApplied") : labels("resultDryRun");
  return (
    <section aria-label={labels("countsCaption")}>
      <FormMessage status={result.ok ? "success" : "error"} message={message} />
      {result.ok ? (
        <table className="mb-4 border-collapse bg-white text-sm" data-testid="import-counts">
          <caption className="mb-1 text-left font-bold">{labels("countsCaption")}</caption>
          <tbody>
            {COUNT_KEYS.map((key) => (
              <tr key={key} className="border-b border-line">
                <th scope="row" className="p-2 text-left font-normal">
                  {labels(`counts.${key}`)}
                </th>
                <td className="p-2 text-right tabular-nums">{labels("countUnit", { count: result[key] })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <>
          <h2 className="mb-2 text-lg font-bold">{labels("errorsHeading", { count: result.errorCount })}</h2>
          <ul className="mb-2 list-disc space-y-1 pl-6 text-sm" data-testid="import-errors" data-i18n-exempt="the file's column names and values, quoted">
            {result.errors.map((error, index) => (
              <li key={index}>{error}</li>
            ))}
          </ul>
          {result.errorCount > result.errors.length ? (
            <p className="text-sm">{labels("moreErrors", { count: result.errorCount - result.errors.length, shown: result.errors.length })}</p>
          ) : null}
          <p className="text-sm">
            <a href="#format" className="underline">
              {labels("formatLink")}
            </a>
          </p>
        </>
      )}
    </section>
  );
}
