import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lt, or } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { customerAccounts, mfaChallenges, mfaRecoveryCodes, staffAccounts } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import type { CustomerActor } from "./actor";
import { createSession, type Principal } from "./sessions";
import { lockedResult, refuse, signInAudit, throttleKey, type LoginScope, type SignInContext } from "./sign-in";
import { recordAttempt } from "@/lib/security/throttle";
import { looksLikeRecoveryCode, newRecoveryCodes, newTotpSecret, openSecret, recoveryCodeHash, sealSecret, secretContext, matchTotp } from "./totp";

// MFA (beyond the SPEC). After a right password (lib/auth/sign-in.ts), an account with TOTP — every staff account, and the
// customers who turned it on in /account/mfa — gets a challenge instead of a session: a random token in an HttpOnly
// cookie (MFA_COOKIE), its SHA-256 in mfa_challenges, five minutes, used once. The code (or a recovery code) finishes
// the sign-in there. A staff account without TOTP enrols on that step: the challenge carries a new secret (sealed),
// the first right code stores it with ten recovery codes, shown once, and only then the session is made.
// Wrong codes count as wrong passwords in A-8's throttle (same scope, account and address), and the count is cleared
// by a finished sign-in only, so that a right password does not buy more guesses at the code.
export type MfaPurpose = "verify" | "enrol";
export const MFA_COOKIE = "ecs.mfa";
export const MFA_CHALLENGE_MS = 5 * 60 * 1000;

const tokenHash = (token: string) => createHash("sha256").update(token).digest("base64url");

export async function createMfaChallenge(tx: Executor, principal: Principal, purpose: MfaPurpose, mustChangePassword: boolean): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const at = now();
  await tx.insert(mfaChallenges).values({
    tokenHash: tokenHash(token),
    principalType: principal.type,
    customerAccountId: principal.type === "customer" ? principal.accountId : null,
    staffAccountId: principal.type === "staff" ? principal.accountId : null,
    purpose,
    pendingSecret: purpose === "enrol" ? sealSecret(newTotpSecret(), secretContext(principal), "pending") : null,
    mustChangePassword,
    expiresAt: new Date(at.getTime() + MFA_CHALLENGE_MS),
    createdAt: at,
  });
  return token;
}

export type OpenChallenge = {
  id: number;
  principal: Principal;
  email: string;
  purpose: MfaPurpose;
  /** Enrolment: the secret to show (QR code and text) and to check the first code against. */
  pendingSecret: Uint8Array | null;
  /** Enrolment: the first code was right and the secret is stored; the sign-in may finish. */
  verified: boolean;
  mustChangePassword: boolean;
  expiresAt: Date;
};

/** The challenge of a cookie's token while it is open (not used, not expired, its account still able to sign in). */
export async function openChallenge(token: string | undefined | null, executor?: Executor): Promise<OpenChallenge | null> {
  if (!token || token.length > 100) return null;
  const db = executor ?? (await getDb());
  const [row] = await db
    .select({ challenge: mfaChallenges, customerEmail: customerAccounts.email, staffEmail: staffAccounts.email, staffDisabledAt: staffAccounts.disabledAt })
    .from(mfaChallenges)
    .leftJoin(customerAccounts, eq(customerAccounts.id, mfaChallenges.customerAccountId))
    .leftJoin(staffAccounts, eq(staffAccounts.id, mfaChallenges.staffAccountId))
    .where(and(eq(mfaChallenges.tokenHash, tokenHash(token)), isNull(mfaChallenges.usedAt), gt(mfaChallenges.expiresAt, now())))
    .limit(1);
  if (!row) return null;
  const c = row.challenge;
  const principal: Principal =
    c.principalType === "customer" ? { type: "customer", accountId: c.customerAccountId! } : { type: "staff", accountId: c.staffAccountId! };
  if (principal.type === "staff" && row.staffDisabledAt) return null;
  const email = (principal.type === "customer" ? row.customerEmail : row.staffEmail) ?? null;
  if (!email) return null;
  return {
    id: c.id,
    principal,
    email,
    purpose: c.purpose,
    pendingSecret: c.pendingSecret ? openSecret(c.pendingSecret, secretContext(principal), "pending") : null,
    verified: c.verifiedAt !== null,
    mustChangePassword: c.mustChangePassword,
    expiresAt: c.expiresAt,
  };
}

const scopeOf = (principal: Principal): LoginScope => (principal.type === "customer" ? "customer_login" : "staff_login");

/** The stored TOTP secret of an account, opened; null without TOTP. */
async function storedSecret(db: Executor, principal: Principal): Promise<Uint8Array | null> {
  const table = principal.type === "customer" ? customerAccounts : staffAccounts;
  const [row] = await db.select({ secret: table.totpSecret, enabledAt: table.totpEnabledAt }).from(table).where(eq(table.id, principal.accountId)).limit(1);
  if (!row?.secret || !row.enabledAt) return null;
  return openSecret(row.secret, secretContext(principal));
}

const recoveryOwner = (principal: Principal) =>
  principal.type === "customer" ? eq(mfaRecoveryCodes.customerAccountId, principal.accountId) : eq(mfaRecoveryCodes.staffAccountId, principal.accountId);

/**
 * A code typed for an account with TOTP: the current code (a step either side) not used before, or one of its unused
 * recovery codes; either is used up here, exactly once, also against two requests at the same time.
 */
export async function checkSecondFactor(db: Executor, principal: Principal, code: string): Promise<"totp" | "recovery" | "replayed" | null> {
  const secret = await storedSecret(db, principal);
  if (!secret) return null;
  const step = matchTotp(secret, code, now());
  if (step !== null) return (await claimTotpStep(db, principal, step)) ? "totp" : "replayed";
  if (!looksLikeRecoveryCode(code)) return null;
  const used = await db
    .update(mfaRecoveryCodes)
    .set({ usedAt: now() })
    .where(and(recoveryOwner(principal), eq(mfaRecoveryCodes.codeHash, recoveryCodeHash(code)), isNull(mfaRecoveryCodes.usedAt)))
    .returning({ id: mfaRecoveryCodes.id });
  return used.length ? "recovery" : null;
}

/**
 * RFC 6238 §5.2, a code is good once: the account's last accepted step moves to `step` only if `step` is later (one
 * UPDATE … WHERE … RETURNING, so of two requests with one code only one gets the row); a code of that step or an
 * earlier one, already used, is refused like a wrong code.
 */
async function claimTotpStep(db: Executor, principal: Principal, step: number): Promise<boolean> {
  const table = principal.type === "customer" ? customerAccounts : staffAccounts;
  const claimed = await db
    .update(table)
    .set({ totpLastStep: step })
    .where(and(eq(table.id, principal.accountId), or(isNull(table.totpLastStep), lt(table.totpLastStep, step))))
    .returning({ id: table.id });
  return claimed.length > 0;
}

/** Stores a verified secret with ten new recovery codes (the old ones are deleted); returns the codes to show once. */
export async function storeTotp(tx: Executor, principal: Principal, secret: Uint8Array, step: number): Promise<string[]> {
  const at = now();
  const table = principal.type === "customer" ? customerAccounts : staffAccounts;
  // The code that set it up is used: it does not sign in afterwards.
  await tx
    .update(table)
    .set({ totpSecret: sealSecret(secret, secretContext(principal)), totpEnabledAt: at, totpLastStep: step })
    .where(eq(table.id, principal.accountId));
  await tx.delete(mfaRecoveryCodes).where(recoveryOwner(principal));
  const codes = newRecoveryCodes();
  await tx.insert(mfaRecoveryCodes).values(
    codes.map((code) => ({
      customerAccountId: principal.type === "customer" ? principal.accountId : null,
      staffAccountId: principal.type === "staff" ? principal.accountId : null,
      codeHash: recoveryCodeHash(code),
      createdAt: at,
    })),
  );
  return codes;
}

/** Turns TOTP off (a customer's choice, or an admin's reset of a staff member's lost device): secret and codes gone. */
export async function clearTotp(tx: Executor, principal: Principal): Promise<void> {
  const table = principal.type === "customer" ? customerAccounts : staffAccounts;
  await tx.update(table).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null }).where(eq(table.id, principal.accountId));
  await tx.delete(mfaRecoveryCodes).where(recoveryOwner(principal));
}

export async function unusedRecoveryCodes(principal: Principal): Promise<number> {
  const db = await getDb();
  const rows = await db
    .select({ id: mfaRecoveryCodes.id })
    .from(mfaRecoveryCodes)
    .where(and(recoveryOwner(principal), isNull(mfaRecoveryCodes.usedAt)));
  return rows.length;
}

export type MfaResult =
  | { ok: true; sessionId: string; accountId: number; principal: Principal; mustChangePassword: boolean }
  | { ok: false; reason: "expired" | "invalid" | "replayed" }
  | { ok: false; reason: "locked"; until: Date };

/**
 * The code step: the challenge's account, its throttle, the code; then the challenge is used (once) and the session
 * made in one transaction. An enrolment challenge finishes only after enrolTotp has checked its first code.
 */
export async function completeMfa(token: string, code: string, context: SignInContext): Promise<MfaResult> {
  const challenge = await openChallenge(token);
  if (!challenge) return { ok: false, reason: "expired" };
  const { principal, email } = challenge;
  const scope = scopeOf(principal);
  const locked = await lockedResult(scope, email, context);
  if (locked && !locked.ok && locked.reason === "locked") return locked;
  const db = await getDb();
  let method: "totp" | "recovery" | "enrolled" | "replayed" | null = null;
  if (challenge.purpose === "enrol") method = challenge.verified ? "enrolled" : null;
  else method = await checkSecondFactor(db, principal, code);
  // RFC 6238 §5.2: a right code already used is refused, with its own answer (wait for the next code) and audited;
  // it is no guess, so it does not count toward the A-8 lock.
  if (method === "replayed") {
    await writeAudit(signInAudit(principal, email, context, "login.mfa_replayed"));
    return { ok: false, reason: "replayed" };
  }
  if (!method) {
    await refuse(scope, email, context, "mfa");
    return { ok: false, reason: "invalid" };
  }
  const sessionId = await db.transaction(async (tx) => {
    const used = await tx
      .update(mfaChallenges)
      .set({ usedAt: now() })
      .where(and(eq(mfaChallenges.id, challenge.id), isNull(mfaChallenges.usedAt)))
      .returning({ id: mfaChallenges.id });
    if (used.length === 0) return null;
    const table = principal.type === "customer" ? customerAccounts : staffAccounts;
    await tx.update(table).set({ lastLoginAt: now() }).where(eq(table.id, principal.accountId));
    const id = await createSession(tx, principal, context);
    await writeAudit(signInAudit(principal, email, context, "login.success", { mfa: method }), tx);
    return id;
  });
  if (!sessionId) return { ok: false, reason: "expired" };
  await recordAttempt(throttleKey(scope, email, context), true);
  return { ok: true, sessionId, accountId: principal.accountId, principal, mustChangePassword: challenge.mustChangePassword };
}

export type EnrolResult = { ok: true; recoveryCodes: string[] } | { ok: false; reason: "expired" | "invalid" } | { ok: false; reason: "locked"; until: Date };

/** Enrolment on the sign-in step (staff): the first code against the challenge's new secret stores it (throttled). */
export async function enrolTotp(token: string, code: string, context: SignInContext): Promise<EnrolResult> {
  const challenge = await openChallenge(token);
  if (!challenge || challenge.purpose !== "enrol" || !challenge.pendingSecret || challenge.verified) return { ok: false, reason: "expired" };
  const { principal, email } = challenge;
  const scope = scopeOf(principal);
  const locked = await lockedResult(scope, email, context);
  if (locked && !locked.ok && locked.reason === "locked") return locked;
  const step = matchTotp(challenge.pendingSecret, code, now());
  if (step === null) {
    await refuse(scope, email, context, "mfa");
    return { ok: false, reason: "invalid" };
  }
  const db = await getDb();
  const secret = challenge.pendingSecret;
  const codes = await db.transaction(async (tx) => {
    const marked = await tx
      .update(mfaChallenges)
      .set({ verifiedAt: now() })
      .where(and(eq(mfaChallenges.id, challenge.id), isNull(mfaChallenges.verifiedAt), isNull(mfaChallenges.usedAt)))
      .returning({ id: mfaChallenges.id });
    if (marked.length === 0) return null;
    const recoveryCodes = await storeTotp(tx, principal, secret, step);
    await writeAudit(signInAudit(principal, email, context, "mfa.enrolled"), tx);
    return recoveryCodes;
  });
  if (!codes) return { ok: false, reason: "expired" };
  return { ok: true, recoveryCodes: codes };
}

// --- a customer's own setting (/account/mfa) -------------------------------------------------------------------------
// The new secret travels in the page as a sealed value (bound to the account, ten minutes), so nothing is stored until
// the first right code: a page left open sets nothing up.
const SETUP_MS = 10 * 60 * 1000;

export type TotpSetup = { secret: Uint8Array; sealed: string };

export function newCustomerSetup(accountId: number): TotpSetup {
  const secret = newTotpSecret();
  const expires = now().getTime() + SETUP_MS;
  return { secret, sealed: `${expires.toString(36)}~${sealSecret(secret, `${secretContext({ type: "customer", accountId })}:${expires}`, "setup")}` };
}

function openSetup(accountId: number, sealed: string): Uint8Array | null {
  const [expiresText, value] = sealed.split("~");
  const expires = Number.parseInt(expiresText ?? "", 36);
  if (!value || !Number.isFinite(expires) || expires <= now().getTime()) return null;
  return openSecret(value, `${secretContext({ type: "customer", accountId })}:${expires}`, "setup");
}

export type CustomerMfaStatus = { enabledAt: Date | null; unusedRecoveryCodes: number };

export async function customerMfaStatus(actor: CustomerActor): Promise<CustomerMfaStatus> {
  const db = await getDb();
  const [row] = await db.select({ enabledAt: customerAccounts.totpEnabledAt }).from(customerAccounts).where(eq(customerAccounts.id, actor.accountId)).limit(1);
  const enabledAt = row?.enabledAt ?? null;
  return { enabledAt, unusedRecoveryCodes: enabledAt ? await unusedRecoveryCodes({ type: "customer", accountId: actor.accountId }) : 0 };
}

/** Turns TOTP on with the first right code of the page's secret; returns the recovery codes to show once. */
export async function enableCustomerTotp(
  actor: CustomerActor,
  sealed: string,
  code: string,
): Promise<{ ok: true; recoveryCodes: string[] } | { ok: false; reason: "expired" | "invalid" }> {
  const secret = openSetup(actor.accountId, sealed);
  if (!secret) return { ok: false, reason: "expired" };
  const step = matchTotp(secret, code, now());
  if (step === null) return { ok: false, reason: "invalid" };
  const principal: Principal = { type: "customer", accountId: actor.accountId };
  const db = await getDb();
  const recoveryCodes = await db.transaction(async (tx) => {
    const codes = await storeTotp(tx, principal, secret, step);
    await writeAudit(
      { actorType: "customer", actorId: actor.accountId, actorEmail: actor.email, action: "mfa.enabled", clientAddress: actor.clientAddress },
      tx,
    );
    return codes;
  });
  return { ok: true, recoveryCodes };
}

/**
 * Turns TOTP off with a current code (or a recovery code). Wrong codes count in the A-8 throttle of the sign-in, so a
 * borrowed session cannot try all million codes to switch it off.
 */
export async function disableCustomerTotp(
  actor: CustomerActor,
  code: string,
): Promise<{ ok: true } | { ok: false; reason: "invalid" | "locked" | "replayed" }> {
  const principal: Principal = { type: "customer", accountId: actor.accountId };
  const context = { clientAddress: actor.clientAddress };
  const locked = await lockedResult("customer_login", actor.email, context);
  if (locked) return { ok: false, reason: "locked" };
  const db = await getDb();
  const method = await checkSecondFactor(db, principal, code);
  if (method === "replayed") return { ok: false, reason: "replayed" };
  if (!method) {
    await refuse("customer_login", actor.email, context, "mfa");
    return { ok: false, reason: "invalid" };
  }
  await db.transaction(async (tx) => {
    await clearTotp(tx, principal);
    await writeAudit(
      {
        actorType: "customer",
        actorId: actor.accountId,
        actorEmail: actor.email,
        action: "mfa.disabled",
        clientAddress: actor.clientAddress,
        details: { with: method },
      },
      tx,
    );
  });
  return { ok: true };
}
