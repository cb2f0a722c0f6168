import "server-only";
import { isUtf8 } from "node:buffer";
import type { z } from "zod";
import type { Database, Engine } from "@/db/client";
import { bulkConnectionOf, copyValue, type CopyIn, dropSecondaryIndexes, type DroppedIndexes, loadFigures, type Query } from "@/db/copy";
import { products } from "@/db/schema";
import { toNumber } from "@/db/sql";
import type { StaffActor } from "@/lib/auth/actor";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import type { Messages } from "@/lib/i18n/ja";
import { addToIsoDate, startOfTokyoDay, tokyoDate } from "@/lib/dates";
import { CsvSyntaxError, readCsvRecords } from "@/lib/registry/csv-stream";
import {
  columnOf,
  CONTACT_COLUMNS,
  CONTRACT_CSV_HEADER,
  contractCsvHeadSchema,
  contractCsvLineSchema,
  contractJsonSchema,
  CSV_HEAD_COLUMNS,
  csvColumnOf,
  csvHeadRecord,
  csvLineRecord,
  datesBeforeStart,
  firstDifference,
  MAX_LINES_PER_CONTRACT,
  normaliseJson,
  type ContractCsvColumn,
  type ContractHead,
  type LineInput,
} from "./contract-import-format";

// SPEC G-6: the contracts, both contacts and the 保有製品 lines of the vendor's order system, from a
// file (CSV or JSON Lines, lib/admin/contract-import-format.ts; README.md 「契約の取り込み」), by the command
// (scripts/contracts-import.ts) or the operators' upload page (/admin/contracts/import).
//
// One file is one transaction, all or nothing: the file is read as a stream (one CSV record, or one JSON line, at a
// time — a million contracts at a flat RSS), every row checked (zod, the catalog) and staged by COPY into a TEMP
// table of the transaction; then the checks across rows (a ライセンスID or an activation code twice, a code that is
// another contract's or one this site issued), then the comparison with the tables, then the writes, set-based.
// Any error, or a dry run: the transaction is rolled back, so nothing at all has been written (the report says what
// would have changed). Idempotent: a contract is identified by its ライセンスID, a line by its activation code (the
// order system issues the codes of its lines; the code is unique in the database) — a contract equal to the file is
// not written (no history row, no updated_at, no version), so the same file twice changes nothing the second time.
// The import never deletes: a line of the database that the file does not list stays, and so do the codes issued
// here (C-1..C-4) and 表示設定 (hidden_by_customer). A changed contract gets one history row (before → after, changed
// keys only); a changed contact e-mail follows A-9 as in B-5 (the previous address keeps its access until the next
// day 00:00 JST). One audit row per applied import, with counts only.

export type ContractImportFormat = "csv" | "jsonl";

export const CONTRACT_IMPORT_ERROR_CODES = [
  "header",
  "empty",
  "columns",
  "syntax",
  "encoding",
  "json",
  "notObject",
  "lineTooLong",
  "required",
  "tooLong",
  "type",
  "control",
  "unknownField",
  "emailFormat",
  "postalCode",
  "phone",
  "prefecture",
  "licenseId",
  "status",
  "date",
  "dateOrder",
  "quantity",
  "corporateNumber",
  "productCodeFormat",
  "unknownProduct",
  "codeFormat",
  "codePrefix",
  "lines",
  "tooManyLines",
  "contractMismatch",
  "duplicateContract",
  "duplicateCode",
  "codeOfOtherContract",
  "codeIssued",
  "invalid",
] as const;
export type ContractImportErrorCode = (typeof CONTRACT_IMPORT_ERROR_CODES)[number];

/** One fault: `line` is the file's physical line (1 = the CSV header); `column` as the file names it. */
export type ContractImportError = {
  line: number | null;
  code: ContractImportErrorCode;
  column?: string;
  /** The CSV column `column` stands for (its label in the catalogue), for either format. */
  label?: ContractCsvColumn;
  value?: string;
  params?: Record<string, string | number>;
};

export type ContractImportCounts = {
  newContracts: number;
  changedContracts: number;
  unchangedContracts: number;
  newLines: number;
  changedLines: number;
  /** Contracts with a changed 契約窓口 or サポート窓口. */
  changedContacts: number;
  newCompanies: number;
};

export type ContractImportReport = ContractImportCounts & {
  /** No error: the file was (or, in a dry run, would be) applied. */
  ok: boolean;
  dryRun: boolean;
  applied: boolean;
  format: ContractImportFormat;
  engine: Engine;
  /** Data rows (CSV) or records (JSON Lines) read. */
  rows: number;
  contracts: number;
  lines: number;
  /** The first faults, by line; `errorCount` counts them all. */
  errors: ContractImportError[];
  errorCount: number;
  seconds: number;
  readSeconds: number;
  applySeconds: number;
  rowsPerSecond: number;
  /** Peak resident set size of this process so far (bytes). */
  peakRssBytes: number;
  /** Secondary indexes re-created after a bulk load (0: kept up to date row by row). */
  rebuiltIndexes: number;
};

export type ContractImportProgress =
  | { phase: "read"; rows: number; contracts: number; bytesRead: number; bytesTotal: number | null; elapsedMs: number }
  /** `step` says what the checks and the writes do now (their statements report no progress of their own). */
  | { phase: "apply"; step: string; rows: number; elapsedMs: number };

export type ContractImportSource = {
  chunks: AsyncIterable<Uint8Array>;
  bytesTotal?: number;
  /** Default: JSON Lines when the first character (after a BOM and white space) is `{`, else CSV. */
  format?: ContractImportFormat;
};

export type ContractImportOptions = {
  /** Check and compare only; nothing is written. */
  dryRun?: boolean;
  /** The staff member importing (the upload page); null for the command (history and audit say "system"). */
  actor: StaffActor | null;
  onProgress?: (progress: ContractImportProgress) => void;
  /** How many faults the report lists (all are counted). */
  maxErrors?: number;
  /** Rows per write into the staging COPY (default: per engine). */
  batchRows?: number;
  /** From how many rows written into a table (and a quarter of it) its secondary indexes are rebuilt afterwards. */
  rebuildIndexesFrom?: number;
};

export const DEFAULT_MAX_ERRORS = 100;
const DEFAULT_REBUILD_INDEXES_FROM = 100_000;
/** A JSON line longer than this (bytes) is refused: a contract of MAX_LINES_PER_CONTRACT lines fits. */
const MAX_JSON_LINE_BYTES = 16 << 20;
const MAX_VALUE_CHARS = 60;

/** Thrown inside the transaction to roll it back (a dry run, or a file with faults): carries the report. */
class Rollback extends Error {
  constructor(readonly report: ContractImportReport) {
    super("contract import rolled back");
  }
}

// ---- reading ---------------------------------------------------------------------------------------------------------

type Catalog = Map<string, { id: number; codePrefix: string | null }>;

/** What the reader hands the stager: a contract (its first row) or one of its lines. */
type Stager = {
  contract: (line: number, head: ContractHead, productId: number) => Promise<void>;
  line: (line: number, licenseId: number, head: ContractHead, input: LineInput, productId: number) => Promise<void>;
};

class Faults {
  readonly list: ContractImportError[] = [];
  count = 0;
  fatal = false;
  constructor(private readonly max: number) {}
  add(error: ContractImportError) {
    this.count++;
    if (this.list.length < this.max) this.list.push(error);
  }
}

function shown(value: unknown): string | undefined {
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
function addIssues(faults: Faults, error: z.ZodError, line: number, format: ContractImportFormat, record: unknown, prefix: readonly PropertyKey[] = []) {
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

function productOf(catalog: Catalog, code: string, faults: Faults, line: number, column: string, label: ContractCsvColumn) {
  const product = catalog.get(code);
  if (!product) faults.add({ line, code: "unknownProduct", column, label, value: shown(code) });
  return product;
}

/** SPEC C: a code starts with its product's two letters (OS- for ウイルスバスター コーポレートエディション …). */
function checkPrefix(product: { codePrefix: string | null }, input: LineInput, productCode: string, faults: Faults, line: number, column: string) {
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

function sameCells(a: readonly string[], b: readonly string[], count: number): boolean {
  for (let i = 0; i < count; i++) if (a[i] !== b[i]) return false;
  return true;
}

async function readCsv(chunks: AsyncIterable<Uint8Array>, catalog: Catalog, stage: Stager, faults: Faults, counts: { rows: number }, progress: () => void) {
  let header = true;
  // The contract of the rows being read: its first row's contract columns and line, and its line count.
  let current: { licenseId: number; head: ContractHead; line: number; lines: number } | null = null;
  // The last row's contract cells and what the schema made of them: the next rows of a contract repeat them.
  let previous: { cells: readonly string[]; parsed: z.ZodSafeParseResult<ContractHead> } | null = null;
  try {
    for await (const records of readCsvRecords(chunks)) {
      for (const record of records) {
        if (header) {
          header = false;
          if (record.fields.join(",") !== CONTRACT_CSV_HEADER.join(",")) {
            faults.add({ line: record.line, code: "header", params: { expected: CONTRACT_CSV_HEADER.join(",") }, value: shown(record.fields.join(",")) });
            faults.fatal = true;
            return;
          }
          continue;
        }
        // Blank lines, and Excel's rows of empty cells, carry no record.
        if (record.fields.every((field) => field === "")) continue;
        counts.rows++;
        if (record.fields.length !== CONTRACT_CSV_HEADER.length) {
          faults.add({ line: record.line, code: "columns", params: { count: record.fields.length, expected: CONTRACT_CSV_HEADER.length } });
          continue;
        }
        const headRecord: Record<string, unknown> | null =
          previous && sameCells(previous.cells, record.fields, CSV_HEAD_COLUMNS) ? null : csvHeadRecord(record.fields);
        if (headRecord) previous = { cells: record.fields, parsed: contractCsvHeadSchema.safeParse(headRecord) };
        const parsedHead = previous!.parsed;
        const lineRecord = csvLineRecord(record.fields);
        const parsedLine = contractCsvLineSchema.safeParse(lineRecord);
        if (!parsedHead.success) addIssues(faults, parsedHead.error, record.line, "csv", headRecord ?? csvHeadRecord(record.fields));
        if (!parsedLine.success) addIssues(faults, parsedLine.error, record.line, "csv", lineRecord, ["line"]);
        if (!parsedHead.success || !parsedLine.success) continue;
        const head = parsedHead.data;
        const lineInput = parsedLine.data;
        const early = datesBeforeStart(lineInput, head);
        for (const key of early)
          faults.add({ line: record.line, code: "dateOrder", column: `line_${key}`, label: `line_${key}`, value: shown(lineInput[key] ?? head[key]) });
        if (early.length > 0) continue;
        if (current && current.licenseId === head.license_id) {
          const differs = firstDifference(current.head, head);
          if (differs) {
            faults.add({
              line: record.line,
              code: "contractMismatch",
              column: differs,
              label: differs as ContractCsvColumn,
              params: { licenseId: head.license_id, firstLine: current.line },
            });
            continue;
          }
        } else {
          const product = productOf(catalog, head.product_code, faults, record.line, "product_code", "product_code");
          if (!product) {
            current = null;
            continue;
          }
          await stage.contract(record.line, head, product.id);
          current = { licenseId: head.license_id, head, line: record.line, lines: 0 };
        }
        if (++current.lines > MAX_LINES_PER_CONTRACT) {
          if (current.lines === MAX_LINES_PER_CONTRACT + 1)
            faults.add({ line: record.line, code: "tooManyLines", params: { max: MAX_LINES_PER_CONTRACT, licenseId: head.license_id } });
          continue;
        }
        const lineProduct = productOf(catalog, lineInput.product_code, faults, record.line, "line_product_code", "line_product_code");
        if (!lineProduct || !checkPrefix(lineProduct, lineInput, lineInput.product_code, faults, record.line, "line_activation_code")) continue;
        await stage.line(record.line, head.license_id, head, lineInput, lineProduct.id);
      }
      progress();
    }
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    faults.add({ line: error.line, code: error.message.startsWith("invalid UTF-8") ? "encoding" : "syntax", params: { detail: error.message } });
    faults.fatal = true;
    return;
  }
  if (header) {
    faults.add({ line: 1, code: "header", params: { expected: CONTRACT_CSV_HEADER.join(",") } });
    faults.fatal = true;
  }
}

type JsonLine = { line: number; text: string } | { line: number; fault: "encoding" | "lineTooLong" };

/**
 * JSON Lines as byte lines: a line feed (0x0A) never occurs inside a UTF-8 sequence, so each line is decoded whole
 * and a bad byte is named with its line. A trailing CR is dropped (CRLF files).
 */
async function* readJsonLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<JsonLine[]> {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  let carry: Buffer | null = null;
  let line = 1;
  let first = true;
  const decode = (bytes: Buffer, at: number): JsonLine => {
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === 0x0d) end--;
    const body = bytes.subarray(0, end);
    return isUtf8(body) ? { line: at, text: decoder.decode(body) } : { line: at, fault: "encoding" };
  };
  for await (const chunk of chunks) {
    let bytes: Buffer = carry ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (first && bytes.length >= 3) {
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      first = false;
    }
    const out: JsonLine[] = [];
    let start = 0;
    for (let lf = bytes.indexOf(0x0a, start); lf !== -1; lf = bytes.indexOf(0x0a, start)) {
      out.push(decode(bytes.subarray(start, lf), line++));
      start = lf + 1;
    }
    // A copy: the rest must not keep the whole chunk alive.
    carry = start < bytes.length ? Buffer.from(bytes.subarray(start)) : null;
    if (carry && carry.length > MAX_JSON_LINE_BYTES) {
      out.push({ line, fault: "lineTooLong" });
      yield out;
      return;
    }
    if (out.length > 0) yield out;
  }
  if (carry) yield [decode(carry, line)];
}

async function readJson(chunks: AsyncIterable<Uint8Array>, catalog: Catalog, stage: Stager, faults: Faults, counts: { rows: number }, progress: () => void) {
  for await (const lines of readJsonLines(chunks)) {
    for (const item of lines) {
      if ("fault" in item) {
        faults.add({ line: item.line, code: item.fault, params: { max: MAX_JSON_LINE_BYTES } });
        if (item.fault === "lineTooLong") {
          faults.fatal = true;
          return;
        }
        continue;
      }
      if (item.text.trim() === "") continue;
      counts.rows++;
      let value: unknown;
      try {
        value = JSON.parse(item.text);
      } catch (error) {
        faults.add({ line: item.line, code: "json", params: { detail: error instanceof Error ? error.message : String(error) } });
        continue;
      }
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        faults.add({ line: item.line, code: "notObject" });
        continue;
      }
      const normalised = normaliseJson(value);
      const parsed = contractJsonSchema.safeParse(normalised);
      if (!parsed.success) {
        addIssues(faults, parsed.error, item.line, "jsonl", normalised);
        continue;
      }
      const { lines: lineInputs, ...head } = parsed.data;
      const product = productOf(catalog, head.product_code, faults, item.line, "product_code", "product_code");
      const lineProducts = lineInputs.map((input, index) => {
        const column = `lines[${index}]`;
        const p = productOf(catalog, input.product_code, faults, item.line, `${column}.product_code`, "line_product_code");
        return p && checkPrefix(p, input, input.product_code, faults, item.line, `${column}.activation_code`) ? p : undefined;
      });
      if (!product || lineProducts.some((p) => !p)) continue;
      await stage.contract(item.line, head, product.id);
      for (const [index, input] of lineInputs.entries()) await stage.line(item.line, head.license_id, head, input, lineProducts[index]!.id);
    }
    progress();
  }
}

/** The format of a file that does not say: JSON Lines when its first character (after a BOM, white space) is `{`. */
async function sniff(chunks: AsyncIterable<Uint8Array>): Promise<{ format: ContractImportFormat; chunks: AsyncIterable<Uint8Array> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let format: ContractImportFormat | undefined;
  while (!format) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    for (let i = 0; i < next.value.length && !format; i++) {
      const byte = next.value[i]!;
      // BOM bytes and ASCII white space are skipped; anything else decides.
      if (byte === 0xef || byte === 0xbb || byte === 0xbf || byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
      format = byte === 0x7b ? "jsonl" : "csv";
    }
  }
  async function* replay() {
    yield* head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { format: format ?? "csv", chunks: replay() };
}

async function* countingBytes(chunks: AsyncIterable<Uint8Array>, onBytes: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    onBytes(chunk.byteLength);
    yield chunk;
  }
}

// ---- staging -----------------------------------------------------------------------------------------------------------

const CONTACT_STAGE_COLUMNS = (["contract", "support"] as const).flatMap((role) => CONTACT_COLUMNS.map((c) => `${role}_${c}`));
const HEAD_COLUMNS = ["status", "product_id", "start_date", "end_date", "support_end_date", "corporate_number", ...CONTACT_STAGE_COLUMNS];
const LINE_COLUMNS = ["quantity", "activation_code", "code_key"];
const STAGING = `CREATE TEMP TABLE ci_rows (kind "char" NOT NULL, line integer NOT NULL, license_id bigint NOT NULL, status text, product_id integer NOT NULL, start_date date NOT NULL,
  end_date date NOT NULL, support_end_date date NOT NULL, corporate_number text, ${CONTACT_STAGE_COLUMNS.map((c) => `${c} text`).join(", ")}, quantity integer, activation_code text, code_key text) ON COMMIT DROP`;
const HEAD_NULLS = `\t\\N${CONTACT_STAGE_COLUMNS.map(() => "\t\\N").join("")}`;

function makeStager(copy: CopyIn, batchRows: number, counts: { contracts: number; lines: number }) {
  let batch = "";
  let batchCount = 0;
  const push = async (text: string) => {
    batch += text;
    if (++batchCount >= batchRows) await flush();
  };
  const flush = async () => {
    if (batchCount === 0) return;
    await copy.write(batch);
    batch = "";
    batchCount = 0;
  };
  const stager: Stager = {
    contract: async (line, head, productId) => {
      counts.contracts++;
      let text = `c\t${line}\t${head.license_id}\t${head.status}\t${productId}\t${head.start_date}\t${head.end_date}\t${head.support_end_date}\t${copyValue(head.corporate_number)}`;
      for (const role of ["contract", "support"] as const) for (const column of CONTACT_COLUMNS) text += `\t${copyValue(head[role][column])}`;
      await push(`${text}\t\\N\t\\N\t\\N\n`);
    },
    line: async (line, licenseId, head, input, productId) => {
      counts.lines++;
      const start = input.start_date ?? head.start_date;
      const end = input.end_date ?? head.end_date;
      const supportEnd = input.support_end_date ?? head.support_end_date;
      // status and the contacts are the contract's: NULL on a line's row.
      await push(
        `l\t${line}\t${licenseId}\t\\N\t${productId}\t${start}\t${end}\t${supportEnd}${HEAD_NULLS}\t${input.quantity}\t${copyValue(input.activation_code.code)}\t${input.activation_code.key}\n`,
      );
    },
  };
  return { stager, flush };
}

// ---- the checks across rows, and the comparison with the tables ------------------------------------------------------

const DB_CONTACT = (alias: string) => CONTACT_COLUMNS.map((c) => `${alias}.${c}`).join(", ");
const STAGED_CONTACT = (role: "contract" | "support") => CONTACT_COLUMNS.map((c) => `c.${role}_${c}`).join(", ");
const LINE_VALUES = (alias: string) =>
  `${alias}.product_id, ${alias}.quantity, ${alias}.start_date, ${alias}.end_date, ${alias}.support_end_date, ${alias}.activation_code`;
/**
 * The company of a contract: its 法人番号 (when given), 法人名 and 支社名 (of the 契約窓口), compared as equalities
 * (hashable, unlike IS NOT DISTINCT FROM). `a` and `b` are aliases with corporate_number, name and branch_name.
 */
const sameCompany = (a: string, b: string, bName = `${b}.name`, bBranch = `${b}.branch_name`) =>
  `coalesce(${a}.corporate_number, '') = coalesce(${b}.corporate_number, '') AND ${a}.name = ${bName} AND coalesce(${a}.branch_name, '') = coalesce(${bBranch}, '')`;

async function crossChecks(query: Query, faults: Faults, max: number) {
  const limit = max;
  const checks: { count: string; rows: string; fault: (row: Record<string, unknown>) => ContractImportError }[] = [
    {
      count: `SELECT count(*) - count(DISTINCT license_id) AS n FROM ci_contracts`,
      rows: `SELECT line, license_id, first_line FROM (SELECT line, license_id, min(line) OVER w AS first_line, row_number() OVER (w ORDER BY line) AS n FROM ci_contracts WINDOW w AS (PARTITION BY license_id)) x WHERE n > 1 ORDER BY line LIMIT ${limit}`,
      fault: (row) => ({
        line: toNumber(row.line),
        code: "duplicateContract",
        column: "license_id",
        label: "license_id",
        params: { licenseId: toNumber(row.license_id), firstLine: toNumber(row.first_line) },
      }),
    },
    {
      count: `SELECT count(*) - count(DISTINCT code_key) AS n FROM ci_lines`,
      rows: `SELECT line, activation_code, first_line FROM (SELECT line, activation_code, min(line) OVER w AS first_line, row_number() OVER (w ORDER BY line) AS n FROM ci_lines WINDOW w AS (PARTITION BY code_key)) x WHERE n > 1 ORDER BY line LIMIT ${limit}`,
      fault: (row) => ({
        line: toNumber(row.line),
        code: "duplicateCode",
        label: "line_activation_code",
        value: shown(row.activation_code),
        params: { firstLine: toNumber(row.first_line) },
      }),
    },
    {
      count: `SELECT count(*) AS n FROM ci_lines l JOIN contract_products p ON p.activation_code_key = l.code_key WHERE p.license_id <> l.license_id OR p.source <> 'order'`,
      rows: `SELECT l.line, l.activation_code, p.license_id, p.source FROM ci_lines l JOIN contract_products p ON p.activation_code_key = l.code_key WHERE p.license_id <> l.license_id OR p.source <> 'order' ORDER BY l.line LIMIT ${limit}`,
      fault: (row) =>
        row.source === "order"
          ? {
              line: toNumber(row.line),
              code: "codeOfOtherContract",
              label: "line_activation_code",
              value: shown(row.activation_code),
              params: { licenseId: toNumber(row.license_id) },
            }
          : {
              line: toNumber(row.line),
              code: "codeIssued",
              label: "line_activation_code",
              value: shown(row.activation_code),
              params: { licenseId: toNumber(row.license_id) },
            },
    },
  ];
  const found: ContractImportError[] = [];
  for (const check of checks) {
    const [counted] = await query(check.count);
    const n = toNumber(counted?.n);
    if (n === 0) continue;
    faults.count += n;
    for (const row of await query(check.rows)) found.push(check.fault(row));
  }
  // The listed faults stay the first ones by line, whichever step found them.
  const merged = [...faults.list, ...found].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)).slice(0, max);
  faults.list.splice(0, faults.list.length, ...merged);
}

const EMPTY_COUNTS: ContractImportCounts = {
  newContracts: 0,
  changedContracts: 0,
  unchangedContracts: 0,
  newLines: 0,
  changedLines: 0,
  changedContacts: 0,
  newCompanies: 0,
};

/** One row per contract of the file: new, or what differs from the tables. */
async function compare(query: Query): Promise<ContractImportCounts> {
  await query(`CREATE TEMP TABLE ci_diff ON COMMIT DROP AS
    SELECT d.*, NOT d.is_new AND (d.contract_changed OR d.company_changed OR d.contract_contact_changed OR d.support_contact_changed OR d.new_lines > 0 OR d.changed_lines > 0) AS changed
      FROM (
        SELECT c.license_id,
               lc.license_id IS NULL AS is_new,
               lc.license_id IS NOT NULL AND (lc.status::text, lc.product_id, lc.start_date, lc.end_date, lc.support_end_date) IS DISTINCT FROM (c.status, c.product_id, c.start_date, c.end_date, c.support_end_date) AS contract_changed,
               lc.license_id IS NOT NULL AND (co.corporate_number, co.name, co.branch_name) IS DISTINCT FROM (c.corporate_number, c.contract_company_name, c.contract_branch_name) AS company_changed,
               lc.license_id IS NOT NULL AND (cc.license_id IS NULL OR (${DB_CONTACT("cc")}) IS DISTINCT FROM (${STAGED_CONTACT("contract")})) AS contract_contact_changed,
               lc.license_id IS NOT NULL AND (sc.license_id IS NULL OR (${DB_CONTACT("sc")}) IS DISTINCT FROM (${STAGED_CONTACT("support")})) AS support_contact_changed,
               coalesce(ld.new_lines, 0) AS new_lines,
               coalesce(ld.changed_lines, 0) AS changed_lines
          FROM ci_contracts c
          LEFT JOIN license_contracts lc ON lc.license_id = c.license_id
          LEFT JOIN companies co ON co.id = lc.company_id
          LEFT JOIN contract_contacts cc ON cc.license_id = c.license_id AND cc.role = 'contract'
          LEFT JOIN contract_contacts sc ON sc.license_id = c.license_id AND sc.role = 'support'
          LEFT JOIN (
            SELECT l.license_id, count(*) FILTER (WHERE p.id IS NULL) AS new_lines,
                   count(*) FILTER (WHERE p.id IS NOT NULL AND (${LINE_VALUES("p")}) IS DISTINCT FROM (${LINE_VALUES("l")})) AS changed_lines
              FROM ci_lines l LEFT JOIN contract_products p ON p.activation_code_key = l.code_key
             GROUP BY l.license_id
          ) ld ON ld.license_id = c.license_id
      ) d`);
  await query(`CREATE INDEX ON ci_diff (license_id)`);
  await query(`ANALYZE ci_diff`);
  // The companies the new and re-assigned contracts belong to: an existing row of the same key, else a new one.
  await query(`CREATE TEMP TABLE ci_companies ON COMMIT DROP AS
    SELECT x.corporate_number, x.name, x.branch_name, m.id AS company_id
      FROM (SELECT DISTINCT c.corporate_number, c.contract_company_name AS name, c.contract_branch_name AS branch_name
              FROM ci_contracts c JOIN ci_diff d ON d.license_id = c.license_id WHERE d.is_new OR d.company_changed) x
      LEFT JOIN (SELECT coalesce(corporate_number, '') AS corporate_number, name, coalesce(branch_name, '') AS branch_name, min(id) AS id FROM companies GROUP BY 1, 2, 3) m
        ON ${sameCompany("m", "x")}`);
  const [row] = await query(`SELECT count(*) FILTER (WHERE is_new) AS "newContracts", count(*) FILTER (WHERE changed) AS "changedContracts",
      count(*) FILTER (WHERE NOT is_new AND NOT changed) AS "unchangedContracts", coalesce(sum(new_lines), 0) AS "newLines", coalesce(sum(changed_lines), 0) AS "changedLines",
      count(*) FILTER (WHERE contract_contact_changed OR support_contact_changed) AS "changedContacts", (SELECT count(*) FROM ci_companies WHERE company_id IS NULL) AS "newCompanies"
    FROM ci_diff`);
  return Object.fromEntries(Object.keys(EMPTY_COUNTS).map((key) => [key, toNumber(row?.[key])])) as ContractImportCounts;
}

// ---- the writes ------------------------------------------------------------------------------------------------------

const CAMEL_CONTACT = ["companyName", "branchName", "department", "personName", "postalCode", "prefecture", "address", "phone", "email"];
const contactJson = (role: "contract" | "support", source: (column: string) => string) =>
  `jsonb_build_object(${CONTACT_COLUMNS.map((c, i) => `'${role}.${CAMEL_CONTACT[i]}', ${source(c)}`).join(", ")})`;
const lineJson = (product: string, alias: string) =>
  `jsonb_build_object('product', ${product}.code, 'quantity', ${alias}.quantity, 'startDate', ${alias}.start_date, 'endDate', ${alias}.end_date, 'supportEndDate', ${alias}.support_end_date, 'code', ${alias}.activation_code)`;
const COMPANY_JOIN = `ci_companies x ON ${sameCompany("x", "c", "c.contract_company_name", "c.contract_branch_name")}`;

type Actor = { type: "staff" | "system"; id: number | null; email: string | null };

/** A bulk load's writes into `table`: from this many, and a quarter of the table, its secondary indexes are rebuilt. */
async function dropIndexesForBulk(query: Query, table: string, writes: number, from: number, step: (name: string) => void): Promise<DroppedIndexes | null> {
  if (writes < from) return null;
  const [row] = await query(`SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = $1::regclass`, [table]);
  if (writes * 4 < toNumber(row?.n)) return null;
  step(`dropping the secondary indexes of ${table} for the bulk load`);
  return dropSecondaryIndexes(query, table);
}

async function apply(query: Query, counts: ContractImportCounts, actor: Actor, at: Date, rebuildFrom: number, step: (name: string) => void) {
  const stamp = at.toISOString();
  step("creating the new companies");
  await query(
    `WITH created AS (
      INSERT INTO companies (corporate_number, name, branch_name, created_at)
      SELECT corporate_number, name, branch_name, $1::timestamptz FROM ci_companies WHERE company_id IS NULL
      RETURNING id, corporate_number, name, branch_name
    )
    UPDATE ci_companies x SET company_id = created.id FROM created
     WHERE ${sameCompany("created", "x")}`,
    [stamp],
  );

  step("writing the history of the changed contracts");
  // Before any update: the rows as they are now → the file's, the keys that differ only (B-5 (5), as its history rows).
  await query(
    `INSERT INTO contract_history (license_id, actor_type, actor_id, actor_email, action, before, after, created_at)
    SELECT s.license_id, $1::change_actor, $2::integer, $3::text, 'import.changed', k.before, k.after, $4::timestamptz
      FROM (
        SELECT c.license_id,
               jsonb_build_object('status', lc.status::text, 'product', p0.code, 'startDate', lc.start_date, 'endDate', lc.end_date, 'supportEndDate', lc.support_end_date,
                                  'company.corporateNumber', co.corporate_number, 'company.name', co.name, 'company.branchName', co.branch_name)
                 || ${contactJson("contract", (column) => `cc.${column}`)} || ${contactJson("support", (column) => `sc.${column}`)} || coalesce(ln.before, '{}'::jsonb) AS before,
               jsonb_build_object('status', c.status, 'product', p1.code, 'startDate', c.start_date, 'endDate', c.end_date, 'supportEndDate', c.support_end_date,
                                  'company.corporateNumber', c.corporate_number, 'company.name', c.contract_company_name, 'company.branchName', c.contract_branch_name)
                 || ${contactJson("contract", (column) => `c.contract_${column}`)} || ${contactJson("support", (column) => `c.support_${column}`)} || coalesce(ln.after, '{}'::jsonb) AS after
          FROM ci_contracts c
          JOIN ci_diff d ON d.license_id = c.license_id AND d.changed
          JOIN license_contracts lc ON lc.license_id = c.license_id
          JOIN products p0 ON p0.id = lc.product_id
          JOIN products p1 ON p1.id = c.product_id
          LEFT JOIN companies co ON co.id = lc.company_id
          LEFT JOIN contract_contacts cc ON cc.license_id = c.license_id AND cc.role = 'contract'
          LEFT JOIN contract_contacts sc ON sc.license_id = c.license_id AND sc.role = 'support'
          LEFT JOIN LATERAL (
            SELECT jsonb_object_agg('line.' || l.activation_code, ${lineJson("lp", "l")}) AS after,
                   jsonb_object_agg('line.' || l.activation_code, ${lineJson("pp", "p")}) FILTER (WHERE p.id IS NOT NULL) AS before
              FROM ci_lines l JOIN products lp ON lp.id = l.product_id
              LEFT JOIN contract_products p ON p.activation_code_key = l.code_key LEFT JOIN products pp ON pp.id = p.product_id
             WHERE l.license_id = c.license_id
          ) ln ON true
      ) s
      CROSS JOIN LATERAL (
        SELECT jsonb_object_agg(a.key, coalesce(b.value, 'null'::jsonb)) AS before, jsonb_object_agg(a.key, a.value) AS after
          FROM jsonb_each(s.after) a LEFT JOIN jsonb_each(s.before) b ON b.key = a.key
         WHERE b.value IS DISTINCT FROM a.value
      ) k`,
    [actor.type, actor.id, actor.email, stamp],
  );

  // A first load of many contracts (a new portal, the bench): the indexes are rebuilt afterwards (db/copy.ts).
  const dropped: DroppedIndexes[] = [];
  for (const [table, writes] of [
    ["license_contracts", counts.newContracts],
    ["contract_contacts", 2 * counts.newContracts + counts.changedContacts],
    ["contract_products", counts.newLines],
  ] as const) {
    const indexes = await dropIndexesForBulk(query, table, writes, rebuildFrom, step);
    if (indexes) dropped.push(indexes);
  }

  step("updating the changed contracts");
  // B-5: every change counts the version up, so that a contact form opened before the import is refused.
  await query(
    `UPDATE license_contracts lc
       SET status = c.status::contract_status, product_id = c.product_id, start_date = c.start_date, end_date = c.end_date, support_end_date = c.support_end_date,
           company_id = CASE WHEN d.company_changed THEN x.company_id ELSE lc.company_id END, version = lc.version + 1, updated_at = $1::timestamptz
      FROM ci_contracts c JOIN ci_diff d ON d.license_id = c.license_id AND d.changed LEFT JOIN ${COMPANY_JOIN}
     WHERE lc.license_id = c.license_id`,
    [stamp],
  );

  step("inserting the new contracts");
  await query(
    `INSERT INTO license_contracts (license_id, company_id, product_id, status, start_date, end_date, support_end_date, created_at, updated_at)
    SELECT c.license_id, x.company_id, c.product_id, c.status::contract_status, c.start_date, c.end_date, c.support_end_date, $1::timestamptz, $1::timestamptz
      FROM ci_contracts c JOIN ci_diff d ON d.license_id = c.license_id AND d.is_new JOIN ${COMPANY_JOIN}
     ORDER BY c.license_id`,
    [stamp],
  );

  step("writing the contacts");
  // A-9, as B-5 applies it: a new address signs in from the next day 00:00 JST and the one it replaces keeps its access
  // until then (while an earlier change still waits, the address before it); back to the waiting change's previous
  // address, nothing waits any more.
  const contactSelect = (role: "contract" | "support") =>
    `SELECT c.license_id, '${role}'::contact_role, ${STAGED_CONTACT(role)}, $1::timestamptz, $1::timestamptz
       FROM ci_contracts c JOIN ci_diff d ON d.license_id = c.license_id WHERE d.is_new OR d.${role}_contact_changed`;
  await query(
    `INSERT INTO contract_contacts AS cc (license_id, role, ${CONTACT_COLUMNS.join(", ")}, email_effective_at, updated_at)
    ${contactSelect("contract")} UNION ALL ${contactSelect("support")}
    ON CONFLICT (license_id, role) DO UPDATE SET ${CONTACT_COLUMNS.map((c) => `${c} = excluded.${c}`).join(", ")},
      previous_email = CASE WHEN excluded.email = cc.email THEN cc.previous_email
                            WHEN cc.email_effective_at > $1::timestamptz AND excluded.email = cc.previous_email THEN NULL
                            WHEN cc.email_effective_at > $1::timestamptz THEN cc.previous_email
                            ELSE cc.email END,
      email_effective_at = CASE WHEN excluded.email = cc.email THEN cc.email_effective_at
                                WHEN cc.email_effective_at > $1::timestamptz AND excluded.email = cc.previous_email THEN $1::timestamptz
                                ELSE $2::timestamptz END,
      updated_at = $1::timestamptz`,
    [stamp, startOfTokyoDay(addToIsoDate(tokyoDate(at), { days: 1 })).toISOString()],
  );

  step("writing the product lines");
  await query(
    `INSERT INTO contract_products AS p (license_id, product_id, quantity, start_date, end_date, support_end_date, activation_code, activation_code_key, source, created_at)
    SELECT l.license_id, l.product_id, l.quantity, l.start_date, l.end_date, l.support_end_date, l.activation_code, l.code_key, 'order', $1::timestamptz
      FROM ci_lines l JOIN ci_diff d ON d.license_id = l.license_id AND (d.new_lines > 0 OR d.changed_lines > 0)
    ON CONFLICT (activation_code_key) DO UPDATE SET product_id = excluded.product_id, quantity = excluded.quantity, start_date = excluded.start_date, end_date = excluded.end_date,
      support_end_date = excluded.support_end_date, activation_code = excluded.activation_code
     WHERE p.license_id = excluded.license_id AND p.source = 'order' AND (${LINE_VALUES("p")}) IS DISTINCT FROM (${LINE_VALUES("excluded")})`,
    [stamp],
  );
  for (const indexes of dropped) await indexes.recreate(step);
  return dropped.reduce((n, indexes) => n + indexes.names.length, 0);
}

// ---- the run -----------------------------------------------------------------------------------------------------------

/**
 * Imports one file (see the top of this file). Never throws for a fault of the file: the report lists them (with
 * their lines) and nothing has been changed. Throws only for what is no fault of the file (the database).
 */
export async function importContracts(db: Database, source: ContractImportSource, options: ContractImportOptions): Promise<ContractImportReport> {
  const started = performance.now();
  const elapsedMs = () => performance.now() - started;
  const emit = options.onProgress ?? (() => {});
  const dryRun = options.dryRun === true;
  const maxErrors = options.maxErrors ?? DEFAULT_MAX_ERRORS;
  const at = now();
  const actor: Actor = options.actor ? { type: "staff", id: options.actor.accountId, email: options.actor.email } : { type: "system", id: null, email: null };
  const faults = new Faults(maxErrors);
  const counts = { rows: 0, contracts: 0, lines: 0 };
  let bytesRead = 0;
  const sniffed = source.format ? { format: source.format, chunks: source.chunks } : await sniff(source.chunks);
  const chunks = countingBytes(sniffed.chunks, (n) => (bytesRead += n));
  let readMs = 0;
  let engine: Engine = "pglite";
  let rebuiltIndexes = 0;

  const report = (values: ContractImportCounts, applied: boolean): ContractImportReport => {
    return {
      ok: faults.count === 0,
      dryRun,
      applied,
      format: sniffed.format,
      engine,
      rows: counts.rows,
      contracts: counts.contracts,
      lines: counts.lines,
      ...values,
      errors: faults.list,
      errorCount: faults.count,
      ...loadFigures(elapsedMs(), readMs, counts.rows),
      rebuiltIndexes,
    };
  };

  try {
    return await db.transaction(async (tx) => {
      const connection = bulkConnectionOf(tx);
      engine = connection.engine;
      const { query } = connection;
      const step = (name: string) => emit({ phase: "apply", step: name, rows: counts.rows, elapsedMs: elapsedMs() });
      const catalog: Catalog = new Map(
        (await tx.select({ id: products.id, code: products.code, codePrefix: products.codePrefix }).from(products)).map((p) => [p.code, p]),
      );
      await query(STAGING);
      const copy = await connection.copyIn("ci_rows");
      const { stager, flush } = makeStager(copy, options.batchRows ?? (engine === "postgres" ? 2_000 : 20_000), counts);
      const progress = () =>
        emit({ phase: "read", rows: counts.rows, contracts: counts.contracts, bytesRead, bytesTotal: source.bytesTotal ?? null, elapsedMs: elapsedMs() });
      try {
        progress();
        await (sniffed.format === "jsonl" ? readJson : readCsv)(chunks, catalog, stager, faults, counts, progress);
        await flush();
        await copy.end();
      } catch (error) {
        await copy.abort();
        throw error;
      }
      if (!faults.fatal && faults.count === 0 && counts.rows === 0) faults.add({ line: null, code: "empty" });
      readMs = elapsedMs();
      if (faults.fatal) throw new Rollback(report(EMPTY_COUNTS, false));

      step("checking across rows");
      await query(`CREATE TEMP TABLE ci_contracts ON COMMIT DROP AS SELECT line, license_id, ${HEAD_COLUMNS.join(", ")} FROM ci_rows WHERE kind = 'c'`);
      await query(
        `CREATE TEMP TABLE ci_lines ON COMMIT DROP AS SELECT line, license_id, product_id, start_date, end_date, support_end_date, ${LINE_COLUMNS.join(", ")} FROM ci_rows WHERE kind = 'l'`,
      );
      await query(`DROP TABLE ci_rows`);
      await query(`CREATE INDEX ON ci_contracts (license_id)`);
      await query(`CREATE INDEX ON ci_lines (license_id)`);
      await query(`CREATE INDEX ON ci_lines (code_key)`);
      await query(`ANALYZE ci_contracts`);
      await query(`ANALYZE ci_lines`);
      // Writers wait for each other (two imports, a B-5 change, an issuance) from here to the commit; readers do not.
      if (!dryRun) await query(`LOCK TABLE companies, license_contracts, contract_contacts, contract_products IN SHARE ROW EXCLUSIVE MODE`);
      await crossChecks(query, faults, maxErrors);
      if (faults.count > 0) throw new Rollback(report(EMPTY_COUNTS, false));

      step("comparing with the tables");
      const compared = await compare(query);
      if (dryRun) throw new Rollback(report(compared, false));

      rebuiltIndexes = await apply(query, compared, actor, at, options.rebuildIndexesFrom ?? DEFAULT_REBUILD_INDEXES_FROM, step);
      await writeAudit(
        {
          actorType: actor.type,
          actorId: actor.id,
          actorEmail: actor.email,
          action: "contracts.import",
          targetType: "contract_import",
          clientAddress: options.actor?.clientAddress ?? null,
          details: { format: sniffed.format, rows: counts.rows, contracts: counts.contracts, lines: counts.lines, ...compared },
        },
        tx,
      );
      step("committing");
      return report(compared, true);
    });
  } catch (error) {
    if (error instanceof Rollback) return error.report;
    throw error;
  }
}

// ---- messages ----------------------------------------------------------------------------------------------------------

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
