import "server-only";
import holidayJp from "@holiday-jp/holiday_jp";
import { addToIsoDate } from "@/lib/dates";

// G-3 / B-5: "about 5 business days" (５営業日ほど) on the Japanese business calendar — no Saturdays, Sundays or
// national holidays (the well-kept @holiday-jp/holiday_jp data, offline, to 2050), and not the vendor's own closing
// days. Those are the vendor's rule, not the nation's, so they are configuration: BUSINESS_CLOSED_DAYS, ranges of
// MM-DD separated by commas, default the year-end closing 12/29–1/3 ("12-29..01-03"; "" for none).

export const NAME_CHANGE_REVIEW_BUSINESS_DAYS = 5;

type Range = { from: string; to: string };

function parseClosedDays(text: string): Range[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(\d{2}-\d{2})(?:\.\.(\d{2}-\d{2}))?$/.exec(part);
      if (!match) throw new Error(`BUSINESS_CLOSED_DAYS: "${part}" is not MM-DD or MM-DD..MM-DD`);
      return { from: match[1]!, to: match[2] ?? match[1]! };
    });
}

function closedDays(): Range[] {
  return parseClosedDays(process.env.BUSINESS_CLOSED_DAYS ?? "12-29..01-03");
}

/** A range may wrap the year end (12-29..01-03). */
function inRange(monthDay: string, { from, to }: Range): boolean {
  return from <= to ? monthDay >= from && monthDay <= to : monthDay >= from || monthDay <= to;
}

/** Whether the vendor works on an ISO date (YYYY-MM-DD). */
export function isBusinessDay(iso: string): boolean {
  const weekday = new Date(`${iso}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  if (iso in holidayJp.holidays) return false;
  const monthDay = iso.slice(5);
  return !closedDays().some((range) => inRange(monthDay, range));
}

/** The `count`-th business day after `iso` (the day itself never counts: a request on a Friday starts on Monday). */
export function addBusinessDays(iso: string, count: number): string {
  let day = iso;
  for (let found = 0; found < count;) {
    day = addToIsoDate(day, { days: 1 });
    if (isBusinessDay(day)) found++;
  }
  return day;
}
