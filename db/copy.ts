import "server-only";
import { once } from "node:events";
import type { PGlite, Transaction as PgliteTransaction } from "@electric-sql/pglite";
import type { Sql, TransactionSql } from "postgres";
import type { Engine, Executor } from "./client";

// Bulk loads (COPY, text format) on both engines, for the importers (B-6's corporate registry, G-6's contracts):
// PGlite has no COPY … FROM STDIN, so each batch is one COPY from the query's attached blob; postgres.js streams
// one COPY … FROM STDIN for the whole load, with backpressure (the socket's pace is the reader's pace).

export type Rows = Record<string, unknown>[];
/** Raw SQL on one connection (a session or a transaction); `params` are $1, $2, … */
export type Query = (text: string, params?: unknown[]) => Promise<Rows>;
/** One COPY (text format) into a table, fed batch by batch. */
export type CopyIn = { write: (text: string) => Promise<void>; end: () => Promise<void>; abort: () => Promise<void> };
/** What a bulk load needs of one connection. */
export type BulkConnection = { engine: Engine; query: Query; copyIn: (table: string) => Promise<CopyIn> };

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** One value of a COPY text-format line (`\N` is NULL). */
export function copyValue(value: string | null): string {
  if (value === null) return "\\N";
  return COPY_SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : value;
}

type PgliteClient = Pick<PGlite | PgliteTransaction, "query">;

/** PGlite (the database or one of its transactions): each write is one COPY statement of its own. */
export function pgliteCopyIn(client: PgliteClient, table: string): CopyIn {
  return {
    write: async (text) => {
      await client.query(`COPY ${table} FROM '/dev/blob'`, [], { blob: new Blob([text]) });
    },
    end: async () => {},
    abort: async () => {},
  };
}

export function pgliteQuery(client: PgliteClient): Query {
  return async (text, params) => (await client.query<Record<string, unknown>>(text, params)).rows;
}

/** postgres.js (a reserved connection or a transaction): one COPY … FROM STDIN, written with backpressure. */
export async function postgresCopyIn(connection: Pick<Sql | TransactionSql, "unsafe">, table: string): Promise<CopyIn> {
  const copy = connection.unsafe(`COPY ${table} FROM STDIN`);
  // postgres.js 3.4 never settles the writable when the server refuses the COPY after its end
  // (porsager/postgres#1173): its internal reject is the only place the error arrives, so listen there too.
  const internal = copy as unknown as { reject?: (error: unknown) => void };
  const original = internal.reject;
  const failed = new Promise<never>((_, reject) => {
    if (original) {
      internal.reject = (error) => {
        reject(error);
        original(error);
      };
    }
  });
  failed.catch(() => {});
  const writable = await copy.writable();
  const errored = new Promise<never>((_, reject) => writable.once("error", reject));
  errored.catch(() => {});
  const finished = new Promise<void>((resolve) => writable.once("finish", resolve));
  return {
    write: async (text) => {
      if (!writable.write(text)) await Promise.race([once(writable, "drain"), failed, errored]);
    },
    end: async () => {
      writable.end();
      await Promise.race([finished, failed, errored]);
    },
    abort: async () => {
      // CopyFail: the server drops what it received; wait until it has said so before the next statement.
      writable.destroy(new Error("bulk load refused"));
      if (original) await failed.catch(() => {});
    },
  };
}

export function postgresQuery(connection: Pick<Sql | TransactionSql, "unsafe">): Query {
  return async (text, params) => [...(await connection.unsafe(text, params as never[]))] as Rows;
}

/**
 * The driver's connection under a Drizzle transaction, for COPY and raw statements inside it (the transaction's
 * own connection: its TEMP tables, its locks, its rollback). Drizzle keeps it as `session.client` on both drivers
 * (PgliteSession, PostgresJsSession): a PGlite transaction, or postgres.js's TransactionSql.
 */
export function bulkConnectionOf(tx: Executor): BulkConnection {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  if (typeof client === "function" && typeof (client as Partial<TransactionSql>).unsafe === "function") {
    const sql = client as TransactionSql;
    return { engine: "postgres", query: postgresQuery(sql), copyIn: (table) => postgresCopyIn(sql, table) };
  }
  if (client && typeof (client as Partial<PgliteTransaction>).query === "function") {
    const pglite = client as PgliteTransaction;
    return { engine: "pglite", query: pgliteQuery(pglite), copyIn: async (table) => pgliteCopyIn(pglite, table) };
  }
  throw new Error("a bulk load needs a transaction of the app's database (db/client.ts): PGlite or postgres.js");
}

export type DroppedIndexes = { names: string[]; recreate: (step: (name: string) => void) => Promise<void> };

/**
 * For a bulk load into `table`: its secondary indexes are dropped inside the caller's transaction and re-created
 * from their exact definitions afterwards (`recreate`), so that the schema at commit is the migrations' and a failure
 * rolls both back. Building an index from the loaded data costs a fraction of keeping it up to date row by row; the
 * table is locked for readers meanwhile. Indexes of constraints and unique indexes stay (ON CONFLICT needs them).
 */
export async function dropSecondaryIndexes(query: Query, table: string): Promise<DroppedIndexes> {
  const indexes = await query(
    `SELECT indexname, indexdef FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename = $1 AND indexdef NOT LIKE 'CREATE UNIQUE INDEX %'
        AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass)`,
    [table],
  );
  for (const index of indexes) await query(`DROP INDEX "${String(index.indexname).replace(/"/g, '""')}"`);
  return {
    names: indexes.map((index) => String(index.indexname)),
    recreate: async (step) => {
      for (const index of indexes) {
        step(`re-creating ${String(index.indexname)}`);
        await query(String(index.indexdef));
      }
    },
  };
}

/** What every bulk load reports of its run: the time (reading, then applying), rows per second, the peak RSS. */
export function loadFigures(elapsedMs: number, readMs: number, rows: number) {
  const seconds = elapsedMs / 1000;
  return {
    seconds,
    readSeconds: readMs / 1000,
    applySeconds: seconds - readMs / 1000,
    rowsPerSecond: seconds > 0 ? rows / seconds : rows,
    /** Peak resident set size of this process so far (bytes). */
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}
