// Bench line: a Support Information mail (G-5, M-12) enqueued to --subscribers customers (default
// 100,000), one outbox row and one delivery record each, by the send job in a process of its own
// (bench/support-mail-worker.ts): the time from 「全購読者に送信する」 to the last chunk, rows per second, and the job
// process's peak RSS. Run by bench/run.ts after the server has stopped, on the same database.
//
// The subscribers: bench-sub-<n>@example.test accounts, subscribed, made with one INSERT … SELECT generate_series,
// topped up to exactly --subscribers with the demo's own subscribers counted (a second run reuses them). The mail's
// outbox rows and delivery records are removed afterwards (the bench has no mail provider: they would stay pending in a reused database);
// the mail itself stays, sent, as a back number.
import { spawn } from "node:child_process";
import path from "node:path";
import type { Sql } from "postgres";

export const SUPPORT_MAIL_JOB = "support-mail-send";

export type SupportMailContext = { sql: Sql; env: NodeJS.ProcessEnv; subscribers: number; log: (line: string) => void };
export type SupportMailOutcome = { name: typeof SUPPORT_MAIL_JOB; line: string; figures: Record<string, number>; error?: string };

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const WORKER = path.join(ROOT, "bench", "support-mail-worker.ts");
const HOOK = path.join(ROOT, "bench", "server-only-hook.mjs");

type WorkerResult = {
  mailId: number;
  seconds: number;
  startSeconds: number;
  chunks: number;
  enqueued: number;
  total: number;
  rssBeforeMiB: number;
  peakRssMiB: number;
};

/** Subscribed customers, counted as startSending counts them. */
async function subscribedCount(sql: Sql): Promise<number> {
  const [row] = await sql<
    { n: number }[]
  >`SELECT count(*)::int AS n FROM mail_subscriptions s JOIN customer_accounts a ON a.id = s.customer_account_id WHERE s.subscribed`;
  return row?.n ?? 0;
}

async function topUpSubscribers(sql: Sql, wanted: number, log: (line: string) => void): Promise<number> {
  const have = await subscribedCount(sql);
  if (have >= wanted) return have;
  const [{ next } = { next: 0 }] = await sql<
    { next: number }[]
  >`SELECT coalesce(max(substring(email FROM '^bench-sub-(\\d+)@')::int), 0) AS next FROM customer_accounts WHERE email LIKE 'bench-sub-%@example.test'`;
  const missing = wanted - have;
  const started = performance.now();
  await sql.begin(async (tx) => {
    await tx`
      INSERT INTO customer_accounts (email)
      SELECT 'bench-sub-' || n || '@example.test' FROM generate_series(${next + 1}::int, ${next + missing}::int) AS n`;
    await tx`
      INSERT INTO mail_subscriptions (customer_account_id, subscribed)
      SELECT id, true FROM customer_accounts WHERE email LIKE 'bench-sub-%@example.test'
      ON CONFLICT (customer_account_id) DO UPDATE SET subscribed = true`;
  });
  log(`support-mail-send: ${missing} subscribers added in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return subscribedCount(sql);
}

function runWorker(env: NodeJS.ProcessEnv, config: Record<string, unknown>): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ["--import", HOOK, WORKER, JSON.stringify(config)], { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`support-mail-worker exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split("\n").at(-1)!) as WorkerResult);
      } catch (error) {
        reject(new Error(`support-mail-worker printed no result: ${(error as Error).message}: ${out.slice(0, 200)}`));
      }
    });
  });
}

export async function runSupportMailJob(ctx: SupportMailContext): Promise<SupportMailOutcome> {
  const name = SUPPORT_MAIL_JOB;
  try {
    const subscribers = await topUpSubscribers(ctx.sql, ctx.subscribers, ctx.log);
    const result = await runWorker(ctx.env, { title: `Support Information：bench ${new Date().toISOString()}` });
    const [{ rows, deliveries, recipients } = { rows: 0, deliveries: 0, recipients: 0 }] = await ctx.sql<
      { rows: number; deliveries: number; recipients: number }[]
    >`
      SELECT (SELECT count(*)::int FROM mail_outbox o JOIN support_info_deliveries d ON d.outbox_id = o.id WHERE d.mail_id = ${result.mailId}) AS rows,
             (SELECT count(*)::int FROM support_info_deliveries WHERE mail_id = ${result.mailId}) AS deliveries,
             (SELECT count(DISTINCT customer_account_id)::int FROM support_info_deliveries WHERE mail_id = ${result.mailId}) AS recipients`;
    await removeOutboxRows(ctx.sql, result.mailId);
    const figures = {
      subscribers,
      enqueued: result.enqueued,
      outboxRows: rows,
      deliveries,
      distinctRecipients: recipients,
      seconds: result.seconds,
      startSeconds: result.startSeconds,
      chunks: result.chunks,
      rowsPerSecond: result.enqueued / result.seconds,
      rssBeforeMiB: result.rssBeforeMiB,
      peakRssMiB: result.peakRssMiB,
    };
    const n = (value: number) => value.toLocaleString("en-US");
    const line =
      `support-mail-send: ${n(result.enqueued)} of ${n(subscribers)} subscribers enqueued in ${result.seconds.toFixed(1)} s ` +
      `(${n(Math.round(figures.rowsPerSecond))} rows/s; the count and start ${(result.startSeconds * 1000).toFixed(0)} ms; ${result.chunks} chunks); ` +
      `outbox rows ${n(rows)}, delivery records ${n(deliveries)}, distinct recipients ${n(recipients)}; ` +
      `job process peak RSS ${result.peakRssMiB.toFixed(0)} MiB (${result.rssBeforeMiB.toFixed(0)} MiB before the job)`;
    const error =
      result.enqueued !== subscribers || rows !== subscribers || deliveries !== subscribers || recipients !== subscribers
        ? `expected ${subscribers} of each, got enqueued ${result.enqueued}, outbox ${rows}, deliveries ${deliveries}, distinct ${recipients}`
        : undefined;
    return { name, line, figures, error };
  } catch (error) {
    return { name, line: "", figures: {}, error: (error as Error).message };
  }
}

/** The bench mail's outbox rows and delivery records, in one transaction (the mail stays, sent, as a back number). */
async function removeOutboxRows(sql: Sql, mailId: number): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`
      CREATE TEMP TABLE bench_support_mail_rows ON COMMIT DROP AS
      SELECT outbox_id FROM support_info_deliveries WHERE mail_id = ${mailId} AND outbox_id IS NOT NULL`;
    await tx`DELETE FROM support_info_deliveries WHERE mail_id = ${mailId}`;
    await tx`DELETE FROM mail_outbox WHERE id IN (SELECT outbox_id FROM bench_support_mail_rows)`;
  });
}
