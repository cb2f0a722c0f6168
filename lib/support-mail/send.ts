import "server-only";
import { randomUUID } from "node:crypto";
import { render } from "@react-email/render";
import { mailPlainText } from "@/lib/mail/plain-text";
import { and, count, desc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { createElement } from "react";
import { getDb } from "@/db/client";
import { customerAccounts, mailOutbox, mailSubscriptions, supportInfoDeliveries, supportInfoMails } from "@/db/schema";
import SupportInformationMail from "@/emails/support-information";
import type { StaffActor } from "@/lib/auth/actor";
import { authorizeStaff } from "@/lib/auth/permissions";
import { staffAuditEvent, writeAudit, type AuditEvent } from "@/lib/audit";
import type { AuditAction } from "@/lib/audit/actions";
import { now } from "@/lib/clock";
import { siteConfig } from "@/lib/config/site";
import { enqueueMail } from "@/lib/mail/outbox";
import { UNSUBSCRIBE_TOKEN_DAYS, unsubscribeToken } from "./token";

// SPEC G-5 / M-12: marketers compose a Support Information mail (title, Markdown), preview it,
// send a test to themselves, then send it to every subscribed customer (E-2). Sending is a job: 「送信」 counts the
// subscribers and marks the mail `sending`; the job then walks the subscribers by account id in chunks, and each
// chunk — its outbox rows, its delivery records and the job's cursor — commits in one transaction. A crash or a
// deploy loses at most the chunk in flight, which was never committed; whoever resumes (the next job run: after the
// staff page's request, or the cron route) starts after the committed cursor. The delivery record's primary key
// (mail, customer) makes a second mail to one customer impossible, even for two runs at once; a lease keeps two
// instances off the same mail. The sent mail is a back number (E-3).

export const SUPPORT_MAIL_TEMPLATE = "M-12";
/** Subscribers per committed chunk. */
export const SEND_CHUNK = 500;
/** Mails per Resend batch request (the batch endpoint takes 100 at most). */
const BATCH_SIZE = 100;
const LEASE_MS = 60_000;
const TOKEN_SLOT = "__UNSUBSCRIBE_TOKEN__";

type Draft = { title: string; body: string };
export type SupportMailRow = {
  id: number;
  title: string;
  status: "draft" | "sending" | "sent";
  totalRecipients: number | null;
  enqueued: number;
  sentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

function urls() {
  const base = siteConfig().baseUrl.replace(/\/$/, "");
  return {
    unsubscribe: `${base}/api/mail/unsubscribe?token=${TOKEN_SLOT}`,
    settings: `${base}/account/mail`,
    backNumbers: `${base}/account/mail/back-numbers`,
  };
}

/** M-12 as it will be sent (the HTML and its plain-text part), with a slot where each subscriber's token goes. */
export async function renderSupportMail(mail: Draft): Promise<{ subject: string; html: string; text: string }> {
  const u = urls();
  const html = await render(
    createElement(SupportInformationMail, {
      title: mail.title,
      body: mail.body,
      unsubscribeUrl: u.unsubscribe,
      settingsUrl: u.settings,
      backNumbersUrl: u.backNumbers,
    }),
  );
  return { subject: mail.title, html, text: mailPlainText(html) };
}

/** The preview of G-5: the mail as a subscriber gets it, a sample token in its links. */
export async function previewSupportMail({ actor, mail }: { actor: StaffActor; mail: Draft }): Promise<{ subject: string; html: string; text: string }> {
  authorizeStaff(actor, "support-mail.send");
  const rendered = await renderSupportMail(mail);
  return { subject: rendered.subject, html: rendered.html.replaceAll(TOKEN_SLOT, "preview"), text: rendered.text.replaceAll(TOKEN_SLOT, "preview") };
}

function oneClick(token: string): Record<string, string> {
  return { "List-Unsubscribe": `<${urls().unsubscribe.replace(TOKEN_SLOT, token)}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

// --- drafts ----------------------------------------------------------------------------------------------------

/** A SupportMailRow: the list's columns, which the edit screen reads too. */
const rowColumns = {
  id: supportInfoMails.id,
  title: supportInfoMails.title,
  status: supportInfoMails.status,
  totalRecipients: supportInfoMails.totalRecipients,
  enqueued: supportInfoMails.enqueued,
  sentAt: supportInfoMails.sentAt,
  createdAt: supportInfoMails.createdAt,
  updatedAt: supportInfoMails.updatedAt,
};

export async function listSupportMails({ actor }: { actor: StaffActor }): Promise<SupportMailRow[]> {
  authorizeStaff(actor, "support-mail.send");
  const db = await getDb();
  return db.select(rowColumns).from(supportInfoMails).orderBy(desc(supportInfoMails.createdAt), desc(supportInfoMails.id));
}

export async function getSupportMail({
  actor,
  id,
}: {
  actor: StaffActor;
  id: number;
}): Promise<(SupportMailRow & { body: string; leaseUntil: Date | null }) | null> {
  authorizeStaff(actor, "support-mail.send");
  const db = await getDb();
  const [row] = await db
    .select({ ...rowColumns, body: supportInfoMails.body, leaseUntil: supportInfoMails.leaseUntil })
    .from(supportInfoMails)
    .where(eq(supportInfoMails.id, id));
  return row ?? null;
}

function audit(actor: StaffActor, action: AuditAction, mailId: number, details?: AuditEvent["details"]) {
  return staffAuditEvent(actor, action, { type: "support_info_mail", id: mailId }, details);
}

export async function createSupportMail({ actor, draft }: { actor: StaffActor; draft: Draft }): Promise<number> {
  authorizeStaff(actor, "support-mail.send");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(supportInfoMails)
      .values({ ...draft, status: "draft", createdByStaffId: actor.accountId, createdAt: now(), updatedAt: now() })
      .returning({ id: supportInfoMails.id });
    await writeAudit(audit(actor, "support-mail.created", row!.id, { title: draft.title }), tx);
    return row!.id;
  });
}

/** A draft only: a mail being sent or sent is what its subscribers got. */
export async function updateSupportMail({ actor, id, draft }: { actor: StaffActor; id: number; draft: Draft }): Promise<"updated" | "not_draft"> {
  authorizeStaff(actor, "support-mail.send");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(supportInfoMails)
      .set({ ...draft, updatedAt: now() })
      .where(and(eq(supportInfoMails.id, id), eq(supportInfoMails.status, "draft")))
      .returning({ id: supportInfoMails.id });
    if (!row) return "not_draft";
    await writeAudit(audit(actor, "support-mail.edited", id, { title: draft.title }), tx);
    return "updated";
  });
}

/** 「テスト送信」: the mail to the marketer's own address, subject marked as a test; no delivery record, no back number. */
export async function sendTestMail({ actor, id, subjectPrefix }: { actor: StaffActor; id: number; subjectPrefix: string }): Promise<boolean> {
  authorizeStaff(actor, "support-mail.send");
  const mail = await getSupportMail({ actor, id });
  if (!mail) return false;
  const u = urls();
  const db = await getDb();
  await db.transaction(async (tx) => {
    await enqueueMail(tx, {
      template: SUPPORT_MAIL_TEMPLATE,
      from: siteConfig().mailFrom.supportInfo,
      to: [actor.email],
      subject: `${subjectPrefix}${mail.title}`,
      // A staff address has no subscription: its links go to the settings page.
      body: createElement(SupportInformationMail, {
        title: mail.title,
        body: mail.body,
        unsubscribeUrl: u.settings,
        settingsUrl: u.settings,
        backNumbersUrl: u.backNumbers,
      }),
    });
    await writeAudit(audit(actor, "support-mail.test-sent", id, { to: actor.email }), tx);
  });
  return true;
}

// --- the send job ------------------------------------------------------------------------------------------------

function subscribed() {
  return eq(mailSubscriptions.subscribed, true);
}

/** How many customers would get the mail now (G-5's confirmation). */
export async function countSubscribers({ actor }: { actor: StaffActor }): Promise<number> {
  authorizeStaff(actor, "support-mail.send");
  const db = await getDb();
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(mailSubscriptions)
    .innerJoin(customerAccounts, eq(customerAccounts.id, mailSubscriptions.customerAccountId))
    .where(subscribed());
  return total;
}

/** 「送信する」: counts the subscribers and hands the draft to the job (once: a second press changes nothing). */
export async function startSending({ actor, id }: { actor: StaffActor; id: number }): Promise<"started" | "not_draft"> {
  authorizeStaff(actor, "support-mail.send");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [{ total } = { total: 0 }] = await tx
      .select({ total: count() })
      .from(mailSubscriptions)
      .innerJoin(customerAccounts, eq(customerAccounts.id, mailSubscriptions.customerAccountId))
      .where(subscribed());
    const [row] = await tx
      .update(supportInfoMails)
      .set({
        status: "sending",
        totalRecipients: total,
        enqueued: 0,
        cursorAccountId: 0,
        sendingStartedAt: now(),
        sentByStaffId: actor.accountId,
        updatedAt: now(),
      })
      .where(and(eq(supportInfoMails.id, id), eq(supportInfoMails.status, "draft")))
      .returning({ id: supportInfoMails.id });
    if (!row) return "not_draft";
    await writeAudit(audit(actor, "support-mail.send-started", id, { recipients: total }), tx);
    return "started";
  });
}

export type SendJobReport = { mails: number; chunks: number; enqueued: number; finished: number };

/** Raised by the `failAfterChunks` hook of the tests: a crash between two chunks. */
export class InjectedSendFailure extends Error {}

/**
 * Runs the send job for every mail in `sending` whose lease is free: chunk after chunk until its subscribers are
 * all enqueued, then the mail is `sent`. `failAfterChunks` (tests) throws after that many committed chunks.
 */
export async function runSendJobs(options: { chunkSize?: number; failAfterChunks?: number } = {}): Promise<SendJobReport> {
  const db = await getDb();
  const chunkSize = options.chunkSize ?? SEND_CHUNK;
  const report: SendJobReport = { mails: 0, chunks: 0, enqueued: 0, finished: 0 };
  for (;;) {
    const lease = new Date(now().getTime() + LEASE_MS);
    const free = db
      .select({ id: supportInfoMails.id })
      .from(supportInfoMails)
      .where(and(eq(supportInfoMails.status, "sending"), or(isNull(supportInfoMails.leaseUntil), lt(supportInfoMails.leaseUntil, now()))))
      .orderBy(supportInfoMails.id)
      .limit(1)
      .for("update", { skipLocked: true });
    const [mail] = await db.update(supportInfoMails).set({ leaseUntil: lease }).where(inArray(supportInfoMails.id, free)).returning();
    if (!mail) return report;
    report.mails++;
    const rendered = await renderSupportMail(mail);
    const from = siteConfig().mailFrom.supportInfo;
    let held = lease;
    for (;;) {
      if (options.failAfterChunks !== undefined && report.chunks >= options.failAfterChunks)
        throw new InjectedSendFailure(`injected failure after ${report.chunks} chunk(s)`);
      const next = new Date(now().getTime() + LEASE_MS);
      const done = await db.transaction(async (tx) => {
        // The lease is ours (fencing): another run that took over an expired lease makes this chunk roll back.
        const [own] = await tx
          .select({ cursor: supportInfoMails.cursorAccountId, enqueued: supportInfoMails.enqueued })
          .from(supportInfoMails)
          .where(and(eq(supportInfoMails.id, mail.id), eq(supportInfoMails.status, "sending"), eq(supportInfoMails.leaseUntil, held)))
          .for("update");
        if (!own) return "lost" as const;
        const recipients = await tx
          .select({ id: customerAccounts.id, email: customerAccounts.email })
          .from(mailSubscriptions)
          .innerJoin(customerAccounts, eq(customerAccounts.id, mailSubscriptions.customerAccountId))
          .where(and(subscribed(), gt(mailSubscriptions.customerAccountId, own.cursor)))
          .orderBy(mailSubscriptions.customerAccountId)
          .limit(chunkSize);
        if (recipients.length === 0) {
          await tx.update(supportInfoMails).set({ status: "sent", sentAt: now(), leaseUntil: null, updatedAt: now() }).where(eq(supportInfoMails.id, mail.id));
          await writeAudit(
            { actorType: "system", action: "support-mail.sent", targetType: "support_info_mail", targetId: mail.id, details: { enqueued: own.enqueued } },
            tx,
          );
          return "finished" as const;
        }
        // Whoever already has this mail (a resumed run after a commit it did not see) is skipped.
        const already = new Set(
          (
            await tx
              .select({ id: supportInfoDeliveries.customerAccountId })
              .from(supportInfoDeliveries)
              .where(
                and(
                  eq(supportInfoDeliveries.mailId, mail.id),
                  inArray(
                    supportInfoDeliveries.customerAccountId,
                    recipients.map((r) => r.id),
                  ),
                ),
              )
          ).map((r) => r.id),
        );
        const fresh = recipients.filter((r) => !already.has(r.id));
        const expires = new Date(now().getTime() + UNSUBSCRIBE_TOKEN_DAYS * 86_400_000);
        const at = now();
        const rows = fresh.map((recipient, index) => {
          const token = unsubscribeToken(recipient.id, expires);
          return {
            id: randomUUID(),
            template: SUPPORT_MAIL_TEMPLATE,
            fromAddress: from,
            toAddresses: [recipient.email],
            subject: rendered.subject,
            html: rendered.html.replaceAll(TOKEN_SLOT, token),
            text: rendered.text.replaceAll(TOKEN_SLOT, token),
            headers: oneClick(token),
            batchKey: `m12-${mail.id}-${recipients[0]!.id}-${Math.floor(index / BATCH_SIZE)}`,
            nextAttemptAt: at,
            createdAt: at,
          };
        });
        if (rows.length) {
          await tx.insert(mailOutbox).values(rows);
          // The primary key (mail, customer): a second row for one customer fails the whole chunk, never mails twice.
          await tx
            .insert(supportInfoDeliveries)
            .values(rows.map((row, index) => ({ mailId: mail.id, customerAccountId: fresh[index]!.id, outboxId: row.id, createdAt: at })));
        }
        await tx
          .update(supportInfoMails)
          .set({ cursorAccountId: recipients.at(-1)!.id, enqueued: sql`${supportInfoMails.enqueued} + ${rows.length}`, leaseUntil: next })
          .where(eq(supportInfoMails.id, mail.id));
        report.enqueued += rows.length;
        return "chunk" as const;
      });
      if (done !== "chunk") {
        if (done === "finished") report.finished++;
        break;
      }
      held = next;
      report.chunks++;
    }
  }
}

/** Progress for the staff page: subscribers counted, outbox rows made, and of those how many Resend took. */
export async function sendProgress({ actor, id }: { actor: StaffActor; id: number }): Promise<{ total: number; enqueued: number; delivered: number }> {
  authorizeStaff(actor, "support-mail.send");
  const db = await getDb();
  const [mail] = await db
    .select({ total: supportInfoMails.totalRecipients, enqueued: supportInfoMails.enqueued })
    .from(supportInfoMails)
    .where(eq(supportInfoMails.id, id));
  const [{ delivered } = { delivered: 0 }] = await db
    .select({ delivered: count() })
    .from(supportInfoDeliveries)
    .innerJoin(mailOutbox, eq(mailOutbox.id, supportInfoDeliveries.outboxId))
    .where(and(eq(supportInfoDeliveries.mailId, id), eq(mailOutbox.status, "sent")));
  return { total: mail?.total ?? 0, enqueued: mail?.enqueued ?? 0, delivered };
}
