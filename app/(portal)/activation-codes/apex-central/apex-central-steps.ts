import type { ApexCentralState } from "../actions";
import { issuanceWizardReducer, startWizard } from "../issuance-wizard";

// C-3: ① (input) → 配信内容 and the terms (content) → 依頼完了 (done).

/** 「修正する」 on 配信内容: back to ①. */
function previous(view: ApexCentralState): ApexCentralState {
  return view.step === "content" ? { step: "input", status: "idle" } : view;
}

export const apexCentralReducer = issuanceWizardReducer<ApexCentralState, "licenseId", "licenseId">(previous);

export const apexCentralStart = () => startWizard<ApexCentralState, "licenseId", "licenseId">({ step: "input", status: "idle" }, { licenseId: "" });
