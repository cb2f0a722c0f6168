import { and, eq, isNull } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import { completeMfa, customerMfaStatus, disableCustomerTotp, enableCustomerTotp, enrolTotp, newCustomerSetup, openChallenge } from "@/lib/auth/mfa";
import { resolveSession } from "@/lib/auth/sessions";
import { signInCustomer, signInStaff, type SignInResult } from "@/lib/auth/sign-in";
import { matchTotp, openSecret, sealSecret, secretContext, secretFromBase32, totpCode } from "@/lib/auth/totp";
import { advanceClock, now, resetClock, setClock } from "@/lib/clock";
import { createContract, createCustomer, createStaff, customerActor } from "../support/factories";

// MFA (beyond the SPEC): TOTP (RFC 6238) after the password for every staff account (enrolled at the first sign-in) and for
// customers who turn it on; recovery codes; the A-8 throttle over codes. All on the real database.
let clientCounter = 10;
const client = () => ({ clientAddress: `198.51.100.${clientCounter++}` });

afterEach(() => resetClock());

function challengeOf(result: SignInResult): string {
  if (result.ok || result.reason !== "mfa") throw new Error(`expected the code step, got ${JSON.stringify(result)}`);
  return result.challengeToken;
}

async function customerWithPassword() {
  const { contractEmail } = await createContract();
  return createCustomer({ email: contractEmail });
}

const actorFor = (account: { id: number; email: string }, clientAddress = "198.51.100.250") => customerActor(account, clientAddress);

/** Turns TOTP on for a customer through the /account/mfa path; returns the secret and the recovery codes shown. */
async function enableFor(account: { id: number; email: string }) {
  const setup = newCustomerSetup(account.id);
  const result = await enableCustomerTotp(actorFor(account), setup.sealed, totpCode(setup.secret, now()));
  if (!result.ok) throw new Error(`enable failed: ${result.reason}`);
  return { secret: setup.secret, recoveryCodes: result.recoveryCodes };
}

describe("TOTP (RFC 6238)", () => {
  it("matches the RFC's test vector and accepts one step of drift either way, no more, naming the step of the code", () => {
    // RFC 6238 Appendix B, SHA-1 key "12345678901234567890": T = 59 s → 94287082 (8 digits), so 287082 with 6.
    const key = new TextEncoder().encode("12345678901234567890");
    expect(totpCode(key, new Date(59_000))).toBe("287082");
    expect(totpCode(key, new Date(1_111_111_109_000))).toBe("081804");
    const at = new Date("2026-12-02T05:00:10Z");
    const code = totpCode(key, at);
    const step = Math.floor(at.getTime() / 30_000);
    expect(matchTotp(key, code, at)).toBe(step);
    expect(matchTotp(key, code, new Date(at.getTime() + 30_000))).toBe(step);
    expect(matchTotp(key, code, new Date(at.getTime() - 30_000))).toBe(step);
    expect(matchTotp(key, code, new Date(at.getTime() + 60_000))).toBeNull();
    expect(matchTotp(key, ` ${code.slice(0, 3)} ${code.slice(3)} `, at)).toBe(step);
    expect(matchTotp(key, "12345", at)).toBeNull();
    expect(matchTotp(key, "abcdef", at)).toBeNull();
  });

  it("seals a secret to its account: another account, an altered value or another purpose opens nothing", () => {
    const secret = secretFromBase32("DEMOSTAFFTOTPSECRETFORTESTERS234");
    const sealed = sealSecret(secret, secretContext({ type: "staff", accountId: 7 }));
    expect(sealed).not.toContain("DEMOSTAFF");
    expect(openSecret(sealed, secretContext({ type: "staff", accountId: 7 }))).toEqual(secret);
    expect(openSecret(sealed, secretContext({ type: "staff", accountId: 8 }))).toBeNull();
    expect(openSecret(sealed, secretContext({ type: "customer", accountId: 7 }))).toBeNull();
    expect(openSecret(sealed, secretContext({ type: "staff", accountId: 7 }), "pending")).toBeNull();
    const parts = sealed.split(".");
    const body = Buffer.from(parts[2]!, "base64url");
    body[0] = body[0]! ^ 1;
    expect(openSecret([parts[0], parts[1], body.toString("base64url"), parts[3]].join("."), secretContext({ type: "staff", accountId: 7 }))).toBeNull();
    expect(openSecret("v1.garbage", secretContext({ type: "staff", accountId: 7 }))).toBeNull();
  });
});

describe("staff: TOTP required at the next sign-in", () => {
  it("enrols a staff member without TOTP at sign-in: the first right code stores the secret (sealed) and ten recovery codes, then the session", async () => {
    const staff = await createStaff({ role: "marketer", totp: false });
    const context = client();
    const first = await signInStaff(staff, context);
    expect(first).toMatchObject({ ok: false, reason: "mfa", purpose: "enrol" });
    const token = challengeOf(first);
    const challenge = await openChallenge(token);
    expect(challenge).toMatchObject({ purpose: "enrol", verified: false, email: staff.email });
    const secret = challenge!.pendingSecret!;
    // No session before the enrolment is finished, and the code step refuses to finish it early.
    expect(await completeMfa(token, totpCode(secret, now()), context)).toEqual({ ok: false, reason: "invalid" });
    expect(await enrolTotp(token, "000000" === totpCode(secret, now()) ? "111111" : "000000", context)).toEqual({ ok: false, reason: "invalid" });
    const enrolled = await enrolTotp(token, totpCode(secret, now()), context);
    expect(enrolled.ok).toBe(true);
    const codes = (enrolled as { recoveryCodes: string[] }).recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const db = await getDb();
    const [row] = await db.select().from(s.staffAccounts).where(eq(s.staffAccounts.id, staff.id));
    expect(row!.totpEnabledAt).not.toBeNull();
    expect(openSecret(row!.totpSecret!, secretContext({ type: "staff", accountId: staff.id }))).toEqual(secret);
    const stored = await db.select().from(s.mfaRecoveryCodes).where(eq(s.mfaRecoveryCodes.staffAccountId, staff.id));
    expect(stored).toHaveLength(10);
    for (const code of codes) expect(stored.map((r) => r.codeHash).join(" ")).not.toContain(code);
    // A second enrolment on the same challenge is refused; the sign-in then finishes once.
    expect(await enrolTotp(token, totpCode(secret, now()), context)).toEqual({ ok: false, reason: "expired" });
    const done = await completeMfa(token, "", context);
    expect(done).toMatchObject({ ok: true, accountId: staff.id });
    expect((await resolveSession((done as { sessionId: string }).sessionId)).state).toBe("active");
    expect(await completeMfa(token, "", context)).toEqual({ ok: false, reason: "expired" });
    // The next sign-in asks for the code.
    expect(await signInStaff(staff, client())).toMatchObject({ ok: false, reason: "mfa", purpose: "verify" });
  });

  it("signs an enrolled member in with the current code; a challenge is used once and lasts five minutes", async () => {
    const staff = await createStaff({ role: "operator" });
    const context = client();
    const token = challengeOf(await signInStaff(staff, context));
    const done = await completeMfa(token, totpCode(staff.totpSecret!, now()), context);
    expect(done).toMatchObject({ ok: true, accountId: staff.id, principal: { type: "staff" } });
    expect(await completeMfa(token, totpCode(staff.totpSecret!, now()), context)).toEqual({ ok: false, reason: "expired" });

    setClock(now());
    const late = challengeOf(await signInStaff(staff, context));
    advanceClock(5 * 60 * 1000 + 1);
    expect(await completeMfa(late, totpCode(staff.totpSecret!, now()), context)).toEqual({ ok: false, reason: "expired" });
  });

  it("throttles wrong codes like wrong passwords (A-8): five lock the account, and a right password buys no more tries", async () => {
    const staff = await createStaff({ role: "operator" });
    const wrong = totpCode(staff.totpSecret!, now()) === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) {
      // A new challenge for each try: the right password again, then a wrong code.
      const token = challengeOf(await signInStaff(staff, client()));
      expect(await completeMfa(token, wrong, client())).toEqual({ ok: false, reason: "invalid" });
    }
    // Locked now for the password as for the code: even the right password gets no new challenge.
    expect(await signInStaff(staff, client())).toMatchObject({ ok: false, reason: "locked" });
    const db = await getDb();
    const actions = (await db.select({ action: s.auditLog.action }).from(s.auditLog).where(eq(s.auditLog.actorEmail, staff.email))).map((r) => r.action);
    expect(actions.filter((a) => a === "staff.login.mfa_failure")).toHaveLength(5);
    expect(actions).toContain("staff.login.lock");
    expect(actions).not.toContain("staff.login.success");
  });

  it("takes a code once (RFC 6238 §5.2): used again within its 90 seconds it is refused, uncounted by the throttle", async () => {
    const staff = await createStaff({ role: "operator" });
    setClock(new Date("2026-12-07T05:00:05Z"));
    const code = totpCode(staff.totpSecret!, now());
    const first = challengeOf(await signInStaff(staff, client()));
    expect(await completeMfa(first, code, client())).toMatchObject({ ok: true });
    // Seen over a shoulder and typed again at once, or a minute later (one step of drift is accepted): refused.
    for (const later of [0, 30_000]) {
      advanceClock(later);
      const again = challengeOf(await signInStaff(staff, client()));
      expect(await completeMfa(again, code, client())).toEqual({ ok: false, reason: "replayed" });
    }
    // A code of an earlier step is refused too; the next code signs in, and five replays locked nothing.
    for (let i = 0; i < 3; i++) {
      const again = challengeOf(await signInStaff(staff, client()));
      expect(await completeMfa(again, code, client())).toEqual({ ok: false, reason: "replayed" });
    }
    advanceClock(30_000);
    const next = challengeOf(await signInStaff(staff, client()));
    expect(await completeMfa(next, totpCode(staff.totpSecret!, now()), client())).toMatchObject({ ok: true });
    const db = await getDb();
    const actions = (await db.select({ action: s.auditLog.action }).from(s.auditLog).where(eq(s.auditLog.actorEmail, staff.email))).map((r) => r.action);
    expect(actions.filter((a) => a === "staff.login.mfa_replayed")).toHaveLength(5);
    expect(actions).not.toContain("staff.login.mfa_failure");
  });

  it("does not take one code twice from two sign-ins at the same moment", async () => {
    const staff = await createStaff({ role: "operator" });
    const code = totpCode(staff.totpSecret!, now());
    const [a, b] = [challengeOf(await signInStaff(staff, client())), challengeOf(await signInStaff(staff, client()))];
    const results = await Promise.all([completeMfa(a, code, client()), completeMfa(b, code, client())]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "replayed" }]);
  });

  it("refuses the code step of a member disabled after the password", async () => {
    const staff = await createStaff({ role: "operator" });
    const context = client();
    const token = challengeOf(await signInStaff(staff, context));
    const db = await getDb();
    await db.update(s.staffAccounts).set({ disabledAt: now() }).where(eq(s.staffAccounts.id, staff.id));
    expect(await completeMfa(token, totpCode(staff.totpSecret!, now()), context)).toEqual({ ok: false, reason: "expired" });
  });
});

describe("customers: optional TOTP from /account/mfa", () => {
  it("signs a customer without TOTP in with the password alone, and one with TOTP through the code step", async () => {
    const account = await customerWithPassword();
    expect(await signInCustomer({ email: account.email, password: account.password! }, client())).toMatchObject({ ok: true });
    setClock(new Date("2026-12-07T03:00:05Z"));
    const { secret } = await enableFor(account);
    expect(await customerMfaStatus(actorFor(account))).toMatchObject({ unusedRecoveryCodes: 10 });
    // The code that turned TOTP on is used (RFC 6238 §5.2): the next one signs in.
    advanceClock(30_000);
    const context = client();
    const token = challengeOf(await signInCustomer({ email: account.email, password: account.password! }, context));
    const done = await completeMfa(token, totpCode(secret, now()), context);
    expect(done).toMatchObject({ ok: true, accountId: account.id, principal: { type: "customer" } });
  });

  it("takes each recovery code once instead of the TOTP code", async () => {
    const account = await customerWithPassword();
    const { recoveryCodes } = await enableFor(account);
    const first = challengeOf(await signInCustomer({ email: account.email, password: account.password! }, client()));
    // As typed by a person: upper case, without the hyphen.
    expect(await completeMfa(first, recoveryCodes[3]!.toUpperCase().replace("-", ""), client())).toMatchObject({ ok: true });
    const second = challengeOf(await signInCustomer({ email: account.email, password: account.password! }, client()));
    expect(await completeMfa(second, recoveryCodes[3]!, client())).toEqual({ ok: false, reason: "invalid" });
    expect(await completeMfa(second, recoveryCodes[4]!, client())).toMatchObject({ ok: true });
    expect(await customerMfaStatus(actorFor(account))).toMatchObject({ unusedRecoveryCodes: 8 });
  });

  it("turns on only with a right code of the page's own secret, and that secret only for this account and ten minutes", async () => {
    const account = await customerWithPassword();
    const other = await customerWithPassword();
    const setup = newCustomerSetup(account.id);
    const wrong = totpCode(setup.secret, now()) === "000000" ? "111111" : "000000";
    expect(await enableCustomerTotp(actorFor(account), setup.sealed, wrong)).toEqual({ ok: false, reason: "invalid" });
    expect(await enableCustomerTotp(actorFor(other), setup.sealed, totpCode(setup.secret, now()))).toEqual({ ok: false, reason: "expired" });
    expect(await enableCustomerTotp(actorFor(account), setup.sealed.replace(/~.*/, "~v1.a.b.c"), totpCode(setup.secret, now()))).toEqual({
      ok: false,
      reason: "expired",
    });
    setClock(new Date(now().getTime() + 10 * 60 * 1000 + 1));
    expect(await enableCustomerTotp(actorFor(account), setup.sealed, totpCode(setup.secret, now()))).toEqual({ ok: false, reason: "expired" });
    resetClock();
    const db = await getDb();
    const rows = await db
      .select()
      .from(s.customerAccounts)
      .where(and(eq(s.customerAccounts.id, account.id), isNull(s.customerAccounts.totpSecret)));
    expect(rows).toHaveLength(1);
    expect(await signInCustomer({ email: account.email, password: account.password! }, client())).toMatchObject({ ok: true });
  });

  it("turns off with a right code only; wrong codes count in the throttle", async () => {
    const account = await customerWithPassword();
    setClock(new Date("2026-12-07T04:00:05Z"));
    const { secret } = await enableFor(account);
    advanceClock(30_000);
    const wrong = totpCode(secret, now()) === "000000" ? "111111" : "000000";
    expect(await disableCustomerTotp(actorFor(account, "198.51.100.240"), wrong)).toEqual({ ok: false, reason: "invalid" });
    expect((await customerMfaStatus(actorFor(account))).enabledAt).not.toBeNull();
    expect(await disableCustomerTotp(actorFor(account, "198.51.100.241"), totpCode(secret, now()))).toEqual({ ok: true });
    expect(await customerMfaStatus(actorFor(account))).toEqual({ enabledAt: null, unusedRecoveryCodes: 0 });
    const db = await getDb();
    expect(await db.select().from(s.mfaRecoveryCodes).where(eq(s.mfaRecoveryCodes.customerAccountId, account.id))).toHaveLength(0);
    const actions = (await db.select({ action: s.auditLog.action }).from(s.auditLog).where(eq(s.auditLog.actorEmail, account.email))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["mfa.enabled", "login.mfa_failure", "mfa.disabled"]));
    expect(await signInCustomer({ email: account.email, password: account.password! }, client())).toMatchObject({ ok: true });
  });
});

describe("the code step of a challenge opened before the lock", () => {
  it("refuses even the right code once the account is locked", async () => {
    const staff = await createStaff({ role: "operator" });
    const held = challengeOf(await signInStaff(staff, client()));
    const wrong = totpCode(staff.totpSecret!, now()) === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) expect(await completeMfa(held, wrong, client())).toEqual({ ok: false, reason: "invalid" });
    expect(await completeMfa(held, totpCode(staff.totpSecret!, now()), client())).toMatchObject({ ok: false, reason: "locked" });
  });
});
