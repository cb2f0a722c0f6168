import ICAL from "ical.js";
import { and, eq, isNull } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import { calendarFeedForToken, createCalendarFeed, getCalendarFeedStatus, revokeCalendarFeed } from "@/lib/calendar/feed";
import type { CustomerActor } from "@/lib/auth/actor";
import { advanceClock, resetClock } from "@/lib/clock";
import { siteConfig } from "@/lib/config/site";
import { addToIsoDate } from "@/lib/dates";
import { DEMO_OTHER, DEMO_USER, seedDemo } from "@/lib/demo/seed";
import { auditRowsOf, createContract, createCustomer, customerActor, fromToday } from "../support/factories";

// N-5: the end-date calendar feed, parsed back with an independent iCalendar parser (ical.js): one all-day VEVENT on
// 契約終了日 per contract B-0 shows the token's login, with alarms 90/60/30 days before; nothing of a contract it may
// not see; a revoked, replaced or unknown token answers nothing and writes nothing.

const USER_VISIBLE = [100001, 100002, 100003, 100004, 100010, 100011, 100012, 100013, 100014, 100015];

async function actorOf(email: string) {
  const db = await getDb();
  const [account] = await db
    .select({ id: s.customerAccounts.id, email: s.customerAccounts.email })
    .from(s.customerAccounts)
    .where(eq(s.customerAccounts.email, email));
  return customerActor(account!, "198.51.100.230");
}

/** A new feed; `replace` is the page's confirmation step. */
async function issue(actor: CustomerActor, replace = false) {
  const created = await createCalendarFeed({ actor, replace });
  if (created === "active") throw new Error("a feed is already active");
  return created;
}

const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;

type ParsedEvent = { uid: string; summary: string; start: ICAL.Time; end: ICAL.Time; url: string; description: string; alarms: ICAL.Component[] };

function parse(text: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe("vcalendar");
  return calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate,
      end: event.endDate,
      url: String(vevent.getFirstPropertyValue("url")),
      description: event.description,
      alarms: vevent.getAllSubcomponents("valarm"),
    };
  });
}

const licenseIdOf = (event: ParsedEvent) => Number(/ライセンスID (\d+)/.exec(event.summary)?.[1]);

async function endDates(licenseIds: number[]) {
  const db = await getDb();
  const rows = await db.select({ licenseId: s.licenseContracts.licenseId, endDate: s.licenseContracts.endDate }).from(s.licenseContracts);
  return new Map(rows.filter((row) => licenseIds.includes(row.licenseId)).map((row) => [row.licenseId, row.endDate]));
}

beforeAll(async () => {
  await seedDemo(await getDb());
});

afterEach(() => resetClock());

describe("N-5 calendar feed", () => {
  it("has one all-day event per contract user@ sees, on its 契約終了日, linked to its page, with alarms 90/60/30 days before", async () => {
    const actor = await actorOf(DEMO_USER);
    const { url } = await issue(actor);
    expect(url.startsWith(`${siteConfig().baseUrl.replace(/\/$/, "")}/licenses/calendar.ics?token=`)).toBe(true);
    expect(tokenOf(url)).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const events = parse((await calendarFeedForToken(tokenOf(url)))!);
    expect(events.map(licenseIdOf).sort()).toEqual(USER_VISIBLE);
    const ends = await endDates(USER_VISIBLE);
    for (const event of events) {
      const licenseId = licenseIdOf(event);
      const end = ends.get(licenseId)!;
      expect(event.start.isDate, `${licenseId}: all-day`).toBe(true);
      expect(event.start.toString()).toBe(end);
      expect(event.end.toString()).toBe(addToIsoDate(end, { days: 1 }));
      expect(event.uid).toContain(`${licenseId}-${end}`);
      expect(event.url).toBe(new URL(`/licenses/${licenseId}`, siteConfig().baseUrl).toString());
      expect(event.description).toContain(event.url);
      // Each alarm's trigger lands on 09:00 of the day N days before the end date.
      const fires = event.alarms.map((alarm) => {
        const time = event.start.clone();
        time.isDate = false; // 00:00 of the all-day date
        time.addDuration(alarm.getFirstPropertyValue("trigger") as ICAL.Duration);
        return time.toString();
      });
      expect(fires).toEqual([90, 60, 30].map((days) => `${addToIsoDate(end, { days: -days })}T09:00:00`));
      expect(event.alarms.every((alarm) => alarm.getFirstPropertyValue("action") === "DISPLAY")).toBe(true);
    }
    const apexCentral = events.find((event) => licenseIdOf(event) === 100013)!;
    expect(apexCentral.summary).toBe("契約終了日：Apex Central（ライセンスID 100013）");
    // The hidden, excluded, 登録中 and too old contracts of the same login are not in it (B-0).
    for (const hidden of [100005, 100006, 100007, 100008, 100009]) expect(events.some((event) => licenseIdOf(event) === hidden)).toBe(false);
  });

  it("never shows another account's contracts: other@'s feed has only 200001", async () => {
    const other = await actorOf(DEMO_OTHER);
    const { url } = await issue(other);
    const events = parse((await calendarFeedForToken(tokenOf(url)))!);
    expect(events.map(licenseIdOf)).toEqual([200001]);
  });

  it("follows a renewal: a new end date is a new UID, the old one is gone", async () => {
    const customer = await createCustomer();
    const contract = await createContract({ contractEmail: customer.email, endDate: fromToday({ months: 2 }) });
    const { url } = await issue(customerActor(customer));
    const [before] = parse((await calendarFeedForToken(tokenOf(url)))!);
    const db = await getDb();
    const renewed = fromToday({ months: 14 });
    await db.update(s.licenseContracts).set({ endDate: renewed }).where(eq(s.licenseContracts.licenseId, contract.licenseId));
    const after = parse((await calendarFeedForToken(tokenOf(url)))!);
    expect(after).toHaveLength(1);
    expect(after[0]!.uid).not.toBe(before!.uid);
    expect(after[0]!.start.toString()).toBe(renewed);
    // The same end date, fetched again, keeps its UID (a client updates the event rather than adding another).
    expect(parse((await calendarFeedForToken(tokenOf(url)))!)[0]!.uid).toBe(after[0]!.uid);
  });

  it("re-issuing replaces the token; revoking makes it unknown; an unknown or malformed token is the same nothing, and writes nothing", async () => {
    const customer = await createCustomer();
    await createContract({ contractEmail: customer.email });
    const actor = customerActor(customer);
    const first = await issue(actor);
    expect(first.replaced).toBe(false);
    // Without the confirmation step an active feed stays as it is.
    expect(await createCalendarFeed({ actor, replace: false })).toBe("active");
    expect(await calendarFeedForToken(tokenOf(first.url))).not.toBeNull();
    const second = await issue(actor, true);
    expect(second.replaced).toBe(true);
    expect(await calendarFeedForToken(tokenOf(first.url))).toBeNull();
    expect(await calendarFeedForToken(tokenOf(second.url))).not.toBeNull();

    const db = await getDb();
    const active = await db
      .select()
      .from(s.calendarFeedTokens)
      .where(and(eq(s.calendarFeedTokens.customerAccountId, customer.id), isNull(s.calendarFeedTokens.revokedAt)));
    expect(active).toHaveLength(1);
    // Only the SHA-256 of the token is stored.
    expect(active[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(active[0]!.tokenHash).not.toContain(tokenOf(second.url));

    expect(await revokeCalendarFeed({ actor })).toBe(true);
    expect(await revokeCalendarFeed({ actor })).toBe(false);
    expect(await getCalendarFeedStatus(actor)).toBeNull();
    const snapshot = await db.select().from(s.calendarFeedTokens).where(eq(s.calendarFeedTokens.customerAccountId, customer.id));
    expect(await calendarFeedForToken(tokenOf(second.url))).toBeNull();
    expect(await calendarFeedForToken("A".repeat(43))).toBeNull();
    expect(await calendarFeedForToken("not a token")).toBeNull();
    expect(await db.select().from(s.calendarFeedTokens).where(eq(s.calendarFeedTokens.customerAccountId, customer.id))).toEqual(snapshot);

    const audit = await auditRowsOf("calendar_feed.created", customer.id);
    expect(audit.map((row) => row.details)).toEqual([{ previousFeedRevoked: false }, { previousFeedRevoked: true }]);
    expect(await auditRowsOf("calendar_feed.revoked", customer.id)).toHaveLength(1);
  });

  it("another account's token never shows this account's contracts", async () => {
    const mine = await createCustomer();
    const theirs = await createCustomer();
    const myContract = await createContract({ contractEmail: mine.email });
    const theirContract = await createContract({ contractEmail: theirs.email });
    const { url } = await issue(customerActor(theirs));
    const events = parse((await calendarFeedForToken(tokenOf(url)))!);
    expect(events.map(licenseIdOf)).toEqual([theirContract.licenseId]);
    expect(events.map(licenseIdOf)).not.toContain(myContract.licenseId);
  });

  it("marks the token used, at most once a minute", async () => {
    const customer = await createCustomer();
    await createContract({ contractEmail: customer.email });
    const actor = customerActor(customer);
    const { url } = await issue(actor);
    expect((await getCalendarFeedStatus(actor))!.lastUsedAt).toBeNull();
    await calendarFeedForToken(tokenOf(url));
    const firstUse = (await getCalendarFeedStatus(actor))!.lastUsedAt!;
    expect(firstUse).toBeInstanceOf(Date);
    advanceClock(30_000);
    await calendarFeedForToken(tokenOf(url));
    expect((await getCalendarFeedStatus(actor))!.lastUsedAt).toEqual(firstUse);
    advanceClock(31_000);
    await calendarFeedForToken(tokenOf(url));
    expect((await getCalendarFeedStatus(actor))!.lastUsedAt!.getTime()).toBeGreaterThan(firstUse.getTime());
  });
});
