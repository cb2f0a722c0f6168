"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { FormState } from "@/lib/validation/form-state";
import { AccountEmailField, FormMessage, PasswordField, SubmitButton } from "./form-controls";

type Labels = { email: string; password: string; button: string; required: string; forgot?: string };
type Action = (state: FormState<"email" | "password">, formData: FormData) => Promise<FormState<"email" | "password">>;

export function LoginForm({ action, labels, callbackUrl }: { action: Action; labels: Labels; callbackUrl?: string }) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as FormState<"email" | "password">);
  return (
    <form action={formAction} noValidate className="max-w-lg">
      <FormMessage status={state.status} message={state.message} />
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <AccountEmailField label={labels.email} requiredMark={labels.required} defaultValue={state.values?.email} errors={state.fieldErrors?.email} />
      <PasswordField
        label={labels.password}
        name="password"
        autoComplete="current-password"
        requiredMark={labels.required}
        errors={state.fieldErrors?.password}
      />
      <SubmitButton pending={pending}>{labels.button}</SubmitButton>
      {labels.forgot ? (
        <p className="mt-4">
          <Link href="/password/temporary" className="text-link underline">
            {labels.forgot}
          </Link>
        </p>
      ) : null}
    </form>
  );
}
