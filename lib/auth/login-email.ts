import "server-only";
import { and, eq, gt, inArray, lte, or, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { contractContacts, licenseContracts } from "@/db/schema";
import { now } from "@/lib/clock";
import { addToIsoDate, tokyoDate } from "@/lib/dates";

export function normaliseEmail(email: string): string {
  return email.normalize("NFKC").trim().toLowerCase();
}

/**
 * The login e-mail rule (SPEC Roles, manual ご利用の前に): an address is a login e-mail while it is the current
 * 契約窓口 or サポート窓口 address of a contract that is 有効 or 期限切れ within the 6-year window. A-9: a changed
 * address counts from its effective time (next day 00:00 JST); until then the previous address keeps counting.
 */
export function contactEmailMatches(email: string, at: Date) {
  return or(
    and(eq(contractContacts.email, email), lte(contractContacts.emailEffectiveAt, at)),
    and(eq(contractContacts.previousEmail, email), gt(contractContacts.emailEffectiveAt, at)),
  );
}

export async function isLoginEmail(db: Executor, email: string): Promise<boolean> {
  const at = now();
  const sixYearsAgo = addToIsoDate(tokyoDate(at), { years: -6 });
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(contractContacts)
    .innerJoin(licenseContracts, eq(licenseContracts.licenseId, contractContacts.licenseId))
    .where(and(contactEmailMatches(normaliseEmail(email), at), inArray(licenseContracts.status, ["active", "expired"]), gt(licenseContracts.endDate, sixYearsAgo)))
    .limit(1);
  return rows.length > 0;
}
