"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { EnrolState } from "@/app/_components/auth-actions";
import { OneTimeCodeField, RecoveryCodes, type RecoveryLabels } from "@/app/_components/mfa-forms";
import { HeadedSection } from "@/app/_components/headed-section";
import { FormMessage, SubmitButton } from "@/app/_components/form-controls";
import type { FormState } from "@/lib/validation/form-state";
import { disableMfaAction, enableMfaAction } from "./actions";

type Labels = { code: string; hint?: string; button: string; required: string };

type StatusLabels = { status: string; off: string; on: string; enableTitle: string; stored: string };

/**
 * Turning it on: the status, then the first code of the shown secret; once it is right, the status says so at once
 * and the recovery codes take the form's place, once (leaving the page hides them), with 印刷する, コピーする and
 * 「保管しました」 (the page again, with the codes gone).
 */
export function EnableMfaForm({ sealed, labels, children }: { sealed: string; labels: Labels & RecoveryLabels & StatusLabels; children: React.ReactNode }) {
  const [state, formAction, pending] = useActionState(enableMfaAction, { status: "idle" } as EnrolState);
  const done = state.status === "success" && state.recoveryCodes;
  return (
    <>
      <dl className="mb-6 grid max-w-md grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-bold">{labels.status}</dt>
        <dd data-testid="mfa-status">{done ? labels.on : labels.off}</dd>
      </dl>
      {done ? (
        <>
          <RecoveryCodes codes={state.recoveryCodes!} labels={labels}>
            <FormMessage status="success" message={state.message} />
          </RecoveryCodes>
          <Link href="/account/mfa" className="inline-block rounded bg-brand px-4 py-2 font-bold text-white">
            {labels.stored}
          </Link>
        </>
      ) : (
        <HeadedSection id="enable-title" heading={labels.enableTitle}>
          {children}
          <CodeForm state={state} formAction={formAction} pending={pending} labels={labels} inputMode="numeric">
            <input type="hidden" name="sealed" value={sealed} />
          </CodeForm>
        </HeadedSection>
      )}
    </>
  );
}

export function DisableMfaForm({ labels }: { labels: Labels }) {
  const [state, formAction, pending] = useActionState(disableMfaAction, { status: "idle" } as FormState<"code">);
  return <CodeForm state={state} formAction={formAction} pending={pending} labels={labels} />;
}

/** Both forms: the state's message, what the form sends along, the code field (with its hint, if any) and the button. */
function CodeForm({
  state,
  formAction,
  pending,
  labels,
  inputMode,
  children,
}: {
  state: FormState<"code">;
  formAction: (formData: FormData) => void;
  pending: boolean;
  labels: Labels;
  inputMode?: "numeric";
  children?: React.ReactNode;
}) {
  return (
    <form action={formAction} noValidate className="max-w-lg">
      <FormMessage status={state.status} message={state.message} />
      {children}
      <OneTimeCodeField labels={labels} errors={state.fieldErrors?.code} inputMode={inputMode} />
      <SubmitButton pending={pending}>{labels.button}</SubmitButton>
    </form>
  );
}
