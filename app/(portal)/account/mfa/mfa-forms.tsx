"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { EnrolState } from "@/app/_components/auth-actions";
import { RecoveryCodes } from "@/app/_components/mfa-forms";
import { Field, FormMessage, SubmitButton } from "@/app/_components/form-controls";
import type { FormState } from "@/lib/validation/form-state";
import { disableMfaAction, enableMfaAction } from "./actions";

type Labels = { code: string; hint?: string; button: string; required: string };

/** Turning it on: the first code of the shown secret; then the recovery codes, once (leaving the page hides them). */
export function EnableMfaForm({
  sealed,
  labels,
  children,
}: {
  sealed: string;
  labels: Labels & { recoveryTitle: string; recoveryIntro: string; back: string };
  children: React.ReactNode;
}) {
  const [state, formAction, pending] = useActionState(enableMfaAction, { status: "idle" } as EnrolState);
  if (state.status === "success" && state.recoveryCodes) {
    return (
      <>
        <RecoveryCodes codes={state.recoveryCodes} title={labels.recoveryTitle} intro={labels.recoveryIntro}>
          <FormMessage status="success" message={state.message} />
        </RecoveryCodes>
        <Link href="/account/mfa" className="text-link underline">
          {labels.back}
        </Link>
      </>
    );
  }
  return (
    <>
      {children}
      <form action={formAction} noValidate className="max-w-lg">
        <FormMessage status={state.status} message={state.message} />
        <input type="hidden" name="sealed" value={sealed} />
        <Field
          label={labels.code}
          name="code"
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={64}
          required
          requiredMark={labels.required}
          errors={state.fieldErrors?.code}
        />
        <SubmitButton pending={pending}>{labels.button}</SubmitButton>
      </form>
    </>
  );
}

export function DisableMfaForm({ labels }: { labels: Labels }) {
  const [state, formAction, pending] = useActionState(disableMfaAction, { status: "idle" } as FormState<"code">);
  return (
    <form action={formAction} noValidate className="max-w-lg">
      <FormMessage status={state.status} message={state.message} />
      <Field
        label={labels.code}
        name="code"
        autoComplete="one-time-code"
        maxLength={64}
        required
        requiredMark={labels.required}
        hint={labels.hint}
        errors={state.fieldErrors?.code}
      />
      <SubmitButton pending={pending}>{labels.button}</SubmitButton>
    </form>
  );
}
