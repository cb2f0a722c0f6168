import "server-only";
import { z } from "zod";
import { activationCodeKey, formatActivationCode, isActivationCodeKey } from "@/lib/licenses/activation-code";
import { isValidCorporateNumber } from "@/lib/registry/import";
import { emailField } from "@/lib/validation/auth";
import { phoneField, postalCodeField, prefectureField } from "@/lib/validation/contacts";

// SPEC G-6: the order system's file, one vocabulary for both formats (README.md 「契約の取り込み」).
//   CSV (UTF-8, a header row): one row per 保有製品 line; the contract's and both contacts' columns repeat on every
//   line of the contract, and the rows of one contract follow each other.
//   JSON Lines: one contract per line, the same names nested: {license_id, …, contract: {…}, support: {…}, lines: [{…}]}.
// Every value is NFKC-normalised and trimmed before it is checked (X-3), as the forms' are. Issue messages are codes
// of t.admin.contractImport.errors.

export const CONTRACT_FIELDS = ["license_id", "status", "product_code", "start_date", "end_date", "support_end_date", "corporate_number"] as const;
export const CONTACT_COLUMNS = ["company_name", "branch_name", "department", "person_name", "postal_code", "prefecture", "address", "phone", "email"] as const;
export const LINE_FIELDS = ["product_code", "quantity", "start_date", "end_date", "support_end_date", "activation_code"] as const;

/** The CSV header, in this order: the contract, 契約窓口 (contract_…), サポート窓口 (support_…), the line (line_…). */
type ContactColumn = (typeof CONTACT_COLUMNS)[number];
export type ContractCsvColumn =
  (typeof CONTRACT_FIELDS)[number] | `contract_${ContactColumn}` | `support_${ContactColumn}` | `line_${(typeof LINE_FIELDS)[number]}`;
export const CONTRACT_CSV_HEADER: readonly ContractCsvColumn[] = [
  ...CONTRACT_FIELDS,
  ...CONTACT_COLUMNS.map((c) => `contract_${c}` as const),
  ...CONTACT_COLUMNS.map((c) => `support_${c}` as const),
  ...LINE_FIELDS.map((c) => `line_${c}` as const),
];
/** Columns that may be empty (every other one is required). */
export const OPTIONAL_CSV_COLUMNS: ReadonlySet<ContractCsvColumn> = new Set<ContractCsvColumn>([
  "corporate_number",
  ...(["contract", "support"] as const).flatMap((role) =>
    (["branch_name", "department", "postal_code", "prefecture", "address", "phone"] as const).map((c) => `${role}_${c}` as const),
  ),
  "line_start_date",
  "line_end_date",
  "line_support_end_date",
]);

/** A contract with more lines than this is refused (the CSV reader holds one contract's rows at a time). */
export const MAX_LINES_PER_CONTRACT = 10_000;
const INT4_MAX = 2_147_483_647;
const LICENSE_ID_MAX = Number.MAX_SAFE_INTEGER;

export const CONTRACT_STATUSES = { active: "有効", expired: "期限切れ", registering: "登録中", invalid: "無効" } as const;
export type ContractStatusValue = keyof typeof CONTRACT_STATUSES;
const STATUS_BY_TEXT = new Map<string, ContractStatusValue>(
  Object.entries(CONTRACT_STATUSES).flatMap(([value, label]) => [
    [value, value as ContractStatusValue],
    [label, value as ContractStatusValue],
  ]),
);

/** Control characters other than tab and line breaks (U+0000 among them, which PostgreSQL refuses in text). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const NEEDS_NFKC = /[^\x20-\x7e]/;

/**
 * A value as the schemas read it: a string NFKC-normalised and trimmed, a number (JSON) as written, null empty.
 * (No cache of normal forms: a cell is a slice of its chunk's text, and a remembered slice keeps the whole chunk.)
 */
export function normaliseValue(value: unknown): unknown {
  if (typeof value === "string") return NEEDS_NFKC.test(value) ? value.normalize("NFKC").trim() : value.trim();
  if (value === null) return "";
  return typeof value === "number" && Number.isFinite(value) ? String(value) : value;
}

/** A JSON record with every value normalised (objects and arrays walked). */
export function normaliseJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normaliseJson);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normaliseJson(item)]));
  return normaliseValue(value);
}

// The values arrive normalised (csvHeadRecord, csvLineRecord, normaliseJson): each field is one string schema with
// its checks, so that a million rows cost what they must. A key missing from a JSON record is a required field left
// empty (the reader says so), or an optional one.
const text = () => z.string({ error: "type" }).refine((value) => !CONTROL.test(value), { error: "control" });
const required = (max: number) => text().min(1, { error: "required" }).max(max, { error: "tooLong" });
const optional = (max: number) =>
  text()
    .max(max, { error: "tooLong" })
    .optional()
    .transform((value) => value || null);
/** Empty is no value; anything else must pass `field` (B-5's rules for the same contact fields), with its message. */
const optionalVia = <T>(field: z.ZodType<T>) =>
  text()
    .optional()
    .transform((value, ctx): T | null => {
      if (!value) return null;
      const parsed = field.safeParse(value);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
      return null;
    });

const validDates = new Set<string>();
/** YYYY-MM-DD, or YYYY/MM/DD as Excel writes it (one-digit months and days too) → YYYY-MM-DD. */
export function isoDateOf(text: string): string | null {
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(text);
  if (!match) return null;
  const iso = `${match[1]}-${match[2]!.padStart(2, "0")}-${match[3]!.padStart(2, "0")}`;
  if (validDates.has(iso)) return iso;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  // Contracts share a few thousand days: remember the valid ones (bounded).
  if (validDates.size < 100_000) validDates.add(iso);
  return iso;
}

const dateField = text()
  .min(1, { error: "required" })
  .transform((value, ctx) => {
    const iso = isoDateOf(value);
    if (iso === null) ctx.addIssue({ code: "custom", message: "date" });
    return iso ?? "";
  });
const optionalDate = text()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    const iso = isoDateOf(value);
    if (iso === null) ctx.addIssue({ code: "custom", message: "date" });
    return iso ?? "";
  });

/** A number of up to `digits` ASCII digits, from 1 to `max`; any other value is the fault `error`. */
function positiveIntegerField(digits: number, max: number, error: "licenseId" | "quantity") {
  return text()
    .min(1, { error: "required" })
    .regex(new RegExp(`^\\d{1,${digits}}$`), { error })
    .transform((value, ctx) => {
      const n = Number(value);
      if (n < 1 || n > max) ctx.addIssue({ code: "custom", message: error });
      return n;
    });
}

const licenseIdField = positiveIntegerField(16, LICENSE_ID_MAX, "licenseId");

const statusField = text()
  .min(1, { error: "required" })
  .transform((value, ctx) => {
    const status = STATUS_BY_TEXT.get(value.toLowerCase()) ?? STATUS_BY_TEXT.get(value);
    if (!status) ctx.addIssue({ code: "custom", message: "status" });
    return status ?? "active";
  });

const productCodeField = text()
  .min(1, { error: "required" })
  .max(50, { error: "tooLong" })
  .regex(/^[A-Za-z0-9_-]+$/, { error: "productCodeFormat" });

const quantityField = positiveIntegerField(10, INT4_MAX, "quantity");

const corporateNumberField = text()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    if (!isValidCorporateNumber(value)) ctx.addIssue({ code: "custom", message: "corporateNumber" });
    return value;
  });

/** The display form of a code is rebuilt from its key, so that 「os-xxxx…」 and 「OS-XXXX…」 are one code. */
const activationCodeField = text()
  .min(1, { error: "required" })
  .transform((value, ctx) => {
    const key = activationCodeKey(value);
    if (!isActivationCodeKey(key)) {
      ctx.addIssue({ code: "custom", message: "codeFormat" });
      return { code: "", key: "" };
    }
    return { code: formatActivationCode(key), key };
  });

const contactShape = {
  company_name: required(100),
  branch_name: optional(100),
  department: optional(100),
  person_name: required(100),
  postal_code: optionalVia(postalCodeField),
  prefecture: optionalVia(prefectureField),
  address: optional(200),
  phone: optionalVia(phoneField),
  email: emailField.transform((value) => value.toLowerCase()),
};

const lineShape = {
  product_code: productCodeField,
  quantity: quantityField,
  start_date: optionalDate,
  end_date: optionalDate,
  support_end_date: optionalDate,
  activation_code: activationCodeField,
};

const headShape = {
  license_id: licenseIdField,
  status: statusField,
  product_code: productCodeField,
  start_date: dateField,
  end_date: dateField,
  support_end_date: dateField,
  corporate_number: corporateNumberField,
};

type Dated = { start_date: string | null; end_date: string | null; support_end_date: string | null };

/**
 * 契約終了日 / サポート終了日 not before 契約開始日 (license_contracts_dates_chk): the keys of `dates` that are before
 * their start. A line's empty dates are the contract's (`fallback`); both taken from the contract, checked there.
 */
export function datesBeforeStart(dates: Dated, fallback?: Dated): ("end_date" | "support_end_date")[] {
  const start = dates.start_date ?? fallback?.start_date;
  if (!start) return [];
  return (["end_date", "support_end_date"] as const).filter((key) => {
    if (fallback && dates[key] === null && dates.start_date === null) return false;
    const end = dates[key] ?? fallback?.[key];
    return Boolean(end && end < start);
  });
}

const headRefine = (head: Dated, ctx: z.RefinementCtx) => {
  for (const key of datesBeforeStart(head)) ctx.addIssue({ code: "custom", path: [key], message: "dateOrder" });
};

// A CSV row is read as its contract's columns and its line's, each with a schema of its own: the rows of one contract
// repeat the same contract columns, which are checked once (readCsv compares the cells). The record is built by
// csvHeadRecord / csvLineRecord, so it has no other keys; a JSON record may, and is refused for them (strict).

/** The contract's (and both contacts') columns of a CSV row. */
export const contractCsvHeadSchema = z.object({ ...headShape, contract: z.object(contactShape), support: z.object(contactShape) }).superRefine(headRefine);
/** The line's columns of a CSV row (line_…). */
export const contractCsvLineSchema = z.object(lineShape);

/** One JSON Lines record: a whole contract. */
export const contractJsonSchema = z
  .strictObject({
    ...headShape,
    contract: z.strictObject(contactShape),
    support: z.strictObject(contactShape),
    lines: z.array(z.strictObject(lineShape), { error: "lines" }).min(1, { error: "lines" }).max(MAX_LINES_PER_CONTRACT, { error: "tooManyLines" }),
  })
  .superRefine((contract, ctx) => {
    headRefine(contract, ctx);
    contract.lines.forEach((line, index) => {
      for (const key of datesBeforeStart(line, contract)) ctx.addIssue({ code: "custom", path: ["lines", index, key], message: "dateOrder" });
    });
  });

export type ContractJson = z.output<typeof contractJsonSchema>;
export type ContractHead = z.output<typeof contractCsvHeadSchema>;
export type ContactInput = ContractHead["contract"];
export type LineInput = z.output<typeof contractCsvLineSchema>;

/** Cells of a CSV row before the line's (the contract's and the contacts'), and the line's. */
export const CSV_HEAD_COLUMNS = CONTRACT_FIELDS.length + 2 * CONTACT_COLUMNS.length;

/** A CSV row's contract cells (in CONTRACT_CSV_HEADER's order) as the nested record contractCsvHeadSchema reads. */
export function csvHeadRecord(fields: readonly string[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  CONTRACT_FIELDS.forEach((key, index) => (record[key] = normaliseValue(fields[index])));
  const contact = (from: number) => Object.fromEntries(CONTACT_COLUMNS.map((key, index) => [key, normaliseValue(fields[from + index])]));
  record.contract = contact(CONTRACT_FIELDS.length);
  record.support = contact(CONTRACT_FIELDS.length + CONTACT_COLUMNS.length);
  return record;
}

/** A CSV row's line cells (line_…) as the record contractCsvLineSchema reads. */
export function csvLineRecord(fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(LINE_FIELDS.map((key, index) => [key, normaliseValue(fields[CSV_HEAD_COLUMNS + index])]));
}

/** A schema path as the file names it: the CSV column (contract_email, line_quantity) or the JSON path (lines[2].quantity). */
export function columnOf(path: readonly PropertyKey[], format: "csv" | "jsonl"): string {
  if (format === "csv") return path.map(String).join("_");
  return path.reduce<string>((name, key) => (typeof key === "number" ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)), "");
}

/** The CSV column a path of either format stands for (for its label): lines[2].quantity → line_quantity. */
export function csvColumnOf(path: readonly PropertyKey[]): string {
  const names = path.filter((key) => typeof key !== "number").map((key) => (key === "lines" ? "line" : String(key)));
  return names.join("_");
}

/** The first differing column of two CSV rows of one contract (null when the contract's columns agree). */
export function firstDifference(a: ContractHead, b: ContractHead): string | null {
  for (const field of CONTRACT_FIELDS) if (a[field] !== b[field]) return field;
  for (const role of ["contract", "support"] as const) for (const field of CONTACT_COLUMNS) if (a[role][field] !== b[role][field]) return `${role}_${field}`;
  return null;
}
