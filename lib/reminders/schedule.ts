import "server-only";
import { isBusinessDay } from "@/lib/business-days";
import { addToIsoDate } from "@/lib/dates";

// N-3 / M-13 renewal reminders (issue 30, beyond the manual): which reminder a contract is due on a day, as pure
// functions over ISO dates in Asia/Tokyo (no database, no clock), so that tests/unit/reminder-schedule.test.ts can
// work them out by hand on a calendar. The job (to come) sends what `dueReminder` says and records it once per
// contract, end date and threshold; a renewed contract (a new 契約終了日) starts a new series.

/** Days before 契約終了日 at which a reminder goes out, farthest first. */
export const REMINDER_THRESHOLDS = [90, 60, 30] as const;
export type ReminderThreshold = (typeof REMINDER_THRESHOLDS)[number];

/** `iso` itself when the vendor works that day, otherwise the business day before it (weekends, holidays, the closing). */
export function businessDayOnOrBefore(iso: string): string {
  let day = iso;
  while (!isBusinessDay(day)) day = addToIsoDate(day, { days: -1 });
  return day;
}

/** The day the reminder `threshold` days before `endDate` goes out: that day, or the business day before it. */
export function reminderSendDay(endDate: string, threshold: ReminderThreshold): string {
  return businessDayOnOrBefore(addToIsoDate(endDate, { days: -threshold }));
}

export type DueReminder = {
  threshold: ReminderThreshold;
  /** Farther thresholds whose day passed unsent (the job did not run): recorded as skipped, never sent late on top. */
  superseded: ReminderThreshold[];
};

/**
 * The reminder a contract ending on `endDate` is due on `today`, given the thresholds already recorded for this end
 * date: the nearest threshold whose send day has come — that day, or a missed one caught up — while the contract has
 * not ended. One reminder a day at most: when the job missed several days, the nearest threshold goes out and the
 * farther ones it passes are superseded. Nothing once the nearest threshold reached is recorded, or from 契約終了日 on.
 */
export function dueReminder(endDate: string, today: string, recorded: ReadonlySet<ReminderThreshold>): DueReminder | null {
  if (today >= endDate) return null;
  const reached = REMINDER_THRESHOLDS.filter((threshold) => reminderSendDay(endDate, threshold) <= today);
  if (reached.length === 0) return null;
  const nearest = reached[reached.length - 1]!;
  if (recorded.has(nearest)) return null;
  return { threshold: nearest, superseded: reached.filter((threshold) => threshold !== nearest && !recorded.has(threshold)) };
}
