"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form-controls";
import type { FormState } from "@/lib/validation/form-state";
import { setContractDisplayAction } from "./actions";

/** G-6 表示設定: one button that turns the setting over; the contract's version guards against a stale page. */
export function DisplayForm({ licenseId, hidden, version, label }: { licenseId: number; hidden: boolean; version: number; label: string }) {
  const [state, dispatch, pending] = useActionState(setContractDisplayAction, { status: "idle" } as FormState);
  return (
    <form action={dispatch}>
      <FormMessage status={state.status} message={state.message} />
      <input type="hidden" name="licenseId" value={licenseId} />
      <input type="hidden" name="hidden" value={hidden ? "false" : "true"} />
      <input type="hidden" name="version" value={version} />
      <SubmitButton pending={pending}>{label}</SubmitButton>
    </form>
  );
}
