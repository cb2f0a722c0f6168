"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/validation/form-state";
import { AccountEmailField, FormMessage, SubmitButton } from "./form-controls";

type Action = (state: FormState<"email">, formData: FormData) => Promise<FormState<"email">>;

export function TemporaryPasswordForm({
  action,
  labels,
  faq,
}: {
  action: Action;
  labels: { email: string; button: string; faqLink: string; required: string };
  faq: string;
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as FormState<"email">);
  const unknown = state.status === "error" && state.message && !state.fieldErrors;
  return (
    <form action={formAction} noValidate className="max-w-lg">
      <FormMessage status={state.status} message={state.message} />
      {unknown ? (
        <p className="-mt-2 mb-4">
          <a href={faq} target="_blank" rel="noopener noreferrer" className="text-link underline">
            {labels.faqLink}
          </a>
        </p>
      ) : null}
      <AccountEmailField label={labels.email} requiredMark={labels.required} defaultValue={state.values?.email} errors={state.fieldErrors?.email} />
      <SubmitButton pending={pending}>{labels.button}</SubmitButton>
    </form>
  );
}
