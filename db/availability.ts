import "server-only";
import { sql } from "drizzle-orm";
import { databaseEngine, getDb } from "./client";

// X-1, PostgreSQL away (a restart, a failover): the first requests fail fast (db/client.ts failFast) and the error is
// noted here (instrumentation.ts onRequestError); from then on proxy.ts asks databaseUnavailable() before each request
// and answers a 503 page until one probe (SELECT 1, at most one at a time, one every PROBE_INTERVAL_MS) succeeds.
// While nothing has failed, the check costs one property read. The embedded database (PGlite) is never away.

/** How often, while the database is away, one request probes it; the others in between get the 503 at once. */
export const PROBE_INTERVAL_MS = 500;
const PROBE_TIMEOUT_MS = 2_000;

/** Node's socket errors and postgres.js' own connection errors. */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);
/** SQLSTATE: 57P01–57P03 the server shutting down or starting up; class 08, connection exceptions. */
const SQLSTATE = /^(57P0[123]|08[0-9A-Z]{3})$/;

/** Whether an error (or one it wraps: Drizzle keeps the driver's as `cause`) says the server cannot be reached. */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (CONNECTION_CODES.has(code) || SQLSTATE.test(code))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

type State = { failedAt?: number; checkedAt?: number; probing?: Promise<boolean> };
const KEY = Symbol.for("ecustomer.db.availability");
const holder = globalThis as typeof globalThis & { [KEY]?: State };
const state = (): State => (holder[KEY] ??= {});

/** Called with every error a request ends on; notes one that says the database is away. */
export function noteDatabaseError(error: unknown): void {
  if (databaseEngine() === "postgres" && isDatabaseUnreachable(error)) state().failedAt ??= Date.now();
}

/** False at once while nothing failed; after a failure, whether the database is still away (probed, see above). */
export async function databaseUnavailable(): Promise<boolean> {
  const s = state();
  if (s.failedAt === undefined) return false;
  if (!s.probing && s.checkedAt !== undefined && Date.now() - s.checkedAt < PROBE_INTERVAL_MS) return true;
  s.probing ??= probe().finally(() => (s.probing = undefined));
  return !(await s.probing);
}

async function probe(): Promise<boolean> {
  const s = state();
  let timer: NodeJS.Timeout | undefined;
  try {
    const db = await getDb();
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("probe timed out")), PROBE_TIMEOUT_MS)));
    await Promise.race([db.execute(sql`SELECT 1`), timeout]);
    s.failedAt = undefined;
    s.checkedAt = undefined;
    return true;
  } catch {
    s.checkedAt = Date.now();
    return false;
  } finally {
    clearTimeout(timer);
  }
}
