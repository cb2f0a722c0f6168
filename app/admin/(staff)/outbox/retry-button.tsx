"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/validation/form-state";
import { retryMailAction } from "./actions";

export function RetryButton({ mailId, label, accessibleName }: { mailId: string; label: string; accessibleName: string }) {
  const [state, action, pending] = useActionState(retryMailAction, { status: "idle" } as FormState<"mailId">);
  return (
    <form action={action}>
      <input type="hidden" name="mailId" value={mailId} />
      <button
        type="submit"
        disabled={pending}
        aria-label={accessibleName}
        className="rounded border border-brand px-3 py-1 text-sm font-bold text-brand disabled:opacity-60"
      >
        {label}
      </button>
      <p aria-live="polite" className="mt-1 text-xs">
        {state.message}
      </p>
    </form>
  );
}
