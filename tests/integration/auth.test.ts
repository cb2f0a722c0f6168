import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import { actorOf } from "@/lib/auth/actor";
import { deviceCookieAfterSignIn, trustedDeviceToken } from "@/lib/auth/device";
import { changePassword } from "@/lib/auth/change-password";
import { resolveSession, type ActiveSession } from "@/lib/auth/sessions";
import { lockedAtTheDoor, signInCustomer, signInStaff } from "@/lib/auth/sign-in";
import { SOCKET_ADDRESS_HEADER } from "@/lib/security/client-address";
import { requestTemporaryPassword } from "@/lib/auth/temporary-password";
import { advanceClock, now, setClock } from "@/lib/clock";
import { createContract, createCustomer, createStaff, fromToday, signInStaffWithCode } from "../support/factories";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
let clientCounter = 10;
// Each test signs in from its own address so that the per-address throttle of one test does not touch another.
const client = () => ({ clientAddress: `198.51.100.${clientCounter++}` });

// Every test makes the customers and staff it signs in as (tests/support/factories.ts): nothing here leans on the
// demo accounts, so a lock, a used temporary password or a changed password of one test never reaches another.
// Each password handed out is noted, for the last test's check of the logs.
const handedOut: string[] = [];

/** A login e-mail (the 契約窓口 of a contract of its own) with an account and a password. */
async function customer() {
  const { contractEmail } = await createContract();
  const account = await createCustomer({ email: contractEmail });
  handedOut.push(account.password!);
  return { email: account.email, password: account.password! };
}

async function staffMember(role: "operator" | "marketer") {
  const staff = await createStaff({ role });
  handedOut.push(staff.password);
  return staff;
}

async function mailsTo(address: string, template?: string) {
  const db = await getDb();
  return db
    .select()
    .from(s.mailOutbox)
    .where(and(sql`${address} = ANY(${s.mailOutbox.toAddresses})`, template ? eq(s.mailOutbox.template, template) : undefined))
    .orderBy(sql`${s.mailOutbox.seq} desc`);
}

function temporaryPasswordFrom(text: string): string {
  const match = /仮パスワード：\s*([A-Za-z0-9]{12,})/.exec(text);
  if (!match) throw new Error(`No temporary password in: ${text}`);
  return match[1]!;
}

async function issueTemporaryPassword(email: string) {
  const result = await requestTemporaryPassword({ email, ...client() });
  expect(result).toEqual({ status: "sent" });
  const [mail] = await mailsTo(email, "M-1");
  return temporaryPasswordFrom(mail!.text);
}

async function activeSession(sessionId: string): Promise<ActiveSession> {
  const state = await resolveSession(sessionId);
  if (state.state !== "active") throw new Error(`session is ${state.state}`);
  return state;
}

async function setAccountPassword(email: string, password: string) {
  const signIn = await signInCustomer({ email, password: await issueTemporaryPassword(email) }, client());
  if (!signIn.ok) throw new Error("temporary sign-in failed");
  expect(
    await changePassword({ actor: actorOf(await activeSession(signIn.sessionId), null), input: { newPassword: password, confirmation: password } }),
  ).toEqual({ ok: true });
}

describe("A-3 temporary passwords", () => {
  it("answers an address that is not a login e-mail with 'unknown' and sends nothing", async () => {
    expect(await requestTemporaryPassword({ email: "nobody@example.co.jp", ...client() })).toEqual({ status: "unknown" });
    expect(await mailsTo("nobody@example.co.jp")).toHaveLength(0);
    // A contact of a contract that ended seven years ago only is not a login e-mail either.
    const { contractEmail: past } = await createContract({ endDate: fromToday({ years: -7 }) });
    expect(await requestTemporaryPassword({ email: past, ...client() })).toEqual({ status: "unknown" });
    expect(await mailsTo(past)).toHaveLength(0);
  });

  it("first use: M-1 carries a ≥12-character temporary password that signs in once and forces the change", async () => {
    // A contract contact who has never signed in: no account yet.
    const { contractEmail: first } = await createContract();
    const temporary = await issueTemporaryPassword(first);
    expect(temporary.length).toBeGreaterThanOrEqual(12);
    const [mail] = await mailsTo(first, "M-1");
    expect(mail!.subject).toBe("【トレンドマイクロ】法人カスタマーサービス & サポート：仮パスワード発行");
    expect(mail!.fromAddress).toBe("eCustomer@trendmicro.co.jp");
    expect(mail!.text).toContain("/login");

    const signIn = await signInCustomer({ email: first.toUpperCase(), password: temporary }, client());
    expect(signIn).toMatchObject({ ok: true, mustChangePassword: true });
    expect((await activeSession((signIn as { sessionId: string }).sessionId)).mustChangePassword).toBe(true);
    // Single use.
    expect(await signInCustomer({ email: first, password: temporary }, client())).toEqual({ ok: false, reason: "invalid" });
  });

  it("expires after 24 hours", async () => {
    setClock(new Date("2026-12-01T00:00:00Z"));
    const { email } = await customer();
    const temporary = await issueTemporaryPassword(email);
    advanceClock(24 * HOUR + MINUTE);
    expect(await signInCustomer({ email, password: temporary }, client())).toEqual({ ok: false, reason: "invalid" });
  });

  it("is voided by a newer one, and the current password keeps working until it is used", async () => {
    setClock(new Date("2026-12-02T00:00:00Z"));
    const { email, password } = await customer();
    const older = await issueTemporaryPassword(email);
    const newer = await issueTemporaryPassword(email);
    expect(newer).not.toBe(older);
    expect(await signInCustomer({ email, password: older }, client())).toEqual({ ok: false, reason: "invalid" });
    expect(await signInCustomer({ email, password }, client())).toMatchObject({ ok: true, mustChangePassword: false });
    expect(await signInCustomer({ email, password: newer }, client())).toMatchObject({ ok: true, mustChangePassword: true });
    // Using the temporary password retired the old one.
    expect(await signInCustomer({ email, password }, client())).toEqual({ ok: false, reason: "invalid" });
    const signIn = await signInCustomer({ email, password: await issueTemporaryPassword(email) }, client());
    const session = await activeSession((signIn as { sessionId: string }).sessionId);
    expect(await changePassword({ actor: actorOf(session, null), input: { newPassword: "Renewed-Passw0rd!", confirmation: "Renewed-Passw0rd!" } })).toEqual({
      ok: true,
    });
  });

  it("limits the mails per account, requester and hour; strangers cannot spend the owner's browser's allowance", async () => {
    setClock(new Date("2026-12-03T00:00:00Z"));
    const { email } = await customer();
    const request = async (from: { clientAddress: string; trustedDevice?: string | null }) => (await requestTemporaryPassword({ email, ...from })).status;
    // One address: five an hour.
    const stranger = client();
    const fromOne = [];
    for (let i = 0; i < 6; i++) fromOne.push(await request(stranger));
    expect(fromOne).toEqual(["sent", "sent", "sent", "sent", "sent", "locked"]);
    // Everyone but the owner's browser together: ten an hour to one mailbox, from however many addresses.
    const fromMany = [];
    for (let i = 0; i < 6; i++) fromMany.push(await request(client()));
    expect(fromMany).toEqual(["sent", "sent", "sent", "sent", "sent", "locked"]);
    // The owner's browser (it signed in to the account before: a device token) still has its own five.
    const device = trustedDeviceToken(deviceCookieAfterSignIn(undefined, "customer", email, now().getTime())!, "customer", email, now().getTime());
    expect(device).not.toBeNull();
    const owner = [];
    for (let i = 0; i < 6; i++) owner.push(await request({ ...stranger, trustedDevice: device }));
    expect(owner).toEqual(["sent", "sent", "sent", "sent", "sent", "locked"]);
    // An hour later, all is open again.
    advanceClock(HOUR + 1);
    expect(await request(stranger)).toBe("sent");
  });
});

describe("A-4 / A-5 forced change", () => {
  it("forces the change for a password older than 180 days", async () => {
    const { contractEmail: email } = await createContract();
    await setAccountPassword(email, "Aging-Passw0rd-1");
    const signIn = await signInCustomer({ email, password: "Aging-Passw0rd-1" }, client());
    expect((await activeSession((signIn as { sessionId: string }).sessionId)).mustChangePassword).toBe(false);
    advanceClock(181 * DAY);
    const later = await signInCustomer({ email, password: "Aging-Passw0rd-1" }, client());
    const session = await activeSession((later as { sessionId: string }).sessionId);
    expect(session.mustChangePassword).toBe(true);
    expect(session.passwordExpiresAt!.getTime()).toBeLessThan(now().getTime());
  });
});

describe("A-7 session lifetime", () => {
  it("ends a session after 20 idle minutes, not before", async () => {
    setClock(new Date("2026-12-05T00:00:00Z"));
    const signIn = await signInCustomer(await customer(), client());
    const id = (signIn as { sessionId: string }).sessionId;
    advanceClock(19 * MINUTE);
    expect((await resolveSession(id)).state).toBe("active");
    advanceClock(19 * MINUTE);
    expect((await resolveSession(id)).state).toBe("active");
    advanceClock(20 * MINUTE);
    expect((await resolveSession(id)).state).toBe("idle");
    advanceClock(MINUTE);
    expect((await resolveSession(id)).state).toBe("idle");
  });

  it("ends an active session after its absolute lifetime of 12 hours", async () => {
    setClock(new Date("2026-12-06T00:00:00Z"));
    const signIn = await signInCustomer(await customer(), client());
    const id = (signIn as { sessionId: string }).sessionId;
    for (let minutes = 0; minutes < 12 * 60 - 10; minutes += 10) {
      advanceClock(10 * MINUTE);
      expect((await resolveSession(id)).state).toBe("active");
    }
    advanceClock(10 * MINUTE);
    expect((await resolveSession(id)).state).toBe("expired");
  });
});

describe("A-8 sign-in throttling", () => {
  it("locks the account after 5 wrong passwords, refuses the right one meanwhile, and unlocks by itself; the address stays open", async () => {
    setClock(new Date("2026-12-07T00:00:00Z"));
    const victim = await customer();
    const neighbour = await customer();
    const from = client();
    for (let i = 0; i < 5; i++) expect(await signInCustomer({ email: victim.email, password: `Wrong-${i}` }, from)).toEqual({ ok: false, reason: "invalid" });
    const locked = await signInCustomer(victim, from);
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    expect(await signInCustomer(victim, client())).toMatchObject({ ok: false, reason: "locked" });
    // One account's failures never lock the address: someone else signs in from it (behind a company's NAT).
    expect(await signInCustomer(neighbour, from)).toMatchObject({ ok: true });
    advanceClock(15 * MINUTE);
    expect(await signInCustomer(victim, from)).toMatchObject({ ok: true });
    const db = await getDb();
    const actions = (await db.select({ action: s.auditLog.action }).from(s.auditLog).where(eq(s.auditLog.actorEmail, victim.email))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["login.failure", "login.lock", "login.success"]));
    // The two refusals while locked appended no audit row: the lock counted them.
    expect(actions.filter((action) => action === "login.lock")).toHaveLength(1);
    const [lock] = await db
      .select({ refusals: s.signInLocks.refusals })
      .from(s.signInLocks)
      .where(and(eq(s.signInLocks.subject, "account"), eq(s.signInLocks.key, victim.email)));
    expect(lock).toEqual({ refusals: 2 });
  });

  it("the door check of a form posted without JavaScript (proxy.ts) answers as the sign-in would, the owner's browser included", async () => {
    setClock(new Date("2026-12-07T06:00:00Z"));
    const victim = await customer();
    const from = client();
    const headers = (address: string) => new Headers({ [SOCKET_ADDRESS_HEADER]: address });
    expect(await lockedAtTheDoor("customer", victim.email, headers(from.clientAddress), undefined)).toBe(false);
    for (let i = 0; i < 5; i++) await signInCustomer({ email: victim.email, password: `Wrong-${i}` }, from);
    expect(await lockedAtTheDoor("customer", ` ${victim.email.toUpperCase()} `, headers(client().clientAddress), undefined)).toBe(true);
    // The browser that signed in to the account before passes its lock, as at the sign-in; the staff sign-in has locks of its own.
    const owner = deviceCookieAfterSignIn(undefined, "customer", victim.email, now().getTime())!;
    expect(await lockedAtTheDoor("customer", victim.email, headers(client().clientAddress), owner)).toBe(false);
    expect(await lockedAtTheDoor("staff", victim.email, headers(client().clientAddress), undefined)).toBe(false);
    advanceClock(15 * MINUTE);
    expect(await lockedAtTheDoor("customer", victim.email, headers(from.clientAddress), undefined)).toBe(false);
  });

  it("one office, one address: a colleague's failed sign-ins and a user's wrong current passwords do not keep anyone else out", async () => {
    setClock(new Date("2026-12-07T06:00:00Z"));
    const office = client();
    const [first, user, large] = [await customer(), await customer(), await customer()];
    expect(await signInCustomer({ email: first.email, password: "Wrong-1" }, office)).toEqual({ ok: false, reason: "invalid" });
    const signedIn = await signInCustomer(user, office);
    const session = await activeSession((signedIn as { sessionId: string }).sessionId);
    for (let i = 0; i < 3; i++)
      expect(
        await changePassword({
          actor: actorOf(session, office.clientAddress),
          input: { currentPassword: `Wrong-current-${i}`, newPassword: "Office-Passw0rd-1", confirmation: "Office-Passw0rd-1" },
        }),
      ).toEqual({ ok: false, errors: { currentPassword: ["wrong"] } });
    expect(await signInCustomer({ email: user.email, password: "Wrong-2" }, office)).toEqual({ ok: false, reason: "invalid" });
    expect(await signInCustomer(large, office)).toMatchObject({ ok: true });
    // The wrong current passwords counted against user@'s account (4 with its failed sign-in): one more locks it.
    expect(await signInCustomer({ email: user.email, password: "Wrong-3" }, client())).toEqual({ ok: false, reason: "invalid" });
    expect(await signInCustomer(user, client())).toMatchObject({ ok: false, reason: "locked" });
  });
});

describe("A-6 rules on change, E-1", () => {
  it("gives each broken rule its reason and changes nothing", async () => {
    setClock(new Date("2026-12-08T00:00:00Z"));
    const { contractEmail: email } = await createContract();
    const db = await getDb();
    await setAccountPassword(email, "First-Passw0rd-1");
    await setAccountPassword(email, "Second-Passw0rd-2");
    const signIn = await signInCustomer({ email, password: "Second-Passw0rd-2" }, client());
    const session = await activeSession((signIn as { sessionId: string }).sessionId);
    const [before] = await db.select().from(s.customerAccounts).where(eq(s.customerAccounts.email, email));
    const mailsBefore = (await mailsTo(email, "M-2")).length;

    const attempt = (newPassword: string, confirmation = newPassword, currentPassword = "Second-Passw0rd-2") =>
      changePassword({ actor: actorOf(session, null), input: { currentPassword, newPassword, confirmation } });
    expect(await attempt("Sh0rt!")).toEqual({ ok: false, errors: { newPassword: ["length"] } });
    expect(await attempt("NoDigitsAtAll!")).toEqual({ ok: false, errors: { newPassword: ["letterAndDigit"] } });
    expect(await attempt(email)).toMatchObject({ ok: false, errors: { newPassword: expect.arrayContaining(["sameAsEmail"]) } });
    expect(await attempt("First-Passw0rd-1")).toEqual({ ok: false, errors: { newPassword: ["reused"] } });
    expect(await attempt("Second-Passw0rd-2")).toEqual({ ok: false, errors: { newPassword: ["reused"] } });
    expect(await attempt("password123")).toEqual({ ok: false, errors: { newPassword: ["common"] } });
    expect(await attempt("Fresh-Passw0rd-9", "Fresh-Passw0rd-8")).toEqual({ ok: false, errors: { confirmation: ["mismatch"] } });
    expect(await attempt("Fresh-Passw0rd-9", "Fresh-Passw0rd-9", "wrong-current-1")).toEqual({ ok: false, errors: { currentPassword: ["wrong"] } });

    const [after] = await db.select().from(s.customerAccounts).where(eq(s.customerAccounts.email, email));
    expect(after!.passwordHash).toBe(before!.passwordHash);
    expect(after!.passwordChangedAt).toEqual(before!.passwordChangedAt);
    expect(await mailsTo(email, "M-2")).toHaveLength(mailsBefore);
  });

  it("changes the password, sends M-2 and ends the other sessions only", async () => {
    setClock(new Date("2026-12-09T00:00:00Z"));
    const { contractEmail: email } = await createContract();
    await setAccountPassword(email, "Change-Passw0rd-1");
    const first = await signInCustomer({ email, password: "Change-Passw0rd-1" }, client());
    const second = await signInCustomer({ email, password: "Change-Passw0rd-1" }, client());
    const current = await activeSession((second as { sessionId: string }).sessionId);
    expect(
      await changePassword({
        actor: actorOf(current, null),
        input: { currentPassword: "Change-Passw0rd-1", newPassword: "Change-Passw0rd-2", confirmation: "Change-Passw0rd-2" },
      }),
    ).toEqual({ ok: true });
    expect((await resolveSession((first as { sessionId: string }).sessionId)).state).toBe("ended");
    expect((await resolveSession(current.id)).state).toBe("active");
    const [m2] = await mailsTo(email, "M-2");
    expect(m2!.subject).toBe("【トレンドマイクロ】法人カスタマーサービス & サポート：パスワード変更完了のお知らせ");
    expect(await signInCustomer({ email, password: "Change-Passw0rd-1" }, client())).toEqual({ ok: false, reason: "invalid" });
    expect(await signInCustomer({ email, password: "Change-Passw0rd-2" }, client())).toMatchObject({ ok: true });
  });
});

describe("G-1 staff sign-in", () => {
  it("signs staff in with their own accounts and never as customers", async () => {
    const operator = await staffMember("operator");
    const someCustomer = await customer();
    const staff = await signInStaffWithCode(operator, client());
    const session = await activeSession((staff as { sessionId: string }).sessionId);
    expect(session).toMatchObject({ principal: { type: "staff" }, role: "operator", email: operator.email });
    expect(await signInCustomer(operator, client())).toEqual({ ok: false, reason: "invalid" });
    expect(await signInStaff(someCustomer, client())).toEqual({ ok: false, reason: "invalid" });
  });

  it("ends the reach of a live session as soon as its staff account is disabled", async () => {
    const db = await getDb();
    const marketer = await staffMember("marketer");
    const staff = await signInStaffWithCode(marketer, client());
    const id = (staff as { sessionId: string }).sessionId;
    expect((await resolveSession(id)).state).toBe("active");
    await db.update(s.staffAccounts).set({ disabledAt: now() }).where(eq(s.staffAccounts.id, marketer.id));
    expect((await resolveSession(id)).state).toBe("none");
    // Enabled again, the same session reaches again: it was the account's state that was checked, live.
    await db.update(s.staffAccounts).set({ disabledAt: null }).where(eq(s.staffAccounts.id, marketer.id));
    expect((await resolveSession(id)).state).toBe("active");
  });
});

describe("session resolution", () => {
  it("knows nothing of an unknown session id, and reads a customer session with its account", async () => {
    expect((await resolveSession("no-such-session")).state).toBe("none");
    expect((await resolveSession("")).state).toBe("none");
    const { email, password } = await customer();
    const signIn = await signInCustomer({ email, password }, client());
    const session = await activeSession((signIn as { sessionId: string }).sessionId);
    expect(session).toMatchObject({ principal: { type: "customer" }, email, role: null, mustChangePassword: false });
  });
});

describe("secrets stay out of the logs", () => {
  it("never writes a password or temporary password into the audit log", async () => {
    const db = await getDb();
    const rows = await db.select().from(s.auditLog);
    expect(rows.length).toBeGreaterThan(10);
    const dump = JSON.stringify(rows);
    expect(handedOut.length).toBeGreaterThan(0);
    for (const secret of [...handedOut, "Change-Passw0rd", "Wrong-0", "First-Passw0rd", "Aging-Passw0rd", "Renewed-Passw0rd"])
      expect(dump).not.toContain(secret);
    const temporaries = (await db.select({ text: s.mailOutbox.text }).from(s.mailOutbox).where(eq(s.mailOutbox.template, "M-1"))).map((m) =>
      temporaryPasswordFrom(m.text),
    );
    for (const temporary of temporaries) expect(dump).not.toContain(temporary);
  });
});
