import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import { resetClock, setClock } from "@/lib/clock";
import { addToIsoDate, startOfTokyoDay } from "@/lib/dates";
import { listVisibleContracts } from "@/lib/licenses/queries";
import { M13, reminderDay, runReminders, runRemindersIfDue } from "@/lib/reminders/job";
import { reminderSendDay } from "@/lib/reminders/schedule";
import { getReminderSettings, setReminderSettings } from "@/lib/reminders/opt-outs";
import { reminderDashboardFor } from "@/lib/staff-area/dashboard";
import { unsubscribeWithToken } from "@/lib/support-mail/subscriptions";
import { reminderUnsubscribeToken, unsubscribeToken } from "@/lib/support-mail/token";
import { auditRowsOf, createContract, createCustomer, createProduct, createStaffActor, customerActor, uniqueEmail } from "../support/factories";

// N-3 / M-13 on a controlled clock: the job run day after day sends each threshold once per contract, end date and
// address — whatever days it misses or repeats — lists an address's contracts of a day in one mail, starts a new
// series for a renewed contract, sends nothing to an address that opted out, nor for a contract B-0 does not show.

const D0 = "2027-03-01";
/** 09:00 in Tokyo on `day` days after D0. */
const morningOf = (day: number) => new Date(startOfTokyoDay(addToIsoDate(D0, { days: day })).getTime() + 9 * 3_600_000);

afterEach(() => resetClock());

async function sendsOf(licenseIds: number[]) {
  const db = await getDb();
  return db.select().from(s.reminderSends).where(inArray(s.reminderSends.licenseId, licenseIds)).orderBy(asc(s.reminderSends.id));
}

async function mailsTo(address: string) {
  const db = await getDb();
  return db
    .select()
    .from(s.mailOutbox)
    .where(and(eq(s.mailOutbox.template, M13), sql`${address} = ANY(${s.mailOutbox.toAddresses})`))
    .orderBy(asc(s.mailOutbox.seq));
}

describe("N-3 the renewal reminder job over 120 days", () => {
  it("sends 90, 60 and 30 once each per contract and address — two days missed, one run twice — and nothing opted out or not shown", async () => {
    setClock(morningOf(0));
    const product = await createProduct();
    const keiyaku = uniqueEmail("keiyaku");
    const support = uniqueEmail("support");
    const end = addToIsoDate(D0, { days: 100 });
    // A and B: the same 契約窓口 and end date (one mail each time, listing both); A has a サポート窓口 of its own.
    const a = await createContract({ product, contractEmail: keiyaku, supportEmail: support, endDate: end });
    const b = await createContract({ product, contractEmail: keiyaku, endDate: end });
    // C: renewed on day 30 (a new end date): the old series stops, a new one starts.
    const renewedEmail = uniqueEmail("renewed");
    const c = await createContract({ product, contractEmail: renewedEmail, endDate: addToIsoDate(D0, { days: 70 }) });
    // D: its address opted out of this contract; E: of everything; F: hidden at the customer's request (B-0 (5)).
    const optedOutEmail = uniqueEmail("optout");
    const d = await createContract({ product, contractEmail: optedOutEmail, endDate: end });
    const allOffEmail = uniqueEmail("alloff");
    const e = await createContract({ product, contractEmail: allOffEmail, endDate: end });
    const f = await createContract({ product, contractEmail: uniqueEmail("hidden"), endDate: end, hidden: true });
    const db = await getDb();
    await db.insert(s.reminderOptOuts).values([
      { email: optedOutEmail, licenseId: d.licenseId },
      { email: allOffEmail, licenseId: null },
    ]);

    const renewedEnd = addToIsoDate(D0, { days: 115 });
    const missed = new Set([12, 13]);
    for (let day = 0; day < 120; day++) {
      if (missed.has(day)) continue;
      setClock(morningOf(day));
      if (day === 30)
        await db.update(s.licenseContracts).set({ endDate: renewedEnd, supportEndDate: renewedEnd }).where(eq(s.licenseContracts.licenseId, c.licenseId));
      await runReminders();
      if (day === 40) expect((await runReminders()).reminders, "the same day again sends nothing").toBe(0);
    }

    const sends = await sendsOf([a.licenseId, b.licenseId, c.licenseId, d.licenseId, e.licenseId, f.licenseId]);
    const sentTo = (licenseId: number, email: string, endDate: string) =>
      sends
        .filter((r) => r.licenseId === licenseId && r.email === email && r.endDate === endDate && r.status === "sent")
        .map((r) => r.threshold)
        .sort();
    for (const [contract, email] of [
      [a, keiyaku],
      [a, support],
      [b, keiyaku],
    ] as const)
      expect(sentTo(contract.licenseId, email, end), `${contract.licenseId} → ${email}`).toEqual([30, 60, 90]);
    // Each went out on its day: the send day, or the first day run after it (days 12 and 13 were missed).
    for (const row of sends.filter((r) => r.licenseId === a.licenseId && r.status === "sent")) {
      const due = reminderSendDay(end, row.threshold as 90 | 60 | 30);
      const firstRun = [...Array(120).keys()].map((n) => addToIsoDate(D0, { days: n })).find((day, n) => day >= due && !missed.has(n));
      expect(row.runDate, `threshold ${row.threshold}`).toBe(firstRun);
    }
    // C: 90 and 60 of the first end date (the 30 never came), then the whole new series.
    expect(sentTo(c.licenseId, renewedEmail, addToIsoDate(D0, { days: 70 }))).toEqual([60, 90]);
    expect(sentTo(c.licenseId, renewedEmail, renewedEnd)).toEqual([30, 60, 90]);
    // D and E: recorded as skipped (opted out), never sent; F: nothing at all.
    expect(sends.filter((r) => [d.licenseId, e.licenseId].includes(r.licenseId) && r.status === "sent")).toEqual([]);
    expect(sends.filter((r) => r.licenseId === d.licenseId).map((r) => r.reason)).toEqual(["opted_out", "opted_out", "opted_out"]);
    expect(sends.filter((r) => r.licenseId === f.licenseId)).toEqual([]);

    // The mails: keiyaku@ got one per threshold listing A and B; support@ one per threshold with A alone.
    const keiyakuMails = await mailsTo(keiyaku);
    expect(keiyakuMails.map((m) => m.subject)).toEqual([90, 60, 30].map((n) => `【トレンドマイクロ】ライセンス契約終了日のお知らせ（${n}日前）`));
    for (const mail of keiyakuMails) {
      expect(mail.text).toContain(String(a.licenseId));
      expect(mail.text).toContain(String(b.licenseId));
      expect(mail.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
      expect(mail.headers?.["List-Unsubscribe"]).toMatch(/^<http.*\/api\/mail\/unsubscribe\?token=r\./);
    }
    const supportMails = await mailsTo(support);
    expect(supportMails).toHaveLength(3);
    for (const mail of supportMails) expect(mail.text).not.toContain(String(b.licenseId));
    expect(await mailsTo(optedOutEmail)).toEqual([]);
    expect(await mailsTo(allOffEmail)).toEqual([]);
    // Every reminder row of a sent mail points at it, and every M-13 in the outbox has its rows.
    for (const row of sends.filter((r) => r.status === "sent")) expect(row.outboxId).not.toBeNull();
  });

  it("a missed stretch sends the nearest threshold once and records the farther one as superseded", async () => {
    setClock(morningOf(0));
    const email = uniqueEmail("late");
    const contract = await createContract({ contractEmail: email, endDate: addToIsoDate(D0, { days: 50 }) });
    await runReminders();
    const rows = await sendsOf([contract.licenseId]);
    expect(rows.map((r) => [r.threshold, r.status, r.reason])).toEqual([
      [60, "sent", null],
      [90, "skipped", "superseded"],
    ]);
    expect(await mailsTo(email)).toHaveLength(1);
  });

  it("sends where B-0 shows the contract: the current contact address (A-9), not the one it changes to tomorrow", async () => {
    setClock(morningOf(0));
    const before = uniqueEmail("before");
    const after = uniqueEmail("after");
    const desk = uniqueEmail("desk");
    const contract = await createContract({
      contractEmail: after,
      supportEmail: desk,
      contractContact: { previousEmail: before, emailEffectiveAt: new Date(morningOf(1).getTime()) },
      endDate: addToIsoDate(D0, { days: 30 }),
    });
    await runReminders();
    const rows = await sendsOf([contract.licenseId]);
    expect([...new Set(rows.map((r) => r.email))].sort()).toEqual([before, desk].sort());
    // Exactly the addresses B-0 shows the contract to, the same day.
    for (const email of [before, after, desk]) {
      const { rows: visible } = await listVisibleContracts({
        actor: { email },
        query: { licenseId: contract.licenseId, sort: "licenseId", direction: "asc", page: 1, pageSize: 1 },
      });
      expect(visible.length > 0, email).toBe(rows.some((r) => r.email === email));
    }
  });

  it("runs from the schedule at most once an hour, not before 06:00 in Tokyo; the dashboard's line counts the day", async () => {
    const early = new Date(startOfTokyoDay(addToIsoDate(D0, { days: 200 })).getTime() + 5 * 3_600_000);
    setClock(early);
    expect(await runRemindersIfDue()).toBeNull();
    setClock(new Date(early.getTime() + 2 * 3_600_000));
    const first = await runRemindersIfDue();
    expect(first).not.toBeNull();
    setClock(new Date(early.getTime() + 2.5 * 3_600_000));
    expect(await runRemindersIfDue()).toBeNull();
    setClock(new Date(early.getTime() + 3.1 * 3_600_000));
    expect(await runRemindersIfDue()).not.toBeNull();
    expect(await reminderDay(first!.runDate)).toMatchObject({ runs: 2, failed: 0 });
  });
});

describe("N-3 opting out: E-2 and M-13's one-click link", () => {
  it("E-2 keeps the choice per contract and for all, ignores a contract the customer does not see, and the job follows it", async () => {
    setClock(morningOf(0));
    const customer = await createCustomer();
    const mine = await createContract({ contractEmail: customer.email, endDate: addToIsoDate(D0, { days: 30 }) });
    const other = await createContract({ contractEmail: customer.email, endDate: addToIsoDate(D0, { days: 30 }) });
    const notMine = await createContract({ endDate: addToIsoDate(D0, { days: 30 }) });
    const actor = customerActor(customer);
    expect(await getReminderSettings({ actor })).toMatchObject({ all: true });
    await setReminderSettings({ actor, all: true, off: [mine.licenseId, notMine.licenseId] });
    const settings = await getReminderSettings({ actor });
    expect(settings.contracts.map((c) => [c.licenseId, c.on])).toEqual([
      [mine.licenseId, false],
      [other.licenseId, true],
    ]);
    const db = await getDb();
    expect((await db.select().from(s.reminderOptOuts).where(eq(s.reminderOptOuts.licenseId, notMine.licenseId))).length).toBe(0);
    await runReminders();
    const rows = await sendsOf([mine.licenseId, other.licenseId]);
    expect(rows.filter((r) => r.status === "sent").map((r) => r.licenseId)).toEqual([other.licenseId]);
    // 30 days out on the first run: 90 and 60 are superseded for both, 30 sent for one and opted out for the other.
    expect(rows.filter((r) => r.reason === "opted_out").map((r) => [r.licenseId, r.threshold])).toEqual([[mine.licenseId, 30]]);
    expect((await auditRowsOf("mail.reminders", customer.id)).length).toBe(1);
    // All off.
    await setReminderSettings({ actor, all: false, off: [] });
    expect(await getReminderSettings({ actor })).toMatchObject({ all: false });
  });

  it("the mail's link stops every reminder to its address; an M-12 token cannot, nor a forged or old one", async () => {
    setClock(morningOf(0));
    const email = uniqueEmail("oneclick");
    const contract = await createContract({ contractEmail: email, endDate: addToIsoDate(D0, { days: 95 }) });
    const later = new Date(morningOf(0).getTime() + 86_400_000);
    const token = reminderUnsubscribeToken(email, later);
    expect(await unsubscribeWithToken({ token: `${token.slice(0, -2)}xx`, clientAddress: null })).toBe("invalid");
    expect(await unsubscribeWithToken({ token: reminderUnsubscribeToken(email, new Date(morningOf(0).getTime() - 1000)), clientAddress: null })).toBe(
      "expired",
    );
    const customer = await createCustomer({ email: uniqueEmail("m12"), subscribed: true });
    expect(await unsubscribeWithToken({ token: unsubscribeToken(customer.id, later), clientAddress: null })).toBe("unsubscribed");
    const db = await getDb();
    expect(await db.select().from(s.reminderOptOuts).where(eq(s.reminderOptOuts.email, email))).toEqual([]);
    expect(await unsubscribeWithToken({ token, clientAddress: "198.51.100.7" })).toBe("unsubscribed");
    expect(await unsubscribeWithToken({ token, clientAddress: "198.51.100.7" })).toBe("unsubscribed");
    expect((await db.select().from(s.reminderOptOuts).where(eq(s.reminderOptOuts.email, email))).map((r) => r.licenseId)).toEqual([null]);
    setClock(morningOf(10));
    await runReminders();
    expect((await sendsOf([contract.licenseId])).map((r) => [r.threshold, r.status])).toEqual([[90, "skipped"]]);
  });

  it("the dashboard's line is for the roles that watch the mails", async () => {
    setClock(morningOf(300));
    const operator = await createStaffActor({ role: "operator" });
    const marketer = await createStaffActor({ role: "marketer" });
    expect(await reminderDashboardFor(operator)).toBeNull();
    await runReminders();
    expect(await reminderDashboardFor(operator)).toMatchObject({ runs: 1, failed: 0 });
    expect(await reminderDashboardFor(marketer)).toBeUndefined();
  });
});
