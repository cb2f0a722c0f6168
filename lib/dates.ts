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

/** The instant of 00:00 in Tokyo on the given ISO date. */
export function startOfTokyoDay(iso: string): Date {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - JST_OFFSET_MS);
}

/** `YYYY/MM/DD HH:mm` in Tokyo. */
export function formatDateTime(at: Date): string {
  const shifted = new Date(at.getTime() + JST_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 10).replaceAll("-", "/")} ${shifted.slice(11, 16)}`;
}
