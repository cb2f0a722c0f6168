import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import { passwordHashRuns } from "@/lib/auth/password-hash";
import { signInCustomer, signInStaff, type SignInResult } from "@/lib/auth/sign-in";
import { requestTemporaryPassword } from "@/lib/auth/temporary-password";
import { createContract, createCustomer, createStaff, fromToday, uniqueEmail } from "../support/factories";

// Issue 9, A-8: every sign-in attempt does the same hashing work whatever the account's state, so that neither the
// answer's timing nor the server's load tells an attacker which accounts exist, have a password or wait for a
// temporary one. Counted in scrypt runs (lib/auth/password-hash.ts passwordHashRuns), not timed.

// A dozen accounts and sign-ins, each hash queued behind the others (one scrypt at a time on 2 cores): more than the
// default 30 s when CI runs the other test files beside it. A budget, not a timed assertion; a test that ran out
// would leave its attempts running into the next test's count.
const TIME_BUDGET = 120_000;

let address = 1;
const from = () => ({ clientAddress: `192.0.2.${address++}` });

/** The scrypt runs one sign-in costs, and its result. */
async function runsOf(attempt: () => Promise<SignInResult>): Promise<{ runs: number; ok: boolean }> {
  const before = passwordHashRuns();
  const result = await attempt();
  // A right password: a session, or (staff, and customers with TOTP: issue 15) the code step it leads to.
  return { runs: passwordHashRuns() - before, ok: result.ok || result.reason === "mfa" };
}

async function temporaryPasswordFor(email: string): Promise<string> {
  expect(await requestTemporaryPassword({ email, ...from() })).toEqual({ status: "sent" });
  const db = await getDb();
  const [mail] = await db
    .select()
    .from(s.mailOutbox)
    .where(and(sql`${email} = ANY(${s.mailOutbox.toAddresses})`, eq(s.mailOutbox.template, "M-1")))
    .orderBy(sql`${s.mailOutbox.seq} desc`)
    .limit(1);
  return /仮パスワード：\s*([A-Za-z0-9]{12,})/.exec(mail!.text)![1]!;
}

describe("sign-in work is the same for every account state (A-8)", () => {
  it(
    "runs scrypt exactly once per customer attempt",
    async () => {
      // The dummy hash for accounts without one is made on first use: not part of any attempt below.
      await signInCustomer({ email: uniqueEmail("warm-up"), password: "x" }, from());

      const withPassword = await createCustomer();
      await createContract({ contractEmail: withPassword.email });
      const withoutPassword = await createCustomer({ password: null });
      await createContract({ contractEmail: withoutPassword.email });
      const formerContact = await createCustomer();
      await createContract({ contractEmail: formerContact.email, endDate: fromToday({ years: -7 }) });
      const waiting = await createCustomer();
      await createContract({ contractEmail: waiting.email });
      const temporary = await temporaryPasswordFor(waiting.email);
      const firstUse = await createCustomer({ password: null });
      await createContract({ contractEmail: firstUse.email });
      const firstTemporary = await temporaryPasswordFor(firstUse.email);

      const cases: [string, () => Promise<SignInResult>, boolean][] = [
        ["unknown address", () => signInCustomer({ email: uniqueEmail("nobody"), password: "Wrong-Passw0rd-1" }, from()), false],
        ["no longer a contact (A-9)", () => signInCustomer({ email: formerContact.email, password: formerContact.password! }, from()), false],
        ["no password yet, no temporary one", () => signInCustomer({ email: withoutPassword.email, password: "Wrong-Passw0rd-1" }, from()), false],
        ["a password, wrong", () => signInCustomer({ email: withPassword.email, password: "Wrong-Passw0rd-1" }, from()), false],
        ["a password, right", () => signInCustomer({ email: withPassword.email, password: withPassword.password! }, from()), true],
        ["a password and a temporary one waiting, wrong", () => signInCustomer({ email: waiting.email, password: "Wrong-Passw0rd-1" }, from()), false],
        ["a password and a temporary one waiting, the password", () => signInCustomer({ email: waiting.email, password: waiting.password! }, from()), true],
        ["a password and a temporary one waiting, the temporary one", () => signInCustomer({ email: waiting.email, password: temporary }, from()), true],
        ["no password, a temporary one waiting, the temporary one", () => signInCustomer({ email: firstUse.email, password: firstTemporary }, from()), true],
      ];
      for (const [state, attempt, ok] of cases) expect(await runsOf(attempt), state).toEqual({ runs: 1, ok });
    },
    TIME_BUDGET,
  );

  it(
    "runs scrypt exactly once per staff attempt",
    async () => {
      await signInStaff({ email: uniqueEmail("warm-up"), password: "x" }, from());
      const staff = await createStaff({ role: "operator" });
      const disabled = await createStaff({ role: "marketer", disabled: true });
      const cases: [string, () => Promise<SignInResult>, boolean][] = [
        ["unknown address", () => signInStaff({ email: uniqueEmail("nobody"), password: "Wrong-Passw0rd-1" }, from()), false],
        ["disabled account, right password", () => signInStaff({ email: disabled.email, password: disabled.password }, from()), false],
        ["wrong password", () => signInStaff({ email: staff.email, password: "Wrong-Passw0rd-1" }, from()), false],
        ["right password", () => signInStaff({ email: staff.email, password: staff.password }, from()), true],
      ];
      for (const [state, attempt, ok] of cases) expect(await runsOf(attempt), state).toEqual({ runs: 1, ok });
    },
    TIME_BUDGET,
  );

  it(
    "runs none for an attempt refused by the lock (the lock message tells as much)",
    async () => {
      const locked = await createCustomer();
      await createContract({ contractEmail: locked.email });
      for (let i = 0; i < 5; i++) await signInCustomer({ email: locked.email, password: `Wrong-Passw0rd-${i}` }, from());
      expect(await runsOf(() => signInCustomer({ email: locked.email, password: locked.password! }, from()))).toEqual({ runs: 0, ok: false });
    },
    TIME_BUDGET,
  );
});
