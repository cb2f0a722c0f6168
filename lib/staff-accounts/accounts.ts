import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { createElement } from "react";
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { authSessions, passwordHistory, staffAccounts, staffPasswordLinks, type StaffAccount, type StaffRole } from "@/db/schema";
import StaffPasswordLinkMail from "@/emails/staff-password-link";
import type { StaffActor } from "@/lib/auth/actor";
import { authorizeStaff } from "@/lib/auth/permissions";
import { clearTotp } from "@/lib/auth/mfa";
import { reusesRecentPassword } from "@/lib/auth/change-password";
import { hashPassword } from "@/lib/auth/password-hash";
import { checkPasswordRules, type PasswordRuleViolation } from "@/lib/auth/password-policy";
import { staffAuditEvent, writeAudit } from "@/lib/audit";
import type { AuditAction } from "@/lib/audit/actions";
import { now } from "@/lib/clock";
import { siteConfig } from "@/lib/config/site";
import { formatDateTime } from "@/lib/dates";
import { translator } from "@/lib/i18n";
import { enqueueMail, type MailMessage } from "@/lib/mail/outbox";
import { normaliseEmail } from "@/lib/security/email";

// G-1, staff accounts (admins: capability staff.manage). An invitation makes the account at once, without a
// password, and mails a single-use link (72 hours) to set one; an admin's password reset mails the same kind of link.
// Only the SHA-256 of a link's token is stored; a newer link voids the older ones. Disabling ends the member's
// sessions in the same transaction (and resolveSession refuses a disabled account on its next request anyway).
// The last enabled admin can be neither disabled nor given another role: the rows of the enabled admins are locked
// first, so two admins demoting each other at the same moment cannot both succeed.
export const STAFF_LINK_MS = 72 * 60 * 60 * 1000;

export type StaffStatus = "invited" | "active" | "disabled";
export type StaffListRow = {
  id: number;
  email: string;
  name: string;
  role: StaffRole;
  status: StaffStatus;
  mfa: boolean;
  lastLoginAt: Date | null;
  linkExpiresAt: Date | null;
};

export async function listStaff(actor: StaffActor): Promise<StaffListRow[]> {
  authorizeStaff(actor, "staff.manage");
  const db = await getDb();
  const at = now();
  const openLink = db
    .select({ staffAccountId: staffPasswordLinks.staffAccountId, expiresAt: sql<Date>`max(${staffPasswordLinks.expiresAt})`.as("link_expires_at") })
    .from(staffPasswordLinks)
    .where(and(isNull(staffPasswordLinks.usedAt), isNull(staffPasswordLinks.voidedAt), gt(staffPasswordLinks.expiresAt, at)))
    .groupBy(staffPasswordLinks.staffAccountId)
    .as("open_link");
  const rows = await db
    .select({ account: staffAccounts, linkExpiresAt: openLink.expiresAt })
    .from(staffAccounts)
    .leftJoin(openLink, eq(openLink.staffAccountId, staffAccounts.id))
    .orderBy(asc(staffAccounts.disabledAt), asc(staffAccounts.role), asc(staffAccounts.email));
  return rows.map(({ account: a, linkExpiresAt }) => ({
    id: a.id,
    email: a.email,
    name: a.name,
    role: a.role,
    status: a.disabledAt ? "disabled" : a.passwordHash ? "active" : "invited",
    mfa: a.totpEnabledAt !== null,
    lastLoginAt: a.lastLoginAt,
    linkExpiresAt: linkExpiresAt ? new Date(linkExpiresAt) : null,
  }));
}

const tokenHash = (token: string) => createHash("sha256").update(token).digest("base64url");

function linkMail(to: string, name: string, kind: "invite" | "reset", token: string, expiresAt: Date, invitedBy: string): MailMessage {
  const site = siteConfig();
  const url = new URL(`/admin/password/set/${token}`, site.baseUrl).toString();
  return {
    template: kind === "invite" ? "staff-invite" : "staff-reset",
    from: site.mailFrom.operations,
    to: [to],
    subject: translator("ja", "mail")(`staffLink.subject.${kind}`, { vendor: site.vendorName, siteName: site.siteName }),
    body: createElement(StaffPasswordLinkMail, { name, kind, url, expiresAt: formatDateTime(expiresAt), siteName: site.siteName, invitedBy }),
  };
}

/** A new link for the account (older open ones voided) and its mail, in the caller's transaction. */
async function issueLink(tx: Executor, actor: StaffActor, account: { id: number; email: string; name: string }, kind: "invite" | "reset"): Promise<void> {
  const at = now();
  await tx
    .update(staffPasswordLinks)
    .set({ voidedAt: at })
    .where(and(eq(staffPasswordLinks.staffAccountId, account.id), isNull(staffPasswordLinks.usedAt), isNull(staffPasswordLinks.voidedAt)));
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(at.getTime() + STAFF_LINK_MS);
  await tx
    .insert(staffPasswordLinks)
    .values({ staffAccountId: account.id, kind, tokenHash: tokenHash(token), expiresAt, createdBy: actor.accountId, createdAt: at });
  const [inviter] = await tx.select({ name: staffAccounts.name }).from(staffAccounts).where(eq(staffAccounts.id, actor.accountId));
  await enqueueMail(tx, linkMail(account.email, account.name, kind, token, expiresAt, inviter?.name ?? actor.email));
}

const audit = (tx: Executor, actor: StaffActor, action: AuditAction, targetId: number, details?: Record<string, string | number | boolean | null>) =>
  writeAudit(staffAuditEvent(actor, action, { type: "staff", id: targetId }, details), tx);

export type InviteResult = { ok: true; id: number } | { ok: false; reason: "exists" };

export async function inviteStaff(actor: StaffActor, input: { email: string; name: string; role: StaffRole }): Promise<InviteResult> {
  authorizeStaff(actor, "staff.manage");
  const email = normaliseEmail(input.email);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(staffAccounts)
      .values({ email, name: input.name, role: input.role, passwordHash: null, invitedBy: actor.accountId, createdAt: now() })
      .onConflictDoNothing({ target: staffAccounts.email })
      .returning({ id: staffAccounts.id });
    if (inserted.length === 0) return { ok: false as const, reason: "exists" as const };
    const id = inserted[0]!.id;
    await issueLink(tx, actor, { id, email, name: input.name }, "invite");
    await audit(tx, actor, "staff.invited", id, { role: input.role });
    return { ok: true as const, id };
  });
}

export type StaffChangeResult = { ok: true } | { ok: false; reason: "not_found" | "last_admin" | "self" | "unchanged" };

const refused = (reason: Extract<StaffChangeResult, { ok: false }>["reason"]) => ({ ok: false, reason }) as const;
const changed = { ok: true } as const;

/**
 * The account, locked. With `withAdmins` (a change that can take the role of admin away), the enabled admins are
 * locked first, and `lastAdmin` says whether the account is an enabled admin with no other enabled admin left.
 */
async function lockForChange(tx: Executor, id: number, withAdmins: boolean) {
  // Lock every enabled admin (in id order, so two changes never wait on each other crosswise), then the target.
  const admins = withAdmins
    ? await tx
        .select({ id: staffAccounts.id })
        .from(staffAccounts)
        .where(and(eq(staffAccounts.role, "admin"), isNull(staffAccounts.disabledAt)))
        .orderBy(asc(staffAccounts.id))
        .for("update")
    : [];
  const [account] = await tx.select().from(staffAccounts).where(eq(staffAccounts.id, id)).for("update");
  const isEnabledAdmin = !!account && account.role === "admin" && !account.disabledAt;
  return { account, lastAdmin: withAdmins && isEnabledAdmin && admins.filter((a) => a.id !== id).length === 0 };
}

/** One admin's change of one member, in a transaction with the account locked; a member that is not there is "not_found". */
async function changeMember(
  id: number,
  withAdmins: boolean,
  change: (tx: Executor, account: StaffAccount, lastAdmin: boolean) => Promise<StaffChangeResult>,
): Promise<StaffChangeResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { account, lastAdmin } = await lockForChange(tx, id, withAdmins);
    return account ? change(tx, account, lastAdmin) : refused("not_found");
  });
}

async function endSessionsOf(tx: Executor, id: number, reason: string) {
  await tx
    .update(authSessions)
    .set({ endedAt: now(), endReason: reason })
    .where(and(eq(authSessions.staffAccountId, id), isNull(authSessions.endedAt)));
}

export async function changeStaffRole(actor: StaffActor, input: { id: number; role: StaffRole }): Promise<StaffChangeResult> {
  authorizeStaff(actor, "staff.manage");
  return changeMember(input.id, true, async (tx, account, lastAdmin) => {
    if (account.role === input.role) return refused("unchanged");
    if (lastAdmin) return refused("last_admin");
    await tx.update(staffAccounts).set({ role: input.role }).where(eq(staffAccounts.id, account.id));
    await audit(tx, actor, "staff.role_changed", account.id, { from: account.role, to: input.role });
    return changed;
  });
}

export async function setStaffDisabled(actor: StaffActor, input: { id: number; disabled: boolean }): Promise<StaffChangeResult> {
  authorizeStaff(actor, "staff.manage");
  return changeMember(input.id, true, async (tx, account, lastAdmin) => {
    if (!!account.disabledAt === input.disabled) return refused("unchanged");
    if (input.disabled) {
      // One's own account is not switched off from here (it would end this very session); another admin can.
      if (account.id === actor.accountId) return refused("self");
      if (lastAdmin) return refused("last_admin");
    }
    await tx
      .update(staffAccounts)
      .set({ disabledAt: input.disabled ? now() : null })
      .where(eq(staffAccounts.id, account.id));
    if (input.disabled) await endSessionsOf(tx, account.id, "disabled");
    await audit(tx, actor, input.disabled ? "staff.disabled" : "staff.enabled", account.id);
    return changed;
  });
}

/** An admin's reset: a new single-use link by mail; the current password keeps working until the link is used. */
export async function resetStaffPassword(actor: StaffActor, input: { id: number }): Promise<StaffChangeResult> {
  authorizeStaff(actor, "staff.manage");
  return changeMember(input.id, false, async (tx, account) => {
    if (account.disabledAt) return refused("not_found");
    await issueLink(tx, actor, account, account.passwordHash ? "reset" : "invite");
    await audit(tx, actor, account.passwordHash ? "staff.password_reset_sent" : "staff.invite_resent", account.id);
    return changed;
  });
}

/** A lost authenticator: the member enrols again at the next sign-in; their sessions end now. */
export async function resetStaffMfa(actor: StaffActor, input: { id: number }): Promise<StaffChangeResult> {
  authorizeStaff(actor, "staff.manage");
  return changeMember(input.id, false, async (tx, account) => {
    if (!account.totpEnabledAt) return refused("unchanged");
    await clearTotp(tx, { type: "staff", accountId: account.id });
    await endSessionsOf(tx, account.id, "mfa_reset");
    await audit(tx, actor, "staff.mfa_reset", account.id);
    return changed;
  });
}

// --- the link's page: /admin/password/set/[token] -----------------------------------------------------------------------

export type OpenLink = { id: number; staffAccountId: number; email: string; name: string; kind: "invite" | "reset"; expiresAt: Date };

export async function openStaffLink(token: string): Promise<OpenLink | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ link: staffPasswordLinks, email: staffAccounts.email, name: staffAccounts.name, disabledAt: staffAccounts.disabledAt })
    .from(staffPasswordLinks)
    .innerJoin(staffAccounts, eq(staffAccounts.id, staffPasswordLinks.staffAccountId))
    .where(
      and(
        eq(staffPasswordLinks.tokenHash, tokenHash(token)),
        isNull(staffPasswordLinks.usedAt),
        isNull(staffPasswordLinks.voidedAt),
        gt(staffPasswordLinks.expiresAt, now()),
      ),
    )
    .limit(1);
  if (!row || row.disabledAt) return null;
  return { id: row.link.id, staffAccountId: row.link.staffAccountId, email: row.email, name: row.name, kind: row.link.kind, expiresAt: row.link.expiresAt };
}

export type SetPasswordResult =
  { ok: true } | { ok: false; reason: "expired" } | { ok: false; reason: "rules"; newPassword: PasswordRuleViolation[]; confirmation: boolean };

/** The link's password: A-6's rules and history, the link used exactly once, every session of the account ended. */
export async function setStaffPasswordWithLink(
  token: string,
  input: { newPassword: string; confirmation: string },
  clientAddress: string | null,
): Promise<SetPasswordResult> {
  const link = await openStaffLink(token);
  if (!link) return { ok: false, reason: "expired" };
  const db = await getDb();
  const violations = await checkPasswordRules(input.newPassword, link.email);
  if (violations.length === 0 && (await reusesRecentPassword(db, { type: "staff", accountId: link.staffAccountId }, input.newPassword)))
    violations.push("reused");
  const mismatch = input.newPassword !== input.confirmation;
  if (violations.length || mismatch) return { ok: false, reason: "rules", newPassword: violations, confirmation: mismatch };
  const passwordHash = await hashPassword(input.newPassword);
  const at = now();
  return db.transaction(async (tx) => {
    const used = await tx
      .update(staffPasswordLinks)
      .set({ usedAt: at })
      .where(
        and(eq(staffPasswordLinks.id, link.id), isNull(staffPasswordLinks.usedAt), isNull(staffPasswordLinks.voidedAt), gt(staffPasswordLinks.expiresAt, at)),
      )
      .returning({ id: staffPasswordLinks.id });
    if (used.length === 0) return { ok: false as const, reason: "expired" as const };
    await tx
      .update(staffAccounts)
      .set({ passwordHash, passwordChangedAt: at, mustChangePassword: false })
      .where(and(eq(staffAccounts.id, link.staffAccountId), isNull(staffAccounts.disabledAt)));
    await tx.insert(passwordHistory).values({ staffAccountId: link.staffAccountId, passwordHash, createdAt: at });
    await endSessionsOf(tx, link.staffAccountId, "password_changed");
    await writeAudit(
      {
        actorType: "staff",
        actorId: link.staffAccountId,
        actorEmail: link.email,
        action: link.kind === "invite" ? "staff.invite_accepted" : "staff.password_reset",
        clientAddress,
      },
      tx,
    );
    return { ok: true as const };
  });
}
