"use client";

import { useActionState } from "react";
import { Field, FormMessage, SelectField, SubmitButton } from "@/app/_components/form-controls";
import type { FormState } from "@/lib/validation/form-state";
import { ConfirmAction, type ConfirmLabels } from "@/app/admin/_components/confirm-action";
import { changeStaffRoleAction, inviteStaffAction, resetStaffMfaAction, resetStaffPasswordAction, setStaffDisabledAction } from "./actions";

type RoleOption = { value: string; label: string };

export function InviteForm({
  roles,
  labels,
}: {
  roles: RoleOption[];
  labels: { name: string; email: string; role: string; button: string; required: string };
}) {
  const [state, dispatch, pending] = useActionState(inviteStaffAction, { status: "idle" } as FormState<"email" | "name" | "role">);
  // What every field of the invitation shares: required, its label, and what was typed (kept after a refusal) with its errors.
  const field = (name: "email" | "name" | "role") => ({
    label: labels[name],
    name,
    required: true,
    requiredMark: labels.required,
    defaultValue: state.values?.[name],
    errors: state.fieldErrors?.[name],
  });
  return (
    <form action={dispatch} noValidate className="max-w-lg">
      <FormMessage status={state.status} message={state.message} />
      <Field autoComplete="off" maxLength={100} {...field("name")} />
      <Field type="email" autoComplete="off" maxLength={254} {...field("email")} />
      <SelectField options={roles} {...field("role")} defaultValue={state.values?.role ?? "operator"} />
      <SubmitButton pending={pending}>{labels.button}</SubmitButton>
    </form>
  );
}

/** A row form's answer beside its button (an error is an alert; a success a polite status). */
function InlineStatus({ state }: { state: FormState }) {
  if (!state.message) return null;
  return (
    <span role={state.status === "error" ? "alert" : "status"} className={`ml-2 text-sm ${state.status === "error" ? "text-[#86061d]" : "text-[#116329]"}`}>
      {state.message}
    </span>
  );
}

type RowAction = (state: FormState, formData: FormData) => Promise<FormState>;

/** One action of a row that asks first (ConfirmAction): its status line (announced) beside it, the row's id hidden. */
function ConfirmedRowAction({ action, id, labels }: { action: RowAction; id: number; labels: ConfirmLabels }) {
  const [state, dispatch, pending] = useActionState(action, { status: "idle" } as FormState);
  return (
    <div>
      <ConfirmAction dispatch={dispatch} pending={pending} result={state} fields={{ id }} labels={labels} size="sm" />
      <InlineStatus state={state} />
    </div>
  );
}

/**
 * 無効にする (asks first) or 有効にする (does not): one component for both, so that its answer stays beside the button
 * that replaced it, and focus moves to that button.
 */
function DisabledToggle({
  id,
  disabled,
  labels,
}: {
  id: number;
  disabled: boolean;
  labels: Pick<RowLabels, "disable" | "disableQuestion" | "enable" | "cancel">;
}) {
  const [state, dispatch, pending] = useActionState(setStaffDisabledAction, { status: "idle" } as FormState);
  return (
    <div>
      {disabled ? (
        <form action={dispatch} className="inline-block">
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="disabled" value="false" />
          <button
            type="submit"
            disabled={pending}
            autoFocus={state.status === "success"}
            className="rounded border border-line px-2 py-1 text-sm disabled:opacity-60"
          >
            {labels.enable}
          </button>
        </form>
      ) : (
        <ConfirmAction
          dispatch={dispatch}
          pending={pending}
          result={state}
          fields={{ id, disabled: "true" }}
          labels={{ trigger: labels.disable, question: labels.disableQuestion, confirm: labels.disable, cancel: labels.cancel }}
          size="sm"
        />
      )}
      <InlineStatus state={state} />
    </div>
  );
}

export function RoleForm({ id, current, roles, labels }: { id: number; current: string; roles: RoleOption[]; labels: { label: string; button: string } }) {
  const [state, dispatch, pending] = useActionState(changeStaffRoleAction, { status: "idle" } as FormState);
  return (
    <form action={dispatch} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={id} />
      {/* The label holds the member's name (data, in whatever script it is written). */}
      <label className="sr-only" htmlFor={`role-${id}`} data-i18n-exempt="the staff member's name">
        {labels.label}
      </label>
      <select id={`role-${id}`} name="role" defaultValue={current} className="rounded border border-[#8c959f] bg-white px-2 py-1">
        {roles.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </select>
      <button type="submit" disabled={pending} className="rounded border border-line px-2 py-1 text-sm disabled:opacity-60">
        {labels.button}
      </button>
      <InlineStatus state={state} />
    </form>
  );
}

type RowLabels = {
  disable: string;
  disableQuestion: string;
  enable: string;
  resetPassword: string;
  resetPasswordQuestion: string;
  resetPasswordConfirm: string;
  resetMfa: string;
  resetMfaQuestion: string;
  resetMfaConfirm: string;
  cancel: string;
};

/** A member's row actions: 無効にする, the password reset and the MFA reset are destructive and ask first (G-1). */
export function RowActions({ id, disabled, mfa, labels }: { id: number; disabled: boolean; mfa: boolean; labels: RowLabels }) {
  const { cancel } = labels;
  return (
    <div className="flex flex-col items-start gap-1">
      <DisabledToggle id={id} disabled={disabled} labels={labels} />
      {disabled ? null : (
        <ConfirmedRowAction
          action={resetStaffPasswordAction}
          id={id}
          labels={{ trigger: labels.resetPassword, question: labels.resetPasswordQuestion, confirm: labels.resetPasswordConfirm, cancel }}
        />
      )}
      {mfa ? (
        <ConfirmedRowAction
          action={resetStaffMfaAction}
          id={id}
          labels={{ trigger: labels.resetMfa, question: labels.resetMfaQuestion, confirm: labels.resetMfaConfirm, cancel }}
        />
      ) : null}
    </div>
  );
}
