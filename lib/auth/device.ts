import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

// A-8 against lockout abuse (OWASP "device cookies"): five wrong passwords from anywhere lock an account for
// everybody, so an attacker could keep the real user out for ever. A browser that signed in to an account before
// carries a signed token for it; such a browser passes the account's lock (not its address's), and its own wrong
// passwords count against the token instead of the account, so that a stolen token buys five tries, not more.
// The token names the account kind and login e-mail and its issue time, signed with AUTH_SECRET.
export const DEVICE_COOKIE = "ecs.device";
const MAX_AGE_MS = 180 * 24 * 60 * 60 * 1000;
// One browser may be shared by a few accounts (a front desk PC): the newest tokens are kept.
const MAX_TOKENS = 5;

export type DeviceKind = "customer" | "staff";

function secret(): string | null {
  return process.env.AUTH_SECRET || null;
}

function sign(payload: string, key: string): string {
  return createHmac("sha256", key).update(`device|${payload}`).digest("base64url");
}

function payloadOf(kind: DeviceKind, email: string, issuedAt: number): string {
  return `${kind}.${Buffer.from(email).toString("base64url")}.${issuedAt.toString(36)}`;
}

/** The tokens of a cookie value that are well-formed, correctly signed and not too old. */
function validTokens(cookieValue: string | undefined, at: number): { kind: DeviceKind; email: string; token: string }[] {
  const key = secret();
  if (!key || !cookieValue) return [];
  const found = [];
  for (const token of cookieValue.split("~").slice(0, MAX_TOKENS)) {
    const [kind, email64, issued36, signature] = token.split(".");
    if ((kind !== "customer" && kind !== "staff") || !email64 || !issued36 || !signature) continue;
    const expected = Buffer.from(sign(`${kind}.${email64}.${issued36}`, key));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) continue;
    const issuedAt = parseInt(issued36, 36);
    if (!Number.isFinite(issuedAt) || issuedAt > at + 60_000 || at - issuedAt > MAX_AGE_MS) continue;
    found.push({ kind: kind as DeviceKind, email: Buffer.from(email64, "base64url").toString("utf8"), token });
  }
  return found;
}

/** The token this browser holds for the account, if any: the sign-in then passes the account lock (see above). */
export function trustedDeviceToken(cookieValue: string | undefined, kind: DeviceKind, email: string, at: number): string | null {
  return validTokens(cookieValue, at).find((t) => t.kind === kind && t.email === email)?.token ?? null;
}

/** The cookie value after a successful sign-in: a fresh token for this account first, the other accounts' kept. */
export function deviceCookieAfterSignIn(cookieValue: string | undefined, kind: DeviceKind, email: string, at: number): string | null {
  const key = secret();
  if (!key) return null;
  const payload = payloadOf(kind, email, at);
  const fresh = `${payload}.${sign(payload, key)}`;
  const others = validTokens(cookieValue, at)
    .filter((t) => !(t.kind === kind && t.email === email))
    .map((t) => t.token);
  return [fresh, ...others].slice(0, MAX_TOKENS).join("~");
}

export const DEVICE_COOKIE_MAX_AGE_SECONDS = MAX_AGE_MS / 1000;
