import { sql } from "drizzle-orm";
import { bigint, date, index, integer, pgEnum, pgTable, serial, smallint, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAtColumn, updatedAtColumn } from "./columns";
import { customerAccountIdColumn } from "./accounts";
import { licenseIdColumn } from "./contracts";
import { mailOutbox } from "./mail";

// N-3 / M-13 renewal reminders (issue 30, beyond the manual).

export const reminderSendStatus = pgEnum("reminder_send_status", ["sent", "skipped"]);

// What the job did for one contract, 契約終了日, threshold (90/60/30 days before it) and address — exactly once: the
// unique key makes a second run, a run that resumes and a day run twice write nothing more. Written in the transaction
// of the outbox row (M-13) it causes. `skipped`: the address opted out (reason opted_out), or a farther threshold whose
// day passed while the job did not run (reason superseded: never sent late on top of the nearer one). A renewed
// contract (a new end date) is a new series.
export const reminderSends = pgTable(
  "reminder_sends",
  {
    id: serial("id").primaryKey(),
    licenseId: licenseIdColumn("cascade"),
    endDate: date("end_date", { mode: "string" }).notNull(),
    threshold: smallint("threshold").notNull(),
    email: text("email").notNull(),
    status: reminderSendStatus("status").notNull(),
    reason: text("reason"),
    // The Tokyo date of the run that wrote it (the dashboard's day).
    runDate: date("run_date", { mode: "string" }).notNull(),
    outboxId: text("outbox_id").references(() => mailOutbox.id, { onDelete: "set null" }),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex("reminder_sends_once_uq").on(t.licenseId, t.endDate, t.threshold, t.email), index("reminder_sends_run_date_idx").on(t.runDate)],
);

// A customer's "no reminders" at E-2 or from the mail's one-click link: for one contract (license_id), or for every
// contract of the address (license_id null). Keyed on the address the reminders go to (a login e-mail is a contact's).
export const reminderOptOuts = pgTable(
  "reminder_opt_outs",
  {
    id: serial("id").primaryKey(),
    email: text("email").notNull(),
    licenseId: bigint("license_id", { mode: "number" }),
    createdAt: createdAtColumn(),
  },
  (t) => [unique("reminder_opt_outs_uq").on(t.email, t.licenseId).nullsNotDistinct()],
);

// One row per Tokyo day the job ran: the dashboard's line (runs, sent, skipped; failed is read from the outbox). A run
// that stopped needs no cursor: what it wrote is in reminder_sends, and the next run does the rest.
export const reminderRuns = pgTable("reminder_runs", {
  runDate: date("run_date", { mode: "string" }).primaryKey(),
  runs: integer("runs").notNull().default(0),
  sent: integer("sent").notNull().default(0),
  skipped: integer("skipped").notNull().default(0),
  startedAt: timestamp("started_at", { withTimezone: true }),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
  updatedAt: updatedAtColumn(),
});

// N-5: the secret of a login's end-date calendar feed (/licenses/calendar.ics?token=…). Only its SHA-256 is kept; one
// active token per login (revoking it at アカウント設定 makes the feed a 404, a new one replaces it).
export const calendarFeedTokens = pgTable(
  "calendar_feed_tokens",
  {
    id: serial("id").primaryKey(),
    customerAccountId: customerAccountIdColumn("cascade"),
    tokenHash: text("token_hash").notNull(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex("calendar_feed_tokens_hash_uq").on(t.tokenHash),
    uniqueIndex("calendar_feed_tokens_active_uq")
      .on(t.customerAccountId)
      .where(sql`${t.revokedAt} IS NULL`),
  ],
);

export type ReminderSend = typeof reminderSends.$inferSelect;
