import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

// E-2 / G-5: the one-click unsubscribe link of every Support Information mail (RFC 8058). A token names the customer
// account and an expiry, signed with HMAC-SHA256 under a key derived from AUTH_SECRET: nothing is stored, a forged or
// altered token fails the signature, an old one its expiry. Format: <account id>.<expiry, Unix seconds>.<signature>.
// N-3 / M-13: the renewal reminders' link names the address the reminder went to (a contact need not have a login):
// r.<base64url address>.<expiry>.<signature>, under a key of its own, so neither kind of token passes for the other.

/** How long a mail's unsubscribe link works: long enough for a mail read weeks later. */
export const UNSUBSCRIBE_TOKEN_DAYS = 90;

function key(purpose: string): Buffer {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: the unsubscribe links cannot be signed");
  return createHmac("sha256", secret).update(purpose).digest();
}

const SUPPORT_INFO = "support-info-unsubscribe/v1";
const REMINDERS = "renewal-reminder-unsubscribe/v1";

function sign(payload: string, purpose = SUPPORT_INFO): string {
  return createHmac("sha256", key(purpose)).update(payload).digest("base64url");
}

function signatureMatches(payload: string, signature: string, purpose: string): boolean {
  const expected = Buffer.from(sign(payload, purpose));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function unsubscribeToken(customerAccountId: number, expiresAt: Date): string {
  const payload = `${customerAccountId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${sign(payload)}`;
}

export type TokenCheck = { ok: true; customerAccountId: number } | { ok: false; reason: "invalid" | "expired" };

export function verifyUnsubscribeToken(token: string, at: Date): TokenCheck {
  const match = /^([1-9]\d{0,9})\.([1-9]\d{0,11})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: "invalid" };
  const [, account, expiry, signature] = match;
  if (!signatureMatches(`${account}.${expiry}`, signature!, SUPPORT_INFO)) return { ok: false, reason: "invalid" };
  if (Number(expiry) * 1000 <= at.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, customerAccountId: Number(account) };
}

/** M-13's link: stops every renewal reminder to `email`. */
export function reminderUnsubscribeToken(email: string, expiresAt: Date): string {
  const payload = `r.${Buffer.from(email, "utf8").toString("base64url")}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${sign(payload, REMINDERS)}`;
}

export function isReminderToken(token: string): boolean {
  return token.startsWith("r.");
}

export type ReminderTokenCheck = { ok: true; email: string } | { ok: false; reason: "invalid" | "expired" };

export function verifyReminderUnsubscribeToken(token: string, at: Date): ReminderTokenCheck {
  const match = /^r\.([A-Za-z0-9_-]{4,400})\.([1-9]\d{0,11})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: "invalid" };
  const [, address, expiry, signature] = match;
  if (!signatureMatches(`r.${address}.${expiry}`, signature!, REMINDERS)) return { ok: false, reason: "invalid" };
  if (Number(expiry) * 1000 <= at.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, email: Buffer.from(address!, "base64url").toString("utf8") };
}
