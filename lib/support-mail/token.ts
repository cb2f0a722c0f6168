import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

// E-2 / G-5: the one-click unsubscribe link of every Support Information mail (RFC 8058). A token names the customer
// account and an expiry, signed with HMAC-SHA256 under a key derived from AUTH_SECRET: nothing is stored, a forged or
// altered token fails the signature, an old one its expiry. Format: <account id>.<expiry, Unix seconds>.<signature>.

/** How long a mail's unsubscribe link works: long enough for a mail read weeks later. */
export const UNSUBSCRIBE_TOKEN_DAYS = 90;

function key(): Buffer {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: the unsubscribe links cannot be signed");
  return createHmac("sha256", secret).update("support-info-unsubscribe/v1").digest();
}

function sign(payload: string): string {
  return createHmac("sha256", key()).update(payload).digest("base64url");
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
  const expected = Buffer.from(sign(`${account}.${expiry}`));
  const given = Buffer.from(signature!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  if (Number(expiry) * 1000 <= at.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, customerAccountId: Number(account) };
}
