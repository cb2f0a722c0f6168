import { and, count, eq, inArray, like, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, customerAccounts, mailOutbox, mailSubscriptions, supportInfoDeliveries, supportInfoMails } from "@/db/schema";
import type { CustomerActor, StaffActor } from "@/lib/auth/actor";
import { resetClock, setClock } from "@/lib/clock";
import { deliverOutbox } from "@/lib/mail/worker";
import {
  createSupportMail,
  InjectedSendFailure,
  previewSupportMail,
  runSendJobs,
  sendProgress,
  sendTestMail,
  startSending,
  updateSupportMail,
} from "@/lib/support-mail/send";
import { getBackNumber, isSubscribed, listBackNumbers, setSubscription, unsubscribeWithToken } from "@/lib/support-mail/subscriptions";
import { unsubscribeToken, verifyUnsubscribeToken } from "@/lib/support-mail/token";
import { createSentSupportMail, createStaffActor, createSubscriber } from "../support/factories";

// SPEC E-2, E-3, G-5, M-12 on the real database (issue 14): the send job over 10,000 subscribers, crashed mid-way
// by an injected failure and resumed, makes exactly one outbox row per subscriber; the unsubscribe token; the
// subscription setting; drafts; the back numbers.

let marketer: StaffActor;
let user: CustomerActor;
let other: CustomerActor;

// No demo seed: a send goes to every subscriber of the database, so this file's are the only ones (its own
// customers, and the 10,000 the first test adds and removes), and it switches only their subscriptions.
beforeAll(async () => {
  marketer = await createStaffActor({ role: "marketer", clientAddress: "10.14.0.2" });
  [user, other] = await Promise.all([createSubscriber({ clientAddress: "10.14.0.1" }), createSubscriber({ clientAddress: "10.14.0.1" })]);
});

afterEach(() => resetClock());

/** This file's subscriptions off but `keep`'s, so that a test's send reaches only the subscribers it makes. */
async function onlySubscribed(...keep: number[]) {
  const db = await getDb();
  await db
    .update(mailSubscriptions)
    .set({ subscribed: inArray(mailSubscriptions.customerAccountId, keep.length ? keep : [0]) })
    .where(inArray(mailSubscriptions.customerAccountId, [user.accountId, other.accountId]));
}

describe("G-5 the send job", () => {
  // 10,000 rows through the whole job: a time budget of its own (the default 30 s is for ordinary tests), so that a
  // busy 2-core machine running other files beside it does not fail a job that is right; nothing here times anything.
  it("sends to 10,000 subscribers in chunks; killed after 7 chunks and resumed, it makes exactly 10,000 outbox rows, one per subscriber", async () => {
    const db = await getDb();
    await onlySubscribed();
    await db.execute(sql`INSERT INTO customer_accounts (email) SELECT 'sub' || n || '@bulk.example.jp' FROM generate_series(1, 10000) AS n`);
    await db.execute(
      sql`INSERT INTO mail_subscriptions (customer_account_id, subscribed) SELECT id, true FROM customer_accounts WHERE email LIKE '%@bulk.example.jp'`,
    );

    const id = await createSupportMail({ actor: marketer, draft: { title: "Support Information：一斉送信の検証", body: "本文です。\n\n- 項目 1\n- 項目 2" } });
    expect(await startSending({ actor: marketer, id })).toBe("started");
    expect(await startSending({ actor: marketer, id }), "a second press").toBe("not_draft");
    await expect(runSendJobs({ chunkSize: 500, failAfterChunks: 7 })).rejects.toBeInstanceOf(InjectedSendFailure);

    const [midway] = await db.select().from(supportInfoMails).where(eq(supportInfoMails.id, id));
    expect({ status: midway!.status, total: midway!.totalRecipients, enqueued: midway!.enqueued }).toEqual({
      status: "sending",
      total: 10_000,
      enqueued: 3_500,
    });
    expect(await sendProgress({ actor: marketer, id })).toEqual({ total: 10_000, enqueued: 3_500, delivered: 0 });
    // The crashed run's lease runs out; the next run starts after the committed cursor.
    setClock(new Date(Date.now() + 120_000));
    const resumed = await runSendJobs({ chunkSize: 500 });
    expect(resumed).toMatchObject({ mails: 1, chunks: 13, enqueued: 6_500, finished: 1 });
    expect(await runSendJobs(), "nothing left to do").toEqual({ mails: 0, chunks: 0, enqueued: 0, finished: 0 });

    const [rows] = await db
      .select({ rows: count(), recipients: sql<number>`count(DISTINCT ${mailOutbox.toAddresses}[1])::int` })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.template, "M-12"), like(sql`${mailOutbox.toAddresses}[1]`, "%@bulk.example.jp")));
    expect(rows).toEqual({ rows: 10_000, recipients: 10_000 });
    const [deliveries] = await db.select({ n: count() }).from(supportInfoDeliveries).where(eq(supportInfoDeliveries.mailId, id));
    expect(deliveries!.n).toBe(10_000);
    const [sent] = await db.select().from(supportInfoMails).where(eq(supportInfoMails.id, id));
    expect({ status: sent!.status, enqueued: sent!.enqueued }).toEqual({ status: "sent", enqueued: 10_000 });
    expect(
      (
        await db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.action, "support-mail.sent"), eq(auditLog.targetId, String(id))))
      )[0]?.details,
    ).toEqual({ enqueued: 10_000 });

    // Each mail names its subscriber's own one-click link, in the body and in the RFC 8058 headers.
    const [sample] = await db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.template, "M-12"), sql`${mailOutbox.toAddresses}[1] = 'sub4321@bulk.example.jp'`));
    const [account] = await db.select().from(customerAccounts).where(eq(customerAccounts.email, "sub4321@bulk.example.jp"));
    const link = /<(http[^>]+\/api\/mail\/unsubscribe\?token=([^>]+))>/.exec(sample!.headers!["List-Unsubscribe"]!)!;
    expect(sample!.headers!["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(verifyUnsubscribeToken(link[2]!, new Date())).toEqual({ ok: true, customerAccountId: account!.id });
    expect(sample!.html).toContain(link[1]!.replaceAll("&", "&amp;"));
    expect(sample!.text).toContain(link[1]!);
    expect(sample!.batchKey).toMatch(/^m12-/);

    await db.delete(supportInfoDeliveries).where(eq(supportInfoDeliveries.mailId, id));
    await db.delete(mailOutbox).where(like(sql`${mailOutbox.toAddresses}[1]`, "%@bulk.example.jp"));
    await db.delete(customerAccounts).where(like(customerAccounts.email, "%@bulk.example.jp"));
  }, 120_000);

  it("delivers a chunk's mails as Resend batches of up to 100 under their batch key, all or none", async () => {
    await onlySubscribed(user.accountId, other.accountId);
    const id = await createSupportMail({ actor: marketer, draft: { title: "Support Information：バッチ配信", body: "本文" } });
    await startSending({ actor: marketer, id });
    await runSendJobs();
    const batches: { key: string; to: string[][] }[] = [];
    const report = await deliverOutbox({
      limit: 1,
      transport: async () => ({ ok: false, retryable: false, error: "a batch must not go one by one" }),
      batchTransport: async (mails, key) => {
        batches.push({ key, to: mails.map((m) => m.toAddresses) });
        return { ok: true, providerMessageId: null, providerMessageIds: mails.map((m) => `re_${m.id}`) };
      },
    });
    // One due row claimed its whole batch: both subscribers in one request.
    expect(report).toMatchObject({ claimed: 2, sent: 2 });
    expect(batches).toEqual([{ key: expect.stringMatching(/^m12-/), to: expect.arrayContaining([[user.email], [other.email]]) }]);
    expect(await sendProgress({ actor: marketer, id })).toEqual({ total: 2, enqueued: 2, delivered: 2 });
  });
});

describe("E-2 and the one-click unsubscribe", () => {
  it("keeps the customer's choice, audited; a subscriber's mail and nobody else's", async () => {
    await onlySubscribed(user.accountId, other.accountId);
    expect(await isSubscribed(user)).toBe(true);
    await setSubscription({ actor: user, subscribed: false });
    expect(await isSubscribed(user)).toBe(false);
    expect(await isSubscribed(other)).toBe(true);
    const db = await getDb();
    const [row] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "mail.subscription"), eq(auditLog.actorId, user.accountId)))
      .orderBy(sql`${auditLog.id} DESC`)
      .limit(1);
    expect(row!.details).toEqual({ subscribed: false, via: "settings" });
    await setSubscription({ actor: user, subscribed: true });
  });

  it("unsubscribes with its own valid token only: a forged, altered (another customer's id) or expired token changes nothing", async () => {
    await onlySubscribed(user.accountId, other.accountId);
    const expires = new Date(Date.now() + 86_400_000);
    const token = unsubscribeToken(user.accountId, expires);
    const [, expiry, signature] = token.split(".");
    for (const bad of [
      `${other.accountId}.${expiry}.${signature}`,
      `${user.accountId}.${Number(expiry) + 1}.${signature}`,
      `${user.accountId}.${expiry}.${"A".repeat(43)}`,
      "1.2",
      "",
      `${token}x`,
      "../../etc",
    ]) {
      expect(await unsubscribeWithToken({ token: bad, clientAddress: null }), bad).toBe("invalid");
    }
    const stale = unsubscribeToken(user.accountId, new Date(Date.now() + 1000));
    setClock(new Date(Date.now() + 5000));
    expect(await unsubscribeWithToken({ token: stale, clientAddress: null })).toBe("expired");
    resetClock();
    expect(await isSubscribed(user)).toBe(true);
    expect(await isSubscribed(other)).toBe(true);
    expect(await unsubscribeWithToken({ token, clientAddress: "10.14.0.3" })).toBe("unsubscribed");
    expect(await unsubscribeWithToken({ token, clientAddress: "10.14.0.3" }), "twice").toBe("unsubscribed");
    expect(await isSubscribed(user)).toBe(false);
    expect(await isSubscribed(other)).toBe(true);
    await setSubscription({ actor: user, subscribed: true });
  });
});

describe("G-5 drafts, the test send and E-3", () => {
  it("edits a draft only, sends a test to the marketer alone, and shows a sent mail as a back number from the same Markdown", async () => {
    const db = await getDb();
    await onlySubscribed();
    const id = await createSupportMail({
      actor: marketer,
      draft: {
        title: "Support Information：下書き",
        body: "**太字** と [リンク](https://example.com)\n\n<script>alert(1)</script>\n\n[危険](javascript:alert(1))",
      },
    });
    expect(
      await updateSupportMail({
        actor: marketer,
        id,
        draft: {
          title: "Support Information：下書き（改）",
          body: "**太字** と [リンク](https://example.com)\n\n<script>alert(1)</script>\n\n[危険](javascript:alert(1))",
        },
      }),
    ).toBe("updated");
    const preview = await previewSupportMail({
      actor: marketer,
      mail: { title: "t", body: "<img src=x onerror=alert(1)>\n\n[a](javascript:alert(1)) [b](https://example.com)" },
    });
    expect(preview.html).not.toMatch(/<script|onerror|javascript:/i);
    expect(preview.html).toContain('rel="noopener noreferrer"');
    expect(preview.text).toContain("/api/mail/unsubscribe?token=preview");

    expect(await sendTestMail({ actor: marketer, id, subjectPrefix: "【テスト送信】" })).toBe(true);
    const [test] = await db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.template, "M-12"), sql`${mailOutbox.toAddresses} = ARRAY[${marketer.email}]::text[]`));
    expect(test!.subject).toBe("【テスト送信】Support Information：下書き（改）");
    expect(test!.html).toContain("<strong>太字</strong>");
    expect(test!.html).not.toMatch(/<script|javascript:/i);
    expect(await getBackNumber(id), "a draft is no back number").toBeNull();

    await startSending({ actor: marketer, id });
    expect(await updateSupportMail({ actor: marketer, id, draft: { title: "x", body: "y" } })).toBe("not_draft");
    await runSendJobs();
    const back = await getBackNumber(id);
    expect(back).toMatchObject({ id, title: "Support Information：下書き（改）" });
    // Three earlier back numbers (as the demo's): the total counts every sent mail, not only the page's.
    for (const daysAgo of [7, 37, 70]) await createSentSupportMail({ daysAgo });
    const { items, total } = await listBackNumbers(1);
    expect(items.find((item) => item.id === id)).toMatchObject({ title: "Support Information：下書き（改）" });
    expect(total).toBeGreaterThanOrEqual(4);
  });
});
