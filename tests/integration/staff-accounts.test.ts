import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import {
  changeStaffRole,
  inviteStaff,
  listStaff,
  openStaffLink,
  resetStaffMfa,
  resetStaffPassword,
  setStaffDisabled,
  setStaffPasswordWithLink,
  STAFF_LINK_MS,
} from "@/lib/staff-accounts/accounts";
import type { StaffActor } from "@/lib/auth/actor";
import { enrolTotp, openChallenge, completeMfa } from "@/lib/auth/mfa";
import { resolveSession } from "@/lib/auth/sessions";
import { signInStaff } from "@/lib/auth/sign-in";
import { totpCode } from "@/lib/auth/totp";
import { now, resetClock, setClock } from "@/lib/clock";
import { createStaff, signInStaffWithCode, staffActor, uniqueEmail } from "../support/factories";

// Issue 15, staff accounts: invitation by mail (single use, 72 hours), role change, disable (sessions end at once),
// password reset, TOTP reset; the last enabled admin is neither disabled nor demoted. Real database, real outbox.
let clientCounter = 10;
const client = () => ({ clientAddress: `198.51.100.${clientCounter++}` });

const actorOf = (staff: { id: number; email: string }, role: StaffActor["role"] = "admin"): StaffActor => staffActor({ ...staff, role }, "198.51.100.1");

/** The link of the newest mail of `template` to `address` (the token is only in the mail). */
async function linkTokenIn(address: string, template: string): Promise<string> {
  const db = await getDb();
  const [mail] = await db
    .select()
    .from(s.mailOutbox)
    .where(and(sql`${address} = ANY(${s.mailOutbox.toAddresses})`, eq(s.mailOutbox.template, template)))
    .orderBy(desc(s.mailOutbox.createdAt))
    .limit(1);
  const match = /\/admin\/password\/set\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? "");
  if (!match) throw new Error(`no ${template} link to ${address}`);
  return match[1]!;
}

const NEW_PASSWORD = "Invited-Passw0rd-2026";

describe("staff invitation", () => {
  it("invites by mail; the link sets the password once; the first sign-in enrols TOTP", async () => {
    const admin = await createStaff({ role: "admin" });
    const email = uniqueEmail("invited");
    const invited = await inviteStaff(actorOf(admin), { email, name: "新人 マーケ", role: "marketer" });
    expect(invited.ok).toBe(true);
    const row = (await listStaff(actorOf(admin))).find((m) => m.email === email)!;
    expect(row).toMatchObject({ role: "marketer", status: "invited", mfa: false });
    expect(row.linkExpiresAt!.getTime() - now().getTime()).toBeGreaterThan(STAFF_LINK_MS - 60_000);
    // Without a password, nothing signs in.
    expect(await signInStaff({ email, password: NEW_PASSWORD }, client())).toEqual({ ok: false, reason: "invalid" });
    const token = await linkTokenIn(email, "staff-invite");
    expect(await openStaffLink(token)).toMatchObject({ email, kind: "invite" });
    // A-6 applies: a weak password and a mismatch are refused and the link stays usable.
    expect(await setStaffPasswordWithLink(token, { newPassword: "short", confirmation: "short" }, null)).toMatchObject({ ok: false, reason: "rules" });
    expect(await setStaffPasswordWithLink(token, { newPassword: NEW_PASSWORD, confirmation: `${NEW_PASSWORD}x` }, null)).toMatchObject({
      ok: false,
      reason: "rules",
      confirmation: true,
    });
    expect(await setStaffPasswordWithLink(token, { newPassword: NEW_PASSWORD, confirmation: NEW_PASSWORD }, null)).toEqual({ ok: true });
    expect(await setStaffPasswordWithLink(token, { newPassword: `${NEW_PASSWORD}2`, confirmation: `${NEW_PASSWORD}2` }, null)).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(await openStaffLink(token)).toBeNull();
    expect((await listStaff(actorOf(admin))).find((m) => m.email === email)!.status).toBe("active");

    const context = client();
    const first = await signInStaff({ email, password: NEW_PASSWORD }, context);
    expect(first).toMatchObject({ ok: false, reason: "mfa", purpose: "enrol" });
    const challengeToken = (first as { challengeToken: string }).challengeToken;
    const secret = (await openChallenge(challengeToken))!.pendingSecret!;
    expect(await enrolTotp(challengeToken, totpCode(secret, now()), context)).toMatchObject({ ok: true });
    expect(await completeMfa(challengeToken, "", context)).toMatchObject({ ok: true });
    const db = await getDb();
    const actions = (
      await db
        .select({ action: s.auditLog.action })
        .from(s.auditLog)
        .where(eq(s.auditLog.targetId, String(invited.ok && invited.id)))
    ).map((r) => r.action);
    expect(actions).toContain("staff.invited");
  });

  it("refuses an address already on the staff, and a link after 72 hours or once a newer one was sent", async () => {
    const admin = await createStaff({ role: "admin" });
    expect(await inviteStaff(actorOf(admin), { email: admin.email.toUpperCase(), name: "重複", role: "operator" })).toEqual({ ok: false, reason: "exists" });
    const email = uniqueEmail("late");
    const invited = await inviteStaff(actorOf(admin), { email, name: "遅刻 太郎", role: "operator" });
    const first = await linkTokenIn(email, "staff-invite");
    // Sent again (the reset action on an invited account re-sends the invitation): the first link is void.
    expect(await resetStaffPassword(actorOf(admin), { id: (invited as { id: number }).id })).toEqual({ ok: true });
    const second = await linkTokenIn(email, "staff-invite");
    expect(second).not.toBe(first);
    expect(await openStaffLink(first)).toBeNull();
    setClock(new Date(now().getTime() + STAFF_LINK_MS + 1000));
    try {
      expect(await openStaffLink(second)).toBeNull();
      expect(await setStaffPasswordWithLink(second, { newPassword: NEW_PASSWORD, confirmation: NEW_PASSWORD }, null)).toEqual({ ok: false, reason: "expired" });
    } finally {
      resetClock();
    }
    expect(await openStaffLink("not-a-token")).toBeNull();
    expect(await openStaffLink("x".repeat(43))).toBeNull();
  });
});

describe("role, disable, resets and the last admin", () => {
  it("disables a member and ends their open sessions at once; enabling does not revive them", async () => {
    const admin = await createStaff({ role: "admin" });
    const marketer = await createStaff({ role: "marketer" });
    const signedIn = await signInStaffWithCode(marketer, client());
    const sessionId = (signedIn as { sessionId: string }).sessionId;
    expect((await resolveSession(sessionId)).state).toBe("active");
    expect(await setStaffDisabled(actorOf(admin), { id: marketer.id, disabled: true })).toEqual({ ok: true });
    expect((await resolveSession(sessionId)).state).toBe("ended");
    expect(await signInStaff(marketer, client())).toEqual({ ok: false, reason: "invalid" });
    expect(await setStaffDisabled(actorOf(admin), { id: marketer.id, disabled: true })).toEqual({ ok: false, reason: "unchanged" });
    expect(await setStaffDisabled(actorOf(admin), { id: marketer.id, disabled: false })).toEqual({ ok: true });
    expect((await resolveSession(sessionId)).state).toBe("ended");
    expect(await signInStaffWithCode(marketer, client())).toMatchObject({ ok: true });
  });

  it("changes a role (live for open sessions) and refuses to disable oneself", async () => {
    const admin = await createStaff({ role: "admin" });
    const operator = await createStaff({ role: "operator" });
    const signedIn = await signInStaffWithCode(operator, client());
    expect(await changeStaffRole(actorOf(admin), { id: operator.id, role: "marketer" })).toEqual({ ok: true });
    expect(await resolveSession((signedIn as { sessionId: string }).sessionId)).toMatchObject({ state: "active", role: "marketer" });
    expect(await changeStaffRole(actorOf(admin), { id: operator.id, role: "marketer" })).toEqual({ ok: false, reason: "unchanged" });
    expect(await setStaffDisabled(actorOf(admin), { id: admin.id, disabled: true })).toEqual({ ok: false, reason: "self" });
    expect(await changeStaffRole(actorOf(admin), { id: 999_999, role: "admin" })).toEqual({ ok: false, reason: "not_found" });
  });

  it("never leaves the portal without an enabled admin: the last one is neither disabled nor demoted, also when two try at once", async () => {
    const db = await getDb();
    // This file's database: every other admin is disabled first, so that two remain.
    await db
      .update(s.staffAccounts)
      .set({ disabledAt: now() })
      .where(and(eq(s.staffAccounts.role, "admin"), isNull(s.staffAccounts.disabledAt)));
    const a = await createStaff({ role: "admin" });
    const b = await createStaff({ role: "admin" });
    // Each demotes the other at the same moment: exactly one succeeds.
    const results = await Promise.all([
      changeStaffRole(actorOf(a), { id: b.id, role: "operator" }),
      changeStaffRole(actorOf(b), { id: a.id, role: "operator" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "last_admin")).toHaveLength(1);
    const [remaining] = await db
      .select()
      .from(s.staffAccounts)
      .where(and(eq(s.staffAccounts.role, "admin"), isNull(s.staffAccounts.disabledAt)));
    expect(remaining).toBeDefined();
    const other = await createStaff({ role: "operator" });
    expect(await setStaffDisabled(actorOf(other), { id: remaining!.id, disabled: true })).toEqual({ ok: false, reason: "last_admin" });
    expect(await changeStaffRole(actorOf(other), { id: remaining!.id, role: "marketer" })).toEqual({ ok: false, reason: "last_admin" });
    const admins = await db
      .select()
      .from(s.staffAccounts)
      .where(and(eq(s.staffAccounts.role, "admin"), isNull(s.staffAccounts.disabledAt)));
    expect(admins).toHaveLength(1);
  });

  it("mails a reset link that sets a new password and ends the sessions; a TOTP reset makes the next sign-in enrol again", async () => {
    const admin = await createStaff({ role: "admin" });
    const operator = await createStaff({ role: "operator" });
    const signedIn = await signInStaffWithCode(operator, client());
    expect(await resetStaffPassword(actorOf(admin), { id: operator.id })).toEqual({ ok: true });
    // The current password keeps working until the link is used.
    expect((await resolveSession((signedIn as { sessionId: string }).sessionId)).state).toBe("active");
    const token = await linkTokenIn(operator.email, "staff-reset");
    // The last three passwords are refused.
    expect(await setStaffPasswordWithLink(token, { newPassword: operator.password, confirmation: operator.password }, null)).toMatchObject({
      ok: false,
      reason: "rules",
      newPassword: ["reused"],
    });
    expect(await setStaffPasswordWithLink(token, { newPassword: NEW_PASSWORD, confirmation: NEW_PASSWORD }, null)).toEqual({ ok: true });
    expect((await resolveSession((signedIn as { sessionId: string }).sessionId)).state).toBe("ended");
    expect(await signInStaffWithCode({ ...operator, password: NEW_PASSWORD }, client())).toMatchObject({ ok: true });

    expect(await resetStaffMfa(actorOf(admin), { id: operator.id })).toEqual({ ok: true });
    expect(await signInStaff({ email: operator.email, password: NEW_PASSWORD }, client())).toMatchObject({ ok: false, reason: "mfa", purpose: "enrol" });
    expect(await resetStaffMfa(actorOf(admin), { id: operator.id })).toEqual({ ok: false, reason: "unchanged" });
    const db = await getDb();
    const actions = (
      await db
        .select({ action: s.auditLog.action })
        .from(s.auditLog)
        .where(and(eq(s.auditLog.targetType, "staff"), eq(s.auditLog.targetId, String(operator.id))))
    ).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["staff.password_reset_sent", "staff.mfa_reset"]));
  });
});
