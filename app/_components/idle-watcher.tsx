"use client";

import { useEffect, useRef, useState } from "react";
import { checkSessionAction } from "./auth-actions";

// A full navigation, not the router's: the shell (header) is a layout that a client-side move would keep as it was,
// still showing the signed-in address after the session has ended.
function leave() {
  window.location.replace("/logged-out?reason=idle");
}

/**
 * A-7 on an open page: warns `warningMs` after the last request and, at the idle deadline, asks the server whether
 * the session is still alive (another tab may have used it); if not, moves to the logout screen by itself.
 */
export function IdleWatcher({
  remainingMs,
  warnBeforeMs,
  labels,
}: {
  remainingMs: number;
  warnBeforeMs: number;
  labels: { warning: string; continue: string };
}) {
  const [warning, setWarning] = useState(false);
  const [deadline, setDeadline] = useState(() => Date.now() + remainingMs);
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const warnTimer = window.setTimeout(() => setWarning(true), Math.max(0, deadline - warnBeforeMs - Date.now()));
    const endTimer = window.setTimeout(
      async () => {
        const state = await checkSessionAction(false).catch(() => ({ alive: false, remainingMs: 0 }));
        if (state.alive && state.remainingMs > 1000) {
          setWarning(false);
          setDeadline(Date.now() + state.remainingMs);
        } else {
          leave();
        }
      },
      Math.max(0, deadline - Date.now()),
    );
    return () => {
      window.clearTimeout(warnTimer);
      window.clearTimeout(endTimer);
    };
  }, [deadline, warnBeforeMs]);

  useEffect(() => {
    if (warning) dialog.current?.focus();
  }, [warning]);

  if (!warning) return null;
  return (
    <div
      ref={dialog}
      tabIndex={-1}
      role="alertdialog"
      aria-live="assertive"
      aria-label={labels.warning}
      className="fixed inset-x-0 top-0 z-50 flex flex-wrap items-center justify-center gap-3 bg-[#fff8c5] px-4 py-3 shadow"
    >
      <p className="font-bold">{labels.warning}</p>
      <button
        type="button"
        className="rounded bg-brand px-4 py-1 font-bold text-white"
        onClick={async () => {
          const state = await checkSessionAction(true);
          if (!state.alive) leave();
          else {
            setWarning(false);
            setDeadline(Date.now() + state.remainingMs);
          }
        }}
      >
        {labels.continue}
      </button>
    </div>
  );
}
