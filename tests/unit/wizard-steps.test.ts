import { describe, expect, it } from "vitest";
import type { ApexCentralState, IssuanceFormState } from "@/app/(portal)/activation-codes/actions";
import { apexCentralReducer, apexCentralStart } from "@/app/(portal)/activation-codes/apex-central/apex-central-steps";
import { issuanceReducer, issuanceStart } from "@/app/(portal)/activation-codes/[form]/issuance-steps";
import {
  contactChangeReducer,
  isReviewing,
  nameChangeOf,
  startContactChange,
  type ContactChangeEvent,
} from "@/app/(portal)/licenses/[licenseId]/contacts/contact-change-steps";
import type { PreparedChange } from "@/lib/licenses/contact-change";
import type { RegistryHit } from "@/lib/registry/search";
import { answerStep } from "@/lib/validation/wizard";

// The wizards' reducers (B-5, C-1 … C-4) as pure functions: each event moves the one step value, an answer from the
// server takes its step or, for refused input, keeps the step with the messages; what the customer typed stays.

const found = {
  source: { licenseId: 100001, code: "OS-8M6K-2ACF7-HJ3NP-4QRS5-TVWXY", productName: "ウイルスバスター コーポレートエディション Plus", quantity: 10 },
  offers: [{ productId: 7, productName: "Apex One", quantity: 10 }],
};
const offers: IssuanceFormState = { step: "offers", status: "idle", ...found };
const review: IssuanceFormState = { step: "review", status: "idle", ...found };

describe("answerStep", () => {
  it("takes the answer's step, or keeps the current step with the refusal's messages", () => {
    expect(answerStep<IssuanceFormState, string>(offers, review)).toEqual({ step: "review", status: "idle", ...found });
    expect(answerStep<IssuanceFormState, string>(offers, { status: "error", fieldErrors: { email: ["入力してください。"] } })).toEqual({
      ...offers,
      status: "error",
      message: undefined,
      fieldErrors: { email: ["入力してください。"] },
    });
  });
});

describe("C-1, C-2, C-4: issuanceReducer", () => {
  it("input → offers → review → done, the inputs kept by the client alone", () => {
    let state = issuanceStart();
    expect(state.view.step).toBe("input");
    state = issuanceReducer(state, { type: "edit", name: "licenseId", value: "100001" });
    state = issuanceReducer(state, { type: "edit", name: "code", value: "OS-AAAA" });
    state = issuanceReducer(state, { type: "send" });
    expect(state.sending).toBe(true);
    state = issuanceReducer(state, { type: "answer", answer: offers });
    expect(state).toMatchObject({ sending: false, view: { step: "offers" }, values: { licenseId: "100001", code: "OS-AAAA" } });
    state = issuanceReducer(state, { type: "answer", answer: review });
    state = issuanceReducer(state, {
      type: "answer",
      answer: { step: "done", status: "success", offers: found.offers, done: { licenseId: 100001, validUntil: "2026/12/10 10:00" } },
    });
    expect(state.view).toMatchObject({ step: "done", done: { licenseId: 100001 } });
  });

  it("refused 連絡先 keep the products on screen with the messages; 「修正する」 goes back one step at a time", () => {
    let state = issuanceReducer(issuanceStart(), { type: "answer", answer: offers });
    state = issuanceReducer(state, { type: "answer", answer: { status: "error", fieldErrors: { emailConfirm: ["一致しません"] } } });
    expect(state.view).toMatchObject({ step: "offers", status: "error", fieldErrors: { emailConfirm: ["一致しません"] }, source: found.source });
    state = issuanceReducer(state, { type: "answer", answer: review });
    state = issuanceReducer(state, { type: "back" });
    expect(state.view).toEqual({ step: "offers", status: "idle", ...found });
    state = issuanceReducer(state, { type: "back" });
    expect(state.view).toEqual({ step: "input", status: "idle" });
    // On ① ② there is nothing further back.
    expect(issuanceReducer(state, { type: "back" }).view).toBe(state.view);
  });

  it("no step back while a step is on its way; a refused paste is remembered", () => {
    let state = issuanceReducer(issuanceStart(), { type: "answer", answer: offers });
    state = issuanceReducer(state, { type: "send" });
    expect(issuanceReducer(state, { type: "back" }).view.step).toBe("offers");
    expect(issuanceReducer(state, { type: "refusePaste" }).pasteRefused).toBe(true);
  });
});

describe("C-3: apexCentralReducer", () => {
  const content: ApexCentralState = {
    step: "content",
    status: "idle",
    content: { licenseId: 100003, productName: "Apex Central", quantity: 1, supportEndDate: "2027/03/31" },
  };
  it("input → content → back to input; a refused ① stays on ① with its message", () => {
    let state = apexCentralReducer(apexCentralStart(), { type: "edit", name: "licenseId", value: "100004" });
    state = apexCentralReducer(state, { type: "answer", answer: { step: "input", status: "error", fieldErrors: { licenseId: ["有効ではありません"] } } });
    expect(state.view).toMatchObject({ step: "input", fieldErrors: { licenseId: ["有効ではありません"] } });
    state = apexCentralReducer(state, { type: "answer", answer: content });
    expect(state.view.step).toBe("content");
    state = apexCentralReducer(state, { type: "back" });
    expect(state.view).toEqual({ step: "input", status: "idle" });
    expect(state.values.licenseId).toBe("100004");
  });
});

describe("B-5: contactChangeReducer", () => {
  const contacts = {
    contract: {
      companyName: "テストユーザ株式会社",
      branchName: "本社",
      department: null,
      personName: "試験 太郎",
      postalCode: "100-0005",
      prefecture: "東京都",
      address: "千代田区",
      phone: "03-1234-5678",
      email: "user@example.co.jp",
    },
    support: {
      companyName: "テストユーザ株式会社",
      branchName: null,
      department: null,
      personName: "試験 花子",
      postalCode: "100-0005",
      prefecture: "東京都",
      address: "千代田区",
      phone: "03-1234-5679",
      email: "support-desk@example.co.jp",
    },
  };
  const prepared: PreparedChange = { version: 3, changes: [], emailChanges: [], nameChange: null };
  const hit: RegistryHit = {
    corporateNumber: "1234567890123",
    name: "テストユーザホールディングス株式会社",
    nameKana: null,
    prefecture: "東京都",
    city: "千代田区",
    street: "丸の内1-1",
    postalCode: "1000005",
    closedAt: null,
    match: "prefix",
  };
  const run = (events: ContactChangeEvent[]) => events.reduce(contactChangeReducer, startContactChange(contacts));

  it("starts on the form with both contacts prefilled and the search's 都道府県 from the 契約窓口", () => {
    const state = startContactChange(contacts);
    expect(state.view).toEqual({ step: "form", status: "idle" });
    expect(state.values).toMatchObject({
      "contract.personName": "試験 太郎",
      "support.phone": "03-1234-5679",
      "contract.department": "",
      "search.prefecture": "東京都",
    });
    expect(nameChangeOf(state.name)).toBe("none");
  });

  it("form → checking → (refused: form with the messages, inputs kept) → review → applying → (refused: review) → 修正する → form", () => {
    let state = run([{ type: "edit", name: "support.phone", value: "０３－５５５５" }, { type: "check" }]);
    expect(state.view.step).toBe("checking");
    state = contactChangeReducer(state, {
      type: "checked",
      answer: { status: "error", message: "入力内容に誤りがあります", fieldErrors: { "support.phone": ["電話番号"] } },
    });
    expect(state.view).toMatchObject({ step: "form", status: "error", fieldErrors: { "support.phone": ["電話番号"] } });
    expect(state.values["support.phone"]).toBe("０３－５５５５");
    state = contactChangeReducer(contactChangeReducer(state, { type: "check" }), { type: "checked", answer: { status: "success", prepared } });
    expect(state.view).toEqual({ step: "review", status: "success", prepared, message: undefined, fieldErrors: undefined, refusal: undefined });
    expect(isReviewing(state.view)).toBe(true);
    state = contactChangeReducer(state, { type: "apply" });
    expect(state.view.step).toBe("applying");
    expect(isReviewing(state.view)).toBe(true);
    state = contactChangeReducer(state, { type: "applied", answer: { status: "error", message: "更新されています", refusal: "stale" } });
    expect(state.view).toMatchObject({ step: "review", prepared, refusal: "stale", message: "更新されています" });
    state = contactChangeReducer(state, { type: "edit-again" });
    expect(state.view).toMatchObject({ step: "form", refusal: "stale", message: "更新されています" });
    expect("prepared" in state.view).toBe(false);
  });

  it("a check answer without the changes stays on the form; events of another step change nothing", () => {
    const checking = run([{ type: "check" }]);
    expect(contactChangeReducer(checking, { type: "checked", answer: { status: "success" } }).view.step).toBe("form");
    const form = startContactChange(contacts);
    expect(contactChangeReducer(form, { type: "apply" }).view).toBe(form.view);
    expect(contactChangeReducer(form, { type: "checked", answer: { status: "success", prepared } }).view).toBe(form.view);
    expect(contactChangeReducer(form, { type: "edit-again" }).view).toBe(form.view);
  });

  it("法人名・支社名変更: search → 選択 → 確定 (registry), back to the results, not found (manual), cancel", () => {
    let state = run([{ type: "openNameChange" }, { type: "search" }]);
    expect(state).toMatchObject({ name: { mode: "search" }, searching: true });
    state = contactChangeReducer(state, { type: "searched", answer: { status: "success", hits: [hit], total: 1, page: 1, pageSize: 20 } });
    expect(state.searching).toBe(false);
    state = contactChangeReducer(state, { type: "select", hit });
    expect(state.name).toEqual({ mode: "confirm", candidate: hit });
    expect(contactChangeReducer(state, { type: "backToResults" }).name).toEqual({ mode: "search" });
    state = contactChangeReducer(state, { type: "decide" });
    expect(state.name).toEqual({ mode: "registry", chosen: hit });
    expect(nameChangeOf(state.name)).toBe("registry");
    // 「該当する法人情報が見つからない方は・・・」 only from the search; cancelling closes it, the results stay for the next time.
    expect(contactChangeReducer(state, { type: "notFound" }).name).toEqual(state.name);
    state = contactChangeReducer(state, { type: "cancelNameChange" });
    expect(state.name).toEqual({ mode: "none" });
    expect(state.registry.hits).toEqual([hit]);
    state = run([{ type: "openNameChange" }, { type: "notFound" }]);
    expect(nameChangeOf(state.name)).toBe("manual");
    // 確定 without a candidate, 選択 outside the search: nothing.
    expect(run([{ type: "decide" }]).name).toEqual({ mode: "none" });
    expect(run([{ type: "select", hit }]).name).toEqual({ mode: "none" });
  });

  it("consents are checkboxes of their own", () => {
    const state = run([{ type: "consent", name: "privacyConsent", checked: true }]);
    expect(state.consents).toEqual({ privacyConsent: true, nameChangeConsent: false });
  });
});
