"use client";

import { useActionState } from "react";
import { ConfirmAction, type ConfirmLabels } from "@/app/admin/_components/confirm-action";
import { setFileStatusAction } from "./actions";

/** 「公開」 / 「公開停止」 of one file; the answer is announced beside the button. 公開停止 asks first (G-4). */
export function StatusButton({
  fileId,
  to,
  label,
  accessibleLabel,
  confirm,
}: { fileId: number; label: string; accessibleLabel: string } & (
  | { to: "published"; confirm?: undefined }
  /** 公開停止's confirmation: its question, its button and 「キャンセル」. */
  | { to: "withdrawn"; confirm: Pick<ConfirmLabels, "question" | "confirm" | "cancel"> }
)) {
  const [state, dispatch, pending] = useActionState(setFileStatusAction, {
    status: "idle",
  });
  const status = (
    <span role="status" className="text-xs">
      {state.message}
    </span>
  );
  if (confirm)
    return (
      <div className="inline-flex flex-wrap items-start gap-2">
        <ConfirmAction
          dispatch={dispatch}
          pending={pending}
          result={state}
          fields={{ fileId, to }}
          labels={{ trigger: label, triggerName: accessibleLabel, ...confirm }}
          size="sm"
        />
        {status}
      </div>
    );
  return (
    <form action={dispatch} className="inline-flex items-center gap-2">
      <input type="hidden" name="fileId" value={fileId} />
      <input type="hidden" name="to" value={to} />
      <button
        type="submit"
        disabled={pending}
        aria-label={accessibleLabel}
        className="rounded bg-brand px-3 py-1 font-bold text-white hover:bg-brand-dark disabled:opacity-60"
      >
        {label}
      </button>
      {status}
    </form>
  );
}
