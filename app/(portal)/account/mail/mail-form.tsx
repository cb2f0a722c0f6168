"use client";

import { useActionState } from "react";
import { CheckboxField, FormMessage, SubmitButton } from "@/app/_components/form-controls";
import type { FormState } from "@/lib/validation/form-state";
import { mailSettingAction } from "./actions";

/** E-2 ③ ④: the Support Information checkbox and 「OK」; ⑤ 「設定が完了しました」 above the form once saved. */
export function MailSettingForm({ subscribed, label, ok }: { subscribed: boolean; label: string; ok: string }) {
  const [state, dispatch, pending] = useActionState(mailSettingAction, { status: "idle" } as FormState);
  const checked = state.values ? state.values.subscribe === "on" : subscribed;
  return (
    <form action={dispatch} className="rounded border border-line bg-white p-4">
      <FormMessage status={state.status} message={state.message} />
      <CheckboxField key={String(checked)} label={label} name="subscribe" defaultChecked={checked} />
      <SubmitButton pending={pending}>{ok}</SubmitButton>
    </form>
  );
}
