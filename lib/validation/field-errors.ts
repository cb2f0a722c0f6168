import { z } from "zod";
import type { Messages } from "@/lib/i18n/ja";

/** The schema's issue messages are catalogue codes ("required", "emailFormat", t.fields' keys); anything else reads as invalid input. */
export function fieldMessage(code: string, t: Messages): string {
  if (code === "required") return t.auth.required;
  if (code === "emailFormat") return t.auth.emailFormat;
  if (Object.hasOwn(t.fields, code)) return t.fields[code as keyof Messages["fields"]];
  return t.common.invalidInput;
}

export function fieldErrorsOf<F extends string>(error: z.ZodError, t: Messages): Partial<Record<F, string[]>> {
  const fields = z.flattenError(error).fieldErrors as Record<string, string[] | undefined>;
  return Object.fromEntries(
    Object.entries(fields).map(([field, codes]) => [field, [...new Set((codes ?? []).map((code) => fieldMessage(code, t)))]]),
  ) as Partial<Record<F, string[]>>;
}
