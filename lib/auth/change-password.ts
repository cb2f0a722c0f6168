import "server-only";
import { desc, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { customerAccounts, passwordHistory, staffAccounts } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { enqueueMail } from "@/lib/mail/outbox";
import { passwordChangedMail } from "./mails";
import { hashPassword, verifyPassword } from "./password-hash";
import { checkPasswordRules, PASSWORD_HISTORY_DEPTH, type PasswordRuleViolation } from "./password-policy";
import type { Actor } from "./actor";
import { endOtherSessions, type Principal } from "./sessions";
import { getThrottleState, recordAttempt } from "@/lib/security/throttle";

export type ChangePasswordInput = { currentPassword?: string; newPassword: string; confirmation: string };
export type ChangePasswordErrors = {
  currentPassword?: ("required" | "wrong" | "locked")[];
  newPassword?: PasswordRuleViolation[];
  confirmation?: "mismatch"[];
};
export type ChangePasswordResult = { ok: true } | { ok: false; errors: ChangePasswordErrors };

/** `password` is one of the account's last PASSWORD_HISTORY_DEPTH passwords. */
export async function reusesRecentPassword(db: Executor, principal: Principal, password: string): Promise<boolean> {
  const history = await db
    .select({ passwordHash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(principal.type === "customer" ? eq(passwordHistory.customerAccountId, principal.accountId) : eq(passwordHistory.staffAccountId, principal.accountId))
    .orderBy(desc(passwordHistory.createdAt), desc(passwordHistory.id))
    .limit(PASSWORD_HISTORY_DEPTH);
  for (const old of history) if (await verifyPassword(password, old.passwordHash)) return true;
  return false;
}

/**
 * A-4 (forced, right after signing in) and E-1 (voluntary, with the current password): the A-6 rules, the last 3
 * passwords refused, mail M-2 in the same transaction, and every other session of the account ended.
 */
export async function changePassword({ actor, input }: { actor: Actor; input: ChangePasswordInput }): Promise<ChangePasswordResult> {
  const db = await getDb();
  const principal: Principal = { type: actor.type, accountId: actor.accountId };
  const context = { clientAddress: actor.clientAddress };
  const isCustomer = principal.type === "customer";
  const table = isCustomer ? customerAccounts : staffAccounts;
  const [account] = await db
    .select({ id: table.id, email: table.email, passwordHash: table.passwordHash })
    .from(table)
    .where(eq(table.id, principal.accountId))
    .limit(1);
  if (!account) throw new Error("The session's account does not exist");

  const errors: ChangePasswordErrors = {};
  // A forced change follows a sign-in just made (with a temporary password, or an expired one): no current password.
  const needsCurrent = !actor.mustChangePassword;
  if (needsCurrent) {
    // a signed-in user's wrong current password counts against that account only — never against the address
    // it is typed from (behind a company's NAT, the whole office's).
    const key = { scope: isCustomer ? ("customer_login" as const) : ("staff_login" as const), accountKey: account.email, clientAddress: null };
    if (!input.currentPassword) errors.currentPassword = ["required"];
    else if ((await getThrottleState(key)).locked) errors.currentPassword = ["locked"];
    else if (!account.passwordHash || !(await verifyPassword(input.currentPassword, account.passwordHash))) {
      errors.currentPassword = ["wrong"];
      await recordAttempt(key, false);
    }
  }
  const violations = await checkPasswordRules(input.newPassword, account.email);
  if (violations.length === 0 && (await reusesRecentPassword(db, principal, input.newPassword))) violations.push("reused");
  if (violations.length) errors.newPassword = violations;
  if (input.newPassword !== input.confirmation) errors.confirmation = ["mismatch"];
  if (Object.keys(errors).length) {
    await writeAudit({
      actorType: principal.type,
      actorId: account.id,
      actorEmail: account.email,
      action: "password.change_refused",
      clientAddress: context.clientAddress,
      details: { reasons: Object.keys(errors).join(",") },
    });
    return { ok: false, errors };
  }

  const passwordHash = await hashPassword(input.newPassword);
  const at = now();
  await db.transaction(async (tx) => {
    await tx.update(table).set({ passwordHash, passwordChangedAt: at, mustChangePassword: false }).where(eq(table.id, account.id));
    await tx
      .insert(passwordHistory)
      .values(isCustomer ? { customerAccountId: account.id, passwordHash, createdAt: at } : { staffAccountId: account.id, passwordHash, createdAt: at });
    await endOtherSessions(tx, principal, actor.sessionId);
    if (isCustomer) await enqueueMail(tx, passwordChangedMail(account.email, at));
    await writeAudit(
      {
        actorType: principal.type,
        actorId: account.id,
        actorEmail: account.email,
        action: actor.mustChangePassword ? "password.changed_forced" : "password.changed",
        clientAddress: context.clientAddress,
      },
      tx,
    );
  });
  return { ok: true };
}
