"use client";

import { useActionState } from "react";
import { setFileStatusAction } from "./actions";

/** 「公開」 / 「公開停止」 of one file; the answer is announced beside the button. */
export function StatusButton({
  fileId,
  to,
  label,
  accessibleLabel,
}: {
  fileId: number;
  to: "published" | "withdrawn";
  label: string;
  accessibleLabel: string;
}) {
  const [state, dispatch, pending] = useActionState(setFileStatusAction, {
    status: "idle",
  });
  return (
    <form action={dispatch} className="inline-flex items-center gap-2">
      <input type="hidden" name="fileId" value={fileId} />
      <input type="hidden" name="to" value={to} />
      <button
        type="submit"
        disabled={pending}
        aria-label={accessibleLabel}
        className={
          to === "published"
            ? "rounded bg-brand px-3 py-1 font-bold text-white hover:bg-brand-dark disabled:opacity-60"
            : "rounded border border-ink bg-white px-3 py-1 font-bold hover:bg-panel disabled:opacity-60"
        }
      >
        {label}
      </button>
      <span role="status" className="text-xs">
        {state.message}
      </span>
    </form>
  );
}
