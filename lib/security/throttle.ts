import "server-only";
import { and, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { signInAttempts, signInLocks } from "@/db/schema";
import { now } from "@/lib/clock";
import { normaliseAddress } from "./client-address";

// SPEC A-8: login, 仮パスワード発行 and every form that checks a license ID or activation code are throttled per
// account and per client address (README "Sign-in limits"):
//   - an account (or, from a browser that signed in to it before, that browser's device key: lib/auth/sign-in.ts)
//     locks after `maxFailures` (5) failures within `windowMs` (15 min), for `lockMs` (15 min) from the last of them;
//     a sign-in success clears its count;
//   - an address locks, on the sign-ins, when its failures within the window were on `addressAccounts` (100)
//     different accounts: password spraying from one place. One person's typos behind a company's NAT lock their
//     own account, never the office. On the guessing surfaces (仮パスワード発行 for unknown addresses, the license
//     checks) the address is the only tie between the guesses: `maxFailures` failures lock it, whatever the accounts.
// A lock is a row of sign_in_locks: the check before an attempt is one statement on its primary key, and a refusal
// while locked counts itself there (refusals) instead of appending a row — a flood against a lock writes nothing new.
export type ThrottleScope = (typeof signInAttempts.scope.enumValues)[number];
export type ThrottleKey = { scope: ThrottleScope; accountKey?: string | null; clientAddress?: string | null };
export type ThrottleState = { locked: false } | { locked: true; until: Date; by: "account" | "address" };
type Subject = "account" | "address";

export function throttleSettings() {
  const minutes = (name: string, fallback: number) => Math.max(1, Number(process.env[name]) || fallback) * 60 * 1000;
  return {
    maxFailures: Math.max(1, Number(process.env.THROTTLE_MAX_FAILURES) || 5),
    windowMs: minutes("THROTTLE_WINDOW_MINUTES", 15),
    lockMs: minutes("THROTTLE_LOCK_MINUTES", 15),
    addressAccounts: Math.max(2, Number(process.env.THROTTLE_ADDRESS_ACCOUNTS) || 100),
  };
}

/** What an address's limit counts: the accounts tried from it (the sign-ins), or its failures (the guessing surfaces). */
const ADDRESS_COUNTS: Record<ThrottleScope, "accounts" | "failures"> = {
  customer_login: "accounts",
  staff_login: "accounts",
  temporary_password: "failures",
  license_check: "failures",
};

function normaliseAccount(key: string | null | undefined): string | null {
  return key ? key.normalize("NFKC").trim().toLowerCase() : null;
}

export { normaliseAddress };

function subjectsOf(key: ThrottleKey): { subject: Subject; key: string }[] {
  const account = normaliseAccount(key.accountKey);
  const address = normaliseAddress(key.clientAddress);
  return [...(account ? [{ subject: "account" as const, key: account }] : []), ...(address ? [{ subject: "address" as const, key: address }] : [])];
}

function stateOf(locks: { subject: Subject; until: Date }[]): ThrottleState {
  if (locks.length === 0) return { locked: false };
  const latest = locks.reduce((a, b) => (b.until > a.until || (b.until.getTime() === a.until.getTime() && b.subject === "account") ? b : a));
  return { locked: true, until: latest.until, by: latest.subject };
}

/**
 * The check before an attempt: whether its account or its address is locked. A locked answer refuses the attempt,
 * and is counted on the lock as such (one UPDATE on at most two rows found by their primary key).
 */
export async function getThrottleState(key: ThrottleKey): Promise<ThrottleState> {
  const subjects = subjectsOf(key);
  if (subjects.length === 0) return { locked: false };
  const at = now();
  const db = await getDb();
  const rows = await db
    .update(signInLocks)
    .set({ refusals: sql`${signInLocks.refusals} + 1`, lastRefusedAt: at })
    .where(
      and(
        eq(signInLocks.scope, key.scope),
        sql`(${signInLocks.subject}, ${signInLocks.key}) IN (${sql.join(
          subjects.map((s) => sql`(${s.subject}::lock_subject, ${s.key})`),
          sql`, `,
        )})`,
        gt(signInLocks.lockedUntil, at),
      ),
    )
    .returning({ subject: signInLocks.subject, until: signInLocks.lockedUntil });
  return stateOf(rows);
}

/**
 * Records the outcome of a checked attempt (not of one refused because of a lock). A failure that reaches a limit
 * locks its account or address from now for `lockMs`; the answer says so (the caller audits the lock).
 */
export async function recordAttempt(key: ThrottleKey, succeeded: boolean): Promise<ThrottleState> {
  const db = await getDb();
  const at = now();
  const account = normaliseAccount(key.accountKey);
  const address = normaliseAddress(key.clientAddress);
  await db.insert(signInAttempts).values({ scope: key.scope, accountKey: account, clientAddress: address, succeeded, createdAt: at });
  if (succeeded) return { locked: false };
  const reached: { subject: Subject; key: string }[] = [];
  if (account && (await accountLimitReached(key.scope, account, at))) reached.push({ subject: "account", key: account });
  if (address && (await addressLimitReached(key.scope, address, at))) reached.push({ subject: "address", key: address });
  if (reached.length === 0) return { locked: false };
  const until = new Date(at.getTime() + throttleSettings().lockMs);
  await db
    .insert(signInLocks)
    .values(reached.map((r) => ({ scope: key.scope, subject: r.subject, key: r.key, lockedAt: at, lockedUntil: until })))
    .onConflictDoUpdate({
      target: [signInLocks.scope, signInLocks.subject, signInLocks.key],
      // A lock that had ended starts afresh; one still holding (another attempt locked it meanwhile) only lasts longer.
      set: {
        lockedAt: sql`CASE WHEN ${signInLocks.lockedUntil} <= excluded.locked_at THEN excluded.locked_at ELSE ${signInLocks.lockedAt} END`,
        refusals: sql`CASE WHEN ${signInLocks.lockedUntil} <= excluded.locked_at THEN 0 ELSE ${signInLocks.refusals} END`,
        lastRefusedAt: sql`CASE WHEN ${signInLocks.lockedUntil} <= excluded.locked_at THEN NULL ELSE ${signInLocks.lastRefusedAt} END`,
        lockedUntil: sql`greatest(${signInLocks.lockedUntil}, excluded.locked_until)`,
      },
    });
  return stateOf(reached.map((r) => ({ subject: r.subject, until })));
}

/** The account's failures within the window, since its last success on the sign-ins, reach `maxFailures`. */
async function accountLimitReached(scope: ThrottleScope, account: string, at: Date): Promise<boolean> {
  const db = await getDb();
  const { maxFailures, windowMs } = throttleSettings();
  // The license checks (B-7 and the forms that take a license ID): a customer's own hits must not reset the count of
  // their guesses at other customers' IDs.
  const successResets = scope !== "license_check";
  const recent = await db
    .select({ succeeded: signInAttempts.succeeded })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.scope, scope), eq(signInAttempts.accountKey, account), gt(signInAttempts.createdAt, new Date(at.getTime() - windowMs))))
    .orderBy(desc(signInAttempts.createdAt), desc(signInAttempts.id))
    .limit(maxFailures * 4);
  let failures = 0;
  for (const row of recent) {
    if (row.succeeded) {
      if (successResets) break;
      continue;
    }
    if (++failures === maxFailures) return true;
  }
  return false;
}

/** The address's failures within the window: on `addressAccounts` accounts (the sign-ins), or `maxFailures` of them. */
async function addressLimitReached(scope: ThrottleScope, address: string, at: Date): Promise<boolean> {
  const db = await getDb();
  const { maxFailures, windowMs, addressAccounts } = throttleSettings();
  const counting = ADDRESS_COUNTS[scope];
  const [row] = await db
    .select({ n: counting === "accounts" ? sql<number>`count(DISTINCT ${signInAttempts.accountKey})::int` : sql<number>`count(*)::int` })
    .from(signInAttempts)
    .where(
      and(
        eq(signInAttempts.scope, scope),
        sql`${signInAttempts.clientAddress} = ${address}::inet`,
        eq(signInAttempts.succeeded, false),
        gt(signInAttempts.createdAt, new Date(at.getTime() - windowMs)),
      ),
    );
  return (row?.n ?? 0) >= (counting === "accounts" ? addressAccounts : maxFailures);
}

/** The sign-in scopes, whose locks the staff dashboard counts (lib/staff-area/dashboard.ts). */
export const SIGN_IN_SCOPES = ["customer_login", "staff_login", "temporary_password"] as const satisfies readonly ThrottleScope[];

/** Locks of the sign-in scopes that began after `since` (accounts and addresses). */
export async function countSignInLocksSince(since: Date): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(signInLocks)
    .where(and(inArray(signInLocks.scope, [...SIGN_IN_SCOPES]), gt(signInLocks.lockedAt, since)));
  return row?.n ?? 0;
}
