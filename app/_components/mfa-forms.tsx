"use client";

import { useActionState, useRef, type InputHTMLAttributes } from "react";
import type { EnrolState } from "@/app/_components/auth-actions";
import type { FormState } from "@/lib/validation/form-state";
import { Field, FormMessage, SubmitButton } from "./form-controls";
import { CopyButton } from "./copy-button";

// MFA (beyond the SPEC): the code step and the staff enrolment. The code field is a one-time-code field (autocomplete
// "one-time-code", numeric keyboard on phones); a recovery code is typed into the same field.
type CodeLabels = { code: string; hint: string; button: string; required: string };
type CodeAction = (state: FormState<"code">, formData: FormData) => Promise<FormState<"code">>;

/** The code field of every MFA form (the sign-in's and /account/mfa's): a required one-time code, at most 64 characters. */
export function OneTimeCodeField({
  labels,
  errors,
  ...input
}: { labels: { code: string; required: string; hint?: string }; errors?: string[] } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field
      label={labels.code}
      name="code"
      autoComplete="one-time-code"
      maxLength={64}
      required
      requiredMark={labels.required}
      hint={labels.hint}
      errors={errors}
      {...input}
    />
  );
}

/** The code form itself: the state's message, the hidden return path, the code field and the button. */
function CodeForm({
  state,
  formAction,
  pending,
  labels,
  callbackUrl,
}: {
  state: FormState<"code">;
  formAction: (formData: FormData) => void;
  pending: boolean;
  labels: CodeLabels;
  callbackUrl: string;
}) {
  return (
    <form action={formAction} noValidate className="max-w-lg">
      <FormMessage status={state.status} message={state.message} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <OneTimeCodeField labels={labels} errors={state.fieldErrors?.code} inputMode="text" autoCapitalize="none" spellCheck={false} autoFocus />
      <SubmitButton pending={pending}>{labels.button}</SubmitButton>
    </form>
  );
}

export type RecoveryLabels = { recoveryTitle: string; recoveryIntro: string; print: string; copy: string; copied: string; copyFailed: string };

/**
 * The ten recovery codes, shown once (the sign-in's enrolment and /account/mfa), with what their text asks for: 印刷する
 * (the browser's print dialog) and コピーする (the clipboard; where the browser refuses it, the codes are selected for
 * the visitor's own copy).
 */
export function RecoveryCodes({ codes, labels, children }: { codes: string[]; labels: RecoveryLabels; children?: React.ReactNode }) {
  const list = useRef<HTMLOListElement>(null);
  return (
    <section aria-labelledby="recovery-title" className="max-w-lg">
      {children}
      <h2 id="recovery-title" className="mb-2 text-lg font-bold">
        {labels.recoveryTitle}
      </h2>
      <p className="mb-3">{labels.recoveryIntro}</p>
      <ol ref={list} data-testid="recovery-codes" className="mb-3 grid grid-cols-2 gap-2 rounded border border-line bg-panel p-4 font-mono tabular-nums">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className="mb-4 flex flex-wrap items-center gap-3 print:hidden">
        <button type="button" onClick={() => window.print()} className="rounded border border-line bg-white px-4 py-2 font-bold">
          {labels.print}
        </button>
        <CopyButton
          text={() => codes.join("\n")}
          onRefused={() => {
            if (list.current) window.getSelection()?.selectAllChildren(list.current);
          }}
          labels={labels}
        />
      </div>
    </section>
  );
}

export function MfaCodeForm({ action, labels, callbackUrl }: { action: CodeAction; labels: CodeLabels; callbackUrl: string }) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as FormState<"code">);
  return <CodeForm state={state} formAction={formAction} pending={pending} labels={labels} callbackUrl={callbackUrl} />;
}

type EnrolLabels = CodeLabels & RecoveryLabels & { continue: string };
type EnrolAction = (state: EnrolState, formData: FormData) => Promise<EnrolState>;

/** The first code against the shown secret; then the recovery codes, once, and the button that finishes the sign-in. */
export function MfaEnrolForm({
  action,
  finish,
  labels,
  callbackUrl,
}: {
  action: EnrolAction;
  finish: (formData: FormData) => Promise<void>;
  labels: EnrolLabels;
  callbackUrl: string;
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as EnrolState);
  if (state.status === "success" && state.recoveryCodes) {
    return (
      <>
        <RecoveryCodes codes={state.recoveryCodes} labels={labels} />
        <form action={finish}>
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <SubmitButton>{labels.continue}</SubmitButton>
        </form>
      </>
    );
  }
  return <CodeForm state={state} formAction={formAction} pending={pending} labels={labels} callbackUrl={callbackUrl} />;
}
