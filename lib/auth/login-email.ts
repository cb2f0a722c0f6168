import "server-only";
import { and, gt, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { licenseContracts } from "@/db/schema";
import { now } from "@/lib/clock";
import { isContactOf, oldestVisibleEndDate, VISIBLE_STATUSES } from "@/lib/licenses/visibility";
import { normaliseEmail } from "@/lib/security/email";

export { normaliseEmail };

/**
 * The login e-mail rule (SPEC Roles, manual ご利用の前に): an address is a login e-mail while it is the current
 * 契約窓口 or サポート窓口 address (A-9 aware: the same contact condition as B-0) of a contract that is 有効 or
 * 期限切れ within the 6-year window.
 */
export async function isLoginEmail(db: Executor, email: string): Promise<boolean> {
  const at = now();
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(licenseContracts)
    .where(and(isContactOf(email, at), inArray(licenseContracts.status, [...VISIBLE_STATUSES]), gt(licenseContracts.endDate, oldestVisibleEndDate(at))))
    .limit(1);
  return rows.length > 0;
}
