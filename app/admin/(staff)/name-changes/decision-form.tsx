"use client";

import { useActionState } from "react";
import { FormMessage } from "@/app/_components/form-controls";
import type { FormState } from "@/lib/validation/form-state";
import { decideNameChangeAction } from "./actions";

type Labels = { approve: string; reject: string; rejectNote: string; requiredMark: string };

/** G-3: 承認, or 却下 with the reason the customer's mail will carry. */
export function DecisionForm({ requestId, labels, title }: { requestId: number; labels: Labels; title: string }) {
  const [state, action, pending] = useActionState(decideNameChangeAction, { status: "idle" } as FormState<"note">);
  if (state.status === "success") return <FormMessage status="success" message={state.message} />;
  const noteId = `note-${requestId}`;
  return (
    <form action={action} className="mt-3" aria-label={title}>
      <FormMessage status={state.status} message={state.message} />
      <input type="hidden" name="requestId" value={requestId} />
      <label htmlFor={noteId} className="mb-1 block text-sm font-bold">
        {labels.rejectNote}
      </label>
      <textarea
        id={noteId}
        name="note"
        rows={2}
        maxLength={500}
        aria-invalid={state.fieldErrors?.note ? true : undefined}
        aria-describedby={`${noteId}-error`}
        className="mb-1 w-full max-w-xl rounded border border-[#8c959f] bg-white px-3 py-2"
      />
      <div id={`${noteId}-error`} aria-live="polite">
        {state.fieldErrors?.note?.map((message) => (
          <p key={message} className="text-sm font-bold text-brand">
            {message}
          </p>
        ))}
      </div>
      <div className="mt-2 flex gap-3">
        <button
          type="submit"
          name="decision"
          value="approve"
          disabled={pending}
          className="rounded bg-brand px-5 py-2 font-bold text-white hover:bg-brand-dark disabled:opacity-60"
        >
          {labels.approve}
        </button>
        <button
          type="submit"
          name="decision"
          value="reject"
          disabled={pending}
          className="rounded border border-ink bg-white px-5 py-2 font-bold hover:bg-panel disabled:opacity-60"
        >
          {labels.reject}
        </button>
      </div>
    </form>
  );
}
