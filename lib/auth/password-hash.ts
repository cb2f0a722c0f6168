import "server-only";
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";
import os from "node:os";

// a memory-hard KDF with a per-password salt: scrypt with OWASP's N=2^17, r=8, p=1 (128 MiB, ~350 ms on the
// project's 2-core machines). PASSWORD_SCRYPT_LOG_N may lower N for test suites only (never below 2^14); the
// parameters are stored with each hash, so hashes made with other parameters keep verifying.
function params() {
  const logN = Math.min(20, Math.max(14, Number(process.env.PASSWORD_SCRYPT_LOG_N) || 17));
  return { N: 2 ** logN, r: 8, p: 1 };
}
const KEY_LENGTH = 32;

// a login flood must not stall the site. Every scrypt run holds one thread of Node's libuv pool
// (UV_THREADPOOL_SIZE, default 4) and one CPU core for ~350 ms; the same pool decrypts session cookies (WebCrypto),
// gzips answers and reads files. Unbounded, 16 parallel wrong logins took the whole pool and both cores. So at most
// `concurrency` runs at once, at most `queueMax` callers wait (first come, first served), each at most `queueMs`;
// beyond that hashPassword / verifyPassword reject with PasswordHashBusyError, which callers answer with the
// ordinary "try again later" message.
//
// Default concurrency: one core fewer than the machine has (a running scrypt keeps a core busy; more concurrent runs
// than cores add no hashing throughput and take the core the rendering main thread and PostgreSQL need), and always
// fewer than the pool's threads, so that at least one pool thread is left for everything else: 1 on 2 cores,
// 3 on 4 or more cores with the default pool of 4. An explicit PASSWORD_HASH_CONCURRENCY is taken as given (a value
// >= UV_THREADPOOL_SIZE gives scrypt the whole pool again: a warning is printed once).
export type PasswordHashSettings = { concurrency: number; queueMax: number; queueMs: number; threadPoolSize: number };

function integerEnv(name: string, min: number): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = Number(raw);
  return Number.isInteger(value) && value >= min ? value : undefined;
}

/** The queue's bounds from the environment (read on every call, so that tests can change them). */
export function passwordHashSettings(): PasswordHashSettings {
  // libuv reads UV_THREADPOOL_SIZE once, when the pool starts (default 4, clamped to 1…1024).
  const threadPoolSize = Math.min(1024, integerEnv("UV_THREADPOOL_SIZE", 1) ?? 4);
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  const fallback = Math.max(1, Math.min(cores - 1, threadPoolSize - 1));
  return {
    concurrency: integerEnv("PASSWORD_HASH_CONCURRENCY", 1) ?? fallback,
    queueMax: integerEnv("PASSWORD_HASH_QUEUE_MAX", 0) ?? 16,
    queueMs: integerEnv("PASSWORD_HASH_QUEUE_MS", 0) ?? 5000,
    threadPoolSize,
  };
}

/** Thrown by hashPassword / verifyPassword when the hashing queue is full or the wait for a free slot ran out. */
export class PasswordHashBusyError extends Error {
  readonly code = "PASSWORD_HASH_BUSY";
  constructor(readonly reason: "queue-full" | "timeout") {
    super(reason === "queue-full" ? "password hashing is busy: the queue is full" : "password hashing is busy: no free slot in time");
    this.name = "PasswordHashBusyError";
  }
}

type Waiter = { deadline: number; start: () => void; expire: () => void; timer: ReturnType<typeof setTimeout> };
type QueueState = { running: number; runs: number; waiting: Waiter[]; warned: boolean };

// One queue per process, also when a bundler loads this module once per route: the state lives on globalThis.
const STATE_KEY = Symbol.for("ecustomer-portal.password-hash-queue");
const state: QueueState =
  ((globalThis as Record<symbol, unknown>)[STATE_KEY] as QueueState | undefined) ??
  ((globalThis as Record<symbol, unknown>)[STATE_KEY] = { running: 0, runs: 0, waiting: [], warned: false } as QueueState);

/** How many scrypt runs this process has started (cheap; tests count hash runs per sign-in attempt). */
export function passwordHashRuns(): number {
  return state.runs;
}

/** Runs now and waiting, for tests and diagnostics. */
export function passwordHashQueue(): { running: number; waiting: number } {
  return { running: state.running, waiting: state.waiting.length };
}

/** Hands a finished run's slot to the first waiter still within its time, or frees it. */
function release() {
  for (let waiter = state.waiting.shift(); waiter; waiter = state.waiting.shift()) {
    clearTimeout(waiter.timer);
    // A waiter whose time ran out while its timer had not fired yet (a busy event loop) is refused, not run late.
    if (performance.now() > waiter.deadline) {
      waiter.expire();
      continue;
    }
    waiter.start();
    return;
  }
  state.running--;
}

/**
 * Runs scrypt within the queue's bounds. The slot is taken (or the call queued or refused) synchronously, before
 * the first await of the caller.
 */
function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const run = () => {
      state.runs++;
      try {
        scryptCallback(password.normalize("NFKC"), salt, keylen, { ...options, maxmem: 256 * 1024 * 1024 }, (err, key) => {
          release();
          if (err) reject(err);
          else resolve(key);
        });
      } catch (error) {
        // Invalid parameters (a damaged stored hash) throw synchronously: the slot must not leak.
        release();
        reject(error as Error);
      }
    };
    const settings = passwordHashSettings();
    if (!state.warned && settings.concurrency >= settings.threadPoolSize) {
      state.warned = true;
      console.warn(
        `[password-hash] PASSWORD_HASH_CONCURRENCY=${settings.concurrency} >= UV_THREADPOOL_SIZE=${settings.threadPoolSize}: ` +
          "password hashing can take every libuv pool thread",
      );
    }
    if (state.running < settings.concurrency) {
      state.running++;
      run();
      return;
    }
    if (state.waiting.length >= settings.queueMax || settings.queueMs === 0) {
      reject(new PasswordHashBusyError("queue-full"));
      return;
    }
    const waiter: Waiter = {
      deadline: performance.now() + settings.queueMs,
      start: run,
      // Created here, in the caller's module instance, so that `instanceof PasswordHashBusyError` holds for it.
      expire: () => reject(new PasswordHashBusyError("timeout")),
      timer: setTimeout(() => {
        const index = state.waiting.indexOf(waiter);
        if (index >= 0) state.waiting.splice(index, 1);
        waiter.expire();
      }, settings.queueMs),
    };
    waiter.timer.unref?.();
    state.waiting.push(waiter);
  });
}

/** Rejects with PasswordHashBusyError when the hashing queue is full or its wait ran out. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const p = params();
  const key = await scrypt(password, salt, KEY_LENGTH, p);
  return ["scrypt", p.N, p.r, p.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** Rejects with PasswordHashBusyError when the hashing queue is full or its wait ran out. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, n, r, p, saltText, keyText] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(keyText, "base64url");
  const key = await scrypt(password, Buffer.from(saltText, "base64url"), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
