// The renewal reminder job (N-3, M-13) in a process of its own, for bench/reminders.ts: `tsx --import
// bench/server-only-hook.mjs bench/reminder-worker.ts` with DATABASE_URL and AUTH_SECRET set. It runs what the cron
// route and the container's worker run (lib/reminders/job.ts runReminders) twice, for today's Tokyo date, on the bench
// database: the first run sends what is due (on an empty reminder_sends: every contract of the window catches up its
// nearest threshold), the second must send nothing. Prints one JSON object.
//
// Peak RSS: this process's VmHWM, reset (clear_refs 5) once the modules are loaded and the database is open.
import fs from "node:fs";
import { closeDb, getDb } from "../db/client";
import { runReminders } from "../lib/reminders/job";

function statusMiB(field: "VmHWM" | "VmRSS"): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync("/proc/self/status", "utf8"));
  return match ? Number(match[1]) / 1024 : 0;
}

async function main() {
  await getDb();
  fs.writeFileSync("/proc/self/clear_refs", "5");
  const rssBefore = statusMiB("VmRSS");
  const started = performance.now();
  const first = await runReminders();
  const seconds = (performance.now() - started) / 1000;
  const peak = statusMiB("VmHWM");
  const againStarted = performance.now();
  const second = await runReminders();
  const againSeconds = (performance.now() - againStarted) / 1000;
  await closeDb();
  console.log(JSON.stringify({ first, second, seconds, againSeconds, rssBeforeMiB: rssBefore, peakRssMiB: peak }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
