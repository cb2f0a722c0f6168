"use client";

import { useActionState } from "react";
import { resendIssuanceLinkAction, type ResendState } from "@/app/(portal)/activation-codes/actions";
import { FormMessage } from "@/app/_components/form-controls";

/** B-2 / C-1, C-2, C-4: 「発行URLを再送する」 for an open request of this customer; the old link dies. */
export function ResendLinkButton({ requestId, label }: { requestId: number; label: string }) {
  const [state, action, pending] = useActionState(resendIssuanceLinkAction, { status: "idle" } as ResendState);
  return (
    <form action={action}>
      <input type="hidden" name="requestId" value={requestId} />
      {state.message ? <FormMessage status={state.status} message={state.message} /> : null}
      {state.status === "success" ? null : (
        <button
          type="submit"
          disabled={pending}
          className="rounded border border-brand bg-white px-3 py-1 text-sm font-bold text-brand hover:bg-panel disabled:opacity-60"
        >
          {label}
        </button>
      )}
    </form>
  );
}
