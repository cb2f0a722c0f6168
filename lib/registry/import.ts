import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "postgres";
import type { Database, Engine } from "@/db/client";
import { copyValue, type CopyIn, dropSecondaryIndexes, loadFigures, pgliteCopyIn, pgliteQuery, postgresCopyIn, postgresQuery, type Query } from "@/db/copy";
import { toNumber } from "@/db/sql";
import { CsvSyntaxError, readCsvRecords } from "./csv-stream";
import { postalCodeKey, registrySearchKey } from "./normalise";
import { findCsvEntry, hasZipSignature, readZipEntry, ZipFormatError } from "./zip";

// B-6: the import of the national corporate-number data (国税庁 法人番号公表サイト, 基本3情報,
// Unicode edition: CSV, UTF-8, no header, 30 columns), the full file as well as the daily difference files.
//
// One run: every file is read as a stream, each row validated and staged (COPY, in batches) into a TEMP table; only
// when every file of the run has been read without a fault is the result applied, in one transaction: one upsert by
// 法人番号 that writes only rows that differ (a second import of the same file changes nothing, updated_at included),
// and one delete for 99 削除 and 検索対象除外 rows. A malformed file therefore changes nothing. Of several files the
// later one wins for the same 法人番号 (each row carries the corporation's whole current state), which is the same
// as applying them one after the other in the order given.

export const REGISTRY_COLUMNS = 30;
export const REGISTRY_SAMPLE_FILE = path.join(process.cwd(), "db", "seed", "registry-sample.csv");
// Small reads and batches keep the garbage of a chunk young: V8 collects it cheaply instead of promoting it, which
// measured ~190 MB instead of ~270 MB peak RSS on 1.5 M rows through postgres.js, at no loss of speed.
const READ_CHUNK_BYTES = 64 * 1024;
const DEFAULT_REBUILD_INDEXES_FROM = 100_000;

/** 処理区分 as published. */
export const PROCESS_CODES: Record<string, string> = {
  "01": "新規",
  "11": "商号又は名称の変更",
  "12": "国内所在地の変更",
  "13": "国外所在地の変更",
  "21": "登記記録の閉鎖等",
  "22": "登記記録の閉鎖等の取消し又は抹消",
  "71": "吸収合併",
  "72": "吸収合併無効",
  "81": "商号の登記の抹消",
  "99": "削除",
};

/** The columns of the publisher's file, in order (for messages). */
const COLUMN = {
  sequence: [0, "一連番号"],
  corporateNumber: [1, "法人番号"],
  process: [2, "処理区分"],
  correct: [3, "訂正区分"],
  updateDate: [4, "更新年月日"],
  changeDate: [5, "変更年月日"],
  name: [6, "商号又は名称"],
  kind: [8, "法人種別"],
  prefecture: [9, "国内所在地（都道府県）"],
  city: [10, "国内所在地（市区町村）"],
  street: [11, "国内所在地（丁目番地等）"],
  prefectureCode: [13, "都道府県コード"],
  cityCode: [14, "市区町村コード"],
  postalCode: [15, "郵便番号"],
  foreignAddress: [16, "国外所在地"],
  closeDate: [18, "登記記録の閉鎖等年月日"],
  closeCause: [19, "登記記録の閉鎖等の事由"],
  successor: [20, "承継先法人番号"],
  assignmentDate: [22, "法人番号指定年月日"],
  latest: [23, "最新履歴"],
  furigana: [28, "フリガナ"],
  hidden: [29, "検索対象除外"],
} as const satisfies Record<string, readonly [number, string]>;

export type RegistryImportProgress =
  | { phase: "read"; file: string; fileIndex: number; fileCount: number; bytesRead: number; bytesTotal: number; rowsRead: number; elapsedMs: number }
  /** `step` says what the apply does now (its statements report no progress of their own). */
  | { phase: "apply"; step: string; rowsRead: number; elapsedMs: number }
  | { phase: "done"; summary: RegistryImportSummary };

export type RegistryImportSummary = {
  engine: Engine;
  files: number;
  /** Data rows in the files. */
  rowsRead: number;
  inserted: number;
  updated: number;
  /** Latest rows that were already in the table exactly so. */
  unchanged: number;
  /** Of the inserted and updated rows, those that are now closed (閉鎖等) and were not before. */
  closed: number;
  /** Rows removed by 99 削除 or 検索対象除外. */
  deleted: number;
  /** 最新履歴=0 history rows, and 検索対象除外 rows that had nothing to delete. */
  skipped: number;
  /** Rows replaced by a later row of the same 法人番号 in the same run. */
  superseded: number;
  /** Secondary indexes re-created after a bulk load (0: kept up to date row by row). */
  rebuiltIndexes: number;
  seconds: number;
  /** Of `seconds`: reading, validating and staging the files; then applying them. */
  readSeconds: number;
  applySeconds: number;
  rowsPerSecond: number;
  /** Peak resident set size of this process so far (bytes). */
  peakRssBytes: number;
};

export type RegistryImportOptions = {
  onProgress?: (progress: RegistryImportProgress) => void;
  /** Rows per write into the staging COPY (default: per engine). */
  batchRows?: number;
  /**
   * From how many rows to write (inserts and updates, and at least a quarter of the table) the secondary indexes
   * are re-created after the upsert instead of kept up to date row by row.
   */
  rebuildIndexesFrom?: number;
};

/** The run was refused: nothing was changed. `line` is the file's physical line (1-based) when one is to blame. */
export class RegistryImportError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly detail: string,
  ) {
    super(line === undefined ? `${file}: ${detail}` : `${file}, line ${line}: ${detail}`);
    this.name = "RegistryImportError";
  }
}

class RowError extends Error {}

// ---- the check digit of a 法人番号 ------------------------------------------------------------------------------

/**
 * 法人番号 = check digit + 12-digit base number; check = 9 − (Σ Pn × Qn mod 9), Pn the n-th digit of the base counted
 * from the right, Qn = 1 for odd n and 2 for even n (the 国税庁's published rule; 国税庁 itself is 7000012050002).
 */
export function corporateNumberCheckDigit(base: string): number {
  if (!/^\d{12}$/.test(base)) throw new Error(`a 法人番号 base is 12 digits, got "${base}"`);
  let sum = 0;
  for (let n = 1; n <= 12; n++) sum += Number(base[12 - n]) * (n % 2 === 1 ? 1 : 2);
  return 9 - (sum % 9);
}

export function isValidCorporateNumber(value: string): boolean {
  return /^\d{13}$/.test(value) && corporateNumberCheckDigit(value.slice(1)) === Number(value[0]);
}

// ---- one row of the file → one staged row ----------------------------------------------------------------------

type Action = "u" | "d" | "x";
type Staged = { action: Action; values: (string | null)[] };
type RowOutcome = Staged | "history";

function field(fields: string[], column: readonly [number, string]): string {
  return fields[column[0]]!;
}

function orNull(value: string): string | null {
  return value === "" ? null : value;
}

// The files hold a few thousand distinct days over millions of rows: remember the valid ones.
const validDates = new Set<string>();

function isIsoDate(value: string): boolean {
  if (validDates.has(value)) return true;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid = year >= 1000 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (valid && validDates.size < 100_000) validDates.add(value);
  return valid;
}

function checkDate(fields: string[], column: readonly [number, string], required: boolean) {
  const value = field(fields, column);
  if (value === "" && !required) return;
  if (!isIsoDate(value)) throw new RowError(`${column[1]} "${value}" is not a date (YYYY-MM-DD)`);
}

function checkPattern(fields: string[], column: readonly [number, string], pattern: RegExp, what: string) {
  const value = field(fields, column);
  if (!pattern.test(value)) throw new RowError(`${column[1]} "${value}" is not ${what}`);
}

function toStaged(fields: string[]): RowOutcome {
  if (fields.length !== REGISTRY_COLUMNS) throw new RowError(`${fields.length} columns; the format has ${REGISTRY_COLUMNS}`);
  checkPattern(fields, COLUMN.sequence, /^\d+$/, "a number");
  const corporateNumber = field(fields, COLUMN.corporateNumber);
  if (!/^\d{13}$/.test(corporateNumber)) throw new RowError(`法人番号 "${corporateNumber}" is not 13 digits`);
  if (!isValidCorporateNumber(corporateNumber)) throw new RowError(`法人番号 "${corporateNumber}" has a wrong check digit`);
  const processCode = field(fields, COLUMN.process);
  if (!(processCode in PROCESS_CODES)) throw new RowError(`処理区分 "${processCode}" is not one of ${Object.keys(PROCESS_CODES).join(", ")}`);
  checkPattern(fields, COLUMN.correct, /^[01]$/, "0 or 1");
  checkDate(fields, COLUMN.updateDate, true);
  checkDate(fields, COLUMN.changeDate, true);
  checkPattern(fields, COLUMN.kind, /^(\d{3})?$/, "3 digits");
  checkPattern(fields, COLUMN.prefectureCode, /^(\d{2})?$/, "2 digits");
  checkPattern(fields, COLUMN.cityCode, /^(\d{3})?$/, "3 digits");
  checkDate(fields, COLUMN.closeDate, false);
  checkPattern(fields, COLUMN.closeCause, /^(\d{2})?$/, "2 digits");
  checkPattern(fields, COLUMN.successor, /^(\d{13})?$/, "13 digits");
  checkDate(fields, COLUMN.assignmentDate, false);
  checkPattern(fields, COLUMN.latest, /^[01]$/, "0 or 1");
  checkPattern(fields, COLUMN.hidden, /^[01]$/, "0 or 1");
  const postalText = field(fields, COLUMN.postalCode);
  const postalCode = postalText === "" ? null : postalCodeKey(postalText);
  if (postalText !== "" && postalCode === null) throw new RowError(`郵便番号 "${postalText}" is not 7 digits`);
  const name = field(fields, COLUMN.name);

  if (field(fields, COLUMN.latest) === "0") return "history";
  if (processCode === "99") return { action: "d", values: [corporateNumber] };
  if (field(fields, COLUMN.hidden) === "1") return { action: "x", values: [corporateNumber] };
  if (name.trim() === "") throw new RowError("商号又は名称 is empty");

  const furigana = orNull(field(fields, COLUMN.furigana).trim());
  const prefecture = orNull(field(fields, COLUMN.prefecture));
  const city = orNull(field(fields, COLUMN.city));
  // A corporation with no domestic address (外国会社等) keeps its foreign one where the street would be.
  const street = orNull(field(fields, COLUMN.street)) ?? (prefecture === null && city === null ? orNull(field(fields, COLUMN.foreignAddress)) : null);
  // 22 取消し又は抹消 reopens the record; otherwise the row's own 閉鎖等 columns are the state.
  const reopened = processCode === "22";
  return {
    action: "u",
    values: [
      corporateNumber,
      name,
      furigana,
      registrySearchKey(name),
      furigana === null ? null : registrySearchKey(furigana),
      orNull(field(fields, COLUMN.kind)),
      prefecture,
      city,
      street,
      postalCode,
      reopened ? null : orNull(field(fields, COLUMN.closeDate)),
      reopened ? null : orNull(field(fields, COLUMN.closeCause)),
    ],
  };
}

// ---- the engines: PGlite (COPY FROM '/dev/blob') and PostgreSQL through postgres.js (COPY FROM STDIN), db/copy.ts ----

type Session = {
  engine: Engine;
  /** Rows per write into the COPY: each PGlite COPY is a statement of its own, postgres.js streams one COPY. */
  batchRows: number;
  query: Query;
  copyIn: (table: string) => Promise<CopyIn>;
  transaction: <T>(run: (query: Query) => Promise<T>) => Promise<T>;
  release: () => Promise<void>;
};

function clientOf(db: Database): unknown {
  return (db as unknown as { $client: unknown }).$client;
}

async function openSession(db: Database): Promise<Session> {
  const client = clientOf(db);
  if (typeof client === "function" && typeof (client as Partial<Sql>).reserve === "function") return openPostgresSession(client as Sql);
  if (client && typeof (client as Partial<PGlite>).query === "function" && typeof (client as Partial<PGlite>).transaction === "function") {
    return openPgliteSession(client as PGlite);
  }
  throw new Error("the registry import needs the app's database (db/client.ts): PGlite or postgres.js");
}

function openPgliteSession(client: PGlite): Session {
  return {
    engine: "pglite",
    batchRows: 20_000,
    query: pgliteQuery(client),
    copyIn: async (table) => pgliteCopyIn(client, table),
    // PGlite's own transaction keeps the app's other queries (one connection in this process) out of it.
    transaction: (run) => client.transaction((tx) => run(pgliteQuery(tx))),
    release: async () => {},
  };
}

async function openPostgresSession(pool: Sql): Promise<Session> {
  // One connection for the whole run: the TEMP staging table exists only in its session.
  const connection = await pool.reserve();
  const query = postgresQuery(connection);
  return {
    engine: "postgres",
    batchRows: 5_000,
    query,
    // One COPY … FROM STDIN for the whole run (each COPY costs a round trip of tens of milliseconds).
    copyIn: (table) => postgresCopyIn(connection, table),
    transaction: async (run) => {
      await connection.unsafe("BEGIN");
      try {
        const result = await run(query);
        await connection.unsafe("COMMIT");
        return result;
      } catch (error) {
        await connection.unsafe("ROLLBACK").catch(() => {});
        throw error;
      }
    },
    release: async () => connection.release(),
  };
}

// ---- reading the files -------------------------------------------------------------------------------------------

async function* countBytes(stream: AsyncIterable<Buffer>, onBytes: (bytes: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of stream) {
    onBytes(chunk.length);
    yield chunk;
  }
}

async function openSource(file: string, onBytes: (bytes: number) => void): Promise<{ chunks: AsyncIterable<Uint8Array>; bytesTotal: number }> {
  const handle = await fs.promises.open(file, "r");
  let head: Buffer;
  let size: number;
  try {
    size = (await handle.stat()).size;
    head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
  } finally {
    await handle.close();
  }
  if (hasZipSignature(head) || /\.zip$/i.test(file)) {
    const entry = await findCsvEntry(file);
    return { chunks: readZipEntry(file, entry, onBytes), bytesTotal: size };
  }
  return { chunks: countBytes(fs.createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }), onBytes), bytesTotal: size };
}

const STAGING_COLUMNS =
  "seq bigint NOT NULL, action text NOT NULL, corporate_number text NOT NULL, name text, name_kana text, search_name text, search_kana text, " +
  "kind text, prefecture text, city text, street text, postal_code text, closed_at date, closed_reason text";
const DATA_COLUMNS = [
  "name",
  "name_kana",
  "search_name",
  "search_kana",
  "kind",
  "prefecture",
  "city",
  "street",
  "postal_code",
  "closed_at",
  "closed_reason",
] as const;
/** A 99 削除 or 検索対象除外 row stages its 法人番号 only. */
const DELETE_ROW_TAIL = DATA_COLUMNS.map(() => "\t\\N").join("");

type ReadCounts = { rowsRead: number; staged: number; history: number; excluded: number };

/** Reads, checks and stages every file, in order; throws a RegistryImportError at the first fault. */
async function stageFiles(
  files: string[],
  copy: CopyIn,
  batchRows: number,
  emit: (p: RegistryImportProgress) => void,
  elapsedMs: () => number,
): Promise<ReadCounts> {
  const counts: ReadCounts = { rowsRead: 0, staged: 0, history: 0, excluded: 0 };
  let batch = "";
  let batchCount = 0;
  const flush = async () => {
    if (batchCount === 0) return;
    await copy.write(batch);
    batch = "";
    batchCount = 0;
  };

  for (const [fileIndex, file] of files.entries()) {
    let bytesRead = 0;
    let source: Awaited<ReturnType<typeof openSource>>;
    try {
      source = await openSource(file, (bytes) => (bytesRead += bytes));
    } catch (error) {
      throw new RegistryImportError(file, undefined, describe(error));
    }
    const progress = () =>
      emit({
        phase: "read",
        file,
        fileIndex,
        fileCount: files.length,
        bytesRead,
        bytesTotal: source.bytesTotal,
        rowsRead: counts.rowsRead,
        elapsedMs: elapsedMs(),
      });
    progress();
    try {
      for await (const records of readCsvRecords(source.chunks)) {
        for (const record of records) {
          counts.rowsRead++;
          let outcome: RowOutcome;
          try {
            outcome = toStaged(record.fields);
          } catch (error) {
            if (error instanceof RowError) throw new RegistryImportError(file, record.line, error.message);
            throw error;
          }
          if (outcome === "history") {
            counts.history++;
            continue;
          }
          if (outcome.action === "x") counts.excluded++;
          counts.staged++;
          let line = `${counts.staged}\t${outcome.action}`;
          for (const value of outcome.values) line += `\t${copyValue(value)}`;
          batch += outcome.values.length === 1 ? `${line}${DELETE_ROW_TAIL}\n` : `${line}\n`;
          if (++batchCount >= batchRows) await flush();
        }
        progress();
      }
    } catch (error) {
      if (error instanceof CsvSyntaxError) throw new RegistryImportError(file, error.line, error.message);
      if (error instanceof ZipFormatError) throw new RegistryImportError(file, undefined, error.message);
      throw error;
    }
    await flush();
    progress();
  }
  return counts;
}

/**
 * Imports the files into corporate_registry, in the order given, as one run (see the top of this file). Refuses a
 * malformed file with a RegistryImportError that names the file and the line; then nothing has been changed.
 */
export async function importRegistryFiles(db: Database, files: string[], options: RegistryImportOptions = {}): Promise<RegistryImportSummary> {
  if (files.length === 0) throw new Error("no file to import");
  const started = performance.now();
  const elapsedMs = () => performance.now() - started;
  const emit = options.onProgress ?? (() => {});
  const suffix = randomBytes(6).toString("hex");
  const staging = `registry_import_${suffix}`;
  const latest = `registry_latest_${suffix}`;

  const session = await openSession(db);
  try {
    await session.query(`CREATE TEMP TABLE ${staging} (${STAGING_COLUMNS})`);
    const copy = await session.copyIn(staging);
    let counts: ReadCounts;
    try {
      counts = await stageFiles(files, copy, options.batchRows ?? session.batchRows, emit, elapsedMs);
      await copy.end();
    } catch (error) {
      await copy.abort();
      throw error;
    }

    const readMs = elapsedMs();
    const step = (name: string) => emit({ phase: "apply", step: name, rowsRead: counts.rowsRead, elapsedMs: elapsedMs() });
    step("picking the last row of each 法人番号");
    // The last row of each 法人番号 (the later file, the later line) is its state after the run.
    await session.query(`CREATE TEMP TABLE ${latest} AS SELECT DISTINCT ON (corporate_number) * FROM ${staging} ORDER BY corporate_number, seq DESC`);
    await session.query(`DROP TABLE ${staging}`);
    await session.query(`ANALYZE ${latest}`);
    const applied = await session.transaction((query) => apply(query, latest, options.rebuildIndexesFrom ?? DEFAULT_REBUILD_INDEXES_FROM, step));
    const summary: RegistryImportSummary = {
      engine: session.engine,
      files: files.length,
      rowsRead: counts.rowsRead,
      inserted: applied.inserted,
      updated: applied.updated,
      unchanged: applied.candidates - applied.inserted - applied.updated,
      closed: applied.closed,
      deleted: applied.deleted,
      skipped: counts.history + counts.excluded - applied.excludedDeleted,
      superseded: counts.staged - applied.latestRows,
      rebuiltIndexes: applied.rebuiltIndexes,
      ...loadFigures(elapsedMs(), readMs, counts.rowsRead),
    };
    emit({ phase: "done", summary });
    return summary;
  } finally {
    await session.query(`DROP TABLE IF EXISTS ${staging}`).catch(() => {});
    await session.query(`DROP TABLE IF EXISTS ${latest}`).catch(() => {});
    await session.release();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const TARGET_COLUMNS = ["corporate_number", ...DATA_COLUMNS].join(", ");
const DIFFERS = (left: string, right: string) =>
  `(${DATA_COLUMNS.map((c) => `${left}.${c}`).join(", ")}) IS DISTINCT FROM (${DATA_COLUMNS.map((c) => `${right}.${c}`).join(", ")})`;

async function apply(query: Query, latest: string, rebuildIndexesFrom: number, step: (name: string) => void) {
  // Writers wait for each other (two imports at once); the search keeps reading meanwhile.
  await query("LOCK TABLE corporate_registry IN SHARE ROW EXCLUSIVE MODE");
  step("comparing with the table");
  const [before] = await query(
    `SELECT count(*) AS latest_rows,
            count(*) FILTER (WHERE l.action = 'u') AS candidates,
            count(*) FILTER (WHERE l.action = 'u' AND (r.corporate_number IS NULL OR ${DIFFERS("r", "l")})) AS writes,
            count(*) FILTER (WHERE l.action = 'u' AND l.closed_at IS NOT NULL AND r.closed_at IS NULL) AS closed,
            (SELECT count(*) FROM corporate_registry) AS existing
       FROM ${latest} l LEFT JOIN corporate_registry r ON r.corporate_number = l.corporate_number`,
  );
  const writes = toNumber(before?.writes);
  // A full file into an empty (or small) table: keeping six indexes — two of them trigram GIN — up to date row by
  // row costs several times building them afterwards from sorted data. The same definitions are dropped and
  // re-created inside this transaction, so the schema at commit is exactly the migrations' (and a failure rolls
  // everything back). The table is locked for readers meanwhile; a daily difference file never gets here.
  const rebuild = writes >= rebuildIndexesFrom && writes * 4 >= toNumber(before?.existing);
  if (rebuild) step("dropping the secondary indexes for the bulk load");
  const dropped = rebuild ? await dropSecondaryIndexes(query, "corporate_registry") : null;

  step(`upserting (${writes} rows to insert or update)`);
  const [upserted] = await query(
    `WITH changed AS (
       INSERT INTO corporate_registry AS r (${TARGET_COLUMNS}, updated_at)
       SELECT ${TARGET_COLUMNS}, now() FROM ${latest} WHERE action = 'u' ORDER BY corporate_number
       ON CONFLICT (corporate_number) DO UPDATE SET ${DATA_COLUMNS.map((c) => `${c} = excluded.${c}`).join(", ")}, updated_at = excluded.updated_at
       WHERE ${DIFFERS("r", "excluded")}
       RETURNING (xmax = 0) AS inserted
     )
     SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM changed`,
  );
  step("deleting 99 削除 and 検索対象除外 rows");
  const [deleted] = await query(
    `WITH gone AS (
       DELETE FROM corporate_registry r USING ${latest} l WHERE l.action <> 'u' AND r.corporate_number = l.corporate_number RETURNING l.action
     )
     SELECT count(*) AS deleted, count(*) FILTER (WHERE action = 'x') AS excluded FROM gone`,
  );
  await dropped?.recreate(step);
  step("committing");
  return {
    latestRows: toNumber(before?.latest_rows),
    candidates: toNumber(before?.candidates),
    closed: toNumber(before?.closed),
    inserted: toNumber(upserted?.inserted),
    updated: toNumber(upserted?.updated),
    deleted: toNumber(deleted?.deleted),
    excludedDeleted: toNumber(deleted?.excluded),
    rebuiltIndexes: dropped?.names.length ?? 0,
  };
}

/** SPEC X-2: the registry rows of the demo (db/seed/registry-sample.csv); a second load changes nothing. */
export function loadRegistrySample(db: Database): Promise<RegistryImportSummary> {
  return importRegistryFiles(db, [REGISTRY_SAMPLE_FILE]);
}
