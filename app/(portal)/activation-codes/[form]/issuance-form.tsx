"use client";

import { useEffect, useRef } from "react";
import type { SearchNoticeContact, SearchNoticeLabels } from "@/app/_components/search-notice";
import type { MailedIssuanceKind } from "@/lib/issuance/catalog";
import { issuanceFormAction } from "../actions";
import { licenseIdField, NoteList, SourceForm, StepMessage, useIssuanceWizard } from "../issuance-panels";
import { DonePanel, OffersPanel, ReviewPanel, type IssuanceLabels } from "./issuance-form-panels";
import { issuanceReducer, issuanceStart } from "./issuance-steps";

// ② as the customer pastes it: a monospace box wide enough for the whole code.
const CODE_INPUT = "w-full max-w-xl rounded border border-[#8c959f] bg-white px-3 py-2 font-mono aria-invalid:border-brand";

/**
 * C-1, C-2, C-4 (SPEC C, manual steps 5–10): ① ② → 「確認する」/「次へ」 → the products → 連絡先 twice → 「発行を依頼する」
 * → review → 「発行を依頼する」 → 依頼完了. The inputs live here (the server state never carries a code back); each
 * step asks the server again with all of them.
 */
export function IssuanceForm({
  kind,
  labels,
  notice,
  contact,
}: {
  kind: MailedIssuanceKind;
  labels: IssuanceLabels;
  notice: SearchNoticeLabels;
  contact: SearchNoticeContact;
}) {
  const [{ view, values, sending, pasteRefused }, dispatch, send] = useIssuanceWizard(issuanceReducer, issuanceStart, issuanceFormAction);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    // Back at ① ② (「修正する」), the focus goes to ① itself: the page's heading already names the form, so the step
    // has no heading of its own to repeat the long title in.
    if (view.step === "input") document.getElementById("licenseId")?.focus();
    else heading.current?.focus();
  }, [view.step]);

  const sendStep = (step: "check" | "review" | "request") => send({ kind, step, ...values });
  const offline = kind === "offline";
  const message = <StepMessage view={view} notice={notice} contact={contact} />;
  const panel = { labels, values, offline, pending: sending, headingRef: heading, message };

  switch (view.step) {
    case "done":
      return <DonePanel labels={labels} validUntil={view.done.validUntil} headingRef={heading} />;
    case "review":
      return <ReviewPanel {...panel} view={view} onBack={() => dispatch({ type: "back" })} onRequest={() => sendStep("request")} />;
    case "offers":
      return (
        <OffersPanel
          {...panel}
          view={view}
          pasteRefused={pasteRefused}
          onEdit={(name, value) => dispatch({ type: "edit", name, value })}
          onRefusePaste={() => dispatch({ type: "refusePaste" })}
          onBack={() => dispatch({ type: "back" })}
          onReview={() => sendStep("review")}
        />
      );
    case "input":
      return (
        <>
          <NoteList id="notes-heading" title={labels.notesHeading} items={offline ? [...labels.notes, labels.offlineNote] : labels.notes} />
          {message}
          <SourceForm
            fields={[licenseIdField(labels), { name: "code", label: labels.codeLabel, hint: labels.codeHint, spellCheck: false, className: CODE_INPUT }]}
            requiredMark={labels.requiredMark}
            errors={view.fieldErrors}
            values={values}
            dispatch={dispatch}
            button={offline ? labels.next : labels.confirm}
            pending={sending}
            onSubmit={() => sendStep("check")}
          />
        </>
      );
  }
}
