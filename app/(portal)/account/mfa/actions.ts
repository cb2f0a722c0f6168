"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { EnrolState } from "@/app/_components/auth-actions";
import { customerAction } from "@/lib/auth/guards";
import { translator } from "@/lib/i18n";
import { disableCustomerTotp, enableCustomerTotp } from "@/lib/auth/mfa";
import type { FormState } from "@/lib/validation/form-state";

// MFA (beyond the SPEC): a customer's own two-factor setting (/account/mfa), through the customer guard like every E- form.
const enableInput = z.object({ sealed: z.string().max(400).catch(""), code: z.string().max(64).catch("") });
const disableInput = z.object({ code: z.string().max(64).catch("") });

export const enableMfaAction = customerAction({ schema: enableInput, next: "/account/mfa" }, async (input, { actor, locale }): Promise<EnrolState> => {
  const t = translator(locale);
  if (!input.code) return { status: "error", fieldErrors: { code: [t("mfa.required")] } };
  const result = await enableCustomerTotp(actor, input.sealed, input.code);
  if (result.ok) return { status: "success", message: t("mfa.enabled"), recoveryCodes: result.recoveryCodes };
  if (result.reason === "expired") return { status: "error", message: t("mfa.setupExpired") };
  return { status: "error", fieldErrors: { code: [t("mfa.wrongCode")] } };
});

export const disableMfaAction = customerAction({ schema: disableInput, next: "/account/mfa" }, async (input, { actor, locale }): Promise<FormState<"code">> => {
  const t = translator(locale);
  if (!input.code) return { status: "error", fieldErrors: { code: [t("mfa.required")] } };
  const result = await disableCustomerTotp(actor, input.code);
  if (result.ok) redirect("/account/mfa?done=off");
  if (result.reason === "locked") return { status: "error", message: t("mfa.locked") };
  if (result.reason === "replayed") return { status: "error", fieldErrors: { code: [t("mfa.usedCode")] } };
  return { status: "error", fieldErrors: { code: [t("mfa.wrongCode")] } };
});
