"use client";

import { useState } from "react";

export type CopyLabels = { copy: string; copied: string; copyFailed: string };

/**
 * 「コピーする」 and the line that says how it went (role=status): the text to the clipboard, or — where the browser
 * refuses the clipboard — `onRefused` selects it for the visitor's own copy. A fragment: the caller's row lays it out
 * (the recovery codes put 印刷する before it). Used by the MFA recovery codes and N-5's feed URL.
 */
export function CopyButton({ text, onRefused, labels }: { text: () => string; onRefused: () => void; labels: CopyLabels }) {
  const [copied, setCopied] = useState<"" | "done" | "failed">("");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text());
      setCopied("done");
    } catch {
      onRefused();
      setCopied("failed");
    }
  };
  return (
    <>
      <button type="button" onClick={copy} className="rounded border border-line bg-white px-4 py-2 font-bold">
        {labels.copy}
      </button>
      <p role="status" className="text-sm">
        {copied === "done" ? labels.copied : copied === "failed" ? labels.copyFailed : ""}
      </p>
    </>
  );
}
