import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { rowsOf } from "@/db/sql";
import { contactChangeRequests, contractHistory, customerAccounts, licenseContracts, renewalQuotes } from "@/db/schema";
import { describeHistoryChange, historyActionLabel, type LabelledLine } from "@/lib/audit/labels";
import type { CustomerActor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import type { RootTranslator } from "@/lib/i18n";
import { formatHistoryCursor, historyCursorSchema, type HistoryCursor, type HistorySource } from "@/lib/validation/history";
import { visibleTo } from "./visibility";

// N-4 変更履歴 for the customer: one list, newest first, of
//   - the contract's history rows (G-6 shows the same rows to staff, with the same labels: lib/audit/labels.ts),
//   - its company-name changes still under review (their outcome is a history row of its own),
//   - the reference renewal prices shown for it (B-4).
// One statement: the contract is read with B-0 in the WHERE (visibleTo); every source joins that one row, so a
// contract the customer may not see has no history (undefined → 404), not an empty one.
// Keyset paging over the UNION ALL by (created_at, source, id) descending, created_at in microseconds as PostgreSQL
// keeps it (a Date would round two rows a few µs apart to one position). Who acted: the customer's address when a
// customer did; staff and system only as the vendor — a staff address is never selected (`actor_email` only under
// actor_type = 'customer'), so it cannot reach a page, a CSV or an RSC payload.

/** B-2 shows this many of the newest entries, with a link to the whole history; its page shows HISTORY_PAGE_SIZE. */
export const HISTORY_PREVIEW_SIZE = 5;
export const HISTORY_PAGE_SIZE = 50;

/** An entry's action: a contract_history action (lib/audit/actions.ts), or one of the two other sources. */
export const NAME_CHANGE_PENDING = "name_change.pending";
export const RENEWAL_QUOTED = "renewal.quoted";

export type HistoryEntry = {
  /** This entry's position: the `before` of the page after it. */
  cursor: string;
  source: HistorySource;
  id: number;
  at: Date;
  /** The customer's own address; null for the vendor (staff, the system), or a customer account since deleted. */
  actor: { type: "customer"; email: string | null } | { type: "vendor" };
  action: string;
  before: unknown;
  after: unknown;
};

export type HistoryPage = { entries: HistoryEntry[]; next: string | null };

type Row = {
  license_id: unknown;
  source: HistorySource | null;
  id: number | null;
  at_us: string | null;
  actor_type: "customer" | "staff" | "system" | null;
  actor_email: string | null;
  action: string | null;
  before: string | null;
  after: string | null;
};

/**
 * A page of the contract's history, newest first: `limit` entries after `before` (exclusive), and the cursor of the
 * next page when there is one. Undefined when the contract is not one the customer may see (B-0).
 */
export async function listContractHistory({
  actor,
  licenseId,
  before,
  limit,
}: {
  actor: Pick<CustomerActor, "email">;
  licenseId: number;
  before?: HistoryCursor;
  limit: number;
}): Promise<HistoryPage | undefined> {
  const db = await getDb();
  const h = contractHistory;
  const r = contactChangeRequests;
  const q = renewalQuotes;
  const after = before ? sql`WHERE (at_us, source, id) < (${before.atMicros}::bigint, ${before.source}::text, ${before.id}::integer)` : sql``;
  const result = await db.execute(sql`
    WITH contract AS (
      SELECT ${licenseContracts.licenseId} AS license_id FROM ${licenseContracts}
      WHERE ${licenseContracts.licenseId} = ${licenseId} AND ${visibleTo(actor.email, now())}
    ),
    entries AS (
      SELECT 'history'::text AS source, ${h.id} AS id, ${h.createdAt} AS created_at, ${h.actorType}::text AS actor_type,
             CASE WHEN ${h.actorType} = 'customer' THEN ${h.actorEmail} END AS actor_email,
             ${h.action} AS action, ${h.before}::text AS before, ${h.after}::text AS after
      FROM contract JOIN ${h} ON ${h.licenseId} = contract.license_id
      UNION ALL
      SELECT 'request'::text, ${r.id}, ${r.createdAt}, 'customer', ${customerAccounts.email}, ${NAME_CHANGE_PENDING}::text,
             json_build_object(${r.role}::text || '.companyName', ${r.before}->'companyName',
                               ${r.role}::text || '.branchName', ${r.before}->'branchName')::text,
             json_build_object(${r.role}::text || '.companyName', ${r.requestedCompanyName},
                               ${r.role}::text || '.branchName', ${r.requestedBranchName}, 'dueDate', ${r.dueDate})::text
      FROM contract JOIN ${r} ON ${r.licenseId} = contract.license_id
      LEFT JOIN ${customerAccounts} ON ${customerAccounts.id} = ${r.customerAccountId}
      WHERE ${r.status} = 'pending'
      UNION ALL
      SELECT 'quote'::text, ${q.id}, ${q.createdAt}, 'customer', ${customerAccounts.email}, ${RENEWAL_QUOTED}::text, NULL,
             json_build_object('totalYen', ${q.totalYen})::text
      FROM contract JOIN ${q} ON ${q.licenseId} = contract.license_id
      LEFT JOIN ${customerAccounts} ON ${customerAccounts.id} = ${q.customerAccountId}
    ),
    positioned AS (
      SELECT *, (extract(epoch FROM created_at) * 1000000)::bigint AS at_us FROM entries
    )
    SELECT contract.license_id, page.source, page.id, page.at_us::text AS at_us, page.actor_type, page.actor_email,
           page.action, page.before, page.after
    FROM contract LEFT JOIN LATERAL (
      SELECT * FROM positioned ${after} ORDER BY at_us DESC, source DESC, id DESC LIMIT ${limit + 1}
    ) page ON true
    ORDER BY page.at_us DESC, page.source DESC, page.id DESC`);
  const rows = rowsOf<Row>(result);
  if (rows.length === 0) return undefined;
  const entries = rows.filter((row) => row.id !== null).map(entryOf);
  const more = entries.length > limit;
  const shown = entries.slice(0, limit);
  return { entries: shown, next: more ? shown.at(-1)!.cursor : null };
}

/** Every entry of the contract's history, newest first, a page at a time (the CSV). Nothing when it is not visible. */
export async function* iterateContractHistory({
  actor,
  licenseId,
  pageSize = 500,
}: {
  actor: Pick<CustomerActor, "email">;
  licenseId: number;
  pageSize?: number;
}): AsyncGenerator<HistoryEntry[]> {
  let before: HistoryCursor | undefined;
  for (;;) {
    const page = await listContractHistory({ actor, licenseId, before, limit: pageSize });
    if (!page || page.entries.length === 0) return;
    yield page.entries;
    if (!page.next) return;
    before = historyCursorSchema.parse(page.next);
  }
}

function entryOf(row: Row): HistoryEntry {
  const atMicros = row.at_us!;
  const source = row.source!;
  const id = row.id!;
  return {
    cursor: formatHistoryCursor({ atMicros, source, id }),
    source,
    id,
    at: new Date(Math.floor(Number(atMicros) / 1000)),
    actor: row.actor_type === "customer" ? { type: "customer", email: row.actor_email } : { type: "vendor" },
    action: row.action!,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
  };
}

// --- in words (B-2, the history page and its CSV say the same) ---------------------------------------------------

export type DescribedEntry = { actor: string; action: string; lines: LabelledLine[] };

/**
 * An entry as the customer reads it: who (their address, or 「トレンドマイクロ」), what (the action's label: the history
 * rows' from auditLabels as G-6 shows them) and each field's before → after (lib/audit/labels.ts).
 */
export function describeHistoryEntry(t: RootTranslator, entry: HistoryEntry): DescribedEntry {
  const actor = entry.actor.type === "vendor" ? t("licenses.history.vendor") : (entry.actor.email ?? t("licenses.history.customer"));
  if (entry.source === "quote") {
    const { totalYen } = entry.after as { totalYen: number };
    const label = t("licenses.history.total");
    const value = t("renewal.yen", { amount: totalYen });
    return { actor, action: t("licenses.history.renewalQuoted"), lines: [{ label, value, text: t("auditLabels.value", { label, value }) }] };
  }
  if (entry.source === "request") {
    const { dueDate, ...requested } = entry.after as Record<string, unknown>;
    return {
      actor,
      action: t("licenses.history.nameChangePending"),
      lines: [...describeHistoryChange(t, entry.before, requested), ...describeHistoryChange(t, null, { dueDate })],
    };
  }
  return { actor, action: historyActionLabel(t, entry.action), lines: describeHistoryChange(t, entry.before, entry.after) };
}
