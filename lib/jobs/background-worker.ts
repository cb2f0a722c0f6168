import "server-only";
import { runPeriodicWork } from "./periodic";

const KEY = Symbol.for("ecustomer.background-worker");
type Global = typeof globalThis & { [KEY]?: NodeJS.Timeout };

/**
 * a long-running server (the container) does its scheduled work itself: every BACKGROUND_WORKER_SECONDS
 * (the Dockerfile sets 60; unset or 0: off) it runs what the cron route runs — G-5 sends that stopped, and the
 * outbox. Any number of instances may run it on one database (lib/jobs/periodic.ts). Serverless platforms freeze
 * an instance between requests, so on Vercel it stays off and Vercel Cron calls the route instead.
 */
export function startBackgroundWorker(): void {
  const seconds = Number(process.env.BACKGROUND_WORKER_SECONDS || 0);
  if (!Number.isFinite(seconds) || seconds <= 0) return;
  if (process.env.VERCEL === "1") {
    console.warn("[jobs] BACKGROUND_WORKER_SECONDS is ignored on Vercel: the cron route (vercel.json) does this work");
    return;
  }
  const store = globalThis as Global;
  if (store[KEY]) return;
  let running = false;
  const tick = async () => {
    // A slow round (a large backlog) is never overlapped by the next one of the same instance.
    if (running) return;
    running = true;
    try {
      await runPeriodicWork();
    } catch (error) {
      console.error("[jobs] the background round failed; the next round retries", error instanceof Error ? error.message : error);
    } finally {
      running = false;
    }
  };
  store[KEY] = setInterval(tick, seconds * 1000);
  store[KEY].unref();
  console.log(`[jobs] background worker: every ${seconds} s (mail outbox, Support Information sends, renewal reminders)`);
}
