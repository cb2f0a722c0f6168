import "server-only";
import type { Engine } from "@/db/client";
import type { StaffActor } from "@/lib/auth/actor";
import type { ContractCsvColumn } from "./format";

// G-6's contract import: what a run is given and what it reports (README.md 「契約の取り込み」).

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
export const EMPTY_COUNTS: ContractImportCounts = {
  newContracts: 0,
  changedContracts: 0,
  unchangedContracts: 0,
  newLines: 0,
  changedLines: 0,
  changedContacts: 0,
  newCompanies: 0,
};
