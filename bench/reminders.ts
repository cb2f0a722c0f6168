// Bench line (issue 30, N-3): the renewal reminder job over the scale data (1,000,000 contracts), in a process of its
// own (bench/reminder-worker.ts), after the server has stopped: the first run of the day on an empty reminder_sends —
// every contract ending within the job's window catches up its nearest threshold — then a second run, which must send
// nothing. Reports the time, contracts scanned per second, reminders and mails, the job process's peak RSS, and
// duplicates (a contract, end date and threshold sent twice to one address, or a second mail for one: must be 0).
// The job's rows and mails are removed afterwards, so a rerun on a reused database measures the same work.
import { spawn } from "node:child_process";
import path from "node:path";
import type { Sql } from "postgres";

export const REMINDER_JOB = "reminder-run";

export type ReminderBenchContext = { sql: Sql; env: NodeJS.ProcessEnv; log: (line: string) => void };
export type ReminderBenchOutcome = { name: typeof REMINDER_JOB; line: string; figures: Record<string, number>; error?: string };

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const WORKER = path.join(ROOT, "bench", "reminder-worker.ts");
const HOOK = path.join(ROOT, "bench", "server-only-hook.mjs");

type RunReport = { runDate: string; contracts: number; mails: number; reminders: number; skipped: number };
type WorkerResult = { first: RunReport; second: RunReport; seconds: number; againSeconds: number; rssBeforeMiB: number; peakRssMiB: number };

function runWorker(env: NodeJS.ProcessEnv): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ["--import", HOOK, WORKER], { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`reminder-worker exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split("\n").at(-1)!) as WorkerResult);
      } catch (error) {
        reject(new Error(`reminder-worker printed no result: ${(error as Error).message}: ${out.slice(0, 200)}`));
      }
    });
  });
}

async function clear(sql: Sql): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`DELETE FROM mail_outbox WHERE template = 'M-13'`;
    await tx`DELETE FROM reminder_sends`;
    await tx`DELETE FROM reminder_runs`;
  });
}

export async function runReminderBench(ctx: ReminderBenchContext): Promise<ReminderBenchOutcome> {
  const name = REMINDER_JOB;
  try {
    await clear(ctx.sql);
    const [{ contracts } = { contracts: 0 }] = await ctx.sql<{ contracts: number }[]>`SELECT count(*)::int AS contracts FROM license_contracts`;
    const result = await runWorker(ctx.env);
    const [check = { duplicates: 0, mails: 0, mailedRows: 0, unmailed: 0 }] = await ctx.sql<
      { duplicates: number; mails: number; mailedRows: number; unmailed: number }[]
    >`
      SELECT (SELECT count(*)::int FROM (SELECT 1 FROM reminder_sends WHERE status = 'sent'
                GROUP BY license_id, end_date, threshold, email HAVING count(*) > 1) d) AS duplicates,
             (SELECT count(*)::int FROM mail_outbox WHERE template = 'M-13') AS mails,
             (SELECT count(*)::int FROM reminder_sends WHERE status = 'sent' AND outbox_id IS NOT NULL) AS "mailedRows",
             (SELECT count(*)::int FROM reminder_sends WHERE status = 'sent' AND outbox_id IS NULL) AS unmailed`;
    await clear(ctx.sql);
    const { first, second } = result;
    const figures = {
      contracts,
      scanned: first.contracts,
      reminders: first.reminders,
      mails: first.mails,
      skipped: first.skipped,
      seconds: result.seconds,
      contractsPerSecond: first.contracts / result.seconds,
      remindersPerSecond: first.reminders / result.seconds,
      secondRunSeconds: result.againSeconds,
      secondRunReminders: second.reminders,
      duplicates: check.duplicates,
      outboxMails: check.mails,
      unmailedRows: check.unmailed,
      rssBeforeMiB: result.rssBeforeMiB,
      peakRssMiB: result.peakRssMiB,
    };
    const n = (value: number) => value.toLocaleString("en-US");
    const line =
      `reminder-run: ${n(first.contracts)} contracts of ${n(contracts)} in the window, ${n(first.reminders)} reminders in ${n(first.mails)} mails ` +
      `(${n(first.skipped)} skipped) in ${result.seconds.toFixed(1)} s (${n(Math.round(figures.contractsPerSecond))} contracts/s, ` +
      `${n(Math.round(figures.remindersPerSecond))} reminders/s); second run ${result.againSeconds.toFixed(1)} s, ${n(second.reminders)} sent; ` +
      `duplicates ${check.duplicates}; job process peak RSS ${result.peakRssMiB.toFixed(0)} MiB (${result.rssBeforeMiB.toFixed(0)} MiB before)`;
    const error =
      check.duplicates !== 0 || second.reminders !== 0 || check.unmailed !== 0 || check.mails !== first.mails || first.reminders === 0
        ? `expected 0 duplicates, 0 on the second run, every sent row mailed, one outbox row per mail and some reminders; ` +
          `got ${JSON.stringify(check)}, second ${second.reminders}`
        : undefined;
    return { name, line, figures, error };
  } catch (error) {
    return { name, line: "", figures: {}, error: (error as Error).message };
  }
}
