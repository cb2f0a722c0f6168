"use server";

import { z } from "zod";
import { serialIdSchema } from "@/lib/validation/ids";
import type { SearchNoticeState } from "@/app/_components/search-notice";
import { customerAction } from "@/lib/auth/guards";
import { formatDate, formatDateTime } from "@/lib/dates";
import { translator, type Locale, type RootTranslator } from "@/lib/i18n";
import { scheduleOutboxDelivery } from "@/lib/mail/schedule";
import { MAILED_KINDS, type MailedIssuanceKind } from "@/lib/issuance/catalog";
import {
  checkIssuanceSource,
  confirmIssuance,
  issueApexCentralCode,
  requestIssuance,
  resendIssuanceLink,
  type IssuanceProblem,
  type LinkProblem,
  type Offer,
} from "@/lib/issuance/requests";
import { searchNoticeOf } from "@/lib/licenses/search-messages";
import { fieldMessage } from "@/lib/validation/field-errors";
import { apexCentralStepSchema, issuanceStepSchema, type IssuanceField } from "@/lib/validation/issuance";
import type { RefusedInput, StepResult, StepState } from "@/lib/validation/wizard";

// SPEC C-1 … C-4: the forms' steps. Nothing a customer typed comes back in the state (FormState's rule: no codes):
// the client keeps its own inputs; the state carries the step, what the server found and the messages. Which step
// was pressed, and what it needs, is the schema's (lib/validation/issuance.ts).

type Found = { source: { licenseId: number; code: string | null; productName: string; quantity: number }; offers: Offer[] };
export type IssuanceStep =
  | { step: "input" }
  | ({ step: "offers" } & Found)
  | ({ step: "review" } & Found)
  /** 依頼完了: the request's products, its license and until when its URL works. */
  | { step: "done"; offers: Offer[]; done: { licenseId: number; validUntil: string } };
export type IssuanceFormState = StepState<IssuanceStep, IssuanceField> & { notice?: SearchNoticeState };

/** A refused ① / ②: under its field, or above the form (B-8 with its number and the contact window); back on ① ②. */
function problemState(problem: IssuanceProblem, t: RootTranslator, kind: MailedIssuanceKind | "apex_central", locale: Locale): IssuanceFormState {
  const problems = translator(locale, "issuance.problems");
  const step = "input";
  switch (problem.kind) {
    case "field":
      return { status: "error", step, fieldErrors: { [problem.field]: [problems(problem.reason)] } };
    case "search": {
      if (problem.message.kind === "field") return { status: "error", step, fieldErrors: { licenseId: [problems("nonDigit")] } };
      const notice = searchNoticeOf(problem.message, t);
      return { status: "error", step, message: notice.message, notice };
    }
    case "notActive":
      return { status: "error", step, fieldErrors: { licenseId: [problems("notActive", { licenseId: String(problem.licenseId) })] } };
    case "wrongProduct":
      return { status: "error", step, message: t(`issuance.forms.${kind}.wrongProduct`) };
    case "codeMismatch":
      return { status: "error", step, fieldErrors: { code: [problems("codeMismatch", { licenseId: String(problem.licenseId) })] } };
    case "exhausted":
      return { status: "error", step, message: problems("exhausted", { licenseId: String(problem.licenseId) }) };
  }
}

/** Input the step's schema refused (the 連絡先 twice): the messages under the fields, on the step the customer is on. */
function refusedInput(error: z.ZodError, t: RootTranslator): RefusedInput<IssuanceField> {
  const codes = z.flattenError(error).fieldErrors as Record<string, string[] | undefined>;
  const message = (code: string) => (code === "required" || code === "emailMismatch" ? t(`issuance.problems.${code}`) : fieldMessage(code, t));
  return {
    status: "error",
    fieldErrors: Object.fromEntries(Object.entries(codes).map(([field, list]) => [field, [...new Set((list ?? []).map(message))]])),
  };
}

// C-1, C-2, C-4: 「確認する」/「次へ」 (check) → 連絡先 → 「発行を依頼する」 (review) → 「発行を依頼する」 (request).
// Every step checks ① and ② again: what the browser holds is never trusted.
export const issuanceFormAction = customerAction(
  { schema: issuanceStepSchema, raw: ["code"], next: "/activation-codes", onInvalid: (error, { t }) => refusedInput(error, t) },
  async (input, { actor, t, locale }): Promise<StepResult<IssuanceFormState, IssuanceField>> => {
    const { kind } = input;
    if (input.step === "request") {
      const created = await requestIssuance({ actor, kind, licenseId: input.licenseId, code: input.code, contactEmail: input.email });
      if (!created.ok) return problemState(created.problem, t, kind, locale);
      scheduleOutboxDelivery();
      return {
        status: "success",
        step: "done",
        offers: created.request.items,
        done: { licenseId: created.request.licenseId, validUntil: formatDateTime(created.request.expiresAt) },
      };
    }
    const checked = await checkIssuanceSource({ actor, kind, licenseId: input.licenseId, code: input.code });
    if (!checked.ok) return problemState(checked.problem, t, kind, locale);
    const { source } = checked;
    return {
      status: "idle",
      step: input.step === "check" ? "offers" : "review",
      source: { licenseId: source.licenseId, code: source.code, productName: source.sourceProductName, quantity: source.sourceQuantity },
      offers: source.offers,
    };
  },
);

// --- the mailed URL: the final 「発行を依頼する」 --------------------------------------------------------------------

// The issued codes come back to the customer who asked for them (the manual's step 13 shows them): the one exception
// to FormState's "no codes", with C-3's below.
export type ConfirmState = {
  status: "idle" | "error" | "success";
  message?: string;
  repeated?: boolean;
  codes?: (Offer & { code: string })[];
  licenseId?: number;
};

const tokenSchema = z.object({ kind: z.enum(MAILED_KINDS), token: z.string().max(64) });

export const confirmIssuanceAction = customerAction({ schema: tokenSchema, raw: ["token"] }, async ({ kind, token }, { actor, t }): Promise<ConfirmState> => {
  const result = await confirmIssuance({ actor, kind, token });
  if (!result.ok) return { status: "error", message: t(`issuance.link.${result.problem satisfies LinkProblem | "exhausted"}`) };
  if (!result.repeated) scheduleOutboxDelivery();
  return {
    status: "success",
    message: t(`issuance.issuedMessage.${kind}`),
    repeated: result.repeated,
    codes: result.issued.codes,
    licenseId: result.issued.licenseId,
  };
});

// --- B-2: a fresh URL for an open request ----------------------------------------------------------------------------

const resendSchema = z.object({
  requestId: serialIdSchema,
});

export type ResendState = { status: "idle" | "error" | "success"; message?: string };

export const resendIssuanceLinkAction = customerAction(
  { schema: resendSchema, onInvalid: (_error, { t }): ResendState => ({ status: "error", message: t("issuance.requests.resendFailed") }) },
  async ({ requestId }, { actor, t, locale }): Promise<ResendState> => {
    const result = await resendIssuanceLink({ actor, requestId });
    if (!result.ok) return { status: "error", message: t("issuance.requests.resendFailed") };
    scheduleOutboxDelivery();
    return { status: "success", message: translator(locale)("issuance.requests.resent", { time: formatDateTime(result.expiresAt) }) };
  },
);

// --- C-3 Apex Central --------------------------------------------------------------------------------------------------

type ApexCentralContent = { licenseId: number; productName: string; quantity: number; supportEndDate: string };
export type ApexCentralStep =
  | { step: "input" }
  | { step: "content"; content: ApexCentralContent }
  | { step: "done"; content: ApexCentralContent; issued: { code: string; fileName: string; delivery: "download" | "issue"; repeated: boolean } };
export type ApexCentralState = StepState<ApexCentralStep, "licenseId"> & { notice?: SearchNoticeState };

export const apexCentralAction = customerAction(
  { schema: apexCentralStepSchema, next: "/activation-codes/apex-central", onInvalid: (error, { t }) => refusedInput(error, t) },
  async (input, { actor, t, locale }): Promise<StepResult<ApexCentralState, "licenseId">> => {
    const { licenseId } = input;
    const refused = (problem: IssuanceProblem): ApexCentralState => {
      const state = problemState(problem, t, "apex_central", locale);
      return {
        status: "error",
        step: "input",
        message: state.message,
        notice: state.notice,
        fieldErrors: state.fieldErrors?.licenseId ? { licenseId: state.fieldErrors.licenseId } : undefined,
      };
    };
    if (input.step === "check") {
      const checked = await checkIssuanceSource({ actor, kind: "apex_central", licenseId });
      if (!checked.ok) return refused(checked.problem);
      const { source } = checked;
      return {
        status: "idle",
        step: "content",
        content: {
          licenseId: source.licenseId,
          productName: source.offers[0]?.productName ?? source.sourceProductName,
          quantity: source.sourceQuantity,
          supportEndDate: formatDate(source.supportEndDate),
        },
      };
    }
    const issued = await issueApexCentralCode({ actor, licenseId });
    if (!issued.ok) return refused(issued.problem);
    if (!issued.repeated) scheduleOutboxDelivery();
    return {
      status: "success",
      step: "done",
      content: { licenseId: issued.licenseId, productName: issued.productName, quantity: issued.quantity, supportEndDate: formatDate(issued.supportEndDate) },
      // The one place a code goes back to the browser: the customer asked for exactly this (C-3).
      issued: { code: issued.code, fileName: `ApexCentral_${issued.licenseId}.txt`, delivery: input.step, repeated: issued.repeated },
    };
  },
);
