import { sql } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, primaryKey, serial, text, timestamp } from "drizzle-orm/pg-core";
import { customerAccountIdColumn, customerAccounts, staffAccounts } from "./accounts";
import { mailOutbox } from "./mail";
import { createdAtColumn, updatedAtColumn } from "./columns";

// F-1: インフォメーション. Shown only while published and inside its window.
export const noticeCategory = pgEnum("notice_category", ["support_news", "site"]);

export const notices = pgTable(
  "notices",
  {
    id: serial("id").primaryKey(),
    category: noticeCategory("category").notNull(),
    title: text("title").notNull(),
    // Markdown, rendered safely (no raw HTML) on the page.
    body: text("body").notNull(),
    important: boolean("important").notNull().default(false),
    publishFrom: timestamp("publish_from", { withTimezone: true }),
    publishUntil: timestamp("publish_until", { withTimezone: true }),
    createdByStaffId: integer("created_by_staff_id").references(() => staffAccounts.id),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  // Hot path: the top page's "published now, newest first".
  (t) => [
    index("notices_published_idx")
      .on(t.publishFrom.desc())
      .where(sql`${t.publishFrom} IS NOT NULL`),
  ],
);

// E-2 / G-5: Support Information mails, their subscribers and a once-only delivery record per subscriber.
export const supportInfoStatus = pgEnum("support_info_status", ["draft", "sending", "sent"]);

export const supportInfoMails = pgTable(
  "support_info_mails",
  {
    id: serial("id").primaryKey(),
    title: text("title").notNull(),
    // Markdown: the mail (M-12) and its back number (E-3) are both rendered from it.
    body: text("body").notNull(),
    status: supportInfoStatus("status").notNull().default("draft"),
    // G-5's send job: the subscribers counted when 「送信」 was pressed, how many have an outbox row, and the last
    // customer account id done — the chunk a resumed job starts after. A lease keeps two instances off one chunk.
    totalRecipients: integer("total_recipients"),
    enqueued: integer("enqueued").notNull().default(0),
    cursorAccountId: integer("cursor_account_id").notNull().default(0),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    sendingStartedAt: timestamp("sending_started_at", { withTimezone: true }),
    sentByStaffId: integer("sent_by_staff_id").references(() => staffAccounts.id),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdByStaffId: integer("created_by_staff_id").references(() => staffAccounts.id),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    index("support_info_mails_sent_idx")
      .on(t.sentAt.desc())
      .where(sql`${t.status} = 'sent'`),
  ],
);

export const mailSubscriptions = pgTable("mail_subscriptions", {
  customerAccountId: integer("customer_account_id")
    .primaryKey()
    .references(() => customerAccounts.id, { onDelete: "cascade" }),
  subscribed: boolean("subscribed").notNull(),
  updatedAt: updatedAtColumn(),
});

// G-5: the primary key makes "never mails a customer twice" a database fact; a resumed send skips existing rows.
export const supportInfoDeliveries = pgTable(
  "support_info_deliveries",
  {
    mailId: integer("mail_id")
      .notNull()
      .references(() => supportInfoMails.id, { onDelete: "cascade" }),
    customerAccountId: customerAccountIdColumn("cascade"),
    outboxId: text("outbox_id").references(() => mailOutbox.id),
    createdAt: createdAtColumn(),
  },
  // The outbox row's key: deleting or purging outbox rows checks this reference, a scan of every delivery without it.
  (t) => [primaryKey({ columns: [t.mailId, t.customerAccountId] }), index("support_info_deliveries_outbox_idx").on(t.outboxId)],
);

export type Notice = typeof notices.$inferSelect;
export type NoticeCategory = (typeof noticeCategory.enumValues)[number];
