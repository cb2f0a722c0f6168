import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { createElement } from "react";
import RenewalReminderMail, { type RenewalReminderContract } from "@/emails/renewal-reminder";
import { getDb, type Executor } from "@/db/client";
import { rowsOf, toNumber } from "@/db/sql";
import { licenseContracts, mailOutbox, reminderRuns, reminderSends } from "@/db/schema";
import { now } from "@/lib/clock";
import { siteConfig } from "@/lib/config/site";
import { addToIsoDate, formatDate, tokyoDate } from "@/lib/dates";
import { translator } from "@/lib/i18n";
import { contractIsShown, currentContactAddress } from "@/lib/licenses/visibility";
import { enqueueMail } from "@/lib/mail/outbox";
import { reminderUnsubscribeToken, UNSUBSCRIBE_TOKEN_DAYS } from "@/lib/support-mail/token";
import { dueReminder, type ReminderThreshold } from "./schedule";

// N-3 / M-13 the renewal reminder job (issue 30, beyond the manual). Each run, for the Tokyo day it runs on:
//   A. reads the contracts whose 契約終了日 is within the window, shown under B-0 (2)–(5), with each address that is a
//      current contact of theirs (B-0 (1) read the other way round: lib/licenses/visibility.ts) — so a reminder goes
//      exactly where visibleTo would show the contract — whether the address opted out (per contract or all, E-2 or
//      the mail's link), and which thresholds are already recorded for that contract, end date and address;
//   B. asks lib/reminders/schedule.ts which reminder is due, and writes, per address and threshold, one transaction:
//      the reminder_sends rows (INSERT … ON CONFLICT DO NOTHING RETURNING — what another run wrote already is not
//      returned) and, for what it did write, one M-13 listing those contracts, in the outbox. Opted-out and superseded
//      thresholds are recorded as skipped, never sent later.
// So a day run twice sends nothing more, a missed day catches up (the nearest threshold, once), two instances at once
// send each reminder once (the unique key decides), and a run that stopped is finished by the next one. A renewed
// contract (a new end date) is a new series. The container's worker and the cron route call runRemindersIfDue.

/** 90 days plus room for the longest run of days off before a send day (the year-end closing, Golden Week). */
export const REMINDER_WINDOW_DAYS = 120;
const BATCH_CONTRACTS = 5000;
export const M13 = "M-13";

export type ReminderRunReport = { runDate: string; contracts: number; mails: number; reminders: number; skipped: number };

type Candidate = {
  licenseId: number;
  endDate: string;
  productName: string;
  address: string;
  optedOut: boolean;
  recorded: ReminderThreshold[];
  quotable: boolean;
};

type Group = { address: string; threshold: ReminderThreshold; contracts: Candidate[] };
type Skip = { licenseId: number; endDate: string; threshold: ReminderThreshold; address: string; reason: "opted_out" | "superseded" };

/** A: one batch of the window's contracts after `cursor`, one row per (contract, address). */
async function readCandidates(db: Executor, at: Date, today: string, cursor: number): Promise<Candidate[]> {
  const result = await db.execute(sql`
    WITH page AS (
      SELECT ${licenseContracts.licenseId} AS license_id, ${licenseContracts.endDate} AS end_date,
             ${licenseContracts.status} AS status, ${licenseContracts.productId} AS product_id
      FROM ${licenseContracts}
      WHERE ${licenseContracts.endDate} > ${today} AND ${licenseContracts.endDate} <= ${addToIsoDate(today, { days: REMINDER_WINDOW_DAYS })}
        AND ${licenseContracts.licenseId} > ${cursor} AND ${contractIsShown(at)}
      ORDER BY ${licenseContracts.licenseId}
      LIMIT ${BATCH_CONTRACTS}
    )
    SELECT page.license_id, page.end_date::text AS end_date, p.name AS product_name, addr.address,
      EXISTS (SELECT 1 FROM reminder_opt_outs o
              WHERE o.email = addr.address AND (o.license_id IS NULL OR o.license_id = page.license_id)) AS opted_out,
      ARRAY(SELECT rs.threshold FROM reminder_sends rs
            WHERE rs.license_id = page.license_id AND rs.end_date = page.end_date AND rs.email = addr.address) AS recorded,
      (page.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM contract_products cp JOIN products lp ON lp.id = cp.product_id
                        WHERE cp.license_id = page.license_id AND cp.source = 'order' AND lp.excluded_from_renewal_quote)
        AND EXISTS (SELECT 1 FROM contract_products cp JOIN products lp ON lp.id = cp.product_id
                    WHERE cp.license_id = page.license_id AND cp.source = 'order' AND lp.needs_renewal)) AS quotable
    FROM page
    JOIN products p ON p.id = page.product_id
    CROSS JOIN LATERAL (
      SELECT DISTINCT ${currentContactAddress(at)} AS address FROM contract_contacts
      WHERE contract_contacts.license_id = page.license_id
    ) addr
    WHERE addr.address IS NOT NULL
    ORDER BY page.license_id, addr.address`);
  return rowsOf<{
    license_id: unknown;
    end_date: string;
    product_name: string;
    address: string;
    opted_out: boolean;
    recorded: unknown;
    quotable: boolean;
  }>(result).map((row) => ({
    licenseId: toNumber(row.license_id),
    endDate: row.end_date,
    productName: row.product_name,
    address: row.address,
    optedOut: row.opted_out,
    recorded: parseIntArray(row.recorded) as ReminderThreshold[],
    quotable: row.quotable,
  }));
}

/** An int[] from raw SQL: an array on both drivers, or its text form ("{90,60}") where a driver leaves it so. */
function parseIntArray(value: unknown): number[] {
  if (Array.isArray(value)) return value.map(Number);
  if (typeof value === "string") return value.replace(/[{}]/g, "").split(",").filter(Boolean).map(Number);
  return [];
}

/** A + the schedule: what is due today, grouped per address and threshold, and what is to be recorded as skipped. */
async function plan(db: Executor, at: Date, today: string): Promise<{ groups: Group[]; skips: Skip[]; contracts: number }> {
  const groups = new Map<string, Group>();
  const skips: Skip[] = [];
  const seen = new Set<number>();
  for (let cursor = 0; ;) {
    const batch = await readCandidates(db, at, today, cursor);
    if (batch.length === 0) break;
    for (const candidate of batch) {
      seen.add(candidate.licenseId);
      const due = dueReminder(candidate.endDate, today, new Set(candidate.recorded));
      if (!due) continue;
      const base = { licenseId: candidate.licenseId, endDate: candidate.endDate, address: candidate.address };
      for (const threshold of due.superseded) skips.push({ ...base, threshold, reason: "superseded" });
      if (candidate.optedOut) {
        skips.push({ ...base, threshold: due.threshold, reason: "opted_out" });
        continue;
      }
      const key = `${candidate.address}\u0000${due.threshold}`;
      const group = groups.get(key) ?? { address: candidate.address, threshold: due.threshold, contracts: [] };
      group.contracts.push(candidate);
      groups.set(key, group);
    }
    cursor = batch.at(-1)!.licenseId;
  }
  return { groups: [...groups.values()], skips, contracts: seen.size };
}

function reminderMail(group: Group, contracts: Candidate[], at: Date) {
  const site = siteConfig();
  const base = site.baseUrl.replace(/\/$/, "");
  const token = reminderUnsubscribeToken(group.address, new Date(at.getTime() + UNSUBSCRIBE_TOKEN_DAYS * 86_400_000));
  const unsubscribeUrl = `${base}/api/mail/unsubscribe?token=${encodeURIComponent(token)}`;
  const rows: RenewalReminderContract[] = [...contracts]
    .sort((a, b) => (a.endDate === b.endDate ? a.licenseId - b.licenseId : a.endDate < b.endDate ? -1 : 1))
    .map((c) => ({
      licenseId: c.licenseId,
      productName: c.productName,
      endDate: formatDate(c.endDate),
      contractUrl: `${base}/licenses/${c.licenseId}`,
      quoteUrl: c.quotable ? `${base}/licenses/${c.licenseId}/renewal` : null,
    }));
  return {
    template: M13,
    from: site.mailFrom.customer,
    to: [group.address],
    subject: translator("ja", "mail")("renewalReminder.subject", { vendor: site.vendorName, days: group.threshold }),
    headers: { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    body: createElement(RenewalReminderMail, {
      days: group.threshold,
      contracts: rows,
      siteName: site.siteName,
      listUrl: `${base}/licenses?within=${group.threshold}`,
      settingsUrl: `${base}/account/mail`,
      unsubscribeUrl,
    }),
  };
}

/** B: one address and threshold — the rows it writes and the mail listing them commit together, or neither does. */
async function sendGroup(group: Group, today: string, at: Date): Promise<number> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const written = await tx
      .insert(reminderSends)
      .values(
        group.contracts.map((c) => ({
          licenseId: c.licenseId,
          endDate: c.endDate,
          threshold: group.threshold,
          email: group.address,
          status: "sent" as const,
          runDate: today,
          createdAt: at,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: reminderSends.id, licenseId: reminderSends.licenseId });
    if (written.length === 0) return 0;
    const fresh = new Set(written.map((row) => row.licenseId));
    const outboxId = await enqueueMail(
      tx,
      reminderMail(
        group,
        group.contracts.filter((c) => fresh.has(c.licenseId)),
        at,
      ),
    );
    await tx
      .update(reminderSends)
      .set({ outboxId })
      .where(
        inArray(
          reminderSends.id,
          written.map((row) => row.id),
        ),
      );
    return written.length;
  });
}

async function recordSkips(skips: Skip[], today: string, at: Date): Promise<number> {
  const db = await getDb();
  let written = 0;
  for (let start = 0; start < skips.length; start += 1000) {
    const rows = await db
      .insert(reminderSends)
      .values(
        skips.slice(start, start + 1000).map((s) => ({
          licenseId: s.licenseId,
          endDate: s.endDate,
          threshold: s.threshold,
          email: s.address,
          status: "skipped" as const,
          reason: s.reason,
          runDate: today,
          createdAt: at,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: reminderSends.id });
    written += rows.length;
  }
  return written;
}

/** One run for the Tokyo day of `now()`: what is due goes out once; the day's line on the dashboard counts it. */
export async function runReminders(): Promise<ReminderRunReport> {
  const at = now();
  const today = tokyoDate(at);
  const db = await getDb();
  await db
    .insert(reminderRuns)
    .values({ runDate: today, runs: 1, startedAt: at, updatedAt: at })
    .onConflictDoUpdate({ target: reminderRuns.runDate, set: { runs: sql`${reminderRuns.runs} + 1`, updatedAt: at } });
  const { groups, skips, contracts } = await plan(db, at, today);
  let mails = 0;
  let reminders = 0;
  for (const group of groups) {
    const written = await sendGroup(group, today, at);
    if (written > 0) mails++;
    reminders += written;
  }
  const skipped = await recordSkips(skips, today, at);
  await db
    .update(reminderRuns)
    .set({
      sent: sql`${reminderRuns.sent} + ${reminders}`,
      skipped: sql`${reminderRuns.skipped} + ${skipped}`,
      finishedAt: now(),
      updatedAt: now(),
    })
    .where(eq(reminderRuns.runDate, today));
  return { runDate: today, contracts, mails, reminders, skipped };
}

/** Hours (Tokyo) before which no reminder goes out: nobody wants a renewal notice at midnight. */
function earliestHour(): number {
  const hour = Number(process.env.REMINDER_EARLIEST_HOUR ?? 6);
  return Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : 6;
}

function intervalMinutes(): number {
  const minutes = Number(process.env.REMINDER_INTERVAL_MINUTES ?? 60);
  return Number.isFinite(minutes) && minutes >= 0 ? minutes : 60;
}

/**
 * The scheduled entry (the container's worker every minute, the cron route once a day at 06:00 JST): from the
 * earliest hour (REMINDER_EARLIEST_HOUR, default 6) on, at most once every REMINDER_INTERVAL_MINUTES (default 60)
 * — contracts imported during the day are reminded the same day — and otherwise nothing.
 */
export async function runRemindersIfDue(): Promise<ReminderRunReport | null> {
  const at = now();
  const hour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", hour: "2-digit", hour12: false }).format(at));
  if (hour < earliestHour()) return null;
  const db = await getDb();
  const [last] = await db
    .select({ finishedAt: reminderRuns.finishedAt })
    .from(reminderRuns)
    .where(eq(reminderRuns.runDate, tokyoDate(at)));
  if (last?.finishedAt && at.getTime() - last.finishedAt.getTime() < intervalMinutes() * 60_000) return null;
  return runReminders();
}

/** The dashboard's line for a day: the run's counts and the M-13 mails of that day that failed in delivery. */
export async function reminderDay(day: string): Promise<{ runs: number; sent: number; skipped: number; failed: number; finishedAt: Date | null } | null> {
  const db = await getDb();
  const [run] = await db.select().from(reminderRuns).where(eq(reminderRuns.runDate, day));
  if (!run) return null;
  const [failed] = await db
    .select({ count: sql<number>`count(DISTINCT ${mailOutbox.id})`.mapWith(Number) })
    .from(reminderSends)
    .innerJoin(mailOutbox, eq(mailOutbox.id, reminderSends.outboxId))
    .where(and(eq(reminderSends.runDate, day), eq(mailOutbox.status, "failed")));
  return { runs: run.runs, sent: run.sent, skipped: run.skipped, failed: failed?.count ?? 0, finishedAt: run.finishedAt };
}
