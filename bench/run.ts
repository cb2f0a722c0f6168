// `npm run bench` — production build, PostgreSQL with a scale dataset, `next start`, and autocannon load from a
// second Node process (bench/load-worker.mjs) for each scenario of bench/scenarios.ts. Prints one table on stdout
// (progress on stderr) and writes bench/results/<timestamp>.json. See bench/README.md.
// Run it through npm: `tsx --conditions=react-server`, because the app modules it seeds with start with `import "server-only"`.
// This file is the sequence of the run; its steps are in database.ts, server.ts, load.ts and report.ts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { CONTRACT_IMPORT_JOB, type ContractImportBenchOutcome, runContractImportBench } from "./contract-import";
import { countBenchCompanies, ensureBenchAccounts, explainScenarios, openDatabase, prepareDatabase, type SeedRecord, seedContracts } from "./database";
import { cleanup, cleanUpOnSignals, log, onCleanup } from "./lifecycle";
import { measureScenarios, type ScenarioOutcome, scenarioContext } from "./load";
import { type BenchRun, formatReport, hasFailure, writeResults } from "./report";
import { countScaleContracts, MIN_SCALE_CONTRACTS } from "./scale-seed";
import { BASELINE, benchAccounts, MIN_AUDIT_ROWS, type RequestSpec, type Scenario, scenarios } from "./scenarios";
import { AUTH_SECRET, buildApp, type Server, serverEnv, startWarmServer } from "./server";
import { REMINDER_JOB, type ReminderBenchOutcome, runReminderBench } from "./reminders";
import { runSupportMailJob, SUPPORT_MAIL_JOB, type SupportMailOutcome } from "./support-mail";
import { runTransfers, type TransferName, type TransferOutcome, TRANSFERS } from "./transfers";

// The demo seed runs in this process and seals the demo staff's TOTP secret with it: the server must open it.
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

async function main() {
  const options = parseOptions();
  const isTransfer = (name: string): name is TransferName => (TRANSFERS as readonly string[]).includes(name);
  const known = [...scenarios.map((s) => s.name), ...TRANSFERS, SUPPORT_MAIL_JOB, CONTRACT_IMPORT_JOB, REMINDER_JOB];
  const unknown = (options.only ?? []).filter((name) => !known.includes(name));
  if (unknown.length) throw new Error(`unknown scenario(s): ${unknown.join(", ")} (known: ${known.join(", ")})`);
  const transfers = new Set<TransferName>(options.only ? options.only.filter(isTransfer) : TRANSFERS);
  const supportMailJob = !options.only || options.only.includes(SUPPORT_MAIL_JOB);
  const contractImportJob = !options.only || options.only.includes(CONTRACT_IMPORT_JOB);
  const reminderJob = !options.only || options.only.includes(REMINDER_JOB);
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
  const database = await openDatabase(options.pgPort);
  const { sql, url: databaseUrl } = database;
  await prepareDatabase(databaseUrl);

  // 2. Production build (with the bench database in the environment, in case a page is prerendered).
  const buildSeconds = await buildApp(databaseUrl, options);

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
  const seedSteps: BenchRun["seedSteps"] = [];
  const seedDataset = async (count: number) => {
    const companies = count === options.contracts ? options.companies : Math.max(10, Math.floor(count / 10));
    const summary = await seedContracts(databaseUrl, count, companies);
    seedSteps.push({ contracts: count, summary });
    return summary;
  };

  // The server starts with the first measurement, on whichever dataset that is.
  let server: Server | undefined;
  const ensureServer = async () => (server ??= await startWarmServer(options, databaseUrl, workDir));
  const requests = new Map<string, RequestSpec>();
  const measure = async (list: Scenario[], contracts: number, label: string) => {
    const { baseUrl } = await ensureServer();
    return measureScenarios(list, scenarioContext(baseUrl, sql, contracts, options), options, label, requests);
  };

  let smallOutcomes: ScenarioOutcome[] = [];
  if (compareAt) {
    await seedDataset(compareAt);
    smallOutcomes = await measure(compareScenarios, await countScaleContracts(sql), `@${compareAt}`);
  }
  let seed: SeedRecord;
  if (reuse) {
    log(`--reuse-data: ${existing} scale contracts present (>= ${options.contracts}), not seeding`);
    await ensureBenchAccounts(sql);
    seed = { skipped: true, seconds: 0, existing };
  } else {
    seed = { ...(await seedDataset(options.contracts)), skipped: false };
  }
  const contracts = await countScaleContracts(sql);
  const companies = await countBenchCompanies(sql);
  if (options.seedOnly) {
    console.log(`seed: ${contracts} contracts, ${companies} companies, ${seed.skipped ? "skipped (--reuse-data)" : `${seed.seconds.toFixed(1)} s`}`);
    return;
  }

  // 4-5. Server and scenarios on the full dataset: the baseline first, then the list's order.
  const outcomes = await measure(ordered, contracts, "scenario");
  const runningServer = await ensureServer();

  // 6. Query plans of the scenarios' hot queries, on the scale data (one scenario may name several statements).
  await explainScenarios(ordered, outcomes, scenarioContext(runningServer.baseUrl, sql, contracts, options));

  // 7. Large transfers on the same server, after the scenarios (their disk and memory would disturb them).
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

  // 8c. Issue 30 (N-3): the renewal reminder job over the scale data, twice, in a process of its own.
  let reminders: ReminderBenchOutcome | null = null;
  if (reminderJob) {
    reminders = await runReminderBench({ sql, env: serverEnv(databaseUrl), log });
    log(reminders.error ? `reminder-run failed: ${reminders.error}` : reminders.line);
  }

  // 9. Report
  const run: BenchRun = {
    startedAt,
    options,
    postgres: { version: database.version, throwaway: database.throwaway },
    buildSeconds,
    contracts,
    companies,
    seed,
    seedSteps,
    outcomes,
    requests,
    compareAt,
    smallOutcomes,
    transfers: transferOutcomes,
    supportMail,
    contractImport,
    reminders,
  };
  console.log(formatReport(run));
  writeResults(run);
  if (hasFailure(run)) process.exitCode = 1;
}

cleanUpOnSignals();
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
