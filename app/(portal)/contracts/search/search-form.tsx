"use client";

import { useActionState } from "react";
import { searchContractAction, type ContractSearchState } from "./actions";

type Labels = { label: string; hint: string; button: string; quote: string; searchedKey: string; colon: string; parenthesized: string };
type Contact = { windowName: string; phone: string; hours: string; webFormUrl: string; webLink: string; hoursLabel: string };

export function ContractSearchForm({ labels, contact }: { labels: Labels; contact: Contact }) {
  const [state, formAction, pending] = useActionState(searchContractAction, { status: "idle" } as ContractSearchState);
  return (
    <>
      {state.message && state.notice ? (
        <section role="alert" className="mb-6 rounded border border-brand bg-[#fff5f5] p-4" data-testid="search-message">
          <p className="mb-3 font-bold text-[#86061d]">{state.message}</p>
          {state.notice.showContact ? (
            <>
              <p className="mb-2 text-sm">{labels.quote}</p>
              {state.notice.key ? (
                <p className="mb-3 text-sm">
                  {labels.searchedKey}
                  {labels.colon}
                  <span className="font-mono">{state.notice.key}</span>
                  {state.notice.number ? labels.parenthesized.replace("{text}", state.notice.number) : null}
                </p>
              ) : null}
              <div className="rounded border border-line bg-white p-3 text-sm">
                <p className="font-bold">{contact.windowName}</p>
                <p>
                  <a href={contact.webFormUrl} target="_blank" rel="noopener noreferrer" className="text-link underline">
                    {contact.webLink}
                  </a>
                </p>
                <p className="text-lg font-bold tabular-nums">{contact.phone}</p>
                <p className="text-muted">
                  {contact.hoursLabel}
                  {labels.colon}
                  {contact.hours}
                </p>
              </div>
            </>
          ) : null}
        </section>
      ) : null}
      <form action={formAction} noValidate className="max-w-2xl">
        <label htmlFor="query" className="mb-1 block font-bold">
          {labels.label}
        </label>
        <input
          id="query"
          name="query"
          defaultValue={state.values?.query}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={state.fieldErrors?.query ? true : undefined}
          aria-describedby="query-hint query-error"
          className="w-full rounded border border-[#8c959f] px-3 py-2 font-mono aria-invalid:border-brand"
        />
        <p id="query-hint" className="mt-1 text-sm text-muted">
          {labels.hint}
        </p>
        <div id="query-error" aria-live="polite">
          {state.fieldErrors?.query?.[0] ? <p className="mt-1 text-sm font-bold text-brand">{state.fieldErrors.query[0]}</p> : null}
        </div>
        <button type="submit" disabled={pending} className="mt-4 rounded bg-brand px-6 py-2 font-bold text-white hover:bg-brand-dark disabled:opacity-60">
          {labels.button}
        </button>
      </form>
    </>
  );
}
