import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { rowsOf, toNumber } from "@/db/sql";
import { contactChangeRequests, contractProducts, issuanceRequests, issuanceTokens, licenseContracts, products } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import { addToIsoDate, tokyoDate } from "@/lib/dates";
import { ENDING_WITHIN_DAYS, type EndingWithinDays } from "@/lib/validation/licenses";
import { visibleTo } from "./visibility";

// N-1 概要: what a signed-in customer's top page shows above the service menu — their visible contracts by 契約状況,
// those whose support ends within 30, 60 and 90 days (the list's own filter, N-2), the last codes issued on them, and
// what is still open: company-name changes under review (B-5 / G-3) and issuance links mailed and not yet used (C).
//
// One statement: the visible contracts (B-0, in the WHERE, as every read) are a materialised CTE that each part reads
// — counted once, joined by license ID to the lines, the requests and the links, each part by its own index. Nothing
// the customer may not see is counted: every part goes through `visible`.

/** How many of each are listed (the counts are whole). */
export const OVERVIEW_LIMITS = { codes: 5, nameChanges: 5, issuances: 5 } as const;

export type Overview = {
  active: number;
  expired: number;
  endingWithin: Record<EndingWithinDays, number>;
  recentCodes: { lineId: number; licenseId: number; productName: string; quantity: number; activationCode: string; issuedAt: Date }[];
  nameChanges: { id: number; licenseId: number; role: "contract" | "support"; requestedCompanyName: string; requestedAt: Date; dueDate: string }[];
  nameChangeCount: number;
  waitingIssuances: { id: number; licenseId: number; kind: string; expiresAt: Date }[];
  waitingIssuanceCount: number;
};

type Row = {
  active: unknown;
  expired: unknown;
  within30: unknown;
  within60: unknown;
  within90: unknown;
  codes: unknown;
  name_changes: unknown;
  name_change_count: unknown;
  issuances: unknown;
  issuance_count: unknown;
};

/** JSON from the database: postgres.js gives json as text when nested in a row on some paths; PGlite parses it. */
function json<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

export async function getOverview({ actor }: { actor: Pick<CustomerActor, "email" | "accountId"> }): Promise<Overview> {
  const at = now();
  const today = tokyoDate(at);
  const until = (days: number) => addToIsoDate(today, { days });
  const db = await getDb();
  const limit = OVERVIEW_LIMITS;
  const result = await db.execute(sql`
    WITH visible AS MATERIALIZED (
      SELECT ${licenseContracts.licenseId} AS license_id, ${licenseContracts.status} AS status,
             ${licenseContracts.supportEndDate} AS support_end_date
      FROM ${licenseContracts} WHERE ${visibleTo(actor.email, at)}
    ),
    counts AS (
      SELECT count(*) FILTER (WHERE status = 'active') AS active,
             count(*) FILTER (WHERE status = 'expired') AS expired,
             count(*) FILTER (WHERE support_end_date BETWEEN ${today} AND ${until(30)}) AS within30,
             count(*) FILTER (WHERE support_end_date BETWEEN ${today} AND ${until(60)}) AS within60,
             count(*) FILTER (WHERE support_end_date BETWEEN ${today} AND ${until(90)}) AS within90
      FROM visible
    ),
    codes AS (
      SELECT ${contractProducts.id} AS line_id, visible.license_id, ${products.name} AS product_name,
             ${contractProducts.quantity} AS quantity, ${contractProducts.activationCode} AS activation_code,
             ${contractProducts.createdAt} AS issued_at
      FROM visible
      JOIN ${contractProducts} ON ${contractProducts.licenseId} = visible.license_id
      JOIN ${products} ON ${products.id} = ${contractProducts.productId}
      WHERE ${contractProducts.source} = 'issued' AND ${contractProducts.activationCode} IS NOT NULL
      ORDER BY ${contractProducts.createdAt} DESC, ${contractProducts.id} DESC
      LIMIT ${limit.codes}
    ),
    name_changes AS (
      SELECT ${contactChangeRequests.id} AS id, visible.license_id, ${contactChangeRequests.role} AS role,
             ${contactChangeRequests.requestedCompanyName} AS requested_company_name,
             ${contactChangeRequests.createdAt} AS requested_at, ${contactChangeRequests.dueDate} AS due_date,
             count(*) OVER () AS total
      FROM visible
      JOIN ${contactChangeRequests} ON ${contactChangeRequests.licenseId} = visible.license_id
      WHERE ${contactChangeRequests.status} = 'pending'
      ORDER BY ${contactChangeRequests.createdAt} DESC, ${contactChangeRequests.id} DESC
      LIMIT ${limit.nameChanges}
    ),
    issuances AS (
      SELECT ${issuanceRequests.id} AS id, visible.license_id, ${issuanceRequests.kind} AS kind,
             max(${issuanceTokens.expiresAt}) AS expires_at, count(*) OVER () AS total
      FROM visible
      JOIN ${issuanceRequests} ON ${issuanceRequests.licenseId} = visible.license_id
      JOIN ${issuanceTokens} ON ${issuanceTokens.requestId} = ${issuanceRequests.id}
      WHERE ${issuanceRequests.customerAccountId} = ${actor.accountId} AND ${issuanceRequests.status} = 'requested'
        AND ${issuanceTokens.usedAt} IS NULL AND ${issuanceTokens.expiresAt} > ${at.toISOString()}::timestamptz
      GROUP BY ${issuanceRequests.id}, visible.license_id, ${issuanceRequests.kind}
      ORDER BY expires_at ASC, ${issuanceRequests.id} ASC
      LIMIT ${limit.issuances}
    )
    SELECT counts.*,
      (SELECT coalesce(json_agg(codes), '[]'::json) FROM codes) AS codes,
      (SELECT coalesce(json_agg(name_changes), '[]'::json) FROM name_changes) AS name_changes,
      (SELECT coalesce(max(total), 0) FROM name_changes) AS name_change_count,
      (SELECT coalesce(json_agg(issuances), '[]'::json) FROM issuances) AS issuances,
      (SELECT coalesce(max(total), 0) FROM issuances) AS issuance_count
    FROM counts`);
  const [row] = rowsOf<Row>(result);
  if (!row) throw new Error("The overview query returned no row");
  const codes = json<{ line_id: number; license_id: number; product_name: string; quantity: number; activation_code: string; issued_at: string }[]>(row.codes);
  const nameChanges = json<
    { id: number; license_id: number; role: "contract" | "support"; requested_company_name: string; requested_at: string; due_date: string }[]
  >(row.name_changes);
  const issuances = json<{ id: number; license_id: number; kind: string; expires_at: string }[]>(row.issuances);
  const within = { 30: row.within30, 60: row.within60, 90: row.within90 } as Record<EndingWithinDays, unknown>;
  return {
    active: toNumber(row.active),
    expired: toNumber(row.expired),
    endingWithin: Object.fromEntries(ENDING_WITHIN_DAYS.map((days) => [days, toNumber(within[days])])) as Record<EndingWithinDays, number>,
    recentCodes: codes.map((c) => ({
      lineId: c.line_id,
      licenseId: toNumber(c.license_id),
      productName: c.product_name,
      quantity: c.quantity,
      activationCode: c.activation_code,
      issuedAt: new Date(c.issued_at),
    })),
    nameChanges: nameChanges.map((r) => ({
      id: r.id,
      licenseId: toNumber(r.license_id),
      role: r.role,
      requestedCompanyName: r.requested_company_name,
      requestedAt: new Date(r.requested_at),
      dueDate: r.due_date,
    })),
    nameChangeCount: toNumber(row.name_change_count),
    waitingIssuances: issuances.map((r) => ({ id: r.id, licenseId: toNumber(r.license_id), kind: r.kind, expiresAt: new Date(r.expires_at) })),
    waitingIssuanceCount: toNumber(row.issuance_count),
  };
}
