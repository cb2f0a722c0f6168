"use client";

import { useActionState, useRef } from "react";
import { ConfirmAction } from "@/app/admin/_components/confirm-action";
import { FormMessage, SubmitButton } from "@/app/_components/form-controls";
import { CopyButton } from "@/app/_components/copy-button";
import { calendarFeedAction, type CalendarFeedState } from "./actions";

type Labels = {
  status: string;
  statusOn: string;
  statusOff: string;
  createdAt: string;
  lastUsedAt: string;
  neverUsed: string;
  issue: string;
  reissue: string;
  reissueQuestion: string;
  revoke: string;
  revokeQuestion: string;
  cancel: string;
  urlLabel: string;
  copy: string;
  copied: string;
  copyFailed: string;
};

/**
 * The feed's status and its buttons. Right after an issue the URL is shown, once, with コピーする (where the browser
 * refuses the clipboard, the URL is selected for the visitor's own copy). Re-issuing and turning off go through the
 * confirmation step (the staff pages' ConfirmAction), since either breaks the calendars that use the current URL.
 */
export function CalendarFeedPanel({ status, labels }: { status: { createdAt: string; lastUsedAt: string | null } | null; labels: Labels }) {
  const [state, dispatch, pending] = useActionState(calendarFeedAction, { status: "idle" } as CalendarFeedState);
  return (
    <div className="max-w-2xl">
      <FormMessage status={state.status} message={state.message} />
      {state.feedUrl && status ? <FeedUrl url={state.feedUrl} labels={labels} /> : null}
      <dl className="mb-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-bold">{labels.status}</dt>
        <dd data-testid="calendar-feed-status">{status ? labels.statusOn : labels.statusOff}</dd>
        {status ? (
          <>
            <dt className="font-bold">{labels.createdAt}</dt>
            <dd>{status.createdAt}</dd>
            <dt className="font-bold">{labels.lastUsedAt}</dt>
            <dd>{status.lastUsedAt ?? labels.neverUsed}</dd>
          </>
        ) : null}
      </dl>
      {status ? (
        <div className="flex flex-wrap items-start gap-3">
          <ConfirmAction
            dispatch={dispatch}
            pending={pending}
            result={state}
            fields={{ intent: "issue" }}
            labels={{ trigger: labels.reissue, question: labels.reissueQuestion, confirm: labels.reissue, cancel: labels.cancel }}
          />
          <ConfirmAction
            dispatch={dispatch}
            pending={pending}
            result={state}
            fields={{ intent: "revoke" }}
            labels={{ trigger: labels.revoke, question: labels.revokeQuestion, confirm: labels.revoke, cancel: labels.cancel }}
          />
        </div>
      ) : (
        <form action={dispatch}>
          <input type="hidden" name="intent" value="issue" />
          <SubmitButton pending={pending}>{labels.issue}</SubmitButton>
        </form>
      )}
    </div>
  );
}

function FeedUrl({ url, labels }: { url: string; labels: Labels }) {
  const field = useRef<HTMLTextAreaElement>(null);
  return (
    <div className="mb-6 rounded border border-line bg-panel p-4">
      <label htmlFor="calendar-feed-url" className="mb-1 block font-bold">
        {labels.urlLabel}
      </label>
      {/* A text area, so that the whole URL is seen (and can be selected) at 360 px too. */}
      <textarea
        ref={field}
        id="calendar-feed-url"
        readOnly
        rows={3}
        value={url}
        onFocus={(event) => event.currentTarget.select()}
        className="mb-3 w-full resize-none rounded border border-line bg-white px-2 py-1 font-mono text-sm break-all"
      />
      <div className="flex flex-wrap items-center gap-3">
        <CopyButton text={() => url} onRefused={() => field.current?.select()} labels={labels} />
      </div>
    </div>
  );
}
