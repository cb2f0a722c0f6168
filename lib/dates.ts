// SPEC: dates are shown as YYYY/MM/DD in Asia/Tokyo; times are stored in UTC. Japan has no daylight saving time,
// so the Tokyo calendar day is the UTC instant shifted by +9 hours.
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The Tokyo calendar date of an instant, as ISO `YYYY-MM-DD` (the form of SQL `date` columns). */
export function tokyoDate(at: Date): string {
  return new Date(at.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** `YYYY/MM/DD` in Tokyo for an instant or an ISO date string. */
export function formatDate(value: Date | string): string {
  const iso = typeof value === "string" ? value.slice(0, 10) : tokyoDate(value);
  return iso.replaceAll("-", "/");
}

/** Adds whole days (or months/years) to an ISO date, in the calendar (no time zone involved). */
export function addToIsoDate(iso: string, { years = 0, months = 0, days = 0 }: { years?: number; months?: number; days?: number }): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, m - 1 + months, d + days));
  return date.toISOString().slice(0, 10);
}

/** Whole calendar days from one ISO date to another (negative when `to` is earlier). */
export function daysBetweenIsoDates(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The instant of 00:00 in Tokyo on the given ISO date. */
export function startOfTokyoDay(iso: string): Date {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - JST_OFFSET_MS);
}

/** `YYYY/MM/DD HH:mm` in Tokyo. */
export function formatDateTime(at: Date): string {
  const shifted = new Date(at.getTime() + JST_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 10).replaceAll("-", "/")} ${shifted.slice(11, 16)}`;
}

/**
 * G-2: a `datetime-local` value ("2026-12-02T09:00", seconds optional) read as Tokyo wall-clock time, or null when it
 * is not a real date and time (2026-02-30, 24:00). Staff schedule in Japanese time whatever their browser's zone.
 */
export function parseTokyoDateTime(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second = "00"] = match.slice(1) as [string, string, string, string, string, string?];
  const wall = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)));
  // Date.UTC rolls 02-30 over into March and 24:00 into the next day: only a value that comes back unchanged is real.
  const back = wall.toISOString();
  if (back.slice(0, 10) !== `${year}-${month}-${day}` || back.slice(11, 19) !== `${hour}:${minute}:${second}`) return null;
  return new Date(wall.getTime() - JST_OFFSET_MS);
}

/** The `datetime-local` value ("YYYY-MM-DDTHH:mm") of an instant in Tokyo: what parseTokyoDateTime reads back. */
export function toTokyoDateTimeLocal(at: Date): string {
  return new Date(at.getTime() + JST_OFFSET_MS).toISOString().slice(0, 16);
}
