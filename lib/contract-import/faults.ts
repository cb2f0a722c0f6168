import "server-only";
import type { z } from "zod";
import { CONTRACT_CSV_HEADER, columnOf, csvColumnOf, type ContractCsvColumn, type ContractHead, type LineInput } from "./format";
import { CONTRACT_IMPORT_ERROR_CODES, type ContractImportError, type ContractImportErrorCode, type ContractImportFormat } from "./types";

// What both readers (read-csv.ts, read-json-lines.ts) share: the faults of a file, each row's checks against the
// catalog, and the stager they hand the checked rows to (stage.ts).

const MAX_VALUE_CHARS = 60;

export type Catalog = Map<string, { id: number; codePrefix: string | null }>;

/** What the reader hands the stager: a contract (its first row) or one of its lines. */
export type Stager = {
  contract: (line: number, head: ContractHead, productId: number) => Promise<void>;
  line: (line: number, licenseId: number, head: ContractHead, input: LineInput, productId: number) => Promise<void>;
};

/** What a reader works with: the catalog, the stager, the faults, the count of rows read, and its progress callback. */
export type ReadContext = { catalog: Catalog; stage: Stager; faults: Faults; counts: { rows: number }; progress: () => void };

export class Faults {
  readonly list: ContractImportError[] = [];
  count = 0;
  fatal = false;
  constructor(private readonly max: number) {}
  add(error: ContractImportError) {
    this.count++;
    if (this.list.length < this.max) this.list.push(error);
  }
}

export function shown(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, " ");
  return clean.length > MAX_VALUE_CHARS ? `${clean.slice(0, MAX_VALUE_CHARS)}…` : clean;
}

function valueAt(record: unknown, path: readonly PropertyKey[]): unknown {
  let current = record;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

const KNOWN_CODES = new Set<string>(CONTRACT_IMPORT_ERROR_CODES);
const CSV_COLUMNS = new Set<string>(CONTRACT_CSV_HEADER);

/** A schema's issues as faults of one line: one per field, the catalogue code its message is. `prefix`: where `record` is. */
export function addIssues(faults: Faults, error: z.ZodError, line: number, format: ContractImportFormat, record: unknown, prefix: readonly PropertyKey[] = []) {
  const seen = new Set<string>();
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path];
    const column = columnOf(path, format);
    if (seen.has(column)) continue;
    seen.add(column);
    const label = csvColumnOf(path);
    const known = CSV_COLUMNS.has(label) ? (label as ContractCsvColumn) : undefined;
    if (issue.code === "unrecognized_keys") {
      faults.add({ line, code: "unknownField", column: column || undefined, value: shown(issue.keys.join(", ")) });
      continue;
    }
    const raw = valueAt(record, issue.path);
    const code = KNOWN_CODES.has(issue.message)
      ? (issue.message as ContractImportErrorCode)
      : issue.code === "invalid_type"
        ? raw === undefined
          ? "required"
          : "type"
        : "invalid";
    faults.add({ line, code, column, label: known, value: code === "required" ? undefined : shown(raw) });
  }
}

export function productOf(catalog: Catalog, code: string, faults: Faults, line: number, column: string, label: ContractCsvColumn) {
  const product = catalog.get(code);
  if (!product) faults.add({ line, code: "unknownProduct", column, label, value: shown(code) });
  return product;
}

/** SPEC C: a code starts with its product's two letters (OS- for ウイルスバスター コーポレートエディション …). */
export function checkPrefix(product: { codePrefix: string | null }, input: LineInput, productCode: string, faults: Faults, line: number, column: string) {
  if (!product.codePrefix || input.activation_code.key.startsWith(product.codePrefix)) return true;
  faults.add({
    line,
    code: "codePrefix",
    column,
    label: "line_activation_code",
    value: shown(input.activation_code.code),
    params: { product: productCode, prefix: product.codePrefix },
  });
  return false;
}
