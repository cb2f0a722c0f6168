import { arrayOverlaps, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { MailLayout } from "@/emails/layout";
import { advanceClock, now, setClock } from "@/lib/clock";
import { enqueueMail } from "@/lib/mail/outbox";
import { deliverOutbox } from "@/lib/mail/worker";
import { startFakeResend } from "../support/fake-resend";

let fake: Awaited<ReturnType<typeof startFakeResend>>;
let sequence = 0;
/** Every address this file's mails go to (lower-cased, as the outbox keeps them): its own rows, and no others. */
const addresses = new Set<string>();

function testMail(to: string) {
  sequence += 1;
  addresses.add(to.toLowerCase());
  return {
    template: "test",
    from: "eCustomer@example.test",
    to: [to],
    subject: `件名 ${sequence}`,
    body: (
      <MailLayout preview="プレビュー">
        <p>本文 {sequence}</p>
      </MailLayout>
    ),
  };
}

async function mailsTo(address: string) {
  const db = await getDb();
  return db
    .select()
    .from(mailOutbox)
    .where(sql`${address} = ANY(${mailOutbox.toAddresses})`);
}

beforeAll(async () => {
  fake = await startFakeResend();
});
afterAll(async () => {
  await fake.close();
});
afterEach(async () => {
  process.env.RESEND_API_KEY = "";
  delete process.env.RESEND_BASE_URL;
  // Leave no due mail of ours behind for the next test.
  const db = await getDb();
  await db.delete(mailOutbox).where(arrayOverlaps(mailOutbox.toAddresses, [...addresses]));
});

function useFakeResend() {
  process.env.RESEND_API_KEY = "re_test_key";
  process.env.RESEND_BASE_URL = fake.baseUrl;
  fake.received.length = 0;
  fake.delivered.clear();
}

describe("outbox writes (SPEC M: the change and its mail commit together)", () => {
  it("leaves no outbox row when the transaction rolls back", async () => {
    const db = await getDb();
    await expect(
      db.transaction(async (tx) => {
        await enqueueMail(tx, testMail("rollback@example.test"));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await mailsTo("rollback@example.test")).toHaveLength(0);
  });

  it("keeps the mail, rendered as HTML and plain text, when the transaction commits", async () => {
    const db = await getDb();
    const id = await db.transaction((tx) => enqueueMail(tx, { ...testMail("Commit@Example.test"), subject: "【トレンドマイクロ】テスト" }));
    const [row] = await mailsTo("commit@example.test");
    expect(row?.id).toBe(id);
    expect(row?.status).toBe("pending");
    expect(row?.html).toContain("<html");
    expect(row?.text).toContain("本文");
    expect(row?.text).not.toContain("<p");
  });

  it("leaves mails in the outbox when no Resend key is configured", async () => {
    const db = await getDb();
    await db.transaction((tx) => enqueueMail(tx, testMail("stays@example.test")));
    expect(await deliverOutbox()).toEqual({ claimed: 0, sent: 0, retried: 0, failed: 0 });
    expect((await mailsTo("stays@example.test"))[0]?.status).toBe("pending");
  });
});

describe("delivery through Resend (the HTTP edge is faked, nothing inside it)", () => {
  it("retries a 500 and delivers exactly once, with the outbox id as idempotency key", async () => {
    useFakeResend();
    setClock(new Date("2026-11-24T01:00:00Z"));
    const db = await getDb();
    const id = await db.transaction((tx) => enqueueMail(tx, testMail("retry@example.test")));

    fake.respondWith({ status: 500 });
    expect(await deliverOutbox()).toMatchObject({ claimed: 1, sent: 0, retried: 1 });
    const [afterFailure] = await mailsTo("retry@example.test");
    expect(afterFailure?.status).toBe("pending");
    expect(afterFailure?.attempts).toBe(1);
    expect(afterFailure?.nextAttemptAt.getTime()).toBeGreaterThan(now().getTime());

    // Not due yet: nothing is claimed before the backoff has passed.
    expect((await deliverOutbox()).claimed).toBe(0);
    advanceClock(60 * 60 * 1000);
    expect(await deliverOutbox()).toMatchObject({ claimed: 1, sent: 1 });
    expect((await deliverOutbox()).claimed).toBe(0);

    expect(fake.received).toHaveLength(2);
    expect(fake.received.map((r) => r.idempotencyKey)).toEqual([id, id]);
    expect(fake.received[0]?.authorization).toBe("Bearer re_test_key");
    expect(fake.delivered.size).toBe(1);
    const [sent] = await mailsTo("retry@example.test");
    expect(sent?.status).toBe("sent");
    expect(sent?.providerMessageId).toBe(fake.delivered.get(id));
  });

  it("waits at least as long as a 429's Retry-After", async () => {
    useFakeResend();
    setClock(new Date("2026-11-24T02:00:00Z"));
    const db = await getDb();
    await db.transaction((tx) => enqueueMail(tx, testMail("ratelimit@example.test")));
    fake.respondWith({ status: 429, headers: { "retry-after": "7200" }, body: { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" } });
    expect((await deliverOutbox()).retried).toBe(1);
    const [row] = await mailsTo("ratelimit@example.test");
    expect(row!.nextAttemptAt.getTime() - now().getTime()).toBeGreaterThanOrEqual(7200 * 1000);
  });

  it("marks a mail failed, with the reason, on a permanent error or after the last attempt", async () => {
    useFakeResend();
    setClock(new Date("2026-11-24T03:00:00Z"));
    const db = await getDb();
    await db.transaction((tx) => enqueueMail(tx, testMail("invalid@example.test")));
    fake.respondWith({ status: 422, body: { statusCode: 422, name: "validation_error", message: "Invalid `to` field" } });
    expect((await deliverOutbox()).failed).toBe(1);
    const [invalid] = await mailsTo("invalid@example.test");
    expect(invalid?.status).toBe("failed");
    expect(invalid?.lastError).toContain("validation_error");

    process.env.MAIL_MAX_ATTEMPTS = "3";
    try {
      await db.transaction((tx) => enqueueMail(tx, testMail("flaky@example.test")));
      for (let attempt = 1; attempt <= 3; attempt++) {
        fake.respondWith({ status: 503 });
        await deliverOutbox();
        advanceClock(2 * 60 * 60 * 1000);
      }
      const [flaky] = await mailsTo("flaky@example.test");
      expect(flaky?.status).toBe("failed");
      expect(flaky?.attempts).toBe(3);
      expect((await deliverOutbox()).claimed).toBe(0);
    } finally {
      delete process.env.MAIL_MAX_ATTEMPTS;
    }
  });

  it("never hands one mail to two concurrent workers", async () => {
    useFakeResend();
    const db = await getDb();
    const ids = await db.transaction(async (tx) => Promise.all(Array.from({ length: 8 }, () => enqueueMail(tx, testMail("bulk@example.test")))));
    const reports = await Promise.all([deliverOutbox({ limit: 5 }), deliverOutbox({ limit: 5 }), deliverOutbox({ limit: 5 })]);
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(8);
    expect(new Set(fake.received.map((r) => r.idempotencyKey))).toEqual(new Set(ids));
    expect(fake.received).toHaveLength(8);
  });

  it("takes back a mail whose worker died mid-send once its lease runs out, with the same key", async () => {
    useFakeResend();
    setClock(new Date("2026-11-24T04:00:00Z"));
    const db = await getDb();
    const id = await db.transaction((tx) => enqueueMail(tx, testMail("crash@example.test")));
    // A worker claimed it and vanished before recording the outcome.
    await db
      .update(mailOutbox)
      .set({ status: "sending", attempts: 1, lockedUntil: new Date(now().getTime() + 120_000) })
      .where(eq(mailOutbox.id, id));
    expect((await deliverOutbox()).claimed).toBe(0);
    advanceClock(121_000);
    expect(await deliverOutbox()).toMatchObject({ claimed: 1, sent: 1 });
    expect(fake.received.map((r) => r.idempotencyKey)).toEqual([id]);
  });
});
