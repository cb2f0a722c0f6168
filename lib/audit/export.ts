import "server-only";
import { type AuditLogEntry, iterateAuditEntries } from "@/lib/audit/log";
import type { AuditFilters, AuditQuery } from "@/lib/audit/query";
import type { StaffActor } from "@/lib/auth/actor";
import { authorizeStaff } from "@/lib/auth/permissions";
import { staffAuditEvent, writeAudit } from "@/lib/audit";

export type AuditRow = AuditLogEntry;

/**
 * G-7: the audit log as the page shows it under the same filters, newest first, in keyset chunks on (at, id)
 * (lib/audit/log.ts), so that an export of millions of rows holds one chunk in memory and never slows down
 * with OFFSET. The export itself is audited first, with the filters as the page's query carries them (no secret is
 * ever a filter; writeAudit drops secret-looking keys all the same).
 */
export async function* iterateAuditLog({
  actor,
  filters = {},
  query = {},
  chunk = 1000,
}: {
  actor: StaffActor;
  filters?: AuditFilters;
  query?: AuditQuery;
  chunk?: number;
}): AsyncGenerator<AuditRow[]> {
  authorizeStaff(actor, "audit.read");
  await writeAudit(staffAuditEvent(actor, "staff.audit_export", undefined, Object.keys(query).length ? { ...query } : undefined));
  yield* iterateAuditEntries(actor, filters, chunk);
}
