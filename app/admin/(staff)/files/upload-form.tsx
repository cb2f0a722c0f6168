"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { openFileUpload, UploadPercent } from "@/app/admin/_components/file-upload";
import { DirectUploadFailed, uploadDirect } from "./direct-upload";

type Labels = ReturnType<typeof useTranslations<"admin.files">>;
type Progress =
  { state: "idle" } | { state: "sending"; percent: number } | { state: "verifying" } | { state: "done"; sha256: string } | { state: "failed"; message: string };

/** The form's message for a direct upload's refusal. */
function failureMessage(labels: Labels, error: unknown): string {
  const reason = error instanceof DirectUploadFailed ? error.reason : "";
  return reason === "hash_mismatch"
    ? labels("hashMismatch")
    : reason === "size_mismatch"
      ? labels("sizeMismatch")
      : reason === "expired"
        ? labels("uploadExpired")
        : labels("failed");
}

/**
 * G-4 upload, one of two paths as the page says (the store's kind, X-7). "stream" (local store): the
 * file goes as the body of one POST to /admin/files/upload (streamed to the store there), the metadata in its query
 * string; XMLHttpRequest for its upload progress (fetch has none), shown as a progress bar. "direct" (S3): the file
 * goes from the browser straight to the bucket in parts (./direct-upload.ts), and the server checks its SHA-256.
 */
export function UploadForm({ menus, today, mode }: { menus: [string, string][]; today: string; mode: "direct" | "stream" }) {
  const labels = useTranslations("admin.files");
  const requiredMark = useTranslations("common")("requiredMark");
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [progress, setProgress] = useState<Progress>({ state: "idle" });
  const uploaded = (sha256: string) => {
    setProgress({ state: "done", sha256 });
    form.current?.reset();
    router.refresh();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const file = data.get("file");
    if (!(file instanceof File) || (file.size === 0 && file.name === "")) return setProgress({ state: "failed", message: labels("failed") });
    const query = new URLSearchParams({
      menu: String(data.get("menu")),
      product: String(data.get("product")),
      version: String(data.get("version")),
      title: String(data.get("title")),
      releaseDate: String(data.get("releaseDate")),
      fileName: file.name,
    });
    setProgress({ state: "sending", percent: 0 });
    if (mode === "direct") {
      uploadDirect(
        file,
        query,
        (percent) => setProgress({ state: "sending", percent }),
        () => setProgress({ state: "verifying" }),
      ).then(
        (answer) => uploaded(answer.sha256),
        (error: unknown) => setProgress({ state: "failed", message: failureMessage(labels, error) }),
      );
      return;
    }
    const request = openFileUpload(`/admin/files/upload?${query}`, (percent) => setProgress({ state: "sending", percent }));
    request.onload = () => {
      if (request.status !== 201) return setProgress({ state: "failed", message: labels("failed") });
      uploaded((JSON.parse(request.responseText) as { sha256: string }).sha256);
    };
    request.onerror = () => setProgress({ state: "failed", message: labels("failed") });
    request.send(file);
  };
  const input = "w-full max-w-md rounded border border-[#8c959f] bg-white px-3 py-2";
  const field = (name: string, label: string, props: Record<string, string> = {}) => (
    <div className="mb-3">
      <label htmlFor={`upload-${name}`} className="mb-1 block font-bold">
        {label}
        <span className="ml-1 text-brand">{requiredMark}</span>
      </label>
      <input id={`upload-${name}`} name={name} required className={input} {...props} />
    </div>
  );
  return (
    <form ref={form} onSubmit={submit} className="rounded border border-line bg-white p-4">
      <div className="mb-3">
        <label htmlFor="upload-menu" className="mb-1 block font-bold">
          {labels("menu")}
        </label>
        <select id="upload-menu" name="menu" className={input}>
          {menus.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {field("product", labels("product"))}
      {field("version", labels("version"))}
      {field("title", labels("fileTitle"))}
      {field("releaseDate", labels("releaseDate"), {
        type: "date",
        defaultValue: today,
      })}
      {field("file", labels("file"), { type: "file" })}
      <button
        type="submit"
        disabled={progress.state === "sending" || progress.state === "verifying"}
        className="rounded bg-brand px-6 py-2 font-bold text-white hover:bg-brand-dark disabled:opacity-60"
      >
        {labels("submit")}
      </button>
      <div aria-live="polite" className="mt-3 text-sm" data-testid="upload-progress">
        {progress.state === "sending" ? (
          <UploadPercent percent={progress.percent} label={labels("progress", { percent: progress.percent })} />
        ) : progress.state === "verifying" ? (
          labels("verifying")
        ) : progress.state === "done" ? (
          <span role="status">{labels("uploaded", { sha256: progress.sha256 })}</span>
        ) : progress.state === "failed" ? (
          <span role="alert" className="text-[#86061d]">
            {progress.message}
          </span>
        ) : null}
      </div>
    </form>
  );
}
