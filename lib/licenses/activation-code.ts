import "server-only";
import { createHash, randomInt } from "node:crypto";

// SPEC C: two-letter product prefix, then groups 4-5-5-5-5-5 of upper-case letters and digits.
export const CODE_GROUPS = [4, 5, 5, 5, 5, 5] as const;
const BODY_LENGTH = CODE_GROUPS.reduce((a, b) => a + b, 0);
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** The lookup key of a code as typed or pasted (B-7): NFKC (full-width → half-width), hyphens and spaces dropped, upper case. */
export function activationCodeKey(input: string): string {
  return input
    .normalize("NFKC")
    .replace(/[\s\-‐‑‒–—―−ー]/g, "")
    .toUpperCase();
}

export function isActivationCodeKey(key: string): boolean {
  return new RegExp(`^[A-Z]{2}[A-Z0-9]{${BODY_LENGTH}}$`).test(key);
}

/** `OSXXXX…` → `OS-XXXX-XXXXX-…` (the display form stored next to the key). */
export function formatActivationCode(key: string): string {
  const groups = [key.slice(0, 2)];
  let offset = 2;
  for (const size of CODE_GROUPS) {
    groups.push(key.slice(offset, offset + size));
    offset += size;
  }
  return groups.join("-");
}

/** A new code from the cryptographic random source (uniqueness is the database's unique index). */
export function generateActivationCode(prefix: string): { code: string; key: string } {
  let body = "";
  for (let i = 0; i < BODY_LENGTH; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  const key = `${prefix}${body}`;
  return { code: formatActivationCode(key), key };
}

/** Demo data only: a fixed code per seed string, so that testers and tests can rely on it (SPEC X-2). */
export function demoActivationCode(prefix: string, seed: string): { code: string; key: string } {
  const digest = createHash("sha256").update(`demo:${prefix}:${seed}`).digest();
  let body = "";
  for (let i = 0; i < BODY_LENGTH; i++) body += ALPHABET[digest[i % digest.length]! % ALPHABET.length];
  const key = `${prefix}${body}`;
  return { code: formatActivationCode(key), key };
}
