// `npm run bench` — production build, PostgreSQL with a scale dataset, `next start`, and autocannon load from a
// second Node process (bench/load-worker.mjs) for each scenario of bench/scenarios.ts. Prints one table on stdout
// (progress on stderr) and writes bench/results/<timestamp>.json. See bench/README.md.
// Run it through npm: `tsx --conditions=react-server`, because the app modules it seeds with start with `import "server-only"`.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres, { type Sql } from "postgres";
import { assertLocalDatabaseUrl, type Cluster, findFreePort, isPortFree, startCluster } from "./pg-cluster";
import { BENCH_COMPANY_PREFIX, countScaleContracts, MIN_SCALE_CONTRACTS, type ScaleSummary, seedBenchAccounts, seedScale } from "./scale-seed";
import {
  BASELINE,
  benchAccounts,
  type FloodSpec,
  type RequestSpec,
  type ScenarioCheck,
  type ScenarioContext,
  MIN_AUDIT_ROWS,
  SCALE_LICENSE_ID_BASE,
  scenarios,
} from "./scenarios";
import { runSupportMailJob, SUPPORT_MAIL_JOB, type SupportMailOutcome } from "./support-mail";
import { CONTRACT_IMPORT_JOB, type ContractImportBenchOutcome, runContractImportBench } from "./contract-import";
import { runTransfers, type TransferName, type TransferOutcome, TRANSFERS } from "./transfers";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const WORKER = path.join(ROOT, "bench", "load-worker.mjs");
const RESULTS_DIR = path.join(ROOT, "bench", "results");
const AUTH_SECRET = "bench-auth-secret-not-for-production-0123456789abcdef";
// The demo seed runs in this process and seals the demo staff's TOTP secret with it (issue 15): the server must open it.
process.env.AUTH_SECRET = AUTH_SECRET;

const USAGE = `usage: npm run bench -- [options]
  --contracts N      scale contracts to seed (default 1000000, minimum ${MIN_SCALE_CONTRACTS})
  --companies M      companies (default N/10)
  --duration S       measured seconds per scenario (default 10)
  --warmup S         warm-up seconds per scenario (default 3)
  --connections C    concurrent connections (default 10)
  --skip-build       reuse the existing .next build
  --reuse-data       skip seeding when the database already holds >= N scale contracts
  --only a,b         run only these scenarios (the health baseline always runs)
  --port P           port of the server under test (default: first free from 3400)
  --pg-port P        port of the throwaway PostgreSQL (default: first free from 5434)
  --seed-only        stop after seeding (to time the seed)
  --server-warmup S  load the top page for S seconds after the server starts, unmeasured (default 5)
  --compare-at N     first measure the scale-check scenarios (the lists) on N contracts (default ${MIN_SCALE_CONTRACTS};
                     0 = off), then on the full dataset, and print the ratio of their medians
  --flood-accounts A login-flood tries a new unknown account per request (many, default) or always one (one)
  --registry N       companies in the corporate registry for the registry-* scenarios (default 5,000,000; seeded once,
                     kept with the database)
  --download-mib N   size of download-large's file (default 1024)
  --upload-mib N     size of upload-large's upload (default 2048)
  --subscribers N    subscribers of support-mail-send's Support Information mail (default 100000)
  --import-contracts N  contracts in contract-import's generated file (default 1000000)
  --audit-rows N     audit log rows for the audit-* scenarios (default 10,000,000, minimum ${MIN_AUDIT_ROWS}: audit-page-1000's
                     page must exist; seeded once, kept with the database)
DATABASE_URL (localhost only) selects an existing PostgreSQL; otherwise a throwaway cluster is started and removed.`;

// ---------------------------------------------------------------------------------------------------------------
// Options

function parseOptions() {
  const { values } = parseArgs({
    options: {
      contracts: { type: "string" },
      companies: { type: "string" },
      duration: { type: "string" },
      warmup: { type: "string" },
      connections: { type: "string" },
      "skip-build": { type: "boolean", default: false },
      "reuse-data": { type: "boolean", default: false },
      "seed-only": { type: "boolean", default: false },
      "compare-at": { type: "string" },
      "server-warmup": { type: "string" },
      only: { type: "string" },
      "flood-accounts": { type: "string" },
      registry: { type: "string" },
      "download-mib": { type: "string" },
      "upload-mib": { type: "string" },
      subscribers: { type: "string" },
      "import-contracts": { type: "string" },
      "audit-rows": { type: "string" },
      port: { type: "string" },
      "pg-port": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name: string, raw: string | undefined, fallback: number, min: number) => {
    if (raw === undefined) return fallback;
    const value = Number(raw.replace(/[_,]/g, ""));
    if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer >= ${min} (got "${raw}")`);
    return value;
  };
  const contracts = int("contracts", values.contracts, 1_000_000, MIN_SCALE_CONTRACTS);
  const floodAccounts = values["flood-accounts"] ?? "many";
  if (floodAccounts !== "many" && floodAccounts !== "one") throw new Error(`--flood-accounts must be many or one (got "${floodAccounts}")`);
  return {
    contracts,
    companies: int("companies", values.companies, Math.max(10, Math.floor(contracts / 10)), 10),
    duration: int("duration", values.duration, 10, 1),
    warmup: int("warmup", values.warmup, 3, 0),
    connections: int("connections", values.connections, 10, 1),
    skipBuild: values["skip-build"],
    reuseData: values["reuse-data"],
    seedOnly: values["seed-only"],
    compareAt: int("compare-at", values["compare-at"], MIN_SCALE_CONTRACTS, 0),
    serverWarmup: int("server-warmup", values["server-warmup"], 5, 0),
    only: values.only
      ? values.only
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined,
    floodAccounts: floodAccounts as "many" | "one",
    registry: int("registry", values.registry, 5_000_000, 100),
    downloadMiB: int("download-mib", values["download-mib"], 1024, 1),
    uploadMiB: int("upload-mib", values["upload-mib"], 2048, 1),
    subscribers: int("subscribers", values.subscribers, 100_000, 1),
    importContracts: int("import-contracts", values["import-contracts"], 1_000_000, 1),
    auditRows: int("audit-rows", values["audit-rows"], 10_000_000, MIN_AUDIT_ROWS),
    port: values.port === undefined ? undefined : int("port", values.port, 0, 1),
    pgPort: values["pg-port"] === undefined ? undefined : int("pg-port", values["pg-port"], 0, 1),
  };
}
type Options = ReturnType<typeof parseOptions>;

// ---------------------------------------------------------------------------------------------------------------
// Logging and cleanup

const t0 = performance.now();
function log(line: string) {
  process.stderr.write(`[bench +${((performance.now() - t0) / 1000).toFixed(1)}s] ${line}\n`);
}

const cleanups: { label: string; run: () => Promise<void> | void }[] = [];
const children = new Set<ChildProcess>();
let cleaningUp: Promise<void> | undefined;

function onCleanup(label: string, run: () => Promise<void> | void) {
  cleanups.push({ label, run });
}

function cleanup(): Promise<void> {
  cleaningUp ??= (async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    for (const { label, run } of cleanups.reverse()) {
      try {
        await run();
      } catch (error) {
        log(`cleanup ${label}: ${(error as Error).message}`);
      }
    }
  })();
  return cleaningUp;
}

for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
  ["SIGHUP", 129],
] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    process.exitCode = code;
    void cleanup().finally(() => process.exit(code));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Child processes

function runToCompletion(command: string, args: string[], env: NodeJS.ProcessEnv, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // stdout of the child goes to our stderr: stdout carries only the results table.
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", process.stderr, process.stderr] });
    children.add(child);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      children.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`${label} failed (${signal ?? `exit ${code}`})`));
    });
  });
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

function serverEnv(databaseUrl: string, baseUrl?: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET,
    AUTH_TRUST_HOST: "true",
    ...(baseUrl ? { AUTH_URL: baseUrl } : {}),
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Server under test: `setsid node …/next start` in its own process group, stopped by group (STACK.md).

type Server = { baseUrl: string; logFile: string; pgid: number; stop: () => Promise<void> };

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startServer(port: number, databaseUrl: string, logDir: string): Promise<Server> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = path.join(logDir, "next-start.log");
  const out = fs.openSync(logFile, "a");
  const child = spawn("setsid", [process.execPath, NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    // One trusted proxy hop: login-flood's X-Forwarded-For addresses are the clients' (issue 9, item 1 and 2).
    env: { ...serverEnv(databaseUrl, baseUrl), TRUSTED_PROXY_HOPS: "1" },
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  const pgid = child.pid;
  if (!pgid) throw new Error("could not start next start");
  let exited = false;
  child.on("exit", () => (exited = true));

  const stop = async () => {
    if (!groupAlive(pgid)) return;
    try {
      process.kill(-pgid, "SIGTERM");
    } catch {
      /* already gone */
    }
    for (let i = 0; i < 50 && groupAlive(pgid); i++) await new Promise((r) => setTimeout(r, 100));
    if (groupAlive(pgid)) process.kill(-pgid, "SIGKILL");
    log(`server stopped (process group ${pgid})`);
  };
  onCleanup("server", stop);

  const deadline = Date.now() + 120_000;
  let last = "";
  while (Date.now() < deadline) {
    if (exited && !groupAlive(pgid)) throw new Error(`next start exited before answering; log ${logFile}:\n${tail(logFile)}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5000) });
      last = `HTTP ${response.status}`;
      if (response.ok) {
        log(`server ready on ${baseUrl} (process group ${pgid}; /api/health ${response.status}: ${(await response.text()).slice(0, 200)})`);
        return { baseUrl, logFile, pgid, stop };
      }
      await response.arrayBuffer();
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server did not answer /api/health with 200 in 120 s (last: ${last}); log ${logFile}:\n${tail(logFile)}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Load

type LoadResult = {
  name: string;
  url: string;
  connections: number;
  durationSeconds: number;
  totalRequests: number;
  reqPerSec: number;
  reqPerSecTotal: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  bytesPerSec: number;
  non2xx: number;
  socketErrors: number;
  timeouts: number;
  errors: number;
  statusCodes: Record<string, number>;
  /** Once-each runs (`bodies`): how many of the bodies were handed to a connection. */
  bodiesSent?: number;
};

function runLoad(name: string, baseUrl: string, request: RequestSpec, options: Options, expectStatus?: number): Promise<LoadResult> {
  const config = {
    name,
    expectStatus,
    url: new URL(request.path, baseUrl).toString(),
    method: request.method ?? "GET",
    headers: request.headers ?? {},
    body: request.body,
    bodies: request.bodies,
    paths: request.paths,
    warmupBodies: request.warmupBodies,
    warmupPaths: request.warmupPaths,
    connections: options.connections,
    warmup: options.warmup,
    duration: options.duration,
  };
  // One argument holds at most 128 KiB (Linux): a config with bodies goes through a file (`@<file>`).
  const json = JSON.stringify(config);
  const configDir = json.length > 64_000 ? fs.mkdtempSync(path.join(os.tmpdir(), "ecp-bench-load-")) : undefined;
  if (configDir) fs.writeFileSync(path.join(configDir, "config.json"), json);
  const removeConfig = () => configDir && fs.rmSync(configDir, { recursive: true, force: true });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, configDir ? `@${path.join(configDir, "config.json")}` : json], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", process.stderr],
    });
    children.add(child);
    let stdout = "";
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.on("error", (error) => {
      removeConfig();
      reject(error);
    });
    child.on("exit", (code, signal) => {
      children.delete(child);
      removeConfig();
      if (code !== 0) return reject(new Error(`load worker for ${name} failed (${signal ?? `exit ${code}`})`));
      try {
        resolve(JSON.parse(stdout.trim().split("\n").pop() ?? "") as LoadResult);
      } catch {
        reject(new Error(`load worker for ${name} printed no result: ${stdout.slice(0, 500)}`));
      }
    });
  });
}

type FloodResult = LoadResult & { sent: number };
type Flood = { started: Promise<void>; stop: () => Promise<FloodResult> };

/**
 * Starts a background load (a second load worker in flood mode) and resolves `started` once it is loading. It ends
 * by itself after `seconds` or `spec.maxRequests` requests; `stop()` ends it earlier and returns its numbers.
 */
function startFlood(name: string, baseUrl: string, spec: FloodSpec, seconds: number): Flood {
  const config = {
    name,
    flood: true,
    url: new URL(spec.path, baseUrl).toString(),
    method: spec.method ?? "POST",
    headers: spec.headers ?? {},
    body: spec.body,
    connections: spec.connections,
    duration: seconds,
    maxRequests: spec.maxRequests,
    sequenceToken: spec.sequenceToken,
    forwardedFor: spec.forwardedFor ?? false,
  };
  // stdin is a pipe the worker watches: when this process dies, the flood stops with it.
  const child = spawn(process.execPath, [WORKER, JSON.stringify(config)], { cwd: ROOT, stdio: ["pipe", "pipe", process.stderr] });
  children.add(child);
  let stdout = "";
  let onStarted: () => void = () => {};
  let onFailed: (error: Error) => void = () => {};
  const started = new Promise<void>((resolve, reject) => ((onStarted = resolve), (onFailed = reject)));
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    if (stdout.includes(`"event":"started"`)) onStarted();
  });
  const finished = new Promise<FloodResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      children.delete(child);
      const error = new Error(`flood worker for ${name} failed (${signal ?? `exit ${code}`})`);
      onFailed(error);
      if (code !== 0) return reject(error);
      try {
        resolve(JSON.parse(stdout.trim().split("\n").pop() ?? "") as FloodResult);
      } catch {
        reject(new Error(`flood worker for ${name} printed no result: ${stdout.slice(0, 500)}`));
      }
    });
  });
  // Awaited by stop(); when the start already failed, nobody stops it: its rejection must not go unhandled.
  finished.catch(() => {});
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    return finished;
  };
  return { started, stop };
}

/** One request before the load, so a broken page shows up as a clear line, not only as an error count. */
async function probe(baseUrl: string, request: RequestSpec): Promise<string> {
  const started = performance.now();
  try {
    const response = await fetch(new URL(request.path, baseUrl), {
      method: request.method ?? "GET",
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(30_000),
    });
    const bytes = (await response.arrayBuffer()).byteLength;
    const location = response.headers.get("location");
    return `HTTP ${response.status}, ${bytes} bytes, ${(performance.now() - started).toFixed(0)} ms${location ? ` → ${location}` : ""}`;
  } catch (error) {
    return `failed: ${(error as Error).message}`;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Output

type ScenarioOutcome = {
  name: string;
  description?: string;
  path: string;
  method: string;
  probe: string;
  result?: LoadResult;
  error?: string;
  ratioToHealth?: number;
  explain?: { sql: string; plan?: string; error?: string }[];
  /** The background load measured with it (login-flood). */
  flood?: { description: string; path: string; method: string; connections: number; probe: string; result?: FloodResult; error?: string };
  /** Its p50 against another scenario's of the same run (login-flood against list-50). */
  relative?: { scenario: string; p50Alone: number; p50: number; ratio: number; goal: number; ok: boolean };
  /** What its `check` found after the load (issuance-confirm: codes issued, duplicates). */
  check?: ScenarioCheck;
};

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
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
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
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i <= 1 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** The list's median on the full dataset against its median on the small one (the issue's 1.25× bound). */
const SCALE_LIMIT = 1.25;
type ScaleCheck = { name: string; small: LoadResult; full: LoadResult; ratio: number; ok: boolean };

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
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

// ---------------------------------------------------------------------------------------------------------------
// Main

async function prepareDatabase(databaseUrl: string) {
  // Migrations and the SPEC X-2 demo data (catalog, notices, demo contracts) through the app's own code.
  process.env.DATABASE_URL = databaseUrl;
  const { getHandle, migrateDatabase, closeDb } = await import("../db/client");
  const { seedDemoIfEmpty } = await import("../lib/demo/seed");
  try {
    const { db } = await getHandle();
    await migrateDatabase(db, "postgres");
    log((await seedDemoIfEmpty(db)) ? "demo data seeded (SPEC X-2)" : "demo data already present");
  } finally {
    await closeDb();
  }
}

async function main() {
  const options = parseOptions();
  const isTransfer = (name: string): name is TransferName => (TRANSFERS as readonly string[]).includes(name);
  const unknown = (options.only ?? []).filter(
    (name) => !scenarios.some((s) => s.name === name) && !isTransfer(name) && name !== SUPPORT_MAIL_JOB && name !== CONTRACT_IMPORT_JOB,
  );
  if (unknown.length)
    throw new Error(
      `unknown scenario(s): ${unknown.join(", ")} (known: ${[...scenarios.map((s) => s.name), ...TRANSFERS, SUPPORT_MAIL_JOB, CONTRACT_IMPORT_JOB].join(", ")})`,
    );
  const transfers = new Set<TransferName>(options.only ? options.only.filter(isTransfer) : TRANSFERS);
  const supportMailJob = !options.only || options.only.includes(SUPPORT_MAIL_JOB);
  const contractImportJob = !options.only || options.only.includes(CONTRACT_IMPORT_JOB);
  const startedAt = new Date();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "ecp-bench-"));
  log(`options: ${JSON.stringify(options)}; logs in ${workDir}`);
  // The server log is kept only when something failed.
  onCleanup("logs", () => {
    if (process.exitCode && fs.readdirSync(workDir).length > 0) log(`logs kept in ${workDir}`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  });

  // The local blob store of this run, for the demo seed (its files) and the server (the transfers' uploads): a
  // folder of its own, always removed (the transfers leave gigabytes in it otherwise).
  const blobDir = fs.mkdtempSync(path.join(os.tmpdir(), "ecp-bench-blobs-"));
  process.env.BLOB_STORE = "local";
  process.env.BLOB_DIR = blobDir;
  onCleanup("blobs", () => fs.rmSync(blobDir, { recursive: true, force: true }));

  // 1. PostgreSQL
  let databaseUrl = process.env.DATABASE_URL;
  let cluster: Cluster | undefined;
  if (databaseUrl) {
    assertLocalDatabaseUrl(databaseUrl);
    log(`using DATABASE_URL (${new URL(databaseUrl).host})`);
  } else {
    const pgPort = options.pgPort ?? (await findFreePort(5434));
    if (!(await isPortFree(pgPort))) throw new Error(`--pg-port ${pgPort} is in use`);
    cluster = await startCluster({ port: pgPort, log });
    onCleanup("postgres", () => cluster?.stop());
    databaseUrl = cluster.url;
  }
  const sql: Sql = postgres(databaseUrl, { max: 8, onnotice: () => {}, idle_timeout: 10 });
  onCleanup("postgres client", () => sql.end({ timeout: 5 }));
  const [{ version } = { version: "?" }] = await sql<{ version: string }[]>`SELECT current_setting('server_version') AS version`;

  log("migrating and seeding the demo data");
  await prepareDatabase(databaseUrl);

  // 2. Production build (with the bench database in the environment, in case a page is prerendered).
  let buildSeconds: number | null = null;
  const hasBuild = fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"));
  if (options.skipBuild && hasBuild) {
    log("--skip-build: using the existing .next build");
  } else if (!options.seedOnly) {
    if (options.skipBuild) log("--skip-build given but no .next/BUILD_ID: building");
    log("next build");
    const started = performance.now();
    await runToCompletion(process.execPath, [NEXT_BIN, "build"], serverEnv(databaseUrl), "next build");
    buildSeconds = (performance.now() - started) / 1000;
    log(`next build done in ${buildSeconds.toFixed(1)} s`);
  }

  // 3. Scale data. With --compare-at, the scale-check scenarios (the lists) are first measured on the small dataset:
  // seed it, start the server, measure, then seed the full dataset under the same server.
  // A scenario measured relative to another (login-flood to list-50) brings that one along.
  const wanted = new Set(options.only ?? scenarios.map((s) => s.name));
  for (const s of scenarios) if (wanted.has(s.name) && s.relativeTo) wanted.add(s.relativeTo.scenario);
  const selected = scenarios.filter((s) => s.name === BASELINE || wanted.has(s.name));
  const ordered = [...selected.filter((s) => s.name === BASELINE), ...selected.filter((s) => s.name !== BASELINE)];
  const existing = await countScaleContracts(sql);
  const reuse = options.reuseData && existing >= options.contracts;
  const compareScenarios = ordered.filter((s) => s.name === BASELINE || s.scaleCheck);
  const compareAt =
    options.compareAt > 0 && options.compareAt < options.contracts && !reuse && !options.seedOnly && compareScenarios.length > 1 ? options.compareAt : 0;
  if (options.compareAt > 0 && !compareAt)
    log("no small-dataset comparison (--reuse-data, --seed-only, --compare-at >= --contracts or no scale-check scenario selected)");
  const seedSteps: { contracts: number; summary: ScaleSummary }[] = [];
  const seedContracts = async (count: number) => {
    const companies = count === options.contracts ? options.companies : Math.max(10, Math.floor(count / 10));
    log(`seeding ${count} contracts over ${companies} companies`);
    // Own connections for the bulk load: JIT off (compiling the generator expressions costs more than running them).
    const seedSql = postgres(databaseUrl, { max: 4, onnotice: () => {}, connection: { jit: "off" } });
    const summary = await seedScale(seedSql, { contracts: count, companies, log }).finally(() => seedSql.end({ timeout: 5 }));
    log(
      `seed done in ${summary.seconds.toFixed(1)} s: ${summary.contracts} contracts, ${summary.contacts} contacts (${summary.addresses} c{n}@ addresses), ${summary.lines} product lines`,
    );
    seedSteps.push({ contracts: count, summary });
    return summary;
  };

  let server: Server | undefined;
  const ensureServer = async () => {
    if (server) return server;
    const port = options.port ?? (await findFreePort(3400));
    if (!(await isPortFree(port))) throw new Error(`--port ${port} is in use`);
    log(`next start on port ${port}`);
    server = await startServer(port, databaseUrl, workDir);
    // A fresh server compiles its rendering path on the first requests: load the top page (a full server render)
    // before anything is measured, so that the first measured page scenario does not pay for it.
    if (options.serverWarmup > 0) {
      log(`server warm-up: GET / for ${options.serverWarmup} s`);
      await runLoad("server-warmup", server.baseUrl, { path: "/" }, { ...options, warmup: 0, duration: options.serverWarmup });
    }
    return server;
  };
  const requests = new Map<string, RequestSpec>();
  const measure = async (list: typeof scenarios, contracts: number, label: string): Promise<ScenarioOutcome[]> => {
    const { baseUrl } = await ensureServer();
    const ctx: ScenarioContext = {
      baseUrl,
      sql,
      contracts,
      accounts: benchAccounts,
      scaleLicenseIdBase: SCALE_LICENSE_ID_BASE,
      floodAccounts: options.floodAccounts,
      registry: options.registry,
      auditRows: options.auditRows,
      log,
    };
    const outcomes: ScenarioOutcome[] = [];
    for (const scenario of list) {
      const outcome: ScenarioOutcome = {
        name: scenario.name,
        description: scenario.description,
        path: scenario.path,
        method: scenario.method ?? "GET",
        probe: "",
      };
      outcomes.push(outcome);
      try {
        const override = scenario.setup ? ((await scenario.setup(ctx)) ?? {}) : {};
        const request: RequestSpec = {
          path: override.path ?? scenario.path,
          method: override.method ?? scenario.method,
          headers: { ...scenario.headers, ...override.headers },
          body: override.body ?? scenario.body,
          bodies: override.bodies ?? scenario.bodies,
          paths: override.paths ?? scenario.paths,
          warmupBodies: override.warmupBodies ?? scenario.warmupBodies,
          warmupPaths: override.warmupPaths ?? scenario.warmupPaths,
        };
        requests.set(scenario.name, request);
        outcome.path = request.path;
        outcome.method = request.method ?? "GET";
        outcome.probe = await probe(baseUrl, request);
        log(`${label} ${scenario.name}: ${outcome.method} ${request.path} — probe ${outcome.probe}`);
        let flood: Flood | undefined;
        if (scenario.flood) {
          const spec = await scenario.flood(ctx);
          const { description, connections } = spec;
          outcome.flood = { description, path: spec.path, method: spec.method ?? "POST", connections, probe: "" };
          // The probe is one try of the flood's request, with its own number and address.
          const probeHeaders = { ...spec.headers, ...(spec.forwardedFor ? { "x-forwarded-for": "10.255.255.254" } : {}) };
          const probeBody = spec.sequenceToken ? spec.body?.replaceAll(spec.sequenceToken, "probe") : spec.body;
          outcome.flood.probe = await probe(baseUrl, { ...spec, headers: probeHeaders, body: probeBody });
          log(`${label} ${scenario.name}: flood ${outcome.flood.method} ${spec.path} (${description}) — probe ${outcome.flood.probe}`);
          // Bounded in time (the measured warm-up and run plus a margin) and in count; stopped when the run ends.
          flood = startFlood(`${scenario.name}:flood`, baseUrl, spec, options.warmup + options.duration + 30);
          await flood.started;
        }
        try {
          outcome.result = await runLoad(
            scenario.name,
            baseUrl,
            request,
            { ...options, connections: scenario.connections ?? options.connections },
            scenario.expectStatus,
          );
        } finally {
          if (flood && outcome.flood) {
            try {
              const f = (outcome.flood.result = await flood.stop());
              log(
                `${label} ${scenario.name}: flood ${f.totalRequests} requests (${f.reqPerSecTotal.toFixed(1)}/s), p50 ${f.latencyMs.p50} ms, answers ${JSON.stringify(f.statusCodes)}, socket errors ${f.socketErrors}`,
              );
            } catch (error) {
              outcome.flood.error = (error as Error).message;
            }
          }
        }
        const r = outcome.result;
        log(
          `${label} ${scenario.name}: ${r.reqPerSec.toFixed(1)} req/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, errors ${r.errors} (expected ${scenario.expectStatus ?? "2xx"}, socket ${r.socketErrors}) ${JSON.stringify(r.statusCodes)}`,
        );
        if (scenario.check) {
          const check = (outcome.check = await scenario.check(ctx, { sent: r.bodiesSent ?? r.totalRequests }));
          log(`${label} ${check.line}`);
          if (!check.ok) throw new Error(`check failed: ${check.line}`);
        }
        if (r.errors > 0) throw new Error(`${r.errors} answers were not ${scenario.expectStatus ?? "2xx"}: ${JSON.stringify(r.statusCodes)}`);
      } catch (error) {
        outcome.error = (error as Error).message;
        log(`${label} ${scenario.name} failed: ${outcome.error}`);
      }
    }
    const baseline = outcomes.find((o) => o.name === BASELINE)?.result;
    for (const o of outcomes) if (o.result && baseline && baseline.reqPerSec > 0) o.ratioToHealth = o.result.reqPerSec / baseline.reqPerSec;
    for (const scenario of list) {
      const o = outcomes.find((x) => x.name === scenario.name);
      const alone = scenario.relativeTo && outcomes.find((x) => x.name === scenario.relativeTo!.scenario)?.result;
      if (!scenario.relativeTo || !o?.result || !alone || alone.latencyMs.p50 <= 0) continue;
      const ratio = o.result.latencyMs.p50 / alone.latencyMs.p50;
      o.relative = {
        scenario: scenario.relativeTo.scenario,
        p50Alone: alone.latencyMs.p50,
        p50: o.result.latencyMs.p50,
        ratio,
        goal: scenario.relativeTo.goal,
        ok: ratio <= scenario.relativeTo.goal,
      };
    }
    return outcomes;
  };

  let smallOutcomes: ScenarioOutcome[] = [];
  if (compareAt) {
    await seedContracts(compareAt);
    smallOutcomes = await measure(compareScenarios, await countScaleContracts(sql), `@${compareAt}`);
  }
  let seed: (ScaleSummary & { skipped: false }) | { skipped: true; seconds: 0; existing: number };
  if (reuse) {
    log(`--reuse-data: ${existing} scale contracts present (>= ${options.contracts}), not seeding`);
    const [accounts] = await sql<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM customer_accounts WHERE email IN (${benchAccounts.bench50}, ${benchAccounts.bench5000})`;
    if ((accounts?.n ?? 0) < 2) await seedBenchAccounts(sql);
    seed = { skipped: true, seconds: 0, existing };
  } else {
    seed = { ...(await seedContracts(options.contracts)), skipped: false };
  }
  const contracts = await countScaleContracts(sql);
  const [companiesRow] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM companies WHERE name LIKE ${`${BENCH_COMPANY_PREFIX}%`}`;
  if (options.seedOnly) {
    console.log(`seed: ${contracts} contracts, ${companiesRow?.n} companies, ${seed.skipped ? "skipped (--reuse-data)" : `${seed.seconds.toFixed(1)} s`}`);
    return;
  }

  // 4-5. Server and scenarios on the full dataset: the baseline first, then the list's order.
  const outcomes = await measure(ordered, contracts, "scenario");
  const runningServer = await ensureServer();
  const ctx: ScenarioContext = {
    baseUrl: runningServer.baseUrl,
    sql,
    contracts,
    accounts: benchAccounts,
    scaleLicenseIdBase: SCALE_LICENSE_ID_BASE,
    floodAccounts: options.floodAccounts,
    registry: options.registry,
    auditRows: options.auditRows,
    log,
  };
  const scaleChecks: ScaleCheck[] = [];
  for (const small of smallOutcomes) {
    const full = outcomes.find((o) => o.name === small.name);
    if (small.name === BASELINE || !small.result || !full?.result) continue;
    const ratio = full.result.latencyMs.p50 / small.result.latencyMs.p50;
    scaleChecks.push({ name: small.name, small: small.result, full: full.result, ratio, ok: ratio <= SCALE_LIMIT });
  }

  // 6. Query plans of the scenarios' hot queries, on the scale data (one scenario may name several statements).
  for (const scenario of ordered) {
    if (!scenario.explain) continue;
    const outcome = outcomes.find((o) => o.name === scenario.name)!;
    outcome.explain = [];
    let queries: string[] = [];
    try {
      const declared = typeof scenario.explain === "function" ? await scenario.explain(ctx) : scenario.explain;
      queries = Array.isArray(declared) ? declared : [declared];
    } catch (error) {
      outcome.explain.push({ sql: "", error: (error as Error).message });
    }
    for (const query of queries) {
      try {
        const rows = await sql.unsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE, BUFFERS) ${query}`);
        outcome.explain.push({ sql: query.trim(), plan: rows.map((r) => r["QUERY PLAN"]).join("\n") });
      } catch (error) {
        outcome.explain.push({ sql: query.trim(), error: (error as Error).message });
      }
    }
  }
  // 7. Large transfers (issue 13) on the same server, after the scenarios (their disk and memory would disturb them).
  let transferOutcomes: TransferOutcome[] = [];
  if (transfers.size) {
    // The demo operator (SPEC X-2), who has files.publish.
    const { DEMO_STAFF_PASSWORD } = await import("../lib/demo/seed");
    transferOutcomes = await runTransfers(
      {
        baseUrl: runningServer.baseUrl,
        sql,
        serverPgid: runningServer.pgid,
        customer: { email: benchAccounts.bench50, password: benchAccounts.password },
        staff: { email: "operator@example.com", password: DEMO_STAFF_PASSWORD },
        downloadMiB: options.downloadMiB,
        uploadMiB: options.uploadMiB,
        log,
      },
      transfers,
    );
    for (const t of transferOutcomes) log(t.error ? `transfer ${t.name} failed: ${t.error}` : t.line);
  }
  await runningServer.stop();

  // 8. Issue 14: the G-5 send job to --subscribers subscribers, in a process of its own, with the server stopped.
  let supportMail: SupportMailOutcome | null = null;
  if (supportMailJob) {
    supportMail = await runSupportMailJob({ sql, env: serverEnv(databaseUrl), subscribers: options.subscribers, log });
    log(supportMail.error ? `support-mail-send failed: ${supportMail.error}` : supportMail.line);
  }

  // 8b. Issue 15 item 3: the contract import (the command, in a process of its own) of --import-contracts generated
  // contracts, into a scratch database on the same server (created and dropped by bench/contract-import.ts), twice.
  let contractImport: ContractImportBenchOutcome | null = null;
  if (contractImportJob) {
    contractImport = await runContractImportBench({
      contracts: options.importContracts,
      serverUrl: databaseUrl,
      twice: true,
      env: serverEnv(databaseUrl),
      log,
    });
    log(contractImport.error ? `contract-import failed: ${contractImport.error}` : contractImport.line);
  }

  // 9. Report
  const seedText = seed.skipped ? "seed skipped (--reuse-data)" : `seed ${seed.seconds.toFixed(1)} s`;
  const summary = `# ${contracts.toLocaleString("en-US")} scale contracts, ${(companiesRow?.n ?? 0).toLocaleString("en-US")} companies, ${seedText}; PostgreSQL ${version}; node ${process.version}, ${os.availableParallelism()} CPUs; ${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s per scenario`;
  const out: string[] = [summary, formatTable(outcomes)];
  for (const o of outcomes) if (o.check) out.push(o.check.line);
  for (const o of outcomes) if (o.error) out.push(`! ${o.name}: ${o.error}`);
  if (transferOutcomes.length) {
    out.push("", "## Large transfers (issue 13): local blob store, same server");
    for (const t of transferOutcomes) out.push(t.error ? `! ${t.name}: ${t.error}` : t.line);
  }
  if (supportMail) {
    out.push("", "## Support Information mail (issue 14): the send job in a process of its own, same database");
    out.push(supportMail.line || `! ${supportMail.name}: ${supportMail.error}`);
    if (supportMail.line && supportMail.error) out.push(`! ${supportMail.name}: ${supportMail.error}`);
  }
  if (contractImport) {
    out.push("", "## Contract import (issue 15): the command in a process of its own, a scratch database on the same server");
    out.push(contractImport.table || `! ${contractImport.name}: ${contractImport.error}`);
    if (contractImport.table && contractImport.error) out.push(`! ${contractImport.name}: ${contractImport.error}`);
  }
  if (outcomes.some((o) => o.relative)) {
    out.push("", "## Under a background load: p50 against the same request alone in this run");
    out.push(formatRelative(outcomes));
    for (const o of outcomes)
      if (o.flood) out.push(`${o.name} flood: ${o.flood.description}; probe ${o.flood.probe}${o.flood.error ? `; ! ${o.flood.error}` : ""}`);
  }
  if (compareAt) {
    out.push(
      "",
      `## Scale: median at ${contracts.toLocaleString("en-US")} contracts against ${compareAt.toLocaleString("en-US")} (same server, same settings; bound ${SCALE_LIMIT}×)`,
    );
    out.push(formatScaleChecks(scaleChecks, compareAt, contracts));
    const smallHealth = smallOutcomes.find((o) => o.name === BASELINE)?.result;
    if (smallHealth) out.push(`health @${compareAt.toLocaleString("en-US")}: ${smallHealth.reqPerSec.toFixed(1)} req/s, p50 ${smallHealth.latencyMs.p50} ms`);
    for (const o of smallOutcomes) if (o.error) out.push(`! @${compareAt} ${o.name}: ${o.error}`);
  }
  for (const o of outcomes) {
    for (const plan of o.explain ?? [])
      out.push("", `## EXPLAIN (ANALYZE, BUFFERS) — ${o.name}`, plan.sql.replace(/\s+/g, " "), plan.plan ?? `error: ${plan.error}`);
  }
  console.log(out.join("\n"));

  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    git: { sha: gitSha(), dirty: gitDirty() },
    contracts,
    companies: companiesRow?.n ?? 0,
    machine: {
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? null,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    },
    postgres: { version, throwaway: Boolean(cluster) },
    options,
    buildSeconds,
    seed,
    seeds: seedSteps.map(({ contracts: n, summary: sm }) => ({ contracts: n, seconds: sm.seconds, steps: sm.steps })),
    scale: compareAt
      ? {
          compareAt,
          limit: SCALE_LIMIT,
          checks: scaleChecks.map((c) => ({ name: c.name, p50Small: c.small.latencyMs.p50, p50Full: c.full.latencyMs.p50, ratio: c.ratio, ok: c.ok })),
          small: smallOutcomes,
        }
      : null,
    scenarios: outcomes.map((o) => ({ ...o, request: requestRecord(requests.get(o.name)) })),
    transfers: transferOutcomes,
    supportMail,
    contractImport,
  };
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  log(`results written to ${path.relative(ROOT, file)}`);
  if (
    [...outcomes, ...smallOutcomes, ...transferOutcomes, ...(supportMail ? [supportMail] : []), ...(contractImport ? [contractImport] : [])].some(
      (o) => o.error,
    )
  )
    process.exitCode = 1;
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

main()
  .catch((error: unknown) => {
    log(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanup();
    // Nothing of ours may keep the process alive (pools, timers).
    process.exit(process.exitCode ?? 0);
  });
