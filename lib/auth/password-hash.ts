import "server-only";
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";

// a memory-hard KDF with a per-password salt: scrypt with OWASP's N=2^17, r=8, p=1 (128 MiB, ~350 ms on the
// project's 2-core machines). PASSWORD_SCRYPT_LOG_N may lower N for test suites only (never below 2^14); the
// parameters are stored with each hash, so hashes made with other parameters keep verifying.
function params() {
  const logN = Math.min(20, Math.max(14, Number(process.env.PASSWORD_SCRYPT_LOG_N) || 17));
  return { N: 2 ** logN, r: 8, p: 1 };
}
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize("NFKC"), salt, keylen, { ...options, maxmem: 256 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const p = params();
  const key = await scrypt(password, salt, KEY_LENGTH, p);
  return ["scrypt", p.N, p.r, p.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, n, r, p, saltText, keyText] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(keyText, "base64url");
  const key = await scrypt(password, Buffer.from(saltText, "base64url"), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
