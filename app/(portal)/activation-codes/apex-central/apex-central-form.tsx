"use client";

import Link from "next/link";
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { Field, FormMessage } from "@/app/_components/form-controls";
import { SearchNotice, type SearchNoticeContact, type SearchNoticeLabels } from "@/app/_components/search-notice";
import type { Messages } from "@/lib/i18n/ja";
import { apexCentralAction, type ApexCentralState } from "../actions";

type Labels = Messages["issuance"]["apexCentral"] & {
  notesHeading: string;
  requiredNote: string;
  licenseIdLabel: string;
  licenseHint: string;
  confirm: string;
  back: string;
  product: string;
  quantity: string;
  notYet: string;
  requiredMark: string;
  doneTitle: string;
  toDetail: string;
  licenseId: string;
};

const BUTTON = "rounded bg-brand px-6 py-2 font-bold text-white hover:bg-brand-dark disabled:opacity-60";
const SECONDARY = "rounded border border-[#8c959f] bg-white px-6 py-2 font-bold hover:bg-panel disabled:opacity-60";

/** The code as a text file named after the license (C-3 「同意していただいた上でダウンロード」), saved by the browser. */
function saveFile(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function ApexCentralForm({ labels, notice, contact }: { labels: Labels; notice: SearchNoticeLabels; contact: SearchNoticeContact }) {
  const [state, dispatch, pending] = useActionState(apexCentralAction, { status: "idle", step: "input" } as ApexCentralState);
  const [licenseId, setLicenseId] = useState("");
  const [backOn, setBackOn] = useState<ApexCentralState | null>(null);
  const step = backOn === state ? "input" : state.step;
  const saved = useRef<ApexCentralState | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (state.issued?.delivery === "download" && saved.current !== state) {
      saved.current = state;
      saveFile(
        state.issued.fileName,
        `${labels.licenseId}: ${state.content?.licenseId}\r\n${state.content?.productName}\r\n${labels.codeLabel}: ${state.issued.code}\r\n`,
      );
    }
    if (state.step !== "input") heading.current?.focus();
  }, [state, labels]);
  const send = (serverStep: "check" | "download" | "issue") => {
    const data = new FormData();
    data.set("step", serverStep);
    data.set("licenseId", licenseId);
    startTransition(() => dispatch(data));
  };
  const message = state.notice ? (
    <SearchNotice notice={state.notice} labels={notice} contact={contact} />
  ) : (
    <FormMessage status={state.status === "success" ? "idle" : state.status} message={state.message} />
  );
  const content = state.content ? (
    <dl className="mb-6 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      <dt className="font-bold text-muted">{labels.licenseId}</dt>
      <dd className="tabular-nums">{state.content.licenseId}</dd>
      <dt className="font-bold text-muted">{labels.product}</dt>
      <dd data-i18n-exempt>{state.content.productName}</dd>
      <dt className="font-bold text-muted">{labels.quantity}</dt>
      <dd className="tabular-nums">{state.content.quantity.toLocaleString("ja-JP")}</dd>
      <dt className="font-bold text-muted">{labels.supportEndDate}</dt>
      <dd className="tabular-nums">{state.content.supportEndDate}</dd>
    </dl>
  ) : null;

  if (step === "done" && state.issued) {
    return (
      <section aria-labelledby="done-heading">
        <h2 id="done-heading" ref={heading} tabIndex={-1} className="mb-4 text-xl font-bold">
          {labels.doneTitle}
        </h2>
        <p role="status" className="mb-4 rounded border border-[#1a7f37] bg-[#f0fff4] px-4 py-3 font-bold text-[#116329]" data-testid="issued-message">
          {state.issued.repeated ? labels.repeated : labels.doneBody}
          {state.issued.delivery === "download" ? ` ${labels.downloaded}` : null}
        </p>
        {content}
        <p className="mb-6">
          <span className="font-bold">{labels.codeLabel}</span>
          {": "}
          <span className="break-all font-mono" data-testid="apex-central-code">
            {state.issued.code}
          </span>
        </p>
        <Link href={`/licenses/${state.content?.licenseId}`} className="text-link underline">
          {labels.toDetail}
        </Link>
      </section>
    );
  }

  if (step === "content" && state.content) {
    return (
      <section aria-labelledby="content-heading">
        <h2 id="content-heading" ref={heading} tabIndex={-1} className="mb-4 text-xl font-bold">
          {labels.contentHeading}
        </h2>
        {message}
        {content}
        <section aria-labelledby="terms-heading" className="mb-6 rounded border border-line bg-panel p-4 text-sm">
          <h3 id="terms-heading" className="mb-2 font-bold">
            {labels.termsHeading}
          </h3>
          <ul className="list-disc pl-5">
            {labels.terms.map((term) => (
              <li key={term}>{term}</li>
            ))}
          </ul>
        </section>
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" className={SECONDARY} disabled={pending} onClick={() => setBackOn(state)}>
            {labels.back}
          </button>
          <button type="button" className={BUTTON} disabled={pending} onClick={() => send("download")}>
            {labels.download}
          </button>
          <button type="button" className={BUTTON} disabled={pending} onClick={() => send("issue")}>
            {labels.issue}
          </button>
        </div>
      </section>
    );
  }

  return (
    <>
      <p className="mb-4 text-sm">{labels.requiredNote}</p>
      {message}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          send("check");
        }}
      >
        <Field
          label={labels.licenseIdLabel}
          name="licenseId"
          required
          requiredMark={labels.requiredMark}
          hint={labels.licenseHint}
          errors={state.fieldErrors?.licenseId}
          value={licenseId}
          onChange={(event) => setLicenseId(event.currentTarget.value)}
          inputMode="numeric"
          autoComplete="off"
        />
        <button type="submit" disabled={pending} className={BUTTON}>
          {labels.confirm}
        </button>
      </form>
    </>
  );
}
