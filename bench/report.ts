// The run's report: the text on stdout (the scenarios' table with each one's ratio to /api/health, then the jobs, the
// flood, the scale check and the query plans) and the same figures in bench/results/<timestamp>.json.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ReminderBenchOutcome } from "./reminders";
import type { ContractImportBenchOutcome } from "./contract-import";
import type { SeedRecord } from "./database";
import { log, ROOT } from "./lifecycle";
import type { LoadResult, LoadSettings, ScenarioOutcome } from "./load";
import type { ScaleSummary } from "./scale-seed";
import { BASELINE, type RequestSpec } from "./scenarios";
import type { SupportMailOutcome } from "./support-mail";
import type { TransferOutcome } from "./transfers";

const RESULTS_DIR = path.join(ROOT, "bench", "results");

/** The list's median on the full dataset against its median on the small one (the issue's 1.25× bound). */
const SCALE_LIMIT = 1.25;
type ScaleCheck = { name: string; small: LoadResult; full: LoadResult; ratio: number; ok: boolean };

/** Everything one run measured, as the report needs it. */
export type BenchRun = {
  startedAt: Date;
  /** The parsed command line, recorded as it is; the load settings are also printed in the summary. */
  options: LoadSettings & Record<string, unknown>;
  postgres: { version: string; throwaway: boolean };
  buildSeconds: number | null;
  /** Scale contracts and bench companies in the database when the scenarios ran. */
  contracts: number;
  companies: number | undefined;
  seed: SeedRecord;
  seedSteps: { contracts: number; summary: ScaleSummary }[];
  outcomes: ScenarioOutcome[];
  /** The request each scenario sent (from its setup). */
  requests: Map<string, RequestSpec>;
  /** `--compare-at`: the small dataset's size and outcomes, 0 and none without it. */
  compareAt: number;
  smallOutcomes: ScenarioOutcome[];
  transfers: TransferOutcome[];
  supportMail: SupportMailOutcome | null;
  contractImport: ContractImportBenchOutcome | null;
  reminders: ReminderBenchOutcome | null;
};

/** Columns padded to their widest cell, under a header and a dashed rule; text columns left-aligned, numbers right. */
function formatColumns(header: string[], rows: string[][], isText: (column: number) => boolean = (i) => i === 0): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (isText(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function formatTable(outcomes: ScenarioOutcome[]): string {
  const header = ["scenario", "req/s", "x health", "p50 ms", "p99 ms", "errors"];
  const rows = outcomes.map((o) =>
    o.result
      ? [
          o.name,
          o.result.reqPerSec.toFixed(1),
          o.ratioToHealth === undefined ? "-" : o.ratioToHealth.toFixed(3),
          String(o.result.latencyMs.p50),
          String(o.result.latencyMs.p99),
          String(o.result.errors),
        ]
      : [o.name, "failed", "-", "-", "-", "-"],
  );
  return formatColumns(header, rows);
}

/** A scenario measured under a background load against another measured alone (login-flood against list-50). */
function formatRelative(outcomes: ScenarioOutcome[]): string {
  const checked = outcomes.filter((o) => o.relative);
  const goal = (o: ScenarioOutcome) => `<= ${o.relative!.goal}`;
  const header = ["scenario", "against", "p50 ms alone", "p50 ms", "ratio", "goal", "ok", "flood req/s", "flood p50 ms", "flood answers"];
  const rows = checked.map((o) => {
    const r = o.relative!;
    const f = o.flood?.result;
    return [
      o.name,
      r.scenario,
      String(r.p50Alone),
      String(r.p50),
      r.ratio.toFixed(2),
      goal(o),
      r.ok ? "yes" : "NO",
      f ? f.reqPerSecTotal.toFixed(1) : "-",
      f ? String(f.latencyMs.p50) : "-",
      f
        ? Object.entries(f.statusCodes)
            .map(([code, count]) => `${code}: ${count}`)
            .join(", ") + (f.socketErrors ? `, socket errors: ${f.socketErrors}` : "")
        : (o.flood?.error ?? "-"),
    ];
  });
  return formatColumns(header, rows, (i) => i <= 1 || i === header.length - 1);
}

function scaleChecks(smallOutcomes: ScenarioOutcome[], outcomes: ScenarioOutcome[]): ScaleCheck[] {
  const checks: ScaleCheck[] = [];
  for (const small of smallOutcomes) {
    const full = outcomes.find((o) => o.name === small.name);
    if (small.name === BASELINE || !small.result || !full?.result) continue;
    const ratio = full.result.latencyMs.p50 / small.result.latencyMs.p50;
    checks.push({ name: small.name, small: small.result, full: full.result, ratio, ok: ratio <= SCALE_LIMIT });
  }
  return checks;
}

function formatScaleChecks(checks: ScaleCheck[], smallContracts: number, fullContracts: number): string {
  const n = (value: number) => value.toLocaleString("en-US");
  const header = [
    "scenario",
    `p50 ms @${n(smallContracts)}`,
    `p50 ms @${n(fullContracts)}`,
    "ratio",
    `<= ${SCALE_LIMIT}`,
    `req/s @${n(smallContracts)}`,
    `req/s @${n(fullContracts)}`,
  ];
  const rows = checks.map((c) => [
    c.name,
    String(c.small.latencyMs.p50),
    String(c.full.latencyMs.p50),
    c.ratio.toFixed(2),
    c.ok ? "yes" : "NO",
    c.small.reqPerSec.toFixed(1),
    c.full.reqPerSec.toFixed(1),
  ]);
  return formatColumns(header, rows);
}

/** A job run in a process of its own: its section, its text (or its error in its place), and an error after it. */
function jobSection(title: string, text: string, { name, error }: { name: string; error?: string }): string[] {
  return ["", title, text || `! ${name}: ${error}`, ...(text && error ? [`! ${name}: ${error}`] : [])];
}

/** The text report, for stdout. */
export function formatReport(run: BenchRun): string {
  const { options, outcomes, compareAt, contracts } = run;
  const seedText = run.seed.skipped ? "seed skipped (--reuse-data)" : `seed ${run.seed.seconds.toFixed(1)} s`;
  const summary =
    `# ${contracts.toLocaleString("en-US")} scale contracts, ${(run.companies ?? 0).toLocaleString("en-US")} companies, ${seedText}; ` +
    `PostgreSQL ${run.postgres.version}; node ${process.version}, ${os.availableParallelism()} CPUs; ` +
    `${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s per scenario`;
  const out: string[] = [summary, formatTable(outcomes)];
  for (const o of outcomes) if (o.check) out.push(o.check.line);
  for (const o of outcomes) if (o.error) out.push(`! ${o.name}: ${o.error}`);
  if (run.transfers.length) {
    out.push("", "## Large transfers: local blob store, same server");
    for (const t of run.transfers) out.push(t.error ? `! ${t.name}: ${t.error}` : t.line);
  }
  if (run.supportMail) {
    out.push(...jobSection("## Support Information mail: the send job in a process of its own, same database", run.supportMail.line, run.supportMail));
  }
  if (run.contractImport) {
    const title = "## Contract import: the command in a process of its own, a scratch database on the same server";
    out.push(...jobSection(title, run.contractImport.table, run.contractImport));
  }
  if (run.reminders) {
    out.push(...jobSection("## Renewal reminders (N-3): the job in a process of its own, same database, twice", run.reminders.line, run.reminders));
  }
  if (outcomes.some((o) => o.relative)) {
    out.push("", "## Under a background load: p50 against the same request alone in this run");
    out.push(formatRelative(outcomes));
    for (const o of outcomes)
      if (o.flood) out.push(`${o.name} flood: ${o.flood.description}; probe ${o.flood.probe}${o.flood.error ? `; ! ${o.flood.error}` : ""}`);
  }
  if (compareAt) {
    const full = contracts.toLocaleString("en-US");
    const small = compareAt.toLocaleString("en-US");
    out.push("", `## Scale: median at ${full} contracts against ${small} (same server, same settings; bound ${SCALE_LIMIT}×)`);
    out.push(formatScaleChecks(scaleChecks(run.smallOutcomes, outcomes), compareAt, contracts));
    const smallHealth = run.smallOutcomes.find((o) => o.name === BASELINE)?.result;
    if (smallHealth) out.push(`health @${small}: ${smallHealth.reqPerSec.toFixed(1)} req/s, p50 ${smallHealth.latencyMs.p50} ms`);
    for (const o of run.smallOutcomes) if (o.error) out.push(`! @${compareAt} ${o.name}: ${o.error}`);
  }
  for (const o of outcomes) {
    for (const plan of o.explain ?? [])
      out.push("", `## EXPLAIN (ANALYZE, BUFFERS) — ${o.name}`, plan.sql.replace(/\s+/g, " "), plan.plan ?? `error: ${plan.error}`);
  }
  return out.join("\n");
}

function gitSha(): string | null {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

function gitDirty(): boolean | null {
  try {
    return execFileSync("git", ["status", "--porcelain"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim().length > 0;
  } catch {
    return null;
  }
}

/** A scenario's request for the JSON: cookies redacted; once-each bodies (spent single-use tokens) only counted. */
function requestRecord(request: RequestSpec | undefined) {
  if (!request) return undefined;
  const { bodies, paths, warmupBodies, warmupPaths, ...rest } = request;
  const counts = bodies
    ? { bodies: bodies.length, paths: paths?.length ?? 0, warmupBodies: warmupBodies?.length ?? 0, warmupPaths: warmupPaths?.length ?? 0 }
    : {};
  return { ...rest, headers: redactHeaders(rest.headers), ...counts };
}

function redactHeaders(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!headers) return headers;
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, /cookie|authorization/i.test(k) ? "(redacted)" : v]));
}

/** Writes bench/results/<start time>.json: the run's figures with the machine, the commit and the options. */
export function writeResults(run: BenchRun): void {
  const { startedAt, compareAt } = run;
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    git: { sha: gitSha(), dirty: gitDirty() },
    contracts: run.contracts,
    companies: run.companies ?? 0,
    machine: {
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? null,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    },
    postgres: run.postgres,
    options: run.options,
    buildSeconds: run.buildSeconds,
    seed: run.seed,
    seeds: run.seedSteps.map(({ contracts: n, summary: sm }) => ({ contracts: n, seconds: sm.seconds, steps: sm.steps })),
    scale: compareAt
      ? {
          compareAt,
          limit: SCALE_LIMIT,
          checks: scaleChecks(run.smallOutcomes, run.outcomes).map((c) => ({
            name: c.name,
            p50Small: c.small.latencyMs.p50,
            p50Full: c.full.latencyMs.p50,
            ratio: c.ratio,
            ok: c.ok,
          })),
          small: run.smallOutcomes,
        }
      : null,
    scenarios: run.outcomes.map((o) => ({ ...o, request: requestRecord(run.requests.get(o.name)) })),
    transfers: run.transfers,
    supportMail: run.supportMail,
    contractImport: run.contractImport,
    reminders: run.reminders,
  };
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  log(`results written to ${path.relative(ROOT, file)}`);
}

/** The run fails (exit code 1) when a scenario, a transfer or a job failed. */
export function hasFailure(run: BenchRun): boolean {
  const jobs = [...(run.supportMail ? [run.supportMail] : []), ...(run.contractImport ? [run.contractImport] : []), ...(run.reminders ? [run.reminders] : [])];
  return [...run.outcomes, ...run.smallOutcomes, ...run.transfers, ...jobs].some((o) => o.error);
}
