"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { FormState } from "@/lib/validation/form-state";
import { Field, FormMessage, SubmitButton } from "./form-controls";

type Fields = "currentPassword" | "newPassword" | "confirmation";
type Action = (state: FormState<Fields>, formData: FormData) => Promise<FormState<Fields>>;
type Labels = {
  currentPassword: string;
  newPassword: string;
  confirmation: string;
  confirmationHint: string;
  button: string;
  doneNote: string;
  toMenu: string;
  rulesTitle: string;
  rules: string[];
  validity: string;
  required: string;
};

/** A-4 / E-1: 新しいパスワード and its confirmation, the 注意事項 and the validity note. */
export function PasswordChangeForm({
  action,
  labels,
  askCurrent,
  email,
  doneHref,
  lead,
  hidden,
}: {
  action: Action;
  labels: Labels;
  askCurrent: boolean;
  email: string;
  doneHref: string;
  lead: string;
  hidden?: Record<string, string>;
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as FormState<Fields>);
  if (state.status === "success") {
    return (
      <div>
        <FormMessage status="success" message={state.message} />
        <p className="mb-4">{labels.doneNote}</p>
        <Link href={doneHref} className="text-link underline">
          {labels.toMenu}
        </Link>
      </div>
    );
  }
  return (
    <form action={formAction} noValidate className="max-w-2xl">
      <p className="mb-6">{lead}</p>
      <FormMessage status={state.status} message={state.message} />
      {/* Lets password managers store the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {askCurrent ? (
        <Field
          label={labels.currentPassword}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          requiredMark={labels.required}
          errors={state.fieldErrors?.currentPassword}
        />
      ) : null}
      <Field
        label={labels.newPassword}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        requiredMark={labels.required}
        maxLength={64}
        errors={state.fieldErrors?.newPassword}
      />
      <Field
        label={labels.confirmation}
        name="confirmation"
        type="password"
        autoComplete="new-password"
        required
        requiredMark={labels.required}
        maxLength={64}
        hint={labels.confirmationHint}
        errors={state.fieldErrors?.confirmation}
      />
      <section aria-labelledby="password-rules" className="mb-4 rounded border border-line bg-panel p-4 text-sm">
        <h2 id="password-rules" className="mb-2 font-bold">
          {labels.rulesTitle}
        </h2>
        <ul className="list-disc space-y-1 pl-5">
          {labels.rules.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
        <p className="mt-2">{labels.validity}</p>
      </section>
      <SubmitButton pending={pending}>{labels.button}</SubmitButton>
    </form>
  );
}
