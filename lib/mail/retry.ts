import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { staffAuditEvent, writeAudit } from "@/lib/audit";
import type { StaffActor } from "@/lib/auth/actor";
import { authorizeStaff } from "@/lib/auth/permissions";
import { now } from "@/lib/clock";

/**
 * SPEC M: a staff member puts a mail that failed delivery back in the queue (after the cause — a full mailbox, a
 * typo fixed at the provider — is gone). Exactly once per failure: only a `failed` row moves, in one UPDATE, with
 * its audit entry in the same transaction; the worker then delivers it under the same idempotency key.
 */
export async function retryFailedMail({ actor, mailId }: { actor: StaffActor; mailId: string }): Promise<{ ok: true } | { ok: false; reason: "not_failed" }> {
  authorizeStaff(actor, "outbox.retry");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(mailOutbox)
      .set({ status: "pending", attempts: 0, nextAttemptAt: now(), lockedUntil: null, lastError: null })
      .where(and(eq(mailOutbox.id, mailId), eq(mailOutbox.status, "failed")))
      .returning({ id: mailOutbox.id, template: mailOutbox.template });
    if (!row) return { ok: false, reason: "not_failed" } as const;
    await writeAudit(staffAuditEvent(actor, "staff.outbox_retry", { type: "mail", id: row.id }, { template: row.template }), tx);
    return { ok: true } as const;
  });
}
