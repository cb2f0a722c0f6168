import { beforeEach, describe, expect, it } from "vitest";
import { advanceClock, setClock } from "@/lib/clock";
import { getThrottleState, normaliseAddress, recordAttempt, type ThrottleKey } from "@/lib/security/throttle";

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
  it("locks the account and the client address after 5 failures in 15 minutes, and unlocks by itself", async () => {
    await fail(4);
    expect(await getThrottleState(account)).toEqual({ locked: false });
    await fail(1);
    const locked = await getThrottleState(account);
    expect(locked.locked).toBe(true);
    // The same address trying another account is locked too; the same account from another address as well.
    expect((await getThrottleState({ ...account, accountKey: "someone-else@example.co.jp" })).locked).toBe(true);
    expect((await getThrottleState({ ...account, clientAddress: "198.51.100.7" })).locked).toBe(true);
    advanceClock(13 * MINUTE);
    expect((await getThrottleState(account)).locked).toBe(true);
    advanceClock(2 * MINUTE);
    expect(await getThrottleState(account)).toEqual({ locked: false });
  });

  it("does not lock for 5 failures spread over more than the window", async () => {
    for (let i = 0; i < 5; i++) {
      await recordAttempt(account, false);
      advanceClock(4 * MINUTE);
    }
    expect(await getThrottleState(account)).toEqual({ locked: false });
  });

  it("clears the account's count on success but not the address's", async () => {
    await fail(4);
    await recordAttempt(account, true);
    await fail(1);
    expect((await getThrottleState({ ...account, clientAddress: null })).locked).toBe(false);
    expect((await getThrottleState({ ...account, accountKey: null })).locked).toBe(true);
  });

  it("treats the account key case- and width-insensitively and keeps scopes apart", async () => {
    await fail(5, { ...account, accountKey: account.accountKey!.toUpperCase(), clientAddress: null });
    expect((await getThrottleState({ ...account, clientAddress: null })).locked).toBe(true);
    expect((await getThrottleState({ ...account, scope: "temporary_password" })).locked).toBe(false);
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
