"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { FormState } from "@/lib/validation/form-state";
import { FormMessage, PasswordField, SubmitButton } from "./form-controls";

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
  required: string;
};

// The current password (only where it is asked), then the new one twice, at most 64 characters.
const PASSWORD_FIELDS = [
  { name: "currentPassword", autoComplete: "current-password" },
  { name: "newPassword", autoComplete: "new-password", maxLength: 64 },
  { name: "confirmation", autoComplete: "new-password", maxLength: 64 },
] as const;

/** A-4 / E-1: 新しいパスワード and its confirmation, and the 注意事項 (A-6; its last item is A-5's 180-day validity, said once). */
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
      {PASSWORD_FIELDS.filter((field) => askCurrent || field.name !== "currentPassword").map(({ name, ...input }) => (
        <PasswordField
          key={name}
          label={labels[name]}
          name={name}
          {...input}
          requiredMark={labels.required}
          // The hint and the mismatch error are the same words: the error replaces the hint rather than repeat it.
          hint={name === "confirmation" && !state.fieldErrors?.confirmation?.length ? labels.confirmationHint : undefined}
          errors={state.fieldErrors?.[name]}
        />
      ))}
      <section aria-labelledby="password-rules" className="mb-4 rounded border border-line bg-panel p-4 text-sm">
        <h2 id="password-rules" className="mb-2 font-bold">
          {labels.rulesTitle}
        </h2>
        <ul className="list-disc space-y-1 pl-5">
          {labels.rules.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
      </section>
      <SubmitButton pending={pending}>{labels.button}</SubmitButton>
    </form>
  );
}
