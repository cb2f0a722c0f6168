import "server-only";
import { and, eq, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { mailOutbox, type OutboxMail } from "@/db/schema";
import { rowsOf } from "@/db/sql";
import { now } from "@/lib/clock";
import { type BatchTransport, isDeliveryConfigured, resendBatchTransport, resendTransport, type MailTransport } from "./transport";

export type DeliveryReport = { claimed: number; sent: number; retried: number; failed: number };

const LEASE_MS = 2 * 60 * 1000;

function settings() {
  return {
    maxAttempts: Math.max(1, Number(process.env.MAIL_MAX_ATTEMPTS) || 8),
    baseDelayMs: Math.max(0, Number(process.env.MAIL_RETRY_BASE_MS) || 30_000),
    maxDelayMs: 60 * 60 * 1000,
  };
}

/** Exponential backoff with jitter (half fixed, half random), never earlier than the provider's Retry-After. */
export function retryDelayMs(attempts: number, retryAfterMs: number | undefined, random: () => number = Math.random): number {
  const { baseDelayMs, maxDelayMs } = settings();
  const exponential = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential / 2 + (random() * exponential) / 2;
  return Math.max(jittered, retryAfterMs ?? 0);
}

/**
 * Delivers due outbox mails. Rows are claimed with FOR UPDATE SKIP LOCKED and a lease, so concurrent workers
 * (after() on several instances, the cron route) never take the same mail; a worker that dies mid-send leaves a
 * lease that runs out, and the resend uses the same idempotency key. Without a Resend key nothing is claimed.
 * A batch (rows sharing a batch key: M-12's chunks) is claimed whole and goes out in one request to Resend's batch
 * endpoint under that key, all or none, and is retried whole.
 */
export async function deliverOutbox(options: { limit?: number; transport?: MailTransport; batchTransport?: BatchTransport } = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { claimed: 0, sent: 0, retried: 0, failed: 0 };
  const configured = isDeliveryConfigured();
  const transport = options.transport ?? (configured ? resendTransport : undefined);
  // A transport given alone (tests) sends a batch's mails one by one with it.
  const batchTransport = options.batchTransport ?? (options.transport ? undefined : configured ? resendBatchTransport : undefined);
  if (!transport) return report;
  const db = await getDb();
  const { maxAttempts } = settings();
  const at = now();

  const claimable = and(
    inArray(mailOutbox.status, ["pending", "sending"]),
    lte(mailOutbox.nextAttemptAt, at),
    or(isNull(mailOutbox.lockedUntil), lt(mailOutbox.lockedUntil, at)),
  );
  const limit = options.limit ?? 25;
  const claim = { status: "sending" as const, attempts: sql`${mailOutbox.attempts} + 1`, lockedUntil: new Date(at.getTime() + LEASE_MS) };
  // Single mails first (a customer's link or code is never queued behind a newsletter): each due row is taken by one
  // worker (FOR UPDATE SKIP LOCKED), `limit` at a time. The ids are read first and then updated, in one transaction:
  // as a subquery of the UPDATE (`id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)`), PostgreSQL may run the
  // subquery again per row and every run skips what the last one locked, so one worker claimed a whole backlog of
  // 600 under one lease (found by the two-instance smoke, tests/deploy/two-instances.test.ts).
  const claimed: OutboxMail[] = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(and(claimable, isNull(mailOutbox.batchKey)))
      .orderBy(mailOutbox.nextAttemptAt)
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(mailOutbox)
      .set(claim)
      .where(
        inArray(
          mailOutbox.id,
          due.map((row) => row.id),
        ),
      )
      .returning();
  });
  // A batch (M-12's chunks) is claimed whole or not at all. Row locks alone let two workers each take part of one
  // batch and send both parts under the batch's one idempotency key, and the provider keeps only the first part (found
  // by the two-instance smoke, tests/deploy/two-instances.test.ts). A transaction-scoped advisory lock on the key makes one worker the
  // batch's only claimant; the lease it writes keeps every other worker off once it commits.
  const dueBatches = await db
    .select({ key: mailOutbox.batchKey })
    .from(mailOutbox)
    .where(and(claimable, isNotNull(mailOutbox.batchKey)))
    .groupBy(mailOutbox.batchKey)
    .orderBy(sql`min(${mailOutbox.nextAttemptAt})`)
    .limit(Math.max(1, Math.ceil(limit / 25)));
  for (const { key } of dueBatches) {
    const batch = await db.transaction(async (tx) => {
      const [lock] = rowsOf<{ locked: boolean }>(await tx.execute(sql`SELECT pg_try_advisory_xact_lock(hashtextextended(${key}, 0)) AS locked`));
      if (!lock?.locked) return [];
      return tx
        .update(mailOutbox)
        .set(claim)
        .where(and(claimable, eq(mailOutbox.batchKey, key!)))
        .returning();
    });
    claimed.push(...batch);
  }
  report.claimed = claimed.length;

  const groups = new Map<string, OutboxMail[]>();
  for (const mail of claimed) {
    const key = mail.batchKey && batchTransport ? `batch:${mail.batchKey}` : `mail:${mail.id}`;
    groups.set(key, [...(groups.get(key) ?? []), mail]);
  }
  for (const [key, mails] of groups) {
    let outcome: Awaited<ReturnType<BatchTransport>>;
    try {
      outcome = key.startsWith("batch:") ? await batchTransport!(mails, mails[0]!.batchKey!) : await transport(mails[0]!);
    } catch (error) {
      outcome = { ok: false, retryable: true, error: error instanceof Error ? error.message.slice(0, 500) : "transport error" };
    }
    // One retry time for the whole group, and its rows written together: a batch stays one unit to claim again.
    const nextAttemptAt = outcome.ok ? undefined : new Date(now().getTime() + retryDelayMs(mails[0]!.attempts, outcome.retryAfterMs));
    await db.transaction(async (tx) => {
      for (const [index, mail] of mails.entries()) {
        const owned = and(eq(mailOutbox.id, mail.id), eq(mailOutbox.status, "sending"));
        if (outcome.ok) {
          const providerMessageId = outcome.providerMessageIds?.[index] ?? outcome.providerMessageId;
          await tx.update(mailOutbox).set({ status: "sent", sentAt: now(), providerMessageId, lockedUntil: null, lastError: null }).where(owned);
          report.sent++;
        } else if (outcome.retryable && mail.attempts < maxAttempts) {
          await tx.update(mailOutbox).set({ status: "pending", nextAttemptAt, lockedUntil: null, lastError: outcome.error }).where(owned);
          report.retried++;
        } else {
          // SPEC M: a failed state that staff can see (lib/mail/queries listOutbox), never silently dropped.
          await tx.update(mailOutbox).set({ status: "failed", lockedUntil: null, lastError: outcome.error }).where(owned);
          report.failed++;
          console.error(`[mail] outbox ${mail.id} (${mail.template}) failed after ${mail.attempts} attempt(s): ${outcome.error}`);
        }
      }
    });
  }
  return report;
}
