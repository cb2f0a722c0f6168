import "server-only";
import { and, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { mailOutbox, type OutboxMail } from "@/db/schema";
import { now } from "@/lib/clock";
import { isDeliveryConfigured, resendTransport, type MailTransport } from "./transport";

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
 */
export async function deliverOutbox(options: { limit?: number; transport?: MailTransport } = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { claimed: 0, sent: 0, retried: 0, failed: 0 };
  const transport = options.transport ?? (isDeliveryConfigured() ? resendTransport : undefined);
  if (!transport) return report;
  const db = await getDb();
  const { maxAttempts } = settings();
  const at = now();

  const due = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(inArray(mailOutbox.status, ["pending", "sending"]), lte(mailOutbox.nextAttemptAt, at), or(isNull(mailOutbox.lockedUntil), lt(mailOutbox.lockedUntil, at))))
    .orderBy(mailOutbox.nextAttemptAt)
    .limit(options.limit ?? 25)
    .for("update", { skipLocked: true });
  const claimed: OutboxMail[] = await db
    .update(mailOutbox)
    .set({ status: "sending", attempts: sql`${mailOutbox.attempts} + 1`, lockedUntil: new Date(at.getTime() + LEASE_MS) })
    .where(inArray(mailOutbox.id, due))
    .returning();
  report.claimed = claimed.length;

  for (const mail of claimed) {
    let outcome: Awaited<ReturnType<MailTransport>>;
    try {
      outcome = await transport(mail);
    } catch (error) {
      outcome = { ok: false, retryable: true, error: error instanceof Error ? error.message.slice(0, 500) : "transport error" };
    }
    const owned = and(eq(mailOutbox.id, mail.id), eq(mailOutbox.status, "sending"));
    if (outcome.ok) {
      await db.update(mailOutbox).set({ status: "sent", sentAt: now(), providerMessageId: outcome.providerMessageId, lockedUntil: null, lastError: null }).where(owned);
      report.sent++;
    } else if (outcome.retryable && mail.attempts < maxAttempts) {
      const nextAttemptAt = new Date(now().getTime() + retryDelayMs(mail.attempts, outcome.retryAfterMs));
      await db.update(mailOutbox).set({ status: "pending", nextAttemptAt, lockedUntil: null, lastError: outcome.error }).where(owned);
      report.retried++;
    } else {
      // SPEC M: a failed state that staff can see (lib/mail/queries listOutbox), never silently dropped.
      await db.update(mailOutbox).set({ status: "failed", lockedUntil: null, lastError: outcome.error }).where(owned);
      report.failed++;
      console.error(`[mail] outbox ${mail.id} (${mail.template}) failed after ${mail.attempts} attempt(s): ${outcome.error}`);
    }
  }
  return report;
}
