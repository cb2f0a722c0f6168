"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type ReactNode } from "react";
import { CheckboxField, Field, FormMessage, SelectField, SubmitButton } from "@/app/_components/form-controls";
import { Cell, DataTable } from "@/app/_components/table-head";
import type { Messages } from "@/lib/i18n/ja";
import { CONTACT_FIELDS, NAME_CHANGE_REASONS, PREFECTURES, type ContactField, type ContactRole } from "@/lib/validation/contact-fields";
import type { RegistryHit } from "@/lib/registry/search";
import { applyContactChangeAction, confirmContactChangeAction, searchRegistryAction, type ContactChangeState, type RegistrySearchState } from "./actions";

type Labels = { cc: Messages["contactChange"]; l: Messages["licenses"]; requiredMark: string; colon: string };
type Contacts = Record<ContactRole, Record<ContactField, string | null>>;

const idle = { status: "idle" } as const;
const REQUIRED: readonly ContactField[] = ["companyName", "personName", "postalCode", "prefecture", "address", "phone", "email"];
const AUTOCOMPLETE: Partial<Record<ContactField, string>> = {
  personName: "name",
  postalCode: "postal-code",
  address: "street-address",
  phone: "tel",
  email: "email",
  companyName: "organization",
};
const INPUT_MODE: Partial<Record<ContactField, "numeric" | "tel" | "email">> = { postalCode: "numeric", phone: "tel", email: "email" };
const MAX_LENGTH: Partial<Record<ContactField, number>> = { postalCode: 10, phone: 20, email: 254, address: 200 };

type NameMode = "none" | "search" | "confirm" | "registry" | "manual";

/**
 * B-5 ①–⑦ on one page: the form (both contacts prefilled, white boxes editable, ※ required), the 契約窓口's
 * 法人名・支社名変更 (search → 選択 → 確定, or 「該当する法人情報が見つからない方は・・・」), the consents, 「確認する」 → the
 * changes before → after → 「変更」. The inputs are controlled and the calls dispatched by hand, so nothing the
 * customer typed is lost when the server refuses a field; the server checks everything again on 「変更」.
 */
export function ContactChangeForm({
  licenseId,
  version,
  contacts,
  labels,
  nameChangeBlocked,
}: {
  licenseId: number;
  version: number;
  contacts: Contacts;
  labels: Labels;
  nameChangeBlocked: string | null;
}) {
  const { cc, l } = labels;
  const formRef = useRef<HTMLFormElement>(null);
  const reviewRef = useRef<HTMLHeadingElement>(null);
  const [values, setValues] = useState<Record<string, string>>(() => {
    const initial: Record<string, string> = {};
    for (const role of ["contract", "support"] as const) for (const field of CONTACT_FIELDS) initial[`${role}.${field}`] = contacts[role][field] ?? "";
    return {
      ...initial,
      "search.name": "",
      "search.prefecture": contacts.contract.prefecture ?? "",
      "search.postalCode": "",
      requestedCompanyName: contacts.contract.companyName ?? "",
      requestedBranchName: contacts.contract.branchName ?? "",
      reason: "",
    };
  });
  const [consents, setConsents] = useState({ privacyConsent: false, nameChangeConsent: false });
  const [mode, setMode] = useState<NameMode>("none");
  const [candidate, setCandidate] = useState<RegistryHit | null>(null);
  const [chosen, setChosen] = useState<RegistryHit | null>(null);
  const [reviewAsked, setReviewAsked] = useState(false);
  const [searchState, search, searching] = useActionState(searchRegistryAction, idle as RegistrySearchState);
  const [checkState, check, checking] = useActionState(confirmContactChangeAction, idle as ContactChangeState);
  const [applyState, apply, applying] = useActionState(applyContactChangeAction, idle as ContactChangeState);

  const reviewing = reviewAsked && !checking && checkState.status === "success" && Boolean(checkState.prepared);
  useEffect(() => {
    if (reviewing) reviewRef.current?.focus();
  }, [reviewing]);

  const set = (name: string) => (event: { target: { value: string } }) => setValues((current) => ({ ...current, [name]: event.target.value }));
  const errorsOf = (name: string) => (reviewing ? applyState : checkState).fieldErrors?.[name] ?? (reviewing ? undefined : applyState.fieldErrors?.[name]);
  const nameChange = mode === "registry" ? "registry" : mode === "manual" ? "manual" : "none";

  const runSearch = (page: number) => {
    const data = new FormData();
    data.set("name", values["search.name"] ?? "");
    data.set("prefecture", values["search.prefecture"] ?? "");
    data.set("postalCode", values["search.postalCode"] ?? "");
    data.set("page", String(page));
    setCandidate(null);
    startTransition(() => search(data));
  };
  const submitCheck = () => {
    if (!formRef.current) return;
    const data = new FormData(formRef.current);
    setReviewAsked(true);
    startTransition(() => check(data));
  };
  const submitApply = () => {
    if (!formRef.current) return;
    const data = new FormData(formRef.current);
    startTransition(() => apply(data));
  };

  const stale = applyState.refusal === "stale" || checkState.refusal === "stale";
  const message = reviewing ? applyState : checkState.status === "error" ? checkState : applyState;

  const contactFields = (role: ContactRole) =>
    CONTACT_FIELDS.filter((field) => role === "support" || (field !== "companyName" && field !== "branchName")).map((field) => {
      const name = `${role}.${field}`;
      if (field === "prefecture") {
        return (
          <SelectField
            key={name}
            label={l.prefecture}
            name={name}
            required
            requiredMark={labels.requiredMark}
            placeholder={cc.choose}
            options={PREFECTURES.map((p) => ({ value: p, label: p }))}
            // Prefectures are address data, named as the contract records hold them in any locale.
            data-i18n-exempt
            value={values[name]}
            onChange={set(name)}
            errors={errorsOf(name)}
          />
        );
      }
      return (
        <Field
          key={name}
          label={l[field]}
          name={name}
          required={REQUIRED.includes(field)}
          requiredMark={labels.requiredMark}
          value={values[name]}
          onChange={set(name)}
          errors={errorsOf(name)}
          autoComplete={AUTOCOMPLETE[field] ? `section-${role} ${AUTOCOMPLETE[field]}` : "off"}
          inputMode={INPUT_MODE[field]}
          type={field === "email" ? "email" : "text"}
          maxLength={MAX_LENGTH[field] ?? 100}
        />
      );
    });

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (reviewing) submitApply();
        else submitCheck();
      }}
      className="max-w-3xl"
    >
      <input type="hidden" name="licenseId" value={licenseId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="nameChange" value={nameChange} />
      <input type="hidden" name="corporateNumber" value={mode === "registry" && chosen ? chosen.corporateNumber : ""} />
      <FormMessage status={message.status} message={message.message} />
      {stale ? (
        <p className="mb-4">
          {/* A full reload: the form starts again from the contract as it is now. */}
          <a href={`/licenses/${licenseId}/contacts`} className="text-link underline">
            {cc.reload}
          </a>
        </p>
      ) : null}

      <div hidden={reviewing}>
        <p className="mb-6">{cc.intro}</p>
        <fieldset className="mb-6 rounded border border-line p-4">
          <legend className="px-2 text-lg font-bold">{l.contractContact}</legend>
          <p className="mb-3 text-sm text-muted">{cc.contractNote}</p>
          <ReadOnly label={l.companyName} value={contacts.contract.companyName} />
          <ReadOnly label={l.branchName} value={contacts.contract.branchName} />
          {mode === "none" ? (
            <div className="mb-4">
              <button
                type="button"
                onClick={() => setMode("search")}
                disabled={Boolean(nameChangeBlocked)}
                aria-describedby={nameChangeBlocked ? "name-change-blocked" : undefined}
                className="rounded border border-ink bg-white px-4 py-2 font-bold hover:bg-panel disabled:cursor-not-allowed disabled:opacity-60"
              >
                {cc.nameChangeButton}
              </button>
              {nameChangeBlocked ? (
                <p id="name-change-blocked" className="mt-1 text-sm text-muted">
                  {nameChangeBlocked}
                </p>
              ) : null}
            </div>
          ) : (
            <section aria-labelledby="name-change-heading" className="mb-4 rounded border border-line bg-panel p-4">
              <h2 id="name-change-heading" className="mb-2 font-bold">
                {cc.nameChangeTitle}
              </h2>
              {mode === "search" || mode === "confirm" ? (
                <RegistrySearch
                  labels={labels}
                  values={values}
                  set={set}
                  state={searchState}
                  searching={searching}
                  onSearch={runSearch}
                  candidate={mode === "confirm" ? candidate : null}
                  onSelect={(hit) => {
                    setCandidate(hit);
                    setMode("confirm");
                  }}
                  onDecide={() => {
                    setChosen(candidate);
                    setMode("registry");
                  }}
                  onBack={() => setMode("search")}
                  onNotFound={() => setMode("manual")}
                  errors={searchState.fieldErrors}
                />
              ) : null}
              {mode === "registry" && chosen ? (
                <div>
                  <p className="mb-3" role="status">
                    {cc.registryNote}
                  </p>
                  <ReadOnly label={cc.newCompanyName} value={chosen.name} />
                  <ReadOnly label={cc.corporateNumber} value={chosen.corporateNumber} />
                </div>
              ) : null}
              {mode === "manual" ? (
                <div>
                  <p className="mb-3">{cc.manualNote}</p>
                  <Field
                    label={cc.newCompanyName}
                    name="requestedCompanyName"
                    required
                    requiredMark={labels.requiredMark}
                    value={values.requestedCompanyName}
                    onChange={set("requestedCompanyName")}
                    errors={errorsOf("requestedCompanyName")}
                    maxLength={100}
                    autoComplete="off"
                  />
                  <Field
                    label={cc.newBranchName}
                    name="requestedBranchName"
                    value={values.requestedBranchName}
                    onChange={set("requestedBranchName")}
                    errors={errorsOf("requestedBranchName")}
                    maxLength={100}
                    autoComplete="off"
                  />
                </div>
              ) : null}
              {mode === "registry" || mode === "manual" ? (
                <SelectField
                  label={cc.reason}
                  name="reason"
                  required
                  requiredMark={labels.requiredMark}
                  placeholder={cc.choose}
                  options={NAME_CHANGE_REASONS.map((reason) => ({ value: reason, label: cc.reasons[reason] }))}
                  value={values.reason}
                  onChange={set("reason")}
                  errors={errorsOf("reason") ?? errorsOf("corporateNumber")}
                />
              ) : null}
              <button
                type="button"
                onClick={() => {
                  setMode("none");
                  setChosen(null);
                  setCandidate(null);
                }}
                className="text-sm text-link underline"
              >
                {cc.cancelNameChange}
              </button>
            </section>
          )}
          {contactFields("contract")}
        </fieldset>

        <fieldset className="mb-6 rounded border border-line p-4">
          <legend className="px-2 text-lg font-bold">{l.supportContact}</legend>
          {contactFields("support")}
        </fieldset>

        <section aria-labelledby="privacy-heading" className="mb-4 rounded border border-line p-4 text-sm">
          <h2 id="privacy-heading" className="mb-2 font-bold">
            {cc.privacyTitle}
          </h2>
          <p className="mb-3">{cc.privacyText}</p>
          <CheckboxField
            label={cc.privacyConsent}
            name="privacyConsent"
            checked={consents.privacyConsent}
            onChange={(event) => setConsents((c) => ({ ...c, privacyConsent: event.target.checked }))}
            errors={errorsOf("privacyConsent")}
          />
          {nameChange !== "none" ? (
            <CheckboxField
              label={cc.nameChangeConsent}
              name="nameChangeConsent"
              checked={consents.nameChangeConsent}
              onChange={(event) => setConsents((c) => ({ ...c, nameChangeConsent: event.target.checked }))}
              errors={errorsOf("nameChangeConsent")}
            />
          ) : null}
        </section>
        <p className="mb-4 text-sm">{cc.emailNote}</p>
        <SubmitButton pending={checking}>{cc.check}</SubmitButton>
      </div>

      {reviewing && checkState.prepared ? (
        <section aria-labelledby="review-heading">
          <h2 id="review-heading" ref={reviewRef} tabIndex={-1} className="mb-2 text-lg font-bold">
            {cc.confirmTitle}
          </h2>
          <p className="mb-4">{cc.confirmIntro}</p>
          <div className="mb-4">
            <DataTable columns={[cc.item, cc.before, cc.after]}>
              <tbody>
                {checkState.prepared.changes.map((change) => (
                  <tr key={`${change.role}.${change.field}`} className="border-b border-line">
                    <th scope="row" className="p-2 text-left font-bold">
                      {change.role === "contract" ? l.contractContact : l.supportContact} {l[change.field]}
                    </th>
                    <Cell label={cc.before} className="p-2 break-all" data-i18n-exempt>
                      {change.before ?? cc.empty}
                    </Cell>
                    <Cell label={cc.after} className="p-2 break-all font-bold" data-i18n-exempt>
                      {change.after ?? cc.empty}
                    </Cell>
                  </tr>
                ))}
                {checkState.prepared.nameChange ? (
                  <tr className="border-b border-line">
                    <th scope="row" className="p-2 text-left font-bold">
                      {cc.nameChangeRow}
                    </th>
                    <Cell label={cc.before} className="p-2" data-i18n-exempt>
                      {[checkState.prepared.nameChange.before.companyName, checkState.prepared.nameChange.before.branchName].filter(Boolean).join(" ")}
                    </Cell>
                    <Cell label={cc.after} className="p-2 font-bold" data-i18n-exempt>
                      {[checkState.prepared.nameChange.companyName, checkState.prepared.nameChange.branchName].filter(Boolean).join(" ")}
                      <span className="block font-normal text-muted">{cc.reasons[checkState.prepared.nameChange.reason]}</span>
                    </Cell>
                  </tr>
                ) : null}
              </tbody>
            </DataTable>
          </div>
          {checkState.prepared.emailChanges.length > 0 ? <p className="mb-4 rounded border border-line bg-panel p-3 text-sm">{cc.emailNote}</p> : null}
          <div className="flex flex-wrap gap-3">
            <SubmitButton pending={applying}>{cc.apply}</SubmitButton>
            <button type="button" onClick={() => setReviewAsked(false)} className="rounded border border-ink bg-white px-6 py-2 font-bold hover:bg-panel">
              {cc.edit}
            </button>
          </div>
        </section>
      ) : null}
    </form>
  );
}

function ReadOnly({ label, value }: { label: string; value: string | null }) {
  return (
    <div className="mb-4">
      <div className="mb-1 font-bold">{label}</div>
      {/* Not a white box: not edited directly (B-5 ①). */}
      <div className="w-full max-w-md rounded border border-line bg-panel px-3 py-2 text-muted" data-i18n-exempt>
        {value || "—"}
      </div>
    </div>
  );
}

function RegistrySearch({
  labels,
  values,
  set,
  state,
  searching,
  onSearch,
  candidate,
  onSelect,
  onDecide,
  onBack,
  onNotFound,
  errors,
}: {
  labels: Labels;
  values: Record<string, string>;
  set: (name: string) => (event: { target: { value: string } }) => void;
  state: RegistrySearchState;
  searching: boolean;
  onSearch: (page: number) => void;
  candidate: RegistryHit | null;
  onSelect: (hit: RegistryHit) => void;
  onDecide: () => void;
  onBack: () => void;
  onNotFound: () => void;
  errors?: Partial<Record<string, string[]>>;
}) {
  const { cc, l } = labels;
  if (candidate) {
    return (
      <div>
        <p className="mb-3">{cc.confirmCompany}</p>
        <dl className="mb-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 rounded border border-line bg-white p-3 text-sm">
          <dt className="font-bold">{cc.corporateNumber}</dt>
          <dd data-i18n-exempt>{candidate.corporateNumber}</dd>
          <dt className="font-bold">{l.companyName}</dt>
          <dd data-i18n-exempt>{candidate.name}</dd>
          <dt className="font-bold">{cc.location}</dt>
          <dd data-i18n-exempt>{location(candidate, l.postalMark)}</dd>
        </dl>
        <div className="mb-3 flex flex-wrap gap-3">
          <button type="button" onClick={onDecide} className="rounded bg-brand px-6 py-2 font-bold text-white hover:bg-brand-dark">
            {cc.decide}
          </button>
          <button type="button" onClick={onBack} className="rounded border border-ink bg-white px-4 py-2 font-bold hover:bg-panel">
            {cc.backToResults}
          </button>
        </div>
      </div>
    );
  }
  const pages = state.total && state.pageSize ? Math.ceil(state.total / state.pageSize) : 0;
  return (
    <div>
      <p className="mb-3 text-sm">{cc.nameChangeIntro}</p>
      <Field
        label={l.companyName}
        name="search.name"
        required
        requiredMark={labels.requiredMark}
        value={values["search.name"]}
        onChange={set("search.name")}
        errors={errors?.name}
        maxLength={100}
        autoComplete="off"
        onKeyDown={enterSearches(onSearch)}
      />
      <SelectField
        label={l.prefecture}
        name="search.prefecture"
        data-i18n-exempt
        placeholder={cc.choose}
        options={PREFECTURES.map((p) => ({ value: p, label: p }))}
        value={values["search.prefecture"]}
        onChange={set("search.prefecture")}
        errors={errors?.prefecture}
      />
      <Field
        label={l.postalCode}
        name="search.postalCode"
        value={values["search.postalCode"]}
        onChange={set("search.postalCode")}
        errors={errors?.postalCode}
        maxLength={10}
        inputMode="numeric"
        autoComplete="off"
        onKeyDown={enterSearches(onSearch)}
      />
      <button type="button" onClick={() => onSearch(1)} disabled={searching} className="mb-4 rounded bg-ink px-4 py-2 font-bold text-white disabled:opacity-60">
        {cc.registrySearch}
      </button>
      {state.status === "success" && state.hits ? (
        <section aria-labelledby="registry-results-heading" aria-busy={searching}>
          <h3 id="registry-results-heading" className="mb-2 font-bold">
            {cc.registryResults}
            <span className="ml-2 font-normal">
              {(state.capped ? cc.registryCountCapped : cc.registryCount).replace("{total}", (state.total ?? 0).toLocaleString("ja-JP"))}
            </span>
          </h3>
          {state.hits.length === 0 ? (
            <p className="mb-3">{cc.noResults}</p>
          ) : (
            <ul className="mb-3 divide-y divide-line rounded border border-line bg-white">
              {state.hits.map((hit) => (
                <li key={hit.corporateNumber} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
                  <div>
                    <div className="font-bold" data-i18n-exempt>
                      {hit.name}
                      {hit.closedAt ? <span className="ml-2 rounded bg-[#57606a] px-2 py-0.5 text-xs text-white">{cc.closed}</span> : null}
                    </div>
                    <div className="text-muted" data-i18n-exempt>
                      {cc.corporateNumber}
                      {labels.colon}
                      {hit.corporateNumber}　{location(hit, l.postalMark)}
                    </div>
                  </div>
                  {hit.closedAt ? (
                    <span className="text-xs text-muted">{cc.closedNote}</span>
                  ) : (
                    <button
                      type="button"
                      onClick={() => onSelect(hit)}
                      aria-label={cc.selectLabel.replace("{name}", hit.name)}
                      className="rounded border border-ink bg-white px-4 py-1 font-bold hover:bg-panel"
                    >
                      {cc.select}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {pages > 1 ? (
            <nav aria-label={l.pagination} className="mb-3 flex items-center gap-3 text-sm">
              <button
                type="button"
                disabled={(state.page ?? 1) <= 1 || searching}
                onClick={() => onSearch((state.page ?? 1) - 1)}
                className="text-link underline disabled:text-muted disabled:no-underline"
              >
                {l.previous}
              </button>
              <span>{l.pageN.replace("{page}", String(state.page ?? 1))}</span>
              <button
                type="button"
                disabled={(state.page ?? 1) >= pages || searching}
                onClick={() => onSearch((state.page ?? 1) + 1)}
                className="text-link underline disabled:text-muted disabled:no-underline"
              >
                {l.next}
              </button>
            </nav>
          ) : null}
        </section>
      ) : null}
      <button
        type="button"
        onClick={onNotFound}
        className="mb-3 rounded border border-line bg-[#e6e8eb] px-4 py-2 text-sm font-bold text-ink hover:bg-[#d0d7de]"
      >
        {cc.notFound}
      </button>
    </div>
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
