"use client";

import Link from "next/link";
import { startTransition, useActionState, useEffect, useRef, useState, type ClipboardEvent, type DragEvent } from "react";
import { Field, FormMessage } from "@/app/_components/form-controls";
import { SearchNotice, type SearchNoticeContact, type SearchNoticeLabels } from "@/app/_components/search-notice";
import type { MailedIssuanceKind } from "@/lib/issuance/catalog";
import type { Messages } from "@/lib/i18n/ja";
import { issuanceFormAction, type IssuanceFormState } from "../actions";
import { ProductTable } from "../tables";

type FormLabels = Messages["issuance"]["forms"]["apex_one"];
type Labels = Omit<Messages["issuance"], "forms"> & FormLabels & { requiredMark: string; emailFormat: string; doneTitle: string };
type Step = IssuanceFormState["step"];
type Values = { licenseId: string; code: string; email: string; emailConfirm: string };

const BUTTON = "rounded bg-brand px-6 py-2 font-bold text-white hover:bg-brand-dark disabled:opacity-60";
const SECONDARY = "rounded border border-[#8c959f] bg-white px-6 py-2 font-bold hover:bg-panel disabled:opacity-60";

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
  labels: Labels;
  notice: SearchNoticeLabels;
  contact: SearchNoticeContact;
}) {
  const [state, dispatch, pending] = useActionState(issuanceFormAction, { status: "idle", step: "input" } as IssuanceFormState);
  const [values, setValues] = useState<Values>({ licenseId: "", code: "", email: "", emailConfirm: "" });
  const [pasteRefused, setPasteRefused] = useState(false);
  // 「修正する」 goes back a step without asking the server: an override of the state it was pressed on.
  const [back, setBack] = useState<{ on: IssuanceFormState; step: Step } | null>(null);
  const step: Step = back && back.on === state ? back.step : state.step;
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  const set = (name: keyof Values) => (event: { currentTarget: HTMLInputElement }) => {
    const value = event.currentTarget.value;
    setValues((current) => ({ ...current, [name]: value }));
  };
  const send = (serverStep: "check" | "review" | "request") => {
    const data = new FormData();
    data.set("kind", kind);
    data.set("step", serverStep);
    for (const [name, value] of Object.entries(values)) data.set(name, value);
    startTransition(() => dispatch(data));
  };
  const refusePaste = (event: ClipboardEvent<HTMLInputElement> | DragEvent<HTMLInputElement>) => {
    event.preventDefault();
    setPasteRefused(true);
  };
  const errors = state.fieldErrors ?? {};
  const offline = kind === "offline";

  if (step === "done" && state.done) {
    return (
      <section aria-labelledby="done-heading">
        <h2 id="done-heading" ref={heading} tabIndex={-1} className="mb-4 text-xl font-bold">
          {labels.doneTitle}
        </h2>
        <p className="mb-2">{labels.doneBody}</p>
        <p className="mb-6 font-bold">{labels.validUntil.replace("{time}", state.done.validUntil)}</p>
        <Link href="/activation-codes" className="text-link underline">
          {labels.toMenu}
        </Link>
      </section>
    );
  }

  const message = state.notice ? (
    <SearchNotice notice={state.notice} labels={notice} contact={contact} />
  ) : (
    <FormMessage status={state.status} message={state.message} />
  );

  if (step === "input" || !state.source || !state.offers) {
    return (
      <>
        <section aria-labelledby="notes-heading" className="mb-6 rounded border border-line bg-panel p-4 text-sm">
          <h2 id="notes-heading" className="mb-2 font-bold">
            {labels.notesHeading}
          </h2>
          <ul className="list-disc pl-5">
            {labels.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
            {offline ? <li>{labels.offlineNote}</li> : null}
          </ul>
        </section>
        <h2 ref={heading} tabIndex={-1} className="sr-only">
          {labels.title}
        </h2>
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
            errors={errors.licenseId}
            value={values.licenseId}
            onChange={set("licenseId")}
            inputMode="numeric"
            autoComplete="off"
          />
          <Field
            label={labels.codeLabel}
            name="code"
            required
            requiredMark={labels.requiredMark}
            hint={labels.codeHint}
            errors={errors.code}
            value={values.code}
            onChange={set("code")}
            autoComplete="off"
            spellCheck={false}
            className="w-full max-w-xl rounded border border-[#8c959f] bg-white px-3 py-2 font-mono aria-invalid:border-brand"
          />
          <button type="submit" disabled={pending} className={BUTTON}>
            {offline ? labels.next : labels.confirm}
          </button>
        </form>
      </>
    );
  }

  const source = state.source;
  const summary = (
    <dl className="mb-6 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      <dt className="font-bold text-muted">{labels.licenseIdLabel}</dt>
      <dd className="tabular-nums">{source.licenseId}</dd>
      <dt className="font-bold text-muted">{labels.codeLabel}</dt>
      <dd className="break-all font-mono">{values.code}</dd>
    </dl>
  );
  const offersCaption = offline ? labels.offersHeadingOffline : labels.offersHeading;

  if (step === "review") {
    return (
      <section aria-labelledby="review-heading">
        <h2 id="review-heading" ref={heading} tabIndex={-1} className="mb-2 text-xl font-bold">
          {labels.reviewHeading}
        </h2>
        <p className="mb-4">{labels.reviewLead}</p>
        {message}
        {summary}
        <ProductTable caption={offersCaption} rows={state.offers} labels={labels} />
        <h3 className="mb-2 font-bold">{labels.contactHeading}</h3>
        <dl className="mb-6 grid grid-cols-[max-content_1fr] gap-x-4 text-sm">
          <dt className="font-bold text-muted">{labels.email}</dt>
          <dd className="break-all" data-i18n-exempt>
            {values.email}
          </dd>
        </dl>
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" className={SECONDARY} disabled={pending} onClick={() => setBack({ on: state, step: "offers" })}>
            {labels.back}
          </button>
          <button type="button" className={BUTTON} disabled={pending} onClick={() => send("request")}>
            {labels.request}
          </button>
          <span className="text-sm text-muted">{labels.notYet}</span>
        </div>
      </section>
    );
  }

  return (
    <section aria-labelledby="offers-heading">
      <h2 id="offers-heading" ref={heading} tabIndex={-1} className="mb-4 text-xl font-bold">
        {offersCaption}
      </h2>
      {message}
      {summary}
      <ProductTable caption={labels.sourceHeading} rows={[{ productName: source.productName, quantity: source.quantity }]} labels={labels} />
      <ProductTable caption={offersCaption} rows={state.offers} labels={labels} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          send("review");
        }}
      >
        <fieldset className="mb-4 rounded border border-line p-4">
          <legend className="px-1 font-bold">{labels.contactHeading}</legend>
          {offline ? <p className="mb-3 text-sm">{labels.offlineMailNote}</p> : null}
          <Field
            label={labels.email}
            name="email"
            type="email"
            required
            requiredMark={labels.requiredMark}
            errors={errors.email}
            value={values.email}
            onChange={set("email")}
            autoComplete="email"
          />
          <Field
            label={labels.emailConfirm}
            name="emailConfirm"
            type="email"
            required
            requiredMark={labels.requiredMark}
            hint={pasteRefused ? labels.noPaste : labels.emailConfirmHint}
            errors={errors.emailConfirm}
            value={values.emailConfirm}
            onChange={set("emailConfirm")}
            onPaste={refusePaste}
            onDrop={refusePaste}
            autoComplete="off"
          />
        </fieldset>
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" className={SECONDARY} disabled={pending} onClick={() => setBack({ on: state, step: "input" })}>
            {labels.back}
          </button>
          <button type="submit" disabled={pending} className={BUTTON}>
            {labels.request}
          </button>
          <span className="text-sm text-muted">{labels.notYet}</span>
        </div>
      </form>
    </section>
  );
}
