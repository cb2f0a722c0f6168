"use client";

import type { ButtonHTMLAttributes, InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import { useFormStatus } from "react-dom";

// The screen message's two tones (B-8): red for a refusal, green for a success.
const ERROR_TONE = "border-brand bg-[#fff5f5] text-[#86061d]";
const SUCCESS_TONE = "border-[#1a7f37] bg-[#f0fff4] text-[#116329]";

const CONTROL = "w-full max-w-md rounded border border-[#8c959f] bg-white px-3 py-2 aria-invalid:border-brand";

/**
 * A labelled input whose errors sit under it, announced politely and tied by aria-describedby (STYLE). A required
 * field shows `requiredMark` (the catalogue's common.requiredMark: ※ in Japanese, * in English).
 */
export function Field({
  label,
  name,
  errors,
  hint,
  required,
  requiredMark,
  ...input
}: { label: string; name: string; errors?: string[]; hint?: ReactNode; required?: boolean; requiredMark?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldFrame name={name} label={label} required={required} requiredMark={requiredMark} errors={errors} hint={hint}>
      <input id={name} name={name} required={required} {...controlAria(name, errors, hint)} className={CONTROL} {...input} />
    </FieldFrame>
  );
}

/** The account's e-mail address: the username a password manager fills in. */
export function AccountEmailField({
  label,
  requiredMark,
  defaultValue,
  errors,
}: {
  label: string;
  requiredMark: string;
  defaultValue?: string;
  errors?: string[];
}) {
  return (
    <Field
      label={label}
      name="email"
      type="email"
      autoComplete="username"
      inputMode="email"
      required
      requiredMark={requiredMark}
      defaultValue={defaultValue}
      errors={errors}
    />
  );
}

/** A required password input; `autoComplete` tells a password manager whether it is the current or a new one. */
export function PasswordField(field: { label: string; name: string; autoComplete: "current-password" | "new-password" } & Parameters<typeof Field>[0]) {
  return <Field type="password" required {...field} />;
}

/**
 * The form's main button. While the form is being sent it is disabled and busy (a spinner beside its label, from
 * globals.css), so a second click cannot send it twice. `pending` is useActionState's flag; without it, the enclosing
 * form's own status (a server action, or a next/form navigation).
 */
export function SubmitButton({ children, pending }: { children: ReactNode; pending?: boolean }) {
  const status = useFormStatus();
  const busy = pending ?? status.pending;
  return (
    <button
      type="submit"
      disabled={busy}
      aria-disabled={busy}
      aria-busy={busy || undefined}
      className="rounded bg-brand px-6 py-2 font-bold text-white hover:bg-brand-dark disabled:opacity-60"
    >
      {children}
    </button>
  );
}

/** Loading states: any other submit button (its own look), disabled and busy while its form is being sent. */
export function PendingButton({ children, disabled, ...button }: ButtonHTMLAttributes<HTMLButtonElement>) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending || disabled} aria-busy={pending || undefined} {...button}>
      {children}
    </button>
  );
}

export function FormMessage({ status, message }: { status: "idle" | "error" | "success"; message?: string }) {
  if (!message) return <div aria-live="polite" />;
  return (
    <div role={status === "error" ? "alert" : "status"} className={`mb-4 rounded border px-4 py-3 ${status === "error" ? ERROR_TONE : SUCCESS_TONE}`}>
      {message}
    </div>
  );
}

/** A labelled select, its errors under it like Field's. */
export function SelectField({
  label,
  name,
  errors,
  required,
  requiredMark,
  options,
  placeholder,
  ...select
}: {
  label: string;
  name: string;
  errors?: string[];
  required?: boolean;
  requiredMark?: string;
  options: readonly { value: string; label: string }[];
  placeholder?: string;
} & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldFrame name={name} label={label} required={required} requiredMark={requiredMark} errors={errors}>
      <select id={name} name={name} required={required} {...controlAria(name, errors)} className={CONTROL} {...select}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A checkbox with its label beside it (a consent), its errors under it. */
export function CheckboxField({
  label,
  name,
  errors,
  ...input
}: { label: ReactNode; name: string; errors?: string[] } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="mb-3">
      <label htmlFor={name} className="flex items-start gap-2">
        <input id={name} name={name} type="checkbox" value="on" {...controlAria(name, errors)} className="mt-1 size-4 shrink-0" {...input} />
        <span>{label}</span>
      </label>
      <FieldErrors id={`${name}-error`} errors={errors} />
    </div>
  );
}

/** A field's frame: its label above, then the control, its hint and its errors under it. */
function FieldFrame({
  name,
  label,
  required,
  requiredMark,
  errors,
  hint,
  children,
}: {
  name: string;
  label: string;
  required?: boolean;
  requiredMark?: string;
  errors?: string[];
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="mb-4">
      <FieldLabel name={name} label={label} required={required} requiredMark={requiredMark} />
      {children}
      {hint ? (
        <p id={`${name}-hint`} className="mt-1 text-sm text-muted">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={`${name}-error`} errors={errors} />
    </div>
  );
}

/** A control's invalid state and what describes it: its hint, then its errors (the ids FieldFrame gives them). */
function controlAria(name: string, errors?: string[], hint?: ReactNode) {
  const describedBy = [hint ? `${name}-hint` : null, errors?.length ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  return { "aria-invalid": errors?.length ? true : undefined, "aria-describedby": describedBy };
}

/** A field's label and, for a required one, its mark (the manual's ※), kept outside the label so its name stays exact. */
function FieldLabel({ name, label, required, requiredMark }: { name: string; label: string; required?: boolean; requiredMark?: string }) {
  return (
    <div className="mb-1">
      <label htmlFor={name} className="font-bold">
        {label}
      </label>
      {required && requiredMark ? (
        <span className="ml-1 font-bold text-brand" aria-hidden="true">
          {requiredMark}
        </span>
      ) : null}
    </div>
  );
}

/** A field's messages, under it, announced politely (its id is the field's aria-describedby; also a radio group's, B-4). */
export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <div id={id} aria-live="polite">
      {errors?.map((message) => (
        <p key={message} className="mt-1 text-sm font-bold text-brand">
          {message}
        </p>
      ))}
    </div>
  );
}
