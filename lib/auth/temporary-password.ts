import "server-only";
import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { and, count, eq, gt, isNull, like, not, or } from "drizzle-orm";
import { getDb } from "@/db/client";
import { customerAccounts, temporaryPasswords } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { enqueueMail } from "@/lib/mail/outbox";
import { isLoginEmail, normaliseEmail } from "./login-email";
import { temporaryPasswordMail } from "./mails";
import { authSettings } from "./settings";
import { getThrottleState, normaliseAddress, recordAttempt } from "@/lib/security/throttle";

// No 0/O, 1/l/I: the customer copies it from a mail, sometimes by hand.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
const LENGTH = 16;

/** A-3: ≥ 12 characters from the CSPRNG (16 here: ~94 bits), with a letter and a digit so that it passes A-6's shape. */
export function generateTemporaryPassword(): string {
  for (;;) {
    let value = "";
    for (let i = 0; i < LENGTH; i++) value += ALPHABET[randomInt(ALPHABET.length)];
    if (/[A-Za-z]/.test(value) && /[0-9]/.test(value)) return value;
  }
}

// A temporary password is 16 random characters (~94 bits) that live 24 hours and are used once: no guessing can
// find it, so it needs no slow hash. SHA-256 keeps it out of the database, and checking it at sign-in costs nothing,
// so that every sign-in attempt runs scrypt exactly once, whatever the account's state.
const FAST_PREFIX = "sha256$";

export function hashTemporaryPassword(temporaryPassword: string): string {
  return FAST_PREFIX + createHash("sha256").update(temporaryPassword.normalize("NFKC")).digest("base64url");
}

/** Whether `input` is the temporary password behind `stored` (a hash made by hashTemporaryPassword). */
export function isTemporaryPassword(input: string, stored: string): boolean {
  if (!stored.startsWith(FAST_PREFIX)) return false;
  const expected = Buffer.from(stored.slice(FAST_PREFIX.length));
  const given = Buffer.from(hashTemporaryPassword(input).slice(FAST_PREFIX.length));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export type TemporaryPasswordResult = { status: "sent" } | { status: "unknown" } | { status: "locked"; until: Date };

/**
 * Who asks, for A-3's allowance: the owner's own browser (its device token for this account, lib/auth/device.ts,
 * already verified by the caller), or else the client address.
 */
function requesterOf(input: { clientAddress?: string | null; trustedDevice?: string | null }): string {
  if (input.trustedDevice) return `device:${createHash("sha256").update(input.trustedDevice).digest("base64url").slice(0, 32)}`;
  return `address:${normaliseAddress(input.clientAddress) ?? "unknown"}`;
}

/**
 * A-3 仮パスワード発行: for a login e-mail, voids any earlier temporary password, stores a new one (hashed, 24 hours,
 * single use) and writes mail M-1 in the same transaction. The current password keeps working until the temporary
 * one is used. Throttled so that the "unknown address" answer cannot be used to enumerate addresses quickly,
 * and limited per hour so that nobody can flood a customer's mailbox: 5 mails an hour per account and requester —
 * the owner's browser (a device token) has an allowance of its own that nobody else's requests can spend — and 10 an
 * hour per account from everyone else together.
 */
export async function requestTemporaryPassword(input: {
  email: string;
  clientAddress?: string | null;
  trustedDevice?: string | null;
}): Promise<TemporaryPasswordResult> {
  const email = normaliseEmail(input.email);
  const key = { scope: "temporary_password" as const, accountKey: email, clientAddress: input.clientAddress };
  // A refusal while locked appends nothing (the lock counts it: lib/security/throttle.ts).
  const throttle = await getThrottleState(key);
  if (throttle.locked) return { status: "locked", until: throttle.until };
  const db = await getDb();
  if (!(await isLoginEmail(db, email))) {
    const after = await recordAttempt(key, false);
    await writeAudit({ actorType: "anonymous", actorEmail: email, action: "temporary_password.unknown_address", clientAddress: input.clientAddress });
    if (after.locked)
      await writeAudit({
        actorType: "anonymous",
        actorEmail: email,
        action: "temporary_password.lock",
        clientAddress: input.clientAddress,
        details: { by: after.by, until: after.until.toISOString() },
      });
    return { status: "unknown" };
  }

  const settings = authSettings();
  const requester = requesterOf(input);
  const at = now();
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = hashTemporaryPassword(temporaryPassword);
  const expiresAt = new Date(at.getTime() + settings.temporaryPasswordMs);

  const result = await db.transaction(async (tx) => {
    await tx.insert(customerAccounts).values({ email, createdAt: at }).onConflictDoNothing({ target: customerAccounts.email });
    const [account] = await tx.select().from(customerAccounts).where(eq(customerAccounts.email, email)).for("update");
    const lastHour = and(eq(temporaryPasswords.customerAccountId, account!.id), gt(temporaryPasswords.createdAt, new Date(at.getTime() - 60 * 60 * 1000)));
    const recent = async (...where: Parameters<typeof and>) =>
      (
        (await tx
          .select({ n: count() })
          .from(temporaryPasswords)
          .where(and(lastHour, ...where))) as [{ n: number }]
      )[0].n;
    const mine = await recent(eq(temporaryPasswords.requestedBy, requester));
    const others = requester.startsWith("device:")
      ? 0
      : await recent(or(isNull(temporaryPasswords.requestedBy), not(like(temporaryPasswords.requestedBy, "device:%"))));
    if (mine >= settings.temporaryPasswordsPerHour || others >= settings.temporaryPasswordsPerAccountHour)
      return { status: "locked" as const, until: new Date(at.getTime() + 60 * 60 * 1000) };
    await tx
      .update(temporaryPasswords)
      .set({ voidedAt: at })
      .where(and(eq(temporaryPasswords.customerAccountId, account!.id), isNull(temporaryPasswords.usedAt), isNull(temporaryPasswords.voidedAt)));
    await tx.insert(temporaryPasswords).values({ customerAccountId: account!.id, passwordHash, expiresAt, requestedBy: requester, createdAt: at });
    await enqueueMail(tx, temporaryPasswordMail(email, temporaryPassword, expiresAt));
    await writeAudit(
      { actorType: "customer", actorId: account!.id, actorEmail: email, action: "temporary_password.issued", clientAddress: input.clientAddress },
      tx,
    );
    return { status: "sent" as const };
  });
  if (result.status === "locked") {
    await writeAudit({ actorType: "anonymous", actorEmail: email, action: "temporary_password.hourly_limit", clientAddress: input.clientAddress });
  }
  return result;
}
