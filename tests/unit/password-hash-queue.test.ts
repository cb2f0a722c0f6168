import os from "node:os";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { hashPassword, PasswordHashBusyError, passwordHashQueue, passwordHashRuns, passwordHashSettings, verifyPassword } from "@/lib/auth/password-hash";

// At most PASSWORD_HASH_CONCURRENCY scrypt runs at once, at most PASSWORD_HASH_QUEUE_MAX waiting,
// each at most PASSWORD_HASH_QUEUE_MS; beyond that PasswordHashBusyError. The queue takes a slot (or queues, or
// refuses) synchronously inside the call, so the counter read right after a call is exact; a finished run hands its
// slot on before its caller's continuation runs. Runs with PASSWORD_SCRYPT_LOG_N=14 (vitest.config.ts).

const VARIABLES = ["PASSWORD_HASH_CONCURRENCY", "PASSWORD_HASH_QUEUE_MAX", "PASSWORD_HASH_QUEUE_MS", "UV_THREADPOOL_SIZE"] as const;
let saved: Record<string, string | undefined> = {};

function configure(values: Partial<Record<(typeof VARIABLES)[number], string>>) {
  for (const name of VARIABLES) {
    if (values[name] === undefined) delete process.env[name];
    else process.env[name] = values[name];
  }
}

beforeEach(() => {
  saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  expect(process.env.PASSWORD_SCRYPT_LOG_N).toBe("14");
});

afterEach(() => {
  // Every test leaves the process-wide queue empty.
  expect(passwordHashQueue()).toEqual({ running: 0, waiting: 0 });
  for (const name of VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

/** Settles to the error (or null), so that a rejection can be awaited like a value. */
function outcome(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

describe("password hashing queue (a login flood must not stall the site)", () => {
  it("never runs more scrypt at once than PASSWORD_HASH_CONCURRENCY, and uses all of it", async () => {
    configure({ PASSWORD_HASH_CONCURRENCY: "2", PASSWORD_HASH_QUEUE_MAX: "16", PASSWORD_HASH_QUEUE_MS: "60000" });
    const before = passwordHashRuns();
    const jobs = 7;
    const t0 = performance.now();
    const starts: number[] = [];
    const finishes: number[] = [];
    const runningAtFinish: number[] = [];
    let finished = 0;
    // Job k is the k-th started (first come, first served): it started when the counter passed k.
    const noteStarts = (at: number) => {
      while (starts.length < passwordHashRuns() - before) starts.push(at);
    };
    const promises = Array.from({ length: jobs }, (_, k) =>
      k % 2 ? verifyPassword(`pw-${k}`, "scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA$" + "A".repeat(43)) : hashPassword(`pw-${k}`),
    );
    noteStarts(t0);
    expect(passwordHashRuns() - before).toBe(2);
    expect(passwordHashQueue()).toEqual({ running: 2, waiting: 5 });
    await Promise.all(
      promises.map((promise, k) =>
        (promise as Promise<unknown>).then(() => {
          const at = performance.now();
          finished++;
          finishes[k] = at;
          noteStarts(at);
          // started − finished = runs in progress right now (the next one already took the freed slot).
          runningAtFinish.push(passwordHashRuns() - before - finished);
        }),
      ),
    );
    expect(passwordHashRuns() - before).toBe(jobs);
    expect(Math.max(...runningAtFinish)).toBe(2);
    expect(runningAtFinish).toEqual([2, 2, 2, 2, 2, 1, 0]);
    // The same from the timestamps: never more than two [start, finish] intervals overlap.
    const events = [...starts.map((at) => ({ at, delta: 1 })), ...finishes.map((at) => ({ at, delta: -1 }))].sort((a, b) => a.at - b.at || a.delta - b.delta);
    let overlap = 0;
    let maxOverlap = 0;
    for (const event of events) maxOverlap = Math.max(maxOverlap, (overlap += event.delta));
    expect(starts).toHaveLength(jobs);
    expect(maxOverlap).toBe(2);
  });

  it("serves waiters first come, first served", async () => {
    configure({ PASSWORD_HASH_CONCURRENCY: "1", PASSWORD_HASH_QUEUE_MAX: "16", PASSWORD_HASH_QUEUE_MS: "60000" });
    const before = passwordHashRuns();
    const order: number[] = [];
    const startedWhenFinished: number[] = [];
    const stored = await hashPassword("fifo-password");
    const promises = Array.from({ length: 6 }, (_, k) => (k % 3 === 1 ? verifyPassword("fifo-password", stored) : hashPassword(`fifo-${k}`)));
    expect(passwordHashQueue()).toEqual({ running: 1, waiting: 5 });
    await Promise.all(
      promises.map((promise, k) =>
        (promise as Promise<unknown>).then(() => {
          order.push(k);
          startedWhenFinished.push(passwordHashRuns() - before - 1);
        }),
      ),
    );
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    // One at a time: when job k finished, exactly k + 2 runs had started (the next one), the last one excepted.
    expect(startedWhenFinished).toEqual([2, 3, 4, 5, 6, 6]);
  });

  it("refuses at once with PasswordHashBusyError when the queue is full", async () => {
    configure({ PASSWORD_HASH_CONCURRENCY: "1", PASSWORD_HASH_QUEUE_MAX: "2", PASSWORD_HASH_QUEUE_MS: "60000" });
    const before = passwordHashRuns();
    const events: string[] = [];
    const running = hashPassword("first").then(() => events.push("first finished"));
    const waiting = [hashPassword("second"), verifyPassword("third", "scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA$" + "A".repeat(43))];
    expect(passwordHashQueue()).toEqual({ running: 1, waiting: 2 });
    const refusedHash = outcome(hashPassword("fourth")).then((error) => (events.push("fourth refused"), error));
    const refusedVerify = outcome(verifyPassword("fifth", "scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA$" + "A".repeat(43))).then(
      (error) => (events.push("fifth refused"), error),
    );
    expect(passwordHashQueue()).toEqual({ running: 1, waiting: 2 });
    const [hashError, verifyError] = await Promise.all([refusedHash, refusedVerify]);
    expect(hashError).toBeInstanceOf(PasswordHashBusyError);
    expect(verifyError).toBeInstanceOf(PasswordHashBusyError);
    expect((hashError as PasswordHashBusyError).reason).toBe("queue-full");
    expect((hashError as PasswordHashBusyError).code).toBe("PASSWORD_HASH_BUSY");
    // At once: refused before the running hash finished, and without running scrypt.
    expect(events).toEqual(["fourth refused", "fifth refused"]);
    expect(passwordHashRuns() - before).toBe(1);
    await Promise.all([running, ...waiting]);
    expect(events).toEqual(["fourth refused", "fifth refused", "first finished"]);
    expect(passwordHashRuns() - before).toBe(3);
  });

  it("refuses a waiter whose time limit ran out, without ever running it", async () => {
    // One scrypt run (N = 2^14, 16 MiB) takes far longer than the waiter's 1 ms.
    configure({ PASSWORD_HASH_CONCURRENCY: "1", PASSWORD_HASH_QUEUE_MAX: "4", PASSWORD_HASH_QUEUE_MS: "1" });
    const before = passwordHashRuns();
    const running = hashPassword("slow");
    const late = outcome(hashPassword("late"));
    expect(passwordHashQueue()).toEqual({ running: 1, waiting: 1 });
    const error = await late;
    expect(error).toBeInstanceOf(PasswordHashBusyError);
    expect((error as PasswordHashBusyError).reason).toBe("timeout");
    expect(passwordHashQueue().waiting).toBe(0);
    expect(await running).toMatch(/^scrypt\$/);
    // The refused waiter never ran scrypt, not even late.
    expect(passwordHashRuns() - before).toBe(1);
  });

  it("refuses a waiter at its time limit while the slot is still taken", async () => {
    configure({ PASSWORD_HASH_CONCURRENCY: "1", PASSWORD_HASH_QUEUE_MAX: "4", PASSWORD_HASH_QUEUE_MS: "60000" });
    // Only the queue's timers are faked: scrypt keeps running on the libuv pool, and its completion is a macrotask
    // that cannot come before the rejection the advanced timer causes.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const before = passwordHashRuns();
      const events: string[] = [];
      const running = hashPassword("holds the slot").then(() => events.push("running finished"));
      const late = outcome(hashPassword("late")).then((error) => (events.push("waiter refused"), error));
      vi.advanceTimersByTime(59_999);
      expect(passwordHashQueue()).toEqual({ running: 1, waiting: 1 });
      vi.advanceTimersByTime(1);
      expect(passwordHashQueue()).toEqual({ running: 1, waiting: 0 });
      const error = await late;
      expect(error).toBeInstanceOf(PasswordHashBusyError);
      expect((error as PasswordHashBusyError).reason).toBe("timeout");
      expect(events).toEqual(["waiter refused"]);
      await running;
      expect(events).toEqual(["waiter refused", "running finished"]);
      expect(passwordHashRuns() - before).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a waiter within its time limit runs when a slot frees", async () => {
    configure({ PASSWORD_HASH_CONCURRENCY: "1", PASSWORD_HASH_QUEUE_MAX: "1", PASSWORD_HASH_QUEUE_MS: "60000" });
    const before = passwordHashRuns();
    const [a, b] = await Promise.all([hashPassword("one"), hashPassword("two")]);
    expect(passwordHashRuns() - before).toBe(2);
    expect(await verifyPassword("two", b)).toBe(true);
    expect(await verifyPassword("one", a)).toBe(true);
  });

  it("hashes keep their format and verify through the queue", async () => {
    configure({ PASSWORD_HASH_CONCURRENCY: "1" });
    const before = passwordHashRuns();
    const [a, b] = await Promise.all([hashPassword("Demo-Passw0rd!"), hashPassword("Demo-Passw0rd!")]);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    const results = await Promise.all([verifyPassword("Demo-Passw0rd!", a), verifyPassword("Demo-Passw0rd?", a), verifyPassword("Demo-Passw0rd!", b)]);
    expect(results).toEqual([true, false, true]);
    // A malformed stored value is refused without any scrypt run.
    expect(await verifyPassword("Demo-Passw0rd!", "not-a-hash")).toBe(false);
    expect(passwordHashRuns() - before).toBe(5);
  });

  it("a damaged stored hash (invalid scrypt parameters) fails without keeping its slot", async () => {
    configure({ PASSWORD_HASH_CONCURRENCY: "1", PASSWORD_HASH_QUEUE_MAX: "0" });
    const error = await outcome(verifyPassword("x", "scrypt$3$8$1$c2FsdA$" + "A".repeat(43)));
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PasswordHashBusyError);
    expect(passwordHashQueue()).toEqual({ running: 0, waiting: 0 });
    // The slot is free: with no queue at all, the next hash still runs.
    expect(await hashPassword("after")).toMatch(/^scrypt\$/);
  });

  it("defaults: one core fewer than the machine, always fewer than the libuv pool's threads", () => {
    configure({});
    const cores = os.availableParallelism();
    const defaults = passwordHashSettings();
    expect(defaults).toEqual({ concurrency: Math.max(1, Math.min(cores - 1, 3)), queueMax: 16, queueMs: 5000, threadPoolSize: 4 });
    expect(defaults.concurrency).toBeLessThan(defaults.threadPoolSize);
    configure({ UV_THREADPOOL_SIZE: "2" });
    expect(passwordHashSettings().concurrency).toBe(1);
    configure({ UV_THREADPOOL_SIZE: "64" });
    expect(passwordHashSettings().concurrency).toBe(Math.max(1, cores - 1));
    // Explicit values are taken as given; invalid ones fall back to the defaults.
    configure({ PASSWORD_HASH_CONCURRENCY: "3", PASSWORD_HASH_QUEUE_MAX: "0", PASSWORD_HASH_QUEUE_MS: "250" });
    expect(passwordHashSettings()).toMatchObject({ concurrency: 3, queueMax: 0, queueMs: 250 });
    configure({ PASSWORD_HASH_CONCURRENCY: "0", PASSWORD_HASH_QUEUE_MAX: "-1", PASSWORD_HASH_QUEUE_MS: "soon" });
    expect(passwordHashSettings()).toMatchObject({ concurrency: Math.max(1, Math.min(cores - 1, 3)), queueMax: 16, queueMs: 5000 });
  });
});
