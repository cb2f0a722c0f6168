"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form-controls";
import type { FormState } from "@/lib/validation/form-state";
import { unsubscribeAction } from "./actions";

/** One button: a person's choice, never a link a mail scanner could follow. */
export function UnsubscribeForm({ token, label }: { token: string; label: string }) {
  const [state, dispatch, pending] = useActionState(unsubscribeAction, { status: "idle" } as FormState);
  return (
    <form action={dispatch}>
      <FormMessage status={state.status} message={state.message} />
      <input type="hidden" name="token" value={token} />
      {state.status === "success" ? null : <SubmitButton pending={pending}>{label}</SubmitButton>}
    </form>
  );
}
