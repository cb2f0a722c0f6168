// The TOTP code to type for an account, for the e2e specs, the deployment smoke and the bench, which sign the same
// demo staff in many times a minute. A code is good once (RFC 6238 §5.2, lib/auth/mfa.ts): the server takes a code
// only of a time step later than the account's last, and one step ahead of its clock at most. So a caller remembers
// the last step it used per account and server, asks for the step after it, and — when that is two steps ahead — waits
// for the clock, as a person waits for the next code of an authenticator app. A code the server calls used (another
// process took that step) is followed by another call: the next step.
import { decodeBase32 } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";

const PERIOD_MS = 30_000;
const lastStep = new Map<string, number>();

export type TotpCode = { code: string; step: number };

/** The next unused code of `secretBase32` for `account` (any key naming the server and the account). */
export async function nextTotpCode(secretBase32: string, account: string): Promise<TotpCode> {
  const step = Math.max(Math.floor(Date.now() / PERIOD_MS), (lastStep.get(account) ?? 0) + 1);
  // The server takes a code one step ahead of its own: step is good from the start of step - 1.
  const wait = (step - 1) * PERIOD_MS - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 50));
  lastStep.set(account, step);
  return { code: generateHOTP(decodeBase32(secretBase32.replace(/\s/g, "")), BigInt(step), 6), step };
}
