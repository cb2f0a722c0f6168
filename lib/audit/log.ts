import "server-only";
import { and, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { authorizeStaff } from "@/lib/auth/permissions";
import { AUDIT_PAGE_SIZE, type AuditCursor, type AuditFilters } from "@/lib/audit/query";

// SPEC G-7 (admins, `audit.read`, checked by each exported function): the audit log, newest first, filtered (lib/audit/query.ts says how each filter reads) and
// paged by keyset on (at desc, id desc) — never OFFSET, so that the 1,000th page costs what the first does. Every
// plan starts from an index that ends in that order (db/schema/audit.ts): audit_log_at_id_idx without a filter, or
// (action | actor_email | target_type, target_id, at desc) with one, where `at` is bounded by the cursor in the index
// condition and only rows of equal `at` are sorted by id. Several actions (a list, or a prefix) are one such scan per
// action, each stopped after a page, merged: PostgreSQL reads an IN list on the index's first column in no useful
// order and would sort every matching row of the year.

export type AuditLogEntry = {
  id: number;
  at: Date;
  /** This row's position, exact to the microsecond (the page's links start before or after it). */
  cursor: AuditCursor;
  actorType: "customer" | "staff" | "anonymous" | "system";
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  clientAddress: string | null;
  details: unknown;
};

/** 次へ (older) starts after `after`; 前へ (newer) ends before `before`. */
export type AuditPosition = { after: AuditCursor } | { before: AuditCursor } | null;

export type AuditPage = {
  rows: AuditLogEntry[];
  /** The cursor of the next (older) page, when there are older rows. */
  older: AuditCursor | null;
  /** The cursor of the previous (newer) page; null on the newest page. */
  newer: AuditCursor | null;
};

const columns = {
  id: auditLog.id,
  at: auditLog.at,
  cursorAt: sql<string>`to_char(${auditLog.at} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  actorType: auditLog.actorType,
  actorEmail: auditLog.actorEmail,
  action: auditLog.action,
  targetType: auditLog.targetType,
  targetId: auditLog.targetId,
  clientAddress: auditLog.clientAddress,
  details: auditLog.details,
};

type Direction = "older" | "newer";

/** Rows strictly after the cursor in the direction of travel. The bare bound on `at` is what the filter indexes can seek to. */
function keyset(cursor: AuditCursor, direction: Direction): SQL {
  // As text, cast in SQL: the microseconds reach PostgreSQL as written, whatever a driver does with a timestamptz parameter.
  const at = sql`${cursor.at}::text::timestamptz`;
  const id = sql`${cursor.id}::bigint`;
  return direction === "older"
    ? sql`${auditLog.at} <= ${at} AND (${auditLog.at}, ${auditLog.id}) < (${at}, ${id})`
    : sql`${auditLog.at} >= ${at} AND (${auditLog.at}, ${auditLog.id}) > (${at}, ${id})`;
}

/** The distinct actions recorded, by a loose scan of audit_log_action_idx (one index probe per action, not per row). */
export async function listAuditActions(actor: StaffActor): Promise<string[]> {
  authorizeStaff(actor, "audit.read");
  return recordedActions();
}

async function recordedActions(): Promise<string[]> {
  const db = await getDb();
  const result = await db.execute<{ action: string }>(sql`
    WITH RECURSIVE found (action) AS (
      (SELECT action FROM ${auditLog} ORDER BY action LIMIT 1)
      UNION ALL
      SELECT (SELECT a.action FROM ${auditLog} a WHERE a.action > found.action ORDER BY a.action LIMIT 1) FROM found WHERE found.action IS NOT NULL
    )
    SELECT action FROM found WHERE action IS NOT NULL`);
  return rowsOf<{ action: string }>(result).map((row) => row.action);
}

/** The distinct target types recorded, the same way over audit_log_target_idx. */
export async function listAuditTargetTypes(actor: StaffActor): Promise<string[]> {
  authorizeStaff(actor, "audit.read");
  const db = await getDb();
  const result = await db.execute<{ type: string }>(sql`
    WITH RECURSIVE found (type) AS (
      (SELECT target_type FROM ${auditLog} WHERE target_type IS NOT NULL ORDER BY target_type LIMIT 1)
      UNION ALL
      SELECT (SELECT a.target_type FROM ${auditLog} a WHERE a.target_type > found.type ORDER BY a.target_type LIMIT 1) FROM found WHERE found.type IS NOT NULL
    )
    SELECT type FROM found WHERE type IS NOT NULL`);
  return rowsOf<{ type: string }>(result).map((row) => row.type);
}

// db.execute() answers { rows } on PGlite and an array on postgres.js (STACK.md).
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

/** The filter's actions as names: the exact ones as given, each prefix as the recorded actions that start with it. */
async function actionsOf(filters: AuditFilters): Promise<string[] | undefined> {
  if (!filters.actions) return undefined;
  const { exact, prefixes } = filters.actions;
  const known = prefixes.length ? await recordedActions() : [];
  return [...new Set([...exact, ...known.filter((action) => prefixes.some((prefix) => action.startsWith(prefix)))])].sort();
}

function conditions(filters: AuditFilters): SQL[] {
  const list: (SQL | undefined)[] = [
    filters.actorEmail === undefined ? undefined : eq(auditLog.actorEmail, filters.actorEmail),
    filters.actorType === undefined ? undefined : eq(auditLog.actorType, filters.actorType),
    filters.targetType === undefined ? undefined : eq(auditLog.targetType, filters.targetType),
    filters.targetId === undefined ? undefined : eq(auditLog.targetId, filters.targetId),
    filters.from === undefined ? undefined : gte(auditLog.at, filters.from),
    filters.to === undefined ? undefined : lt(auditLog.at, filters.to),
  ];
  return list.filter((condition): condition is SQL => condition !== undefined);
}

/** Up to `limit` rows from the cursor in one direction, in the order of travel (newest first when going older). */
async function readRows(filters: AuditFilters, actions: string[] | undefined, cursor: AuditCursor | null, direction: Direction, limit: number) {
  const db = await getDb();
  // NULLS LAST / FIRST as the indexes are built (drizzle's .desc() is DESC NULLS LAST): a plain `at DESC` means NULLS
  // FIRST, which no index of audit_log matches — PostgreSQL would sort the whole table (8 s at 10,000,000 rows).
  const order =
    direction === "older"
      ? [sql`${auditLog.at} DESC NULLS LAST`, sql`${auditLog.id} DESC NULLS LAST`]
      : [sql`${auditLog.at} ASC NULLS FIRST`, sql`${auditLog.id} ASC NULLS FIRST`];
  const base = [...conditions(filters), ...(cursor ? [keyset(cursor, direction)] : [])];
  const scan = (action?: string) =>
    db
      .select(columns)
      .from(auditLog)
      .where(and(...base, ...(action === undefined ? [] : [eq(auditLog.action, action)])))
      .orderBy(...order)
      .limit(limit);
  if (actions === undefined) return scan();
  if (actions.length === 0) return [];
  if (actions.length === 1) return scan(actions[0]);
  const [first, second, ...rest] = actions.map((action) => scan(action));
  const unionOrder = direction === "older" ? [sql`at DESC NULLS LAST`, sql`id DESC NULLS LAST`] : [sql`at ASC NULLS FIRST`, sql`id ASC NULLS FIRST`];
  return unionAll(first!, second!, ...rest)
    .orderBy(...unionOrder)
    .limit(limit);
}

function entryOf(row: Awaited<ReturnType<typeof readRows>>[number]): AuditLogEntry {
  const { cursorAt, ...rest } = row;
  return { ...rest, at: new Date(rest.at), cursor: { at: cursorAt, id: Number(rest.id) }, id: Number(rest.id) };
}

/**
 * G-7: one page of the audit log under `filters`. Without a position the newest page; `{ after }` the page after a
 * row (次へ), `{ before }` the page before one (前へ) — which is the newest page again when fewer than a page of
 * newer rows remain. A page is read with one row more than shown, to know whether another follows.
 */
export async function findAuditEntries(
  actor: StaffActor,
  filters: AuditFilters,
  position: AuditPosition = null,
  limit: number = AUDIT_PAGE_SIZE,
): Promise<AuditPage> {
  authorizeStaff(actor, "audit.read");
  const actions = await actionsOf(filters);
  if (position && "before" in position) {
    const newer = (await readRows(filters, actions, position.before, "newer", limit + 1)).map(entryOf);
    if (newer.length > limit) {
      const rows = newer.slice(0, limit).reverse();
      return { rows, newer: rows[0]!.cursor, older: rows[rows.length - 1]!.cursor };
    }
    return findAuditEntries(actor, filters, null, limit);
  }
  const after = position && "after" in position ? position.after : null;
  const read = (await readRows(filters, actions, after, "older", limit + 1)).map(entryOf);
  const rows = read.slice(0, limit);
  return { rows, older: read.length > limit ? rows[rows.length - 1]!.cursor : null, newer: after && rows.length ? rows[0]!.cursor : null };
}

/** G-7's export: every row under `filters`, newest first, in keyset chunks of `chunk` (one chunk in memory at a time). */
export async function* iterateAuditEntries(actor: StaffActor, filters: AuditFilters, chunk = 1000): AsyncGenerator<AuditLogEntry[]> {
  authorizeStaff(actor, "audit.read");
  const actions = await actionsOf(filters);
  let after: AuditCursor | null = null;
  for (;;) {
    const rows: AuditLogEntry[] = (await readRows(filters, actions, after, "older", chunk)).map(entryOf);
    if (rows.length) yield rows;
    if (rows.length < chunk) return;
    after = rows[rows.length - 1]!.cursor;
  }
}
