import "server-only";
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { decodeBase32IgnorePadding, encodeBase32NoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import { renderSVG } from "uqr";

// MFA (beyond the SPEC): TOTP of RFC 6238 (HMAC-SHA1, 30-second steps, 6 digits: what every authenticator app reads from the
// QR code), computed with @oslojs/otp on the domain clock. A code of the step before or after is accepted too
// (RFC 6238 §5.2: one step of clock drift either way), so a code typed as it turns over still works. And as §5.2 says,
// a code is good once: matchTotp gives the step a code belongs to, and lib/auth/mfa.ts accepts only a step later than
// the account's last (a code seen over a shoulder or in a recording cannot be used again within its 90 seconds).
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
const DRIFT_STEPS = 1;
/** 160 bits, RFC 4226's recommended length for HMAC-SHA1. */
const SECRET_BYTES = 20;

export function newTotpSecret(): Uint8Array {
  return new Uint8Array(randomBytes(SECRET_BYTES));
}

function stepOf(at: Date): bigint {
  return BigInt(Math.floor(at.getTime() / (TOTP_PERIOD_SECONDS * 1000)));
}

export function totpCode(secret: Uint8Array, at: Date): string {
  return generateHOTP(secret, stepOf(at), TOTP_DIGITS);
}

/**
 * `code` as typed (spaces and a full-width form already NFKC-normalised by the form guard) against the steps around
 * `at`: the time step it is the code of (the latest, should two steps share one code), or null.
 */
export function matchTotp(secret: Uint8Array, code: string, at: Date): number | null {
  const digits = code.replace(/[\s-]/g, "");
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(digits)) return null;
  const step = stepOf(at);
  let matched: number | null = null;
  // Every step is computed (no early return), so the time taken does not say which one matched.
  for (let offset = -DRIFT_STEPS; offset <= DRIFT_STEPS; offset++)
    if (generateHOTP(secret, step + BigInt(offset), TOTP_DIGITS) === digits) matched = Number(step) + offset;
  return matched;
}

export function secretForDisplay(secret: Uint8Array): string {
  return encodeBase32NoPadding(secret)
    .match(/.{1,4}/g)!
    .join(" ");
}

export function secretFromBase32(text: string): Uint8Array {
  return decodeBase32IgnorePadding(text.replace(/\s/g, "").toUpperCase());
}

/** The otpauth:// URI of the QR code: the issuer is the site's name, the account the login e-mail. */
export function totpUri(issuer: string, account: string, secret: Uint8Array): string {
  return createTOTPKeyURI(issuer, account, secret, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

/** The QR code of the URI as an SVG document (drawn on the server; no script, no request leaves the site). */
export function totpQrSvg(uri: string): string {
  return renderSVG(uri, { ecc: "M", pixelSize: 4, border: 2 });
}

// --- the secret at rest --------------------------------------------------------------------------------------------
// The stored secret is sealed with AES-256-GCM under a key derived from AUTH_SECRET, so a copy of the database alone
// cannot compute anyone's codes. Rotating AUTH_SECRET therefore asks every enrolled account to enrol again (like the
// device tokens of A-8 and the unsubscribe links it already voids): README, "Two-factor authentication".

function sealingKey(purpose: string): Buffer {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: TOTP secrets cannot be sealed");
  return createHmac("sha256", secret).update(`totp-secret/v1/${purpose}`).digest();
}

/** The context a sealed secret is bound to: its account (so one account's secret never opens as another's). */
export const secretContext = (principal: { type: "customer" | "staff"; accountId: number }) => `${principal.type}:${principal.accountId}`;

/** `v1.<iv>.<ciphertext>.<tag>` (base64url), bound to `context` (the account) as additional data. */
export function sealSecret(secret: Uint8Array, context: string, purpose = "stored"): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(purpose), iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(secret), cipher.final()]);
  return ["v1", iv.toString("base64url"), body.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** The secret, or null when the value was not sealed by us for this context (altered, another account's, another key). */
export function openSecret(sealed: string, context: string, purpose = "stored"): Uint8Array | null {
  const [version, iv, body, tag] = sealed.split(".");
  if (version !== "v1" || !iv || !body || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", sealingKey(purpose), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]));
  } catch {
    return null;
  }
}

// --- recovery codes ------------------------------------------------------------------------------------------------
// Ten per enrolment, 10 characters of an alphabet without look-alikes (xxxxx-xxxxx), about 50 bits each: too many to
// guess under the A-8 throttle, so a fast hash (SHA-256) is enough to store them, as for temporary passwords.
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(10);
    const text = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join("");
    return `${text.slice(0, 5)}-${text.slice(5)}`;
  });
}

/** What a typed recovery code is compared as: lower case, without hyphens and spaces. */
export function recoveryCodeHash(code: string): string {
  return createHash("sha256")
    .update(`recovery|${code.toLowerCase().replace(/[\s-]/g, "")}`)
    .digest("base64url");
}

export function looksLikeRecoveryCode(code: string): boolean {
  return /^[a-z0-9]{10}$/.test(code.toLowerCase().replace(/[\s-]/g, ""));
}
