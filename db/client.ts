import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";
import { acquireFolderLock, type FolderLock } from "./folder-lock";

// One query layer, two engines (SPEC X-1): DATABASE_URL → PostgreSQL through postgres.js; otherwise PGlite in a
// local folder (PGLITE_DIR, default .data/pglite), or in memory with PGLITE_DIR=memory:// (tests).
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Executor = Database | Transaction;
export type Engine = "postgres" | "pglite";

type Handle = { db: Database; engine: Engine; close: () => Promise<void> };

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");
// An operator's folder, not a file of the build (file tracing would copy a database into the output).
export const DEFAULT_PGLITE_DIR = path.join(/*turbopackIgnore: true*/ ".data", "pglite");

// Next.js may evaluate this module in more than one bundle layer of the same process; a second PGlite on the same
// folder would lose writes, so the handle lives on globalThis.
const KEY = Symbol.for("ecustomer.db");
const OPEN_HOOK = Symbol.for("ecustomer.db.embedded-open-hook");
/** Runs on a newly opened embedded database after its migrations, before anyone gets the handle. */
export type EmbeddedOpenHook = (db: Database) => Promise<void>;
type Global = typeof globalThis & { [KEY]?: Promise<Handle>; [OPEN_HOOK]?: EmbeddedOpenHook };
const store = globalThis as Global;

/**
 * db/ imports nothing of lib/, so what the embedded database does on first open beyond migrating (the SPEC X-2 demo
 * seed, lib/demo/auto-seed.ts) is handed in from outside. Set it before the first getDb()/getHandle() of a process;
 * it lives on globalThis for the same reason as the handle.
 */
export function setEmbeddedOpenHook(hook: EmbeddedOpenHook | undefined): void {
  store[OPEN_HOOK] = hook;
}

export function databaseEngine(): Engine {
  return process.env.DATABASE_URL ? "postgres" : "pglite";
}

export function getDb(): Promise<Database> {
  return getHandle().then((h) => h.db);
}

export function getHandle(): Promise<Handle> {
  if (!store[KEY]) {
    const opening = open();
    // A failed open (folder locked, server down) must not poison the process forever.
    opening.catch(() => {
      if (store[KEY] === opening) store[KEY] = undefined;
    });
    store[KEY] = opening;
  }
  return store[KEY];
}

export async function closeDb(): Promise<void> {
  const handle = store[KEY];
  store[KEY] = undefined;
  if (handle) await (await handle).close();
}

async function open(): Promise<Handle> {
  const url = process.env.DATABASE_URL;
  if (url) return openPostgres(url);
  // next.config.ts leaves PGlite out of Vercel's functions; say why instead of failing on a missing module.
  if (process.env.VERCEL === "1") throw new Error("DATABASE_URL is not set: on Vercel the portal needs PostgreSQL (README: Deploy to Vercel).");
  return openPglite(process.env.PGLITE_DIR || DEFAULT_PGLITE_DIR);
}

async function openPostgres(url: string): Promise<Handle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(url, {
    max: Number(process.env.DATABASE_POOL_MAX || 10),
    // Serverless instances freeze: let idle connections go instead of holding the server's slots.
    idle_timeout: 20,
    max_lifetime: 60 * 30,
    ...failFast(),
    onnotice: () => {},
  });
  const db = drizzle(client, { schema }) as unknown as Database;
  if (process.env.DATABASE_MIGRATE_ON_START === "1") await migrateUnderLock(url);
  return { db, engine: "postgres", close: () => client.end({ timeout: 5 }) };
}

/**
 * X-1, a restart of PostgreSQL: a request fails within seconds instead of hanging (db/availability.ts then answers
 * 503 until the server is back). postgres.js waits before it reconnects, 3^n / 100 s after the n-th failure up to
 * 20 s, and a query queued meanwhile waits with it: measured, requests in flight across a restart hung 1–17 s. The
 * wait here is 50 ms doubling up to 1 s; a connection that is not made in DATABASE_CONNECT_TIMEOUT seconds (5) fails;
 * and in the web server no statement runs longer than DATABASE_STATEMENT_TIMEOUT_MS (30,000; 0 = none). The
 * command-line imports (scripts/) keep PostgreSQL's default (none): their set-based statements take minutes at scale.
 */
export function failFast(env: Record<string, string | undefined> = process.env) {
  const statementTimeout = Number(env.DATABASE_STATEMENT_TIMEOUT_MS ?? (env.NEXT_RUNTIME ? 30_000 : 0));
  return {
    connect_timeout: Number(env.DATABASE_CONNECT_TIMEOUT || 5),
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
    ...(statementTimeout > 0 ? { connection: { statement_timeout: statementTimeout } } : {}),
  };
}

async function openPglite(dir: string): Promise<Handle> {
  const inMemory = dir.startsWith("memory://");
  let lock: FolderLock | undefined;
  if (!inMemory) {
    fs.mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
    // PGlite does not lock its folder; two processes on one folder silently lose writes (STACK.md).
    lock = acquireFolderLock(path.resolve(dir));
  }
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
    const { drizzle } = await import("drizzle-orm/pglite");
    const client = await PGlite.create(inMemory ? undefined : dir, {
      extensions: { pg_trgm },
      startParams: [...PGlite.defaultStartParams, ...pgliteSettings(process.env.PGLITE_SETTINGS)],
    });
    const db = drizzle(client, { schema }) as unknown as Database;
    await migrateDatabase(db, "pglite");
    await store[OPEN_HOOK]?.(db);
    return {
      db,
      engine: "pglite",
      close: async () => {
        await client.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/**
 * PGLITE_SETTINGS="shared_buffers=32MB,maintenance_work_mem=32MB": server settings for this process only, passed as
 * `-c` start parameters (PGlite's `postgresqlconf` option would rewrite the folder's postgresql.conf for good).
 * PGlite's WebAssembly heap never shrinks, so its peak RSS follows shared_buffers (128 MB by default) and the
 * maintenance memory of an index build; the registry import lowers both (scripts/registry-import.ts).
 */
export function pgliteSettings(value: string | undefined): string[] {
  if (!value?.trim()) return [];
  return value.split(",").flatMap((entry) => {
    const setting = entry.trim();
    if (!/^[a-z_]+=[A-Za-z0-9_.]+$/.test(setting)) throw new Error(`PGLITE_SETTINGS: "${setting}" is not name=value`);
    return ["-c", setting];
  });
}

// Any number of instances may start at once with DATABASE_MIGRATE_ON_START=1 (X-7: a deploy that starts two
// containers): the first takes a session-level advisory lock on a connection of its own and migrates, the others
// wait for it and then find nothing left to apply. Drizzle's migrator takes no lock itself.
const MIGRATION_LOCK = 7_244_611_027;

async function migrateUnderLock(url: string): Promise<void> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const connection = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await connection`SELECT pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrateDatabase(drizzle(connection, { schema }) as unknown as Database, "postgres");
  } finally {
    await connection.end({ timeout: 5 });
  }
}

export async function migrateDatabase(db: Database, engine: Engine): Promise<void> {
  if (engine === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}
