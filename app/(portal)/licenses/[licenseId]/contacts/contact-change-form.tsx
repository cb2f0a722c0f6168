"use client";

import { useTranslations } from "next-intl";
import { useEffect, useReducer, useRef } from "react";
import { CheckboxField, FormMessage, SubmitButton } from "@/app/_components/form-controls";
import { useStepCall } from "@/app/_components/use-step-call";
import type { ContactField, ContactRole } from "@/lib/validation/contact-fields";
import { applyContactChangeAction, confirmContactChangeAction, searchRegistryAction } from "./actions";
import { ContactFields, ReadOnly, type ContactChangeLabels } from "./contact-fields";
import { contactChangeReducer, isReviewing, nameChangeOf, startContactChange, type Consent } from "./contact-change-steps";
import { NameChangePanel } from "./name-change-panel";
import { HeadedSection } from "@/app/_components/headed-section";
import { ReviewPanel } from "./review-panel";

type Contacts = Record<ContactRole, Record<ContactField, string | null>>;

const idle = { status: "idle" } as const;

// B-5's consents: the privacy one always; the name-change one only with a 法人名・支社名 change.
const CONSENTS: readonly Consent[] = ["privacyConsent", "nameChangeConsent"];

/**
 * B-5 ①–⑦ on one page: the form (both contacts prefilled, white boxes editable, ※ required), the 契約窓口's
 * 法人名・支社名変更 (search → 選択 → 確定, or 「該当する法人情報が見つからない方は・・・」), the consents, 「確認する」 → the
 * changes before → after → 「変更」. One reducer (contact-change-steps.ts) holds where the wizard stands and every
 * input, so nothing the customer typed is lost when the server refuses a field; the server checks everything again
 * on 「変更」.
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
  labels: ContactChangeLabels;
  nameChangeBlocked: string | null;
}) {
  const cc = useTranslations("contactChange");
  const l = useTranslations("licenses");
  const formRef = useRef<HTMLFormElement>(null);
  const reviewRef = useRef<HTMLHeadingElement>(null);
  const [{ view, name, values, consents, registry, searching }, dispatch] = useReducer(contactChangeReducer, contacts, startContactChange);
  const call = useStepCall();

  const reviewing = isReviewing(view);
  useEffect(() => {
    if (reviewing) reviewRef.current?.focus();
  }, [reviewing]);

  const edit = (field: string, value: string) => dispatch({ type: "edit", name: field, value });
  const errorsOf = (field: string) => view.fieldErrors?.[field];
  const nameChange = nameChangeOf(name);

  const runSearch = (page: number) => {
    const data = new FormData();
    data.set("name", values["search.name"] ?? "");
    data.set("prefecture", values["search.prefecture"] ?? "");
    data.set("postalCode", values["search.postalCode"] ?? "");
    data.set("page", String(page));
    dispatch({ type: "search" });
    call(
      () => searchRegistryAction(idle, data),
      (answer) => dispatch({ type: "searched", answer }),
    );
  };
  const submit = () => {
    if (!formRef.current) return;
    const data = new FormData(formRef.current);
    if (view.step === "review") {
      dispatch({ type: "apply" });
      call(
        () => applyContactChangeAction(idle, data),
        (answer) => dispatch({ type: "applied", answer }),
      );
    } else if (view.step === "form") {
      dispatch({ type: "check" });
      call(
        () => confirmContactChangeAction(idle, data),
        (answer) => dispatch({ type: "checked", answer }),
      );
    }
  };

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      className="max-w-3xl"
    >
      <input type="hidden" name="licenseId" value={licenseId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="nameChange" value={nameChange} />
      <input type="hidden" name="corporateNumber" value={name.mode === "registry" ? name.chosen.corporateNumber : ""} />
      <FormMessage status={view.status} message={view.message} />
      {view.refusal === "stale" ? (
        <p className="mb-4">
          {/* A full reload: the form starts again from the contract as it is now. */}
          <a href={`/licenses/${licenseId}/contacts`} className="text-link underline">
            {cc("reload")}
          </a>
        </p>
      ) : null}

      <div hidden={reviewing}>
        <p className="mb-6">{cc("intro")}</p>
        <fieldset className="mb-6 rounded border border-line p-4">
          <legend className="px-2 text-lg font-bold">{l("contractContact")}</legend>
          <p className="mb-3 text-sm text-muted">{cc("contractNote")}</p>
          <ReadOnly label={l("companyName")} value={contacts.contract.companyName} />
          <ReadOnly label={l("branchName")} value={contacts.contract.branchName} />
          <NameChangePanel
            labels={labels}
            name={name}
            values={values}
            registry={registry}
            searching={searching}
            blocked={nameChangeBlocked}
            dispatch={dispatch}
            onSearch={runSearch}
            errorsOf={errorsOf}
          />
          <ContactFields role="contract" labels={labels} values={values} onEdit={edit} errorsOf={errorsOf} />
        </fieldset>

        <fieldset className="mb-6 rounded border border-line p-4">
          <legend className="px-2 text-lg font-bold">{l("supportContact")}</legend>
          <ContactFields role="support" labels={labels} values={values} onEdit={edit} errorsOf={errorsOf} />
        </fieldset>

        <HeadedSection
          id="privacy-heading"
          heading={cc("privacyTitle")}
          className="mb-4 rounded border border-line p-4 text-sm"
          headingClassName="mb-2 font-bold"
        >
          <p className="mb-3">{cc("privacyText")}</p>
          {CONSENTS.filter((consent) => consent === "privacyConsent" || nameChange !== "none").map((consent) => (
            <CheckboxField
              key={consent}
              label={cc(consent)}
              name={consent}
              checked={consents[consent]}
              onChange={(event) => dispatch({ type: "consent", name: consent, checked: event.target.checked })}
              errors={errorsOf(consent)}
            />
          ))}
        </HeadedSection>
        <p className="mb-4 text-sm">{cc("emailNote")}</p>
        <SubmitButton pending={view.step === "checking"}>{cc("check")}</SubmitButton>
      </div>

      {view.step === "review" || view.step === "applying" ? (
        <ReviewPanel prepared={view.prepared} applying={view.step === "applying"} headingRef={reviewRef} onEdit={() => dispatch({ type: "edit-again" })} />
      ) : null}
    </form>
  );
}
