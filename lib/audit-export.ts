import "server-only";
import { desc, lt } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { writeAudit } from "@/lib/audit";

export type AuditRow = { id: number; at: Date; actorType: string; actorEmail: string | null; action: string; targetType: string | null; targetId: string | null; clientAddress: string | null; details: unknown };

/**
 * G-7: the audit log, newest first, in keyset pages (`id < last`), so an export of millions of rows holds one
 * chunk in memory and never slows down with OFFSET. The export itself is audited.
 */
export async function* iterateAuditLog({ actor, chunk = 1000 }: { actor: StaffActor; chunk?: number }): AsyncGenerator<AuditRow[]> {
  await writeAudit({ actorType: "staff", actorId: actor.accountId, actorEmail: actor.email, action: "staff.audit_export", clientAddress: actor.clientAddress });
  const db = await getDb();
  let before: number | undefined;
  for (;;) {
    const rows = await db
      .select({ id: auditLog.id, at: auditLog.at, actorType: auditLog.actorType, actorEmail: auditLog.actorEmail, action: auditLog.action, targetType: auditLog.targetType, targetId: auditLog.targetId, clientAddress: auditLog.clientAddress, details: auditLog.details })
      .from(auditLog)
      .where(before === undefined ? undefined : lt(auditLog.id, before))
      .orderBy(desc(auditLog.id))
      .limit(chunk);
    if (rows.length) yield rows;
    if (rows.length < chunk) return;
    before = rows[rows.length - 1]!.id;
  }
}
