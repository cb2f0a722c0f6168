"use client";

import { useActionState } from "react";
import { SearchNotice, type SearchNoticeContact, type SearchNoticeLabels } from "@/app/_components/search-notice";
import { searchContractAction, type ContractSearchState } from "./actions";

type Labels = { label: string; hint: string; button: string } & SearchNoticeLabels;
type Contact = SearchNoticeContact;

export function ContractSearchForm({ labels, contact }: { labels: Labels; contact: Contact }) {
  const [state, formAction, pending] = useActionState(searchContractAction, { status: "idle" } as ContractSearchState);
  return (
    <>
      {state.message && state.notice ? <SearchNotice notice={{ message: state.message, ...state.notice }} labels={labels} contact={contact} /> : null}
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
