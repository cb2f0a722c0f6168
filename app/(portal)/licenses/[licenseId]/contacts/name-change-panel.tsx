"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Field, SelectField } from "@/app/_components/form-controls";
import type { RegistryHit } from "@/lib/registry/search";
import { NAME_CHANGE_REASONS, PREFECTURES } from "@/lib/validation/contact-fields";
import type { RegistrySearchState } from "./actions";
import { ReadOnly, type ContactChangeLabels } from "./contact-fields";
import type { ContactChangeEvent, NameStep } from "./contact-change-steps";

// B-5 ② 法人名・支社名変更 of the 契約窓口: the button, or the section with the registry search (B-6) and its results,
// a match's confirmation (選択 → 確定), the match set or the names typed, and the 社名変更理由.

type Props = {
  labels: ContactChangeLabels;
  name: NameStep;
  values: Record<string, string>;
  registry: RegistrySearchState;
  searching: boolean;
  blocked: string | null;
  dispatch: (event: ContactChangeEvent) => void;
  onSearch: (page: number) => void;
  errorsOf: (name: string) => string[] | undefined;
};

export function NameChangePanel({ labels, name, values, registry, searching, blocked, dispatch, onSearch, errorsOf }: Props) {
  const cc = useTranslations("contactChange");
  const box: Boxes = (field, errors) => ({
    name: field,
    value: values[field],
    onChange: (event) => dispatch({ type: "edit", name: field, value: event.target.value }),
    errors,
    // Shown only where the field is required (FieldLabel).
    requiredMark: labels.requiredMark,
  });
  if (name.mode === "none") {
    return (
      <div className="mb-4">
        <button
          type="button"
          onClick={() => dispatch({ type: "openNameChange" })}
          disabled={Boolean(blocked)}
          aria-describedby={blocked ? "name-change-blocked" : undefined}
          className="rounded border border-ink bg-white px-4 py-2 font-bold hover:bg-panel disabled:cursor-not-allowed disabled:opacity-60"
        >
          {cc("nameChangeButton")}
        </button>
        {blocked ? (
          <p id="name-change-blocked" className="mt-1 text-sm text-muted">
            {blocked}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <section aria-labelledby="name-change-heading" className="mb-4 rounded border border-line bg-panel p-4">
      <h2 id="name-change-heading" className="mb-2 font-bold">
        {cc("nameChangeTitle")}
      </h2>
      {name.mode === "search" ? (
        <RegistrySearch labels={labels} box={box} state={registry} searching={searching} onSearch={onSearch} dispatch={dispatch} />
      ) : null}
      {name.mode === "confirm" ? <CandidateConfirm candidate={name.candidate} dispatch={dispatch} /> : null}
      {name.mode === "registry" ? (
        <div>
          <p className="mb-3" role="status">
            {cc("registryNote")}
          </p>
          <ReadOnly label={cc("newCompanyName")} value={name.chosen.name} />
          <ReadOnly label={cc("corporateNumber")} value={name.chosen.corporateNumber} />
        </div>
      ) : null}
      {name.mode === "manual" ? (
        <div>
          <p className="mb-3">{cc("manualNote")}</p>
          <Field label={cc("newCompanyName")} required {...box("requestedCompanyName", errorsOf("requestedCompanyName"))} {...text} />
          <Field label={cc("newBranchName")} {...box("requestedBranchName", errorsOf("requestedBranchName"))} {...text} />
        </div>
      ) : null}
      {name.mode === "registry" || name.mode === "manual" ? (
        <SelectField
          label={cc("reason")}
          required
          placeholder={cc("choose")}
          options={NAME_CHANGE_REASONS.map((reason) => ({ value: reason, label: cc(`reasons.${reason}`) }))}
          {...box("reason", errorsOf("reason") ?? errorsOf("corporateNumber"))}
        />
      ) : null}
      <EventButton event={{ type: "cancelNameChange" }} dispatch={dispatch} className="text-sm text-link underline">
        {cc("cancelNameChange")}
      </EventButton>
    </section>
  );
}

/** 選択 → the chosen company once more → 「確定」, or back to the results. */
function CandidateConfirm({ candidate, dispatch }: { candidate: RegistryHit; dispatch: (event: ContactChangeEvent) => void }) {
  const cc = useTranslations("contactChange");
  const l = useTranslations("licenses");
  return (
    <div>
      <p className="mb-3">{cc("confirmCompany")}</p>
      <dl className="mb-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 rounded border border-line bg-white p-3 text-sm">
        <dt className="font-bold">{cc("corporateNumber")}</dt>
        <dd>{candidate.corporateNumber}</dd>
        <dt className="font-bold">{l("companyName")}</dt>
        <dd data-i18n-exempt="company name, as the registry holds it">{candidate.name}</dd>
        <dt className="font-bold">{cc("location")}</dt>
        <dd data-i18n-exempt="address, as the registry holds it">{location(candidate, l("postalMark"))}</dd>
      </dl>
      <div className="mb-3 flex flex-wrap gap-3">
        <EventButton event={{ type: "decide" }} dispatch={dispatch} className="rounded bg-brand px-6 py-2 font-bold text-white hover:bg-brand-dark">
          {cc("decide")}
        </EventButton>
        <EventButton event={{ type: "backToResults" }} dispatch={dispatch} className="rounded border border-ink bg-white px-4 py-2 font-bold hover:bg-panel">
          {cc("backToResults")}
        </EventButton>
      </div>
    </div>
  );
}

function RegistrySearch({
  labels,
  box,
  state,
  searching,
  onSearch,
  dispatch,
}: {
  labels: ContactChangeLabels;
  box: Boxes;
  state: RegistrySearchState;
  searching: boolean;
  onSearch: (page: number) => void;
  dispatch: (event: ContactChangeEvent) => void;
}) {
  const cc = useTranslations("contactChange");
  const l = useTranslations("licenses");
  const errors = state.fieldErrors;
  const pages = state.total && state.pageSize ? Math.ceil(state.total / state.pageSize) : 0;
  return (
    <div>
      <p className="mb-3 text-sm">{cc("nameChangeIntro")}</p>
      <Field label={l("companyName")} required {...box("search.name", errors?.name)} {...text} onKeyDown={enterSearches(onSearch)} />
      <SelectField
        label={l("prefecture")}
        placeholder={cc("choose")}
        options={PREFECTURES.map((p, index) => ({ value: p, label: cc(`prefectures.${index + 1}` as "prefectures.1") }))}
        {...box("search.prefecture", errors?.prefecture)}
      />
      <Field
        label={l("postalCode")}
        {...box("search.postalCode", errors?.postalCode)}
        {...text}
        maxLength={10}
        inputMode="numeric"
        onKeyDown={enterSearches(onSearch)}
      />
      <button type="button" onClick={() => onSearch(1)} disabled={searching} className="mb-4 rounded bg-ink px-4 py-2 font-bold text-white disabled:opacity-60">
        {cc("registrySearch")}
      </button>
      {state.status === "success" && state.hits ? (
        <section aria-labelledby="registry-results-heading" aria-busy={searching}>
          <h3 id="registry-results-heading" className="mb-2 font-bold">
            {cc("registryResults")}
            <span className="ml-2 font-normal">{cc(state.capped ? "registryCountCapped" : "registryCount", { total: state.total ?? 0 })}</span>
          </h3>
          {state.hits.length === 0 ? (
            <p className="mb-3">{cc("noResults")}</p>
          ) : (
            <ul className="mb-3 divide-y divide-line rounded border border-line bg-white">
              {state.hits.map((hit) => (
                <li key={hit.corporateNumber} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
                  <div>
                    <div className="font-bold">
                      <span data-i18n-exempt="company name, as the registry holds it">{hit.name}</span>
                      {hit.closedAt ? <span className="ml-2 rounded bg-[#57606a] px-2 py-0.5 text-xs text-white">{cc("closed")}</span> : null}
                    </div>
                    <div className="text-muted">
                      {cc("corporateNumber")}
                      {labels.colon}
                      <span data-i18n-exempt="corporate number and address, as the registry holds them">
                        {hit.corporateNumber}　{location(hit, l("postalMark"))}
                      </span>
                    </div>
                  </div>
                  {hit.closedAt ? (
                    <span className="text-xs text-muted">{cc("closedNote")}</span>
                  ) : (
                    <button
                      type="button"
                      onClick={() => dispatch({ type: "select", hit })}
                      aria-label={cc("selectLabel", { name: hit.name })}
                      className="rounded border border-ink bg-white px-4 py-1 font-bold hover:bg-panel"
                    >
                      {cc("select")}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {pages > 1 ? (
            <nav aria-label={l("pagination")} className="mb-3 flex items-center gap-3 text-sm">
              <button
                type="button"
                disabled={(state.page ?? 1) <= 1 || searching}
                onClick={() => onSearch((state.page ?? 1) - 1)}
                className="text-link underline disabled:text-muted disabled:no-underline"
              >
                {l("previous")}
              </button>
              <span>{l("pageN", { page: state.page ?? 1 })}</span>
              <button
                type="button"
                disabled={(state.page ?? 1) >= pages || searching}
                onClick={() => onSearch((state.page ?? 1) + 1)}
                className="text-link underline disabled:text-muted disabled:no-underline"
              >
                {l("next")}
              </button>
            </nav>
          ) : null}
        </section>
      ) : null}
      <EventButton
        event={{ type: "notFound" }}
        dispatch={dispatch}
        className="mb-3 rounded border border-line bg-[#e6e8eb] px-4 py-2 text-sm font-bold text-ink hover:bg-[#d0d7de]"
      >
        {cc("notFound")}
      </EventButton>
    </div>
  );
}

/** The name change's inputs, bound to the wizard's values: a field's name, value, change handler and errors. */
type Boxes = (
  name: string,
  errors?: string[],
) => { name: string; value: string | undefined; onChange: (event: { target: { value: string } }) => void; errors?: string[] };

/** Text boxes: 100 characters at most, no autofill. */
const text = { maxLength: 100, autoComplete: "off" };

/** A button that moves the name change one step (B-5 ②). */
function EventButton({
  event,
  dispatch,
  className,
  children,
}: {
  event: ContactChangeEvent;
  dispatch: (event: ContactChangeEvent) => void;
  className: string;
  children: ReactNode;
}) {
  return (
    <button type="button" onClick={() => dispatch(event)} className={className}>
      {children}
    </button>
  );
}

function location(hit: RegistryHit, postalMark: string): ReactNode {
  const postal = hit.postalCode ? `${postalMark}${hit.postalCode.slice(0, 3)}-${hit.postalCode.slice(3)} ` : "";
  return `${postal}${[hit.prefecture, hit.city, hit.street].filter(Boolean).join("")}`;
}

/** Enter in a search field searches (it would otherwise submit the whole change form). */
function enterSearches(onSearch: (page: number) => void) {
  return (event: { key: string; preventDefault: () => void; nativeEvent: { isComposing?: boolean } }) => {
    // Not while a Japanese IME is composing: that Enter confirms the conversion.
    if (event.key === "Enter" && !event.nativeEvent.isComposing) {
      event.preventDefault();
      onSearch(1);
    }
  };
}
