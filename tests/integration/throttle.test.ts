import { and, count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, signInAttempts, signInLocks } from "@/db/schema";
import { advanceClock, setClock } from "@/lib/clock";
import { getThrottleState, normaliseAddress, recordAttempt, throttleSettings, type ThrottleKey } from "@/lib/security/throttle";

const MINUTE = 60_000;
let n = 0;
let account: ThrottleKey;

beforeEach(() => {
  n += 1;
  setClock(new Date(`2026-11-2${n % 10}T00:00:00Z`));
  account = { scope: "customer_login", accountKey: `victim${n}@example.co.jp`, clientAddress: `192.0.2.${n}` };
});

async function fail(times: number, key: ThrottleKey = account) {
  for (let i = 0; i < times; i++) {
    await recordAttempt(key, false);
    advanceClock(MINUTE);
  }
}

describe("A-8 throttling", () => {
  it("locks the account after 5 failures in 15 minutes, from anywhere, and unlocks by itself", async () => {
    await fail(4);
    expect(await getThrottleState(account)).toEqual({ locked: false });
    await fail(1);
    const locked = await getThrottleState(account);
    expect(locked).toMatchObject({ locked: true, by: "account" });
    // The same account from another address is locked too.
    expect((await getThrottleState({ ...account, clientAddress: "198.51.100.7" })).locked).toBe(true);
    advanceClock(13 * MINUTE);
    expect((await getThrottleState(account)).locked).toBe(true);
    advanceClock(2 * MINUTE);
    expect(await getThrottleState(account)).toEqual({ locked: false });
  });

  it("never locks the address of one account's failures: another account from it signs in (a company's NAT)", async () => {
    await fail(5);
    expect((await getThrottleState({ ...account, accountKey: "colleague@example.co.jp" })).locked).toBe(false);
    expect((await getThrottleState({ ...account, accountKey: null })).locked).toBe(false);
  });

  it("locks an address whose failures within the window were on 100 different accounts (password spraying), not one before", async () => {
    const { addressAccounts } = throttleSettings();
    expect(addressAccounts).toBe(100);
    const sprayed = (i: number): ThrottleKey => ({ ...account, accountKey: `sprayed${n}-${i}@example.co.jp` });
    // Each account twice: the count is of accounts, not of failures.
    for (let i = 1; i < addressAccounts; i++) for (const _ of [1, 2]) expect(await recordAttempt(sprayed(i), false)).toEqual({ locked: false });
    expect(await getThrottleState({ ...account, accountKey: null })).toEqual({ locked: false });
    expect(await recordAttempt(sprayed(addressAccounts), false)).toMatchObject({ locked: true, by: "address" });
    expect(await getThrottleState({ ...account, accountKey: "anyone@example.co.jp" })).toMatchObject({ locked: true, by: "address" });
    // The accounts themselves are not locked from elsewhere.
    expect((await getThrottleState({ ...sprayed(1), clientAddress: "198.51.100.8" })).locked).toBe(false);
  });

  it.each(["temporary_password", "license_check"] as const)(
    "locks the address after 5 failures on any accounts in %s (the only tie between guesses)",
    async (scope) => {
      for (let i = 0; i < 5; i++) await recordAttempt({ scope, accountKey: `guess${n}-${i}@example.co.jp`, clientAddress: account.clientAddress }, false);
      expect(await getThrottleState({ scope, accountKey: "new@example.co.jp", clientAddress: account.clientAddress })).toMatchObject({
        locked: true,
        by: "address",
      });
    },
  );

  it("does not lock for 5 failures spread over more than the window", async () => {
    for (let i = 0; i < 5; i++) {
      await recordAttempt(account, false);
      advanceClock(4 * MINUTE);
    }
    expect(await getThrottleState(account)).toEqual({ locked: false });
  });

  it("clears the account's count on success", async () => {
    await fail(4);
    await recordAttempt(account, true);
    await fail(4);
    expect((await getThrottleState(account)).locked).toBe(false);
    await fail(1);
    expect((await getThrottleState(account)).locked).toBe(true);
  });

  it("treats the account key case- and width-insensitively and keeps scopes apart", async () => {
    await fail(5, { ...account, accountKey: account.accountKey!.toUpperCase(), clientAddress: null });
    expect((await getThrottleState({ ...account, clientAddress: null })).locked).toBe(true);
    expect((await getThrottleState({ ...account, scope: "temporary_password" })).locked).toBe(false);
  });

  it("refuses while locked with one statement on the lock: nothing appended, each refusal counted there", async () => {
    await fail(5);
    const db = await getDb();
    const rows = async () => ({
      attempts: (await db.select({ n: count() }).from(signInAttempts))[0]!.n,
      audit: (await db.select({ n: count() }).from(auditLog))[0]!.n,
    });
    const before = await rows();
    for (let i = 0; i < 25; i++) expect((await getThrottleState(account)).locked).toBe(true);
    expect(await rows()).toEqual(before);
    const [lock] = await db
      .select()
      .from(signInLocks)
      .where(and(eq(signInLocks.scope, "customer_login"), eq(signInLocks.subject, "account"), eq(signInLocks.key, account.accountKey!)));
    expect(lock).toMatchObject({ refusals: 25 });
  });

  it("ignores an address that is not an IP address instead of failing", async () => {
    // A list is for lib/security/client-address.ts to choose from by the trusted hops, never a key as it stands.
    expect(normaliseAddress("203.0.113.9, 10.0.0.1")).toBeNull();
    expect(normaliseAddress("::1")).toBe("::1");
    expect(normaliseAddress("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(normaliseAddress("999.1.1.1")).toBeNull();
    expect(normaliseAddress("'; drop table x")).toBeNull();
    await recordAttempt({ ...account, clientAddress: "not an address" }, false);
  });
});
