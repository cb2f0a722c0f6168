import { z } from "zod";
import type { Messages } from "next-intl";
import type { RootTranslator } from "@/lib/i18n";

type FieldCode = keyof Messages["fields"];

/**
 * The schema's issue messages are catalogue codes ("required", "emailFormat", the `fields` namespace's keys); anything
 * else reads as invalid input. `t` is the request's translator (lib/i18n getTranslations()).
 */
export function fieldMessage(code: string, t: RootTranslator): string {
  if (code === "required") return t("auth.required");
  if (code === "emailFormat") return t("auth.emailFormat");
  if (Object.hasOwn(messageFields, code)) return t(`fields.${code as FieldCode}`);
  return t("common.invalidInput");
}

// The field codes the catalogue has (the same in every locale: messages/shape.ts).
const messageFields: Record<FieldCode, true> = { postalCode: true, phone: true, prefecture: true, tooLong: true, consent: true, choose: true };

export function fieldErrorsOf<F extends string>(error: z.ZodError, t: RootTranslator): Partial<Record<F, string[]>> {
  const fields = z.flattenError(error).fieldErrors as Record<string, string[] | undefined>;
  return Object.fromEntries(
    Object.entries(fields).map(([field, codes]) => [field, [...new Set((codes ?? []).map((code) => fieldMessage(code, t)))]]),
  ) as Partial<Record<F, string[]>>;
}
