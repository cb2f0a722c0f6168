import "server-only";
import type { Messages } from "@/lib/i18n/ja";
import type { ContractImportError } from "./types";

// A fault of the file as the operator reads it (the upload page, the command).

export type ContractImportMessages = Messages["admin"]["contractImport"];

function fill(template: string, values: Record<string, string | number | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (values[name] === undefined ? match : String(values[name])));
}

/** A fault's message, with the column's name and label (without its line). */
export function contractImportErrorText(error: ContractImportError, m: ContractImportMessages): string {
  const label = error.label ? m.columns[error.label] : undefined;
  const column = error.column ? (label ? `${error.column}（${label}）` : error.column) : (label ?? "");
  return fill(m.errors[error.code], { ...error.params, column, value: error.value ?? "" });
}

/** A fault as the operator reads it: 「12 行目：…」. */
export function formatContractImportError(error: ContractImportError, m: ContractImportMessages): string {
  const text = contractImportErrorText(error, m);
  return error.line === null ? text : fill(m.atLine, { line: error.line, message: text });
}
