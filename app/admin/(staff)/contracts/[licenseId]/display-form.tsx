"use client";

import { useActionState } from "react";
import { FormMessage, PendingButton } from "@/app/_components/form-controls";
import type { FormState } from "@/lib/validation/form-state";
import { ConfirmAction } from "@/app/admin/_components/confirm-action";
import { setContractDisplayAction } from "./actions";

type Labels = { hide: string; show: string; hideQuestion: string; cancel: string };

/**
 * G-6 表示設定: one button that turns the setting over; the contract's version guards against a stale page. Hiding is
 * destructive for the customer (the contract leaves their pages) and asks first; showing it again does not.
 */
export function DisplayForm({ licenseId, hidden, version, labels }: { licenseId: number; hidden: boolean; version: number; labels: Labels }) {
  const [state, dispatch, pending] = useActionState(setContractDisplayAction, { status: "idle" } as FormState);
  const fields = { licenseId, hidden: hidden ? "false" : "true", version };
  return (
    <div>
      <FormMessage status={state.status} message={state.message} />
      {hidden ? (
        <form action={dispatch}>
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {/* Just hidden through the confirmation, whose trigger is gone: focus stays on the setting's button. */}
          <PendingButton
            autoFocus={state.status === "success"}
            className="rounded border border-ink bg-white px-4 py-2 font-bold hover:bg-panel disabled:opacity-60"
          >
            {labels.show}
          </PendingButton>
        </form>
      ) : (
        <ConfirmAction
          dispatch={dispatch}
          pending={pending}
          result={state}
          fields={fields}
          labels={{ trigger: labels.hide, question: labels.hideQuestion, confirm: labels.hide, cancel: labels.cancel }}
        />
      )}
    </div>
  );
}
