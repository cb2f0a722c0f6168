import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { createdAtColumn } from "./columns";

export const outboxStatus = pgEnum("mail_outbox_status", ["pending", "sending", "sent", "failed"]);

// SPEC M delivery: written in the transaction of the change that causes the mail, delivered by lib/mail/worker.
// The id is the provider's idempotency key, so a retry after a lost response never sends twice.
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: text("id").primaryKey(),
    // Insertion order: "newest first" must not depend on two mails having different timestamps.
    seq: bigserial("seq", { mode: "number" }).notNull(),
    template: text("template").notNull(),
    fromAddress: text("from_address").notNull(),
    toAddresses: text("to_addresses").array().notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    // Extra mail headers (M-12: RFC 8058 List-Unsubscribe and List-Unsubscribe-Post).
    headers: jsonb("headers").$type<Record<string, string>>(),
    // Mails enqueued as one batch (M-12's chunks): delivered together through Resend's batch endpoint, under this key
    // as the idempotency key, and retried together.
    batchKey: text("batch_key"),
    status: outboxStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    // A claim: a worker owns the row until then; a crashed worker's claim simply runs out.
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    providerMessageId: text("provider_message_id"),
    createdAt: createdAtColumn(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    // Hot path: the worker's claim of due rows.
    index("mail_outbox_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} IN ('pending', 'sending')`),
    index("mail_outbox_seq_idx").on(t.seq.desc()),
    // The development mailbox and tests look mails up by recipient.
    index("mail_outbox_to_idx").using("gin", t.toAddresses),
    index("mail_outbox_failed_idx")
      .on(t.createdAt)
      .where(sql`${t.status} = 'failed'`),
    index("mail_outbox_batch_idx")
      .on(t.batchKey)
      .where(sql`${t.batchKey} IS NOT NULL`),
  ],
);

export type OutboxMail = typeof mailOutbox.$inferSelect;
