"use client";

import { useActionState, type ReactNode } from "react";
import { CheckboxField, FormMessage, SubmitButton } from "@/app/_components/form-controls";
import type { FormState } from "@/lib/validation/form-state";
import { reminderSettingAction } from "./actions";

export type ReminderContractView = { licenseId: number; label: ReactNode; on: boolean };

/**
 * N-3 at E-2: the renewal reminders on or off for all contracts, and per contract (each a checkbox, ticked = on); one
 * 「OK」 saves the whole choice. With JavaScript off it posts the same form.
 */
export function ReminderSettingForm({
  all,
  contracts,
  labels,
}: {
  all: boolean;
  contracts: ReminderContractView[];
  labels: { all: string; perContract: string; none: string; ok: string };
}) {
  const [state, dispatch, pending] = useActionState(reminderSettingAction, { status: "idle" } as FormState);
  const allOn = state.values ? state.values.reminders === "on" : all;
  const on = state.values
    ? new Set((state.values.on ?? "").split(",").filter(Boolean).map(Number))
    : new Set(contracts.filter((c) => c.on).map((c) => c.licenseId));
  return (
    <form action={dispatch} className="rounded border border-line bg-white p-4">
      <FormMessage status={state.status} message={state.message} />
      <CheckboxField key={`all-${allOn}`} label={labels.all} name="reminders" defaultChecked={allOn} />
      <fieldset className="mb-4 mt-2">
        <legend className="mb-2 text-sm font-bold">{labels.perContract}</legend>
        {contracts.length === 0 ? (
          <p className="text-sm">{labels.none}</p>
        ) : (
          <ul className="space-y-1">
            {contracts.map((contract) => (
              <li key={contract.licenseId}>
                <input type="hidden" name="shown" value={contract.licenseId} />
                <label className="flex items-start gap-2 text-sm">
                  <input
                    key={`${contract.licenseId}-${on.has(contract.licenseId)}`}
                    type="checkbox"
                    name="on"
                    value={contract.licenseId}
                    defaultChecked={on.has(contract.licenseId)}
                    className="mt-1 size-4 shrink-0"
                  />
                  <span className="min-w-0 break-words">{contract.label}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <SubmitButton pending={pending}>{labels.ok}</SubmitButton>
    </form>
  );
}
