"use client";

import Link from "next/link";
import { useFormatter } from "next-intl";
import { useEffect, useRef, type Ref } from "react";
import type { SearchNoticeContact, SearchNoticeLabels } from "@/app/_components/search-notice";
import { apexCentralAction, type ApexCentralState } from "../actions";
import type { ApexCentralLabels as Labels } from "../issuance-labels";
import { BUTTON, licenseIdField, NoteList, SECONDARY, SourceForm, StepMessage, StepSection, useIssuanceWizard } from "../issuance-panels";
import { apexCentralReducer, apexCentralStart } from "./apex-central-steps";

type Content = Extract<ApexCentralState, { step: "content" }>["content"];
type Issued = Extract<ApexCentralState, { step: "done" }>["issued"];

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

/** C-3: ① → 「確認する」 → 配信内容 and the terms → download or 更新用AC発行 → 依頼完了 with the code. */
export function ApexCentralForm({ labels, notice, contact }: { labels: Labels; notice: SearchNoticeLabels; contact: SearchNoticeContact }) {
  const [{ view, values, sending }, dispatch, send] = useIssuanceWizard(apexCentralReducer, apexCentralStart, apexCentralAction);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (view.step !== "input") heading.current?.focus();
  }, [view]);
  const sendStep = (step: "check" | "download" | "issue") =>
    send({ step, licenseId: values.licenseId }, (answer) => {
      if (answer.step === "done" && answer.issued.delivery === "download")
        saveFile(
          answer.issued.fileName,
          `${labels.licenseId}: ${answer.content.licenseId}\r\n${answer.content.productName}\r\n${labels.codeLabel}: ${answer.issued.code}\r\n`,
        );
    });
  const message = <StepMessage view={view} notice={notice} contact={contact} />;

  switch (view.step) {
    case "done":
      return <DonePanel labels={labels} content={view.content} issued={view.issued} headingRef={heading} />;
    case "content":
      return (
        <StepSection id="content-heading" title={labels.contentHeading} headingRef={heading}>
          {message}
          <ContentList labels={labels} content={view.content} />
          <NoteList id="terms-heading" heading="h3" title={labels.termsHeading} items={labels.terms} />
          <div className="flex flex-wrap items-center gap-3">
            <button type="button" className={SECONDARY} disabled={sending} onClick={() => dispatch({ type: "back" })}>
              {labels.back}
            </button>
            <button type="button" className={BUTTON} disabled={sending} onClick={() => sendStep("download")}>
              {labels.download}
            </button>
            <button type="button" className={BUTTON} disabled={sending} onClick={() => sendStep("issue")}>
              {labels.issue}
            </button>
          </div>
        </StepSection>
      );
    case "input":
      return (
        <>
          <p className="mb-4 text-sm">{labels.requiredNote}</p>
          {message}
          <SourceForm
            fields={[licenseIdField(labels)]}
            requiredMark={labels.requiredMark}
            errors={view.fieldErrors}
            values={values}
            dispatch={dispatch}
            button={labels.confirm}
            pending={sending}
            onSubmit={() => sendStep("check")}
          />
        </>
      );
  }
}

function ContentList({ labels, content }: { labels: Labels; content: Content }) {
  const format = useFormatter();
  return (
    <dl className="mb-6 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      <dt className="font-bold text-muted">{labels.licenseId}</dt>
      <dd className="tabular-nums">{content.licenseId}</dd>
      <dt className="font-bold text-muted">{labels.product}</dt>
      <dd data-i18n-exempt="product name">{content.productName}</dd>
      <dt className="font-bold text-muted">{labels.quantity}</dt>
      <dd className="tabular-nums">{format.number(content.quantity)}</dd>
      <dt className="font-bold text-muted">{labels.supportEndDate}</dt>
      <dd className="tabular-nums">{content.supportEndDate}</dd>
    </dl>
  );
}

function DonePanel({ labels, content, issued, headingRef }: { labels: Labels; content: Content; issued: Issued; headingRef: Ref<HTMLHeadingElement> }) {
  return (
    <StepSection id="done-heading" title={labels.doneTitle} headingRef={headingRef}>
      <p role="status" className="mb-4 rounded border border-[#1a7f37] bg-[#f0fff4] px-4 py-3 font-bold text-[#116329]" data-testid="issued-message">
        {issued.repeated ? labels.repeated : labels.doneBody}
        {issued.delivery === "download" ? ` ${labels.downloaded}` : null}
      </p>
      <ContentList labels={labels} content={content} />
      <p className="mb-6">
        <span className="font-bold">{labels.codeLabel}</span>
        {": "}
        <span className="break-all font-mono" data-testid="apex-central-code">
          {issued.code}
        </span>
      </p>
      <Link href={`/licenses/${content.licenseId}`} className="text-link underline">
        {labels.toDetail}
      </Link>
    </StepSection>
  );
}
