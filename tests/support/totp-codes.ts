// The TOTP code to type for an account, for the e2e specs, the deployment smoke and the bench, which sign the same
// demo staff in many times a minute, from two Playwright workers at once. A code is good once (RFC 6238 §5.2,
// lib/auth/mfa.ts): the server takes a code only of a time step later than the account's last, and one step ahead of
// its clock at most. So the last step used per account and server is kept in a file that every process of the run
// reads and writes, the next code is of the step after it, and — when that is two steps ahead — the caller waits for
// the clock, as a person waits for the next code of an authenticator app. A code the server still calls used (two
// processes chose the same step at the same moment) is followed by another call: the next step.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { decodeBase32 } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";

const PERIOD_MS = 30_000;
const DIR = path.join(os.tmpdir(), "ecustomer-totp-steps");

function stepFile(account: string): string {
  return path.join(DIR, createHash("sha256").update(account).digest("hex").slice(0, 32));
}

function lastStep(account: string): number {
  try {
    return Number(fs.readFileSync(stepFile(account), "utf8")) || 0;
  } catch {
    return 0;
  }
}

export type TotpCode = { code: string; step: number };

/** The next unused code of `secretBase32` for `account` (any key naming the server and the account). */
export async function nextTotpCode(secretBase32: string, account: string): Promise<TotpCode> {
  const step = Math.max(Math.floor(Date.now() / PERIOD_MS), lastStep(account) + 1);
  fs.mkdirSync(DIR, { recursive: true });
  fs.writeFileSync(stepFile(account), String(step));
  // The server takes a code one step ahead of its own: step is good from the start of step - 1.
  const wait = (step - 1) * PERIOD_MS - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 50));
  return { code: generateHOTP(decodeBase32(secretBase32.replace(/\s/g, "")), BigInt(step), 6), step };
}
