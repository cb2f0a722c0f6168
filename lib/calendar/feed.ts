import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { createEvents, type EventAttributes } from "ics";
import { z } from "zod";
import { getDb } from "@/db/client";
import { calendarFeedTokens, customerAccounts, licenseContracts, products } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { siteConfig } from "@/lib/config/site";
import { addToIsoDate } from "@/lib/dates";
import { translator, type Locale } from "@/lib/i18n";
import { visibleTo } from "@/lib/licenses/visibility";
import { REMINDER_THRESHOLDS } from "@/lib/reminders/schedule";

// N-5 (issue 30): a login's end-date calendar feed, /licenses/calendar.ics?token=…, which calendar apps fetch without a
// session. The token is the whole authority: 256 random bits, shown once, only its SHA-256 kept (a leaked database
// gives no working URL); one active token per login (calendar_feed_tokens_active_uq), revoked or replaced at
// アカウント設定 → カレンダー連携. The feed lists what B-0 lets that login see today, read in SQL like every list.

const TOKEN_BYTES = 32;
export const FEED_PATH = "/licenses/calendar.ics";
/** The token as the route accepts it: 32 bytes in base64url, nothing else (anything else is a 404 before any query). */
export const feedTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
/** lastUsedAt is written at most this often: a calendar that polls every few minutes costs one write a minute at most. */
const LAST_USED_RESOLUTION_MS = 60_000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** The feed's absolute URL, from the configured base URL (like the mails' links). */
export function calendarFeedUrl(token: string): string {
  const url = new URL(FEED_PATH, siteConfig().baseUrl);
  url.searchParams.set("token", token);
  return url.toString();
}

export type CalendarFeedStatus = { createdAt: Date; lastUsedAt: Date | null } | null;

/** The login's active feed, if any (never its token: only the hash is kept). */
export async function getCalendarFeedStatus(actor: Pick<CustomerActor, "accountId">): Promise<CalendarFeedStatus> {
  const db = await getDb();
  const [row] = await db
    .select({ createdAt: calendarFeedTokens.createdAt, lastUsedAt: calendarFeedTokens.lastUsedAt })
    .from(calendarFeedTokens)
    .where(and(eq(calendarFeedTokens.customerAccountId, actor.accountId), isNull(calendarFeedTokens.revokedAt)));
  return row ?? null;
}

/**
 * 「URLを発行する」 / 「URLを再発行」: a new token, the previous one (if any) revoked in the same transaction, audited.
 * Returns the feed URL, which is shown once and never again — or "active" when a feed is active and `replace` (the
 * page's confirmation step) was not given: a URL a calendar uses is replaced only on purpose.
 */
export async function createCalendarFeed({
  actor,
  replace,
}: {
  actor: CustomerActor;
  replace: boolean;
}): Promise<{ url: string; replaced: boolean } | "active"> {
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  const db = await getDb();
  const replaced = await db.transaction(async (tx) => {
    // Two issues at once for one login wait for each other here instead of one failing on the one-active index.
    await tx.execute(sql`SELECT 1 FROM ${customerAccounts} WHERE ${customerAccounts.id} = ${actor.accountId} FOR UPDATE`);
    if (!replace) {
      const [active] = await tx
        .select({ id: calendarFeedTokens.id })
        .from(calendarFeedTokens)
        .where(and(eq(calendarFeedTokens.customerAccountId, actor.accountId), isNull(calendarFeedTokens.revokedAt)));
      if (active) return null;
    }
    const revoked = await tx
      .update(calendarFeedTokens)
      .set({ revokedAt: now() })
      .where(and(eq(calendarFeedTokens.customerAccountId, actor.accountId), isNull(calendarFeedTokens.revokedAt)))
      .returning({ id: calendarFeedTokens.id });
    await tx.insert(calendarFeedTokens).values({ customerAccountId: actor.accountId, tokenHash: hashToken(token), createdAt: now() });
    await writeAudit(
      {
        actorType: "customer",
        actorId: actor.accountId,
        actorEmail: actor.email,
        action: "calendar_feed.created",
        targetType: "customer_account",
        targetId: actor.accountId,
        clientAddress: actor.clientAddress,
        details: { previousFeedRevoked: revoked.length > 0 },
      },
      tx,
    );
    return revoked.length > 0;
  });
  if (replaced === null) return "active";
  return { url: calendarFeedUrl(token), replaced };
}

/** 「無効にする」: the active token revoked (the feed answers 404 from now on), audited; false when there was none. */
export async function revokeCalendarFeed({ actor }: { actor: CustomerActor }): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const revoked = await tx
      .update(calendarFeedTokens)
      .set({ revokedAt: now() })
      .where(and(eq(calendarFeedTokens.customerAccountId, actor.accountId), isNull(calendarFeedTokens.revokedAt)))
      .returning({ id: calendarFeedTokens.id });
    if (revoked.length === 0) return false;
    await writeAudit(
      {
        actorType: "customer",
        actorId: actor.accountId,
        actorEmail: actor.email,
        action: "calendar_feed.revoked",
        targetType: "customer_account",
        targetId: actor.accountId,
        clientAddress: actor.clientAddress,
      },
      tx,
    );
    return true;
  });
}

export type CalendarEvent = { licenseId: number; productName: string; endDate: string };

/** The contracts the login sees today (B-0 inside the WHERE), with their 契約終了日, in license order. */
export async function listCalendarEvents({ email }: { email: string }): Promise<CalendarEvent[]> {
  const db = await getDb();
  return db
    .select({ licenseId: licenseContracts.licenseId, productName: products.name, endDate: licenseContracts.endDate })
    .from(licenseContracts)
    .innerJoin(products, eq(products.id, licenseContracts.productId))
    .where(visibleTo(email, now()))
    .orderBy(asc(licenseContracts.licenseId));
}

/**
 * The feed for a token, as iCalendar text, or null when the token is unknown or revoked (the route answers both with
 * the same 404, and writes nothing). Marks the token used, at most once a minute.
 */
export async function calendarFeedForToken(token: string): Promise<string | null> {
  if (!feedTokenSchema.safeParse(token).success) return null;
  const db = await getDb();
  const [feed] = await db
    .select({ id: calendarFeedTokens.id, lastUsedAt: calendarFeedTokens.lastUsedAt, email: customerAccounts.email, locale: customerAccounts.locale })
    .from(calendarFeedTokens)
    .innerJoin(customerAccounts, eq(customerAccounts.id, calendarFeedTokens.customerAccountId))
    .where(and(eq(calendarFeedTokens.tokenHash, hashToken(token)), isNull(calendarFeedTokens.revokedAt)));
  if (!feed) return null;
  const at = now();
  if (!feed.lastUsedAt || at.getTime() - feed.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS)
    await db
      .update(calendarFeedTokens)
      .set({ lastUsedAt: at })
      .where(
        and(
          eq(calendarFeedTokens.id, feed.id),
          or(isNull(calendarFeedTokens.lastUsedAt), lt(calendarFeedTokens.lastUsedAt, new Date(at.getTime() - LAST_USED_RESOLUTION_MS))),
        ),
      );
  const events = await listCalendarEvents({ email: feed.email });
  return renderCalendar(events, feed.locale === "en" ? "en" : "ja");
}

// An alarm's ACTION (RFC 5545 §3.8.6.1), not an audit code: named so that the audit-label check does not read it as one.
const ALARM_ACTION = "display";

const dateArray = (iso: string) => iso.split("-").map(Number) as [number, number, number];

/**
 * RFC 5545 text through the `ics` writer (escaping, folding at 75 octets, CRLF). One all-day event per contract on its
 * 契約終了日; its UID names the contract and the end date, so a renewal (a new end date) is a new event and a refetch
 * updates rather than duplicates. Alarms at N-3's thresholds, at 09:00 of the day N days before (the client's time zone,
 * as the all-day date is): written as N−1 days and 15 hours before the day's start, because `ics` writes a whole-day
 * duration as "P90DT", an empty time part that RFC 5545's grammar does not allow.
 */
export function renderCalendar(events: CalendarEvent[], locale: Locale): string {
  const t = translator(locale, "calendarFeed");
  const base = siteConfig().baseUrl;
  const host = new URL(base).hostname;
  const attributes: EventAttributes[] = events.map((event) => {
    const detailUrl = new URL(`/licenses/${event.licenseId}`, base).toString();
    const title = t("eventTitle", { product: event.productName, licenseId: String(event.licenseId) });
    return {
      uid: `contract-${event.licenseId}-${event.endDate}@${host}`,
      title,
      start: dateArray(event.endDate),
      end: dateArray(addToIsoDate(event.endDate, { days: 1 })),
      url: detailUrl,
      description: t("eventDescription", { url: detailUrl }),
      transp: "TRANSPARENT",
      busyStatus: "FREE",
      alarms: REMINDER_THRESHOLDS.map((days) => ({
        action: ALARM_ACTION,
        description: t("alarm", { days, title }),
        trigger: { days: days - 1, hours: 15, before: true },
      })),
    };
  });
  const header = { productId: `-//${host}//${FEED_PATH}//${locale.toUpperCase()}`, method: "PUBLISH", calName: t("calendarName") };
  const { error, value } = createEvents(attributes, header);
  if (error || !value) throw error ?? new Error("ics: no output");
  return value;
}
