import "server-only";
import { translator, type Locale } from "@/lib/i18n";
import type { ContractImportError } from "./types";

// A fault of the file as the operator reads it (the upload page, in the request's language; the command, in
// Japanese): the catalogue's admin.contractImport.errors, filled by next-intl.

export type ContractImportMessages = ReturnType<typeof translator<"admin.contractImport">>;

/** The messages of a locale, for contractImportErrorText and formatContractImportError. */
export function contractImportMessages(locale: Locale): ContractImportMessages {
  return translator(locale, "admin.contractImport");
}

/** A fault's message, with the column's name and label (without its line). */
export function contractImportErrorText(error: ContractImportError, m: ContractImportMessages): string {
  const label = error.label ? m(`columns.${error.label}`) : undefined;
  const column = error.column ? (label ? `${error.column}（${label}）` : error.column) : (label ?? "");
  // Each code's message takes its own arguments (error.params, by code): checked by the integration tests, not here.
  const errorText = m as unknown as (key: string, values: Record<string, string | number>) => string;
  const params = Object.fromEntries(Object.entries(error.params ?? {}).filter(([, value]) => value !== undefined)) as Record<string, string | number>;
  return errorText(`errors.${error.code}`, { ...params, column, value: error.value ?? "" });
}

/** A fault as the operator reads it: 「12 行目：…」. */
export function formatContractImportError(error: ContractImportError, m: ContractImportMessages): string {
  const text = contractImportErrorText(error, m);
  return error.line === null ? text : m("atLine", { line: String(error.line), message: text });
}
