"use client";

import { useActionState } from "react";
import { FormMessage } from "@/app/_components/form-controls";
import type { FormState } from "@/lib/validation/form-state";
import { ConfirmAction } from "@/app/admin/_components/confirm-action";
import { decideNameChangeAction } from "./actions";

type Labels = { approve: string; reject: string; rejectNote: string; rejectQuestion: string; rejectConfirm: string; cancel: string };

/** G-3: 承認, or 却下 behind its confirmation, which asks for the reason the customer's mail will carry. */
export function DecisionForm({ requestId, labels, title }: { requestId: number; labels: Labels; title: string }) {
  const [approval, approve, approving] = useActionState(decideNameChangeAction, { status: "idle" } as FormState<"note">);
  const [rejection, reject, rejecting] = useActionState(decideNameChangeAction, { status: "idle" } as FormState<"note">);
  const done = [approval, rejection].find((state) => state.status === "success");
  if (done) return <FormMessage status="success" message={done.message} />;
  const noteId = `note-${requestId}`;
  const noteErrors = rejection.fieldErrors?.note;
  return (
    <div className="mt-3" role="group" aria-label={title}>
      <FormMessage status={approval.status} message={approval.message} />
      <FormMessage status={rejection.status} message={rejection.message} />
      <div className="flex flex-wrap items-start gap-3">
        <form action={approve}>
          <input type="hidden" name="requestId" value={requestId} />
          <input type="hidden" name="decision" value="approve" />
          <button
            type="submit"
            disabled={approving || rejecting}
            className="rounded bg-brand px-5 py-2 font-bold text-white hover:bg-brand-dark disabled:opacity-60"
          >
            {labels.approve}
          </button>
        </form>
        <ConfirmAction
          dispatch={reject}
          pending={rejecting}
          result={rejection}
          fields={{ requestId, decision: "reject" }}
          labels={{ trigger: labels.reject, question: labels.rejectQuestion, confirm: labels.rejectConfirm, cancel: labels.cancel }}
        >
          <label htmlFor={noteId} className="mb-1 block text-sm font-bold">
            {labels.rejectNote}
          </label>
          <textarea
            id={noteId}
            name="note"
            rows={2}
            maxLength={500}
            aria-invalid={noteErrors ? true : undefined}
            aria-describedby={`${noteId}-error`}
            className="mb-1 w-full rounded border border-[#8c959f] bg-white px-3 py-2"
          />
          <div id={`${noteId}-error`} aria-live="polite">
            {noteErrors?.map((message) => (
              <p key={message} className="text-sm font-bold text-brand">
                {message}
              </p>
            ))}
          </div>
        </ConfirmAction>
      </div>
    </div>
  );
}
