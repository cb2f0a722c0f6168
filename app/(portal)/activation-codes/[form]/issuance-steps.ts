import type { IssuanceField } from "@/lib/validation/issuance";
import type { IssuanceFormState } from "../actions";
import { issuanceWizardReducer, startWizard } from "../issuance-wizard";

// C-1, C-2, C-4: ① ② (input) → 追加取得可能な製品 and 連絡先 (offers) → 取得依頼内容 (review) → 依頼完了 (done).

export type IssuanceValue = "licenseId" | "code" | "email" | "emailConfirm";

/** 「修正する」: from the review to the products and 連絡先, from there to ① ②. */
function previous(view: IssuanceFormState): IssuanceFormState {
  if (view.step === "review") return { step: "offers", status: "idle", source: view.source, offers: view.offers };
  if (view.step === "offers") return { step: "input", status: "idle" };
  return view;
}

export const issuanceReducer = issuanceWizardReducer<IssuanceFormState, IssuanceValue, IssuanceField>(previous);

export const issuanceStart = () =>
  startWizard<IssuanceFormState, IssuanceValue, IssuanceField>({ step: "input", status: "idle" }, { licenseId: "", code: "", email: "", emailConfirm: "" });
