import "server-only";
import { createHash } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { getDb, type Database } from "@/db/client";
import { customerAccounts, staffAccounts, temporaryPasswords } from "@/db/schema";
import { writeAudit, type AuditEvent } from "@/lib/audit";
import type { SignInAction } from "@/lib/audit/actions";
import { now } from "@/lib/clock";
import { isLoginEmail, normaliseEmail } from "./login-email";
import { hashPassword, PasswordHashBusyError, verifyPassword } from "./password-hash";
import { isTemporaryPassword } from "./temporary-password";
import { createMfaChallenge, type MfaPurpose } from "./mfa";
import { createSession, type Principal } from "./sessions";
import { getThrottleState, recordAttempt } from "@/lib/security/throttle";
import { clientAddressOf } from "@/lib/security/client-address";
import { trustedDeviceToken, type DeviceKind } from "./device";

export type SignInContext = {
  clientAddress?: string | null;
  userAgent?: string | null;
  /** the device token this browser holds for the account (lib/auth/device.ts), already verified; null if none. */
  trustedDevice?: string | null;
};
export type SignInResult =
  | { ok: true; sessionId: string; accountId: number; mustChangePassword: boolean }
  | { ok: false; reason: "invalid" | "busy" }
  | { ok: false; reason: "locked"; until: Date }
  /** MFA: the password was right; the session waits for a TOTP code (or the enrolment) through this token. */
  | { ok: false; reason: "mfa"; challengeToken: string; purpose: MfaPurpose };

let dummyHash: Promise<string> | undefined;
/**
 * Every attempt that passes the lock check runs scrypt exactly once, whatever the account's state — unknown, no
 * password yet, a password, a temporary password waiting (its check is a fast hash: lib/auth/temporary-password.ts)
 * — so neither timing nor load tells an attacker anything (A-1's one message). Without a stored hash, a dummy one.
 */
async function verifyOnce(password: string, stored: string | null): Promise<boolean> {
  const matches = await verifyPassword(password, stored ?? (await dummy()));
  return stored !== null && matches;
}

/** The dummy hash, made once per process; a try refused by a full hashing queue is not kept (the next one makes it). */
async function dummy(): Promise<string> {
  const pending = (dummyHash ??= hashPassword(`dummy-${Math.random()}`));
  try {
    return await pending;
  } catch (error) {
    if (dummyHash === pending) dummyHash = undefined;
    throw error;
  }
}

/** The hashing queue is full (a login flood): the ordinary "try again later", and nothing recorded against anyone. */
async function busyOr(run: () => Promise<SignInResult>): Promise<SignInResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof PasswordHashBusyError) return { ok: false, reason: "busy" };
    throw error;
  }
}

const AUDIT_PREFIX = { customer_login: "", staff_login: "staff." } as const;

/** The audit row of a sign-in step of a known account (G-7): staff actions are named "staff.…", a customer's plainly. */
export function signInAudit(principal: Principal, email: string, context: SignInContext, action: SignInAction, details?: AuditEvent["details"]): AuditEvent {
  return {
    actorType: principal.type,
    actorId: principal.accountId,
    actorEmail: email,
    action: principal.type === "staff" ? (`${AUDIT_PREFIX.staff_login}${action}` as const) : action,
    clientAddress: context.clientAddress,
    details,
  };
}

export type LoginScope = "customer_login" | "staff_login";

/**
 * Whose failures an attempt counts as: the account's, or — from a browser that signed in to it before — that
 * browser's token's (lib/auth/device.ts), so that strangers' wrong passwords never lock the real user out.
 */
export function throttleKey(scope: LoginScope, email: string, context: SignInContext) {
  const accountKey = context.trustedDevice ? `device:${createHash("sha256").update(context.trustedDevice).digest("base64url").slice(0, 32)}` : email;
  return { scope, accountKey, clientAddress: context.clientAddress };
}

/**
 * The A-8 check before any password work: a locked account or address is refused. Nothing is appended for it (the
 * lock counts its refusals: lib/security/throttle.ts), so a flood against a lock costs one statement a try.
 */
export async function lockedResult(scope: LoginScope, email: string, context: SignInContext): Promise<SignInResult | null> {
  const throttle = await getThrottleState(throttleKey(scope, email, context));
  if (!throttle.locked) return null;
  return { ok: false, reason: "locked", until: throttle.until };
}

/**
 * a try refused by a lock is answered after a pause (`THROTTLE_LOCKED_PAUSE_MS`, default 1 s). A person waits a
 * second for the lock message; a client flooding a locked account or address over keep-alive connections gets one
 * answer a second per connection instead of as many as the server can give. The pause comes after the check and
 * holds no hashing slot and no database connection, only the open request.
 */
export function pauseBeforeLockedAnswer(): Promise<void> {
  const ms = Math.max(0, Number(process.env.THROTTLE_LOCKED_PAUSE_MS ?? 1000) || 0);
  return ms > 0 ? delay(ms) : Promise.resolve();
}

/**
 * A-8 at the door (proxy.ts): whether a sign-in form posted without JavaScript would be refused by a lock — the same
 * check, with this browser's device token for the account, that the sign-in makes before any password work. Such a
 * try is answered there with a redirect to the login page saying so, so that a flood against a locked account or
 * address costs that one statement a try, not the action and the page it renders.
 */
export async function lockedAtTheDoor(kind: DeviceKind, email: string, headers: Headers, deviceCookie: string | undefined): Promise<boolean> {
  const account = normaliseEmail(email);
  const trustedDevice = trustedDeviceToken(deviceCookie, kind, account, now().getTime());
  const scope = kind === "staff" ? "staff_login" : "customer_login";
  return (await lockedResult(scope, account, { clientAddress: clientAddressOf(headers), trustedDevice })) !== null;
}

/** A wrong password — or a wrong TOTP code (`step` "mfa"): one failure against the account and the address. */
export async function refuse(scope: LoginScope, email: string, context: SignInContext, step: "password" | "mfa" = "password"): Promise<SignInResult> {
  const after = await recordAttempt(throttleKey(scope, email, context), false);
  await writeAudit({
    actorType: "anonymous",
    actorEmail: email,
    action: `${AUDIT_PREFIX[scope]}login.${step === "mfa" ? "mfa_failure" : "failure"}` as const,
    clientAddress: context.clientAddress,
  });
  if (after.locked) {
    await writeAudit({
      actorType: "anonymous",
      actorEmail: email,
      action: `${AUDIT_PREFIX[scope]}login.lock` as const,
      clientAddress: context.clientAddress,
      details: { by: after.by, until: after.until.toISOString() },
    });
  }
  return { ok: false, reason: "invalid" };
}

type Credentials = { email: string; password: string };

/**
 * The frame of both sign-ins: the login e-mail normalised, a locked account or address refused before any password
 * work, and a full hashing queue answered "busy".
 */
function throttledSignIn(scope: LoginScope, input: Credentials, context: SignInContext, signIn: SignInStep): Promise<SignInResult> {
  return busyOr(async () => {
    const email = normaliseEmail(input.email);
    return (await lockedResult(scope, email, context)) ?? signIn(await getDb(), email, input.password, context);
  });
}
type SignInStep = (db: Database, email: string, password: string, context: SignInContext) => Promise<SignInResult>;

/**
 * A-1 customer sign-in with the login e-mail and either the password or an unused temporary password. Using
 * the temporary password consumes it, retires the old password and forces the change. Throttled.
 */
export function signInCustomer(input: Credentials, context: SignInContext = {}): Promise<SignInResult> {
  return throttledSignIn("customer_login", input, context, customerSignIn);
}

const customerSignIn: SignInStep = async (db, email, password, context) => {
  const [account] = await db.select().from(customerAccounts).where(eq(customerAccounts.email, email)).limit(1);
  // An address that is no longer a contact (A-9, contracts gone) cannot sign in, whatever its password.
  if (!account || !(await isLoginEmail(db, email))) {
    await verifyOnce(password, null);
    return refuse("customer_login", email, context);
  }
  let method: "password" | "temporary" | null = null;
  let temporaryId: number | null = null;
  if (await verifyOnce(password, account.passwordHash)) {
    method = "password";
  } else {
    const [temporary] = await db
      .select()
      .from(temporaryPasswords)
      .where(
        and(
          eq(temporaryPasswords.customerAccountId, account.id),
          isNull(temporaryPasswords.usedAt),
          isNull(temporaryPasswords.voidedAt),
          gt(temporaryPasswords.expiresAt, now()),
        ),
      )
      .orderBy(desc(temporaryPasswords.createdAt))
      .limit(1);
    if (temporary && isTemporaryPassword(password, temporary.passwordHash)) {
      method = "temporary";
      temporaryId = temporary.id;
    }
  }
  if (!method) return refuse("customer_login", email, context);

  const at = now();
  // MFA: with TOTP on, the right password leads to the code step; the session is made there (lib/auth/mfa.ts).
  // A temporary password is consumed here all the same (it did its work), and the change it forces waits for the code.
  const mfa = account.totpEnabledAt !== null && account.totpSecret !== null;
  const principal: Principal = { type: "customer", accountId: account.id };
  const outcome = await db.transaction(async (tx): Promise<{ sessionId: string } | { challengeToken: string } | null> => {
    if (method === "temporary") {
      // Single use, also against two concurrent sign-ins with the same temporary password.
      const used = await tx
        .update(temporaryPasswords)
        .set({ usedAt: at })
        .where(and(eq(temporaryPasswords.id, temporaryId!), isNull(temporaryPasswords.usedAt), isNull(temporaryPasswords.voidedAt)))
        .returning({ id: temporaryPasswords.id });
      if (used.length === 0) return null;
      await tx.update(customerAccounts).set({ passwordHash: null, mustChangePassword: true }).where(eq(customerAccounts.id, account.id));
    }
    const mustChangePassword = method === "temporary" || account.mustChangePassword;
    if (mfa) {
      const challengeToken = await createMfaChallenge(tx, principal, "verify", mustChangePassword);
      await writeAudit(signInAudit(principal, email, context, "login.mfa_challenge", { method }), tx);
      return { challengeToken };
    }
    await tx.update(customerAccounts).set({ lastLoginAt: at }).where(eq(customerAccounts.id, account.id));
    const id = await createSession(tx, principal, context);
    await writeAudit(signInAudit(principal, email, context, "login.success", { method }), tx);
    return { sessionId: id };
  });
  if (!outcome) return refuse("customer_login", email, context);
  // The count of wrong tries is cleared by a finished sign-in only: a right password with wrong codes keeps counting.
  if ("challengeToken" in outcome) return { ok: false, reason: "mfa", challengeToken: outcome.challengeToken, purpose: "verify" };
  await recordAttempt({ scope: "customer_login", accountKey: email, clientAddress: context.clientAddress }, true);
  const mustChangePassword = method === "temporary" || account.mustChangePassword;
  return { ok: true, sessionId: outcome.sessionId, accountId: account.id, mustChangePassword };
};

/** G-1 staff sign-in: its own accounts and throttle scope, the same rules; then always the TOTP step (beyond the SPEC). */
export function signInStaff(input: Credentials, context: SignInContext = {}): Promise<SignInResult> {
  return throttledSignIn("staff_login", input, context, staffSignIn);
}

const staffSignIn: SignInStep = async (db, email, password, context) => {
  const [staff] = await db.select().from(staffAccounts).where(eq(staffAccounts.email, email)).limit(1);
  if (!(await verifyOnce(password, staff && !staff.disabledAt ? staff.passwordHash : null)) || !staff) return refuse("staff_login", email, context);
  // MFA (beyond G-1): TOTP is required for every staff account: the code step, or — not enrolled yet — the enrolment.
  const purpose: MfaPurpose = staff.totpEnabledAt !== null && staff.totpSecret !== null ? "verify" : "enrol";
  const principal: Principal = { type: "staff", accountId: staff.id };
  const challengeToken = await db.transaction(async (tx) => {
    const token = await createMfaChallenge(tx, principal, purpose, staff.mustChangePassword);
    await writeAudit(signInAudit(principal, email, context, "login.mfa_challenge", { purpose }), tx);
    return token;
  });
  return { ok: false, reason: "mfa", challengeToken, purpose };
};
