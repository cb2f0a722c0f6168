"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { CONFIRM_FIELD } from "@/lib/validation/confirm";

/**
 * The one look of a destructive staff button (withdraw, reject, delete, hide, disable, a reset), its trigger and its
 * confirmation alike: outlined in dark red, never the site's filled red, which is the primary action's.
 */
export const DANGER_BUTTON = "rounded border-2 border-[#86061d] bg-white font-bold text-[#86061d] hover:bg-[#fff5f5] disabled:opacity-60";
const NEUTRAL_BUTTON = "rounded border border-ink bg-white hover:bg-panel";
const SIZE = { md: "px-4 py-2", sm: "px-2 py-1 text-sm" } as const;

export type ConfirmLabels = {
  /** The button that opens the confirmation. */
  trigger: string;
  /** Its accessible name, when the visible one needs the record's name (a row's 「公開停止」). */
  triggerName?: string;
  /** What the confirmation asks (its group's name). */
  question: string;
  /** The button that acts. */
  confirm: string;
  cancel: string;
};

type Phase = "closed" | "open" | "returning";

/**
 * A staff-side destructive action behind a confirmation step on the page (no window.confirm): the trigger opens the
 * confirmation under it and focus moves into it (its first field, or 「キャンセル」, the least destructive choice);
 * Escape or 「キャンセル」 closes it and focus returns to the trigger. Only the confirmation's form sends the action,
 * with its hidden fields (the exact ids the page wrote) and CONFIRM_FIELD, which the action's schema requires.
 * `dispatch`, `pending` and `result` are the caller's useActionState: a success closes the confirmation; the caller
 * shows the answer where its page shows answers.
 */
export function ConfirmAction({
  dispatch,
  pending,
  result,
  fields,
  labels,
  children,
  size = "md",
}: {
  dispatch: (formData: FormData) => void;
  pending: boolean;
  result: { status: "idle" | "error" | "success" };
  fields: Record<string, string | number>;
  labels: ConfirmLabels;
  /** More of the confirmation: what is acted on, a field the action needs (a rejection's reason). */
  children?: ReactNode;
  size?: keyof typeof SIZE;
}) {
  const [phase, setPhase] = useState<Phase>("closed");
  const [answered, setAnswered] = useState(result);
  if (result !== answered) {
    setAnswered(result);
    if (result.status === "success" && phase === "open") setPhase("returning");
  }
  const id = useId();
  const trigger = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const open = phase === "open";

  useEffect(() => {
    if (phase === "open") {
      const field = panel.current?.querySelector<HTMLElement>("textarea, select, input:not([type=hidden])");
      (field ?? cancel.current)?.focus();
    } else if (phase === "returning") trigger.current?.focus();
  }, [phase]);

  const close = () => setPhase("returning");
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    close();
  };

  return (
    <div className="inline-block max-w-full align-top">
      <button
        ref={trigger}
        type="button"
        aria-expanded={open}
        aria-controls={open ? `${id}-panel` : undefined}
        aria-label={labels.triggerName}
        onClick={() => setPhase(open ? "returning" : "open")}
        className={`${DANGER_BUTTON} ${SIZE[size]}`}
      >
        {labels.trigger}
      </button>
      {open ? (
        <div
          ref={panel}
          id={`${id}-panel`}
          role="group"
          aria-labelledby={`${id}-question`}
          onKeyDown={onKeyDown}
          className="mt-2 max-w-xl rounded border border-[#86061d] bg-[#fff5f5] p-3 text-left"
          data-testid="confirmation"
        >
          <p id={`${id}-question`} className="mb-2 font-bold">
            {labels.question}
          </p>
          <form action={dispatch}>
            {Object.entries(fields).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <input type="hidden" name={CONFIRM_FIELD.name} value={CONFIRM_FIELD.value} />
            {children}
            <div className="mt-3 flex flex-wrap gap-2">
              <button type="submit" disabled={pending} aria-busy={pending || undefined} className={`${DANGER_BUTTON} ${SIZE[size]}`}>
                {labels.confirm}
              </button>
              <button ref={cancel} type="button" onClick={close} className={`${NEUTRAL_BUTTON} ${SIZE[size]}`}>
                {labels.cancel}
              </button>
            </div>
          </form>
        </div>
      ) : null}
    </div>
  );
}
