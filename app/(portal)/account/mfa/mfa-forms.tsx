"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { EnrolState } from "@/app/_components/auth-actions";
import { OneTimeCodeField, RecoveryCodes } from "@/app/_components/mfa-forms";
import { FormMessage, SubmitButton } from "@/app/_components/form-controls";
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
      <CodeForm state={state} formAction={formAction} pending={pending} labels={labels} inputMode="numeric">
        <input type="hidden" name="sealed" value={sealed} />
      </CodeForm>
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
