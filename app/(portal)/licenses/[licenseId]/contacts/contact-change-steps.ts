import type { ChangeRefusal, PreparedChange } from "@/lib/licenses/contact-change";
import type { RegistryHit } from "@/lib/registry/search";
import { CONTACT_FIELDS, type ContactField, type ContactRole } from "@/lib/validation/contact-fields";
import type { StepState } from "@/lib/validation/wizard";
import type { ContactChangeState, RegistrySearchState } from "./actions";

// B-5 ①–⑦ on the client, one reducer over one step value: the form → 確認する (checking) → 変更内容の確認 (review) →
// 変更 (applying; its success is the completion page), and beside it the 契約窓口's 法人名・支社名変更 (name): closed,
// the registry search (③-2), a match's confirmation (選択 → 確定), the match set, or the names typed (「該当する法人情報が
// 見つからない方は・・・」). Pure: the form and tests/unit drive it.

export type ChangeStep =
  { step: "form" } | { step: "checking" } | { step: "review"; prepared: PreparedChange } | { step: "applying"; prepared: PreparedChange };
export type ContactChangeView = StepState<ChangeStep> & { refusal?: ChangeRefusal };

export type NameStep =
  { mode: "none" } | { mode: "search" } | { mode: "confirm"; candidate: RegistryHit } | { mode: "registry"; chosen: RegistryHit } | { mode: "manual" };

export type Consent = "privacyConsent" | "nameChangeConsent";

export type ContactChangeWizard = {
  view: ContactChangeView;
  name: NameStep;
  /** Every input by its form name; the inputs are controlled, so nothing typed is lost when the server refuses a field. */
  values: Record<string, string>;
  consents: Record<Consent, boolean>;
  /** The last registry search's answer: still listed when the name change is closed and opened again. */
  registry: RegistrySearchState;
  searching: boolean;
};

export type ContactChangeEvent =
  | { type: "edit"; name: string; value: string }
  | { type: "consent"; name: Consent; checked: boolean }
  | { type: "openNameChange" }
  | { type: "cancelNameChange" }
  | { type: "search" }
  | { type: "searched"; answer: RegistrySearchState }
  | { type: "select"; hit: RegistryHit }
  | { type: "backToResults" }
  | { type: "decide" }
  | { type: "notFound" }
  | { type: "check" }
  | { type: "checked"; answer: ContactChangeState }
  | { type: "edit-again" }
  | { type: "apply" }
  | { type: "applied"; answer: ContactChangeState };

type Contacts = Record<ContactRole, Record<ContactField, string | null>>;

/** The form as the page opens it: both contacts prefilled; the search's 都道府県 from the 契約窓口. */
export function startContactChange(contacts: Contacts): ContactChangeWizard {
  const values: Record<string, string> = {};
  for (const role of ["contract", "support"] as const) for (const field of CONTACT_FIELDS) values[`${role}.${field}`] = contacts[role][field] ?? "";
  return {
    view: { step: "form", status: "idle" },
    name: { mode: "none" },
    values: {
      ...values,
      "search.name": "",
      "search.prefecture": contacts.contract.prefecture ?? "",
      "search.postalCode": "",
      requestedCompanyName: contacts.contract.companyName ?? "",
      requestedBranchName: contacts.contract.branchName ?? "",
      reason: "",
    },
    consents: { privacyConsent: false, nameChangeConsent: false },
    registry: { status: "idle" },
    searching: false,
  };
}

/** What the form posts as `nameChange` (lib/validation/contacts.ts's variants). */
export function nameChangeOf(name: NameStep): "none" | "registry" | "manual" {
  return name.mode === "registry" || name.mode === "manual" ? name.mode : "none";
}

export const isReviewing = (view: ContactChangeView) => view.step === "review" || view.step === "applying";

function nameStep(name: NameStep, event: ContactChangeEvent): NameStep {
  switch (event.type) {
    case "openNameChange":
      return name.mode === "none" ? { mode: "search" } : name;
    case "cancelNameChange":
      return { mode: "none" };
    case "select":
      return name.mode === "search" ? { mode: "confirm", candidate: event.hit } : name;
    case "backToResults":
      return name.mode === "confirm" ? { mode: "search" } : name;
    case "decide":
      return name.mode === "confirm" ? { mode: "registry", chosen: name.candidate } : name;
    case "notFound":
      return name.mode === "search" ? { mode: "manual" } : name;
    default:
      return name;
  }
}

const answerOf = ({ status, message, fieldErrors, refusal }: ContactChangeState | ContactChangeView) => ({ status, message, fieldErrors, refusal });

function changeStep(view: ContactChangeView, event: ContactChangeEvent): ContactChangeView {
  switch (event.type) {
    case "check":
      // The last answer's messages stay until the new one comes.
      return view.step === "form" ? { ...view, step: "checking" } : view;
    case "checked": {
      if (view.step !== "checking") return view;
      const { prepared } = event.answer;
      return event.answer.status === "success" && prepared
        ? { step: "review", prepared, ...answerOf(event.answer) }
        : { step: "form", ...answerOf(event.answer) };
    }
    case "edit-again":
      // 「修正する」: back to the form with the last answer (a refused 変更's message stays above it).
      if (view.step !== "review" && view.step !== "applying") return view;
      return { step: "form", ...answerOf(view) };
    case "apply":
      return view.step === "review" ? { ...view, step: "applying" } : view;
    case "applied":
      // Only a refusal comes back (a change made redirects to its completion page): shown where the customer is.
      if (view.step === "applying") return { step: "review", prepared: view.prepared, ...answerOf(event.answer) };
      return view.step === "form" ? { step: "form", ...answerOf(event.answer) } : view;
    default:
      return view;
  }
}

export function contactChangeReducer(state: ContactChangeWizard, event: ContactChangeEvent): ContactChangeWizard {
  switch (event.type) {
    case "edit":
      return { ...state, values: { ...state.values, [event.name]: event.value } };
    case "consent":
      return { ...state, consents: { ...state.consents, [event.name]: event.checked } };
    case "search":
      return { ...state, searching: true };
    case "searched":
      return { ...state, searching: false, registry: event.answer };
    default:
      return { ...state, name: nameStep(state.name, event), view: changeStep(state.view, event) };
  }
}
