import "server-only";
import { and, desc, eq, gt, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { signInAttempts } from "@/db/schema";
import { now } from "@/lib/clock";
import { normaliseAddress } from "./client-address";

// SPEC A-8: login, 仮パスワード発行 and every form that checks a license ID or activation code are throttled per
// account and per client address: `maxFailures` failures within `windowMs` lock for `lockMs` from the last of them.
// A sign-in success clears the account's count (not the address's: one valid account must not unlock an address);
// a license check's success clears nothing.
export type ThrottleScope = (typeof signInAttempts.scope.enumValues)[number];
export type ThrottleKey = { scope: ThrottleScope; accountKey?: string | null; clientAddress?: string | null };
export type ThrottleState = { locked: false } | { locked: true; until: Date; by: "account" | "address" };

export function throttleSettings() {
  const minutes = (name: string, fallback: number) => Math.max(1, Number(process.env[name]) || fallback) * 60 * 1000;
  return {
    maxFailures: Math.max(1, Number(process.env.THROTTLE_MAX_FAILURES) || 5),
    windowMs: minutes("THROTTLE_WINDOW_MINUTES", 15),
    lockMs: minutes("THROTTLE_LOCK_MINUTES", 15),
  };
}

function normaliseAccount(key: string | null | undefined): string | null {
  return key ? key.normalize("NFKC").trim().toLowerCase() : null;
}

export { normaliseAddress };

async function lockedUntil(column: "account" | "address", value: string, scope: ThrottleScope, at: Date): Promise<Date | null> {
  const db = await getDb();
  const { maxFailures, windowMs, lockMs } = throttleSettings();
  const match = column === "account" ? eq(signInAttempts.accountKey, value) : sql`${signInAttempts.clientAddress} = ${value}::inet`;
  // Sign-in: only what happened since the account's last success counts. The address ignores successes, and so do
  // the license checks (B-7 and the forms that take a license ID): a customer's own hits must not reset the count of
  // their guesses at other customers' IDs.
  const successResets = column === "account" && (scope === "customer_login" || scope === "staff_login" || scope === "temporary_password");
  const since = new Date(at.getTime() - windowMs - lockMs);
  const recent = await db
    .select({ succeeded: signInAttempts.succeeded, createdAt: signInAttempts.createdAt })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.scope, scope), match, gt(signInAttempts.createdAt, since)))
    .orderBy(desc(signInAttempts.createdAt), desc(signInAttempts.id))
    .limit(column === "account" ? maxFailures * 4 : maxFailures * 8);
  const failures: Date[] = [];
  for (const row of recent) {
    if (row.succeeded) {
      if (successResets) break;
      continue;
    }
    failures.push(row.createdAt);
    if (failures.length === maxFailures) break;
  }
  if (failures.length < maxFailures) return null;
  const newest = failures[0]!;
  const oldest = failures[maxFailures - 1]!;
  if (newest.getTime() - oldest.getTime() > windowMs) return null;
  const until = new Date(newest.getTime() + lockMs);
  return until > at ? until : null;
}

export async function getThrottleState(key: ThrottleKey): Promise<ThrottleState> {
  const at = now();
  const account = normaliseAccount(key.accountKey);
  const address = normaliseAddress(key.clientAddress);
  const [byAccount, byAddress] = await Promise.all([
    account ? lockedUntil("account", account, key.scope, at) : null,
    address ? lockedUntil("address", address, key.scope, at) : null,
  ]);
  if (byAccount && (!byAddress || byAccount >= byAddress)) return { locked: true, until: byAccount, by: "account" };
  if (byAddress) return { locked: true, until: byAddress, by: "address" };
  return { locked: false };
}

/** Records the outcome of a checked attempt (not of one refused because of a lock). */
export async function recordAttempt(key: ThrottleKey, succeeded: boolean): Promise<void> {
  const db = await getDb();
  await db.insert(signInAttempts).values({
    scope: key.scope,
    accountKey: normaliseAccount(key.accountKey),
    clientAddress: normaliseAddress(key.clientAddress),
    succeeded,
    createdAt: now(),
  });
}
