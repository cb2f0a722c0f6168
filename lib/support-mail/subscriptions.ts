import "server-only";
import { and, count, desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { mailSubscriptions, supportInfoMails } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { stopAllReminders } from "@/lib/reminders/opt-outs";
import { isReminderToken, verifyReminderUnsubscribeToken, verifyUnsubscribeToken } from "./token";

// E-2 メール配信設定 and E-3 バックナンバー. A customer receives Support Information mails
// only after choosing to (no row, or `subscribed = false`: none) — the manual's checkbox is the customer's choice,
// and a mail nobody asked for is what 特定電子メール法 forbids. The one-click link of every M-12 (RFC 8058) turns it
// off without a login; a GET of that link only shows a button (a mail scanner's prefetch unsubscribes nobody).

export async function isSubscribed(actor: Pick<CustomerActor, "accountId">): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ subscribed: mailSubscriptions.subscribed })
    .from(mailSubscriptions)
    .where(eq(mailSubscriptions.customerAccountId, actor.accountId));
  return row?.subscribed ?? false;
}

/** E-2 「OK」: the choice, whatever it was before, and an audit row of it, together. */
export async function setSubscription({ actor, subscribed }: { actor: CustomerActor; subscribed: boolean }): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .insert(mailSubscriptions)
      .values({ customerAccountId: actor.accountId, subscribed, updatedAt: now() })
      .onConflictDoUpdate({ target: mailSubscriptions.customerAccountId, set: { subscribed, updatedAt: now() } });
    await writeAudit(
      {
        actorType: "customer",
        actorId: actor.accountId,
        actorEmail: actor.email,
        action: "mail.subscription",
        targetType: "customer_account",
        targetId: actor.accountId,
        clientAddress: actor.clientAddress,
        details: { subscribed, via: "settings" },
      },
      tx,
    );
  });
}

export type UnsubscribeOutcome = "unsubscribed" | "invalid" | "expired";

/**
 * The one-click unsubscribe (RFC 8058 POST, or the confirm page's button): the token is the only authority. An M-12
 * token stops the Support Information mails of its account; an M-13 token (N-3) every renewal reminder to its address.
 */
export async function unsubscribeWithToken({ token, clientAddress }: { token: string; clientAddress: string | null }): Promise<UnsubscribeOutcome> {
  if (isReminderToken(token)) {
    const reminder = verifyReminderUnsubscribeToken(token, now());
    if (!reminder.ok) return reminder.reason;
    await stopAllReminders(reminder.email, clientAddress);
    return "unsubscribed";
  }
  const check = verifyUnsubscribeToken(token, now());
  if (!check.ok) return check.reason;
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(mailSubscriptions)
      .set({ subscribed: false, updatedAt: now() })
      .where(and(eq(mailSubscriptions.customerAccountId, check.customerAccountId), eq(mailSubscriptions.subscribed, true)))
      .returning({ id: mailSubscriptions.customerAccountId });
    // Unsubscribing twice is still "unsubscribed", audited once.
    if (row)
      await writeAudit(
        {
          actorType: "customer",
          actorId: check.customerAccountId,
          action: "mail.subscription",
          targetType: "customer_account",
          targetId: check.customerAccountId,
          clientAddress,
          details: { subscribed: false, via: "one-click" },
        },
        tx,
      );
  });
  return "unsubscribed";
}

// --- E-3 ---------------------------------------------------------------------------------------------------------

export type BackNumber = { id: number; title: string; sentAt: Date };
export const BACK_NUMBERS_PER_PAGE = 20;

/** Sent Support Information mails, newest first, a page at a time. */
export async function listBackNumbers(page: number): Promise<{ items: BackNumber[]; total: number }> {
  const db = await getDb();
  const sent = eq(supportInfoMails.status, "sent");
  const [items, [{ total } = { total: 0 }]] = await Promise.all([
    db
      .select({ id: supportInfoMails.id, title: supportInfoMails.title, sentAt: supportInfoMails.sentAt })
      .from(supportInfoMails)
      .where(sent)
      .orderBy(desc(supportInfoMails.sentAt), desc(supportInfoMails.id))
      .limit(BACK_NUMBERS_PER_PAGE)
      .offset((page - 1) * BACK_NUMBERS_PER_PAGE),
    db.select({ total: count() }).from(supportInfoMails).where(sent),
  ]);
  return { items: items.map((item) => ({ ...item, sentAt: item.sentAt! })), total };
}

export async function getBackNumber(id: number): Promise<(BackNumber & { body: string }) | null> {
  const db = await getDb();
  const [row] = await db
    .select({ id: supportInfoMails.id, title: supportInfoMails.title, body: supportInfoMails.body, sentAt: supportInfoMails.sentAt })
    .from(supportInfoMails)
    .where(and(eq(supportInfoMails.id, id), eq(supportInfoMails.status, "sent")));
  return row ? { ...row, sentAt: row.sentAt! } : null;
}
