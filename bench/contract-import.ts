// G-6 contract import benchmark:
//   npx tsx --conditions=react-server bench/contract-import.ts [CONTRACTS] [--twice] [--pglite] [--keep]
// and `npm run bench -- --only contract-import --import-contracts N` (bench/run.ts, on its PostgreSQL).
// Generates CONTRACTS contracts (default 1,000,000; 1–3 product lines each, 1.5 on average; 10 contracts per
// company; both contacts) into a CSV file of the documented format in a temp folder, streamed, then imports it with
// the real command (scripts/contracts-import.ts --json, a child process, so that its peak RSS is the import's alone)
// into a scratch database with the demo catalog: on PostgreSQL a database of its own (CREATE DATABASE on the server
// of DATABASE_URL, else on a throwaway cluster, bench/pg-cluster.ts), dropped afterwards; with --pglite a fresh PGlite
// folder. --twice imports the same file a second time (it must change nothing); --keep leaves the temp folder.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import postgres, { type Sql } from "postgres";
import type { ContractImportReport } from "../lib/contract-import/types";
import { CONTRACT_CSV_HEADER } from "../lib/contract-import/format";
import { assertLocalDatabaseUrl, findFreePort, startCluster } from "./pg-cluster";
import { corporateNumberFor } from "./registry-data";

export const CONTRACT_IMPORT_JOB = "contract-import";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
/** License IDs of the generated contracts: above the demo's and the scale seed's (10,000,000 + N). */
const LICENSE_ID_BASE = 50_000_000;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
// Products of the demo catalog (lib/demo/seed.ts) with their code prefixes.
const PRODUCTS: [string, string][] = [
  ["VBCE_PLUS", "OS"],
  ["APEX_ONE", "OS"],
  ["APEX_CENTRAL", "AC"],
  ["SAFE_LOCK", "SO"],
  ["CSSP", "OS"],
  ["VB_BUSINESS", "VB"],
  ["DDI", "DI"],
];
const PREFECTURES: [string, string, string][] = [
  ["東京都", "100-0005", "千代田区丸の内一丁目"],
  ["大阪府", "530-0001", "大阪市北区梅田二丁目"],
  ["愛知県", "460-0008", "名古屋市中区栄三丁目"],
  ["福岡県", "810-0001", "福岡市中央区天神一丁目"],
  ["北海道", "060-0001", "札幌市中央区北一条西"],
];

export type ContractFileSummary = { contracts: number; rows: number; bytes: number; seconds: number };

/** A code of the bench: its product's prefix, then "ZI" and the line's number in base 36 (unique, never a demo code). */
function benchCode(prefix: string, line: number): string {
  let body = "";
  for (let n = line; body.length < 27; n = Math.floor(n / 36)) body = ALPHABET[n % 36]! + body;
  const key = `${prefix}ZI${body}`;
  return [key.slice(0, 2), key.slice(2, 6), key.slice(6, 11), key.slice(11, 16), key.slice(16, 21), key.slice(21, 26), key.slice(26, 31)].join("-");
}

/** The rows of contract `i` (deterministic): the contract's columns on each of its lines. */
function contractRows(i: number, lineNumber: { next: number }): string {
  const licenseId = LICENSE_ID_BASE + i;
  const company = Math.floor(i / 10);
  const [prefecture, postal, street] = PREFECTURES[company % PREFECTURES.length]!;
  const lines = i % 10 < 6 ? 1 : i % 10 < 9 ? 2 : 3;
  const [product] = PRODUCTS[i % PRODUCTS.length]!;
  const year = 2024 + (i % 3);
  const month = String(1 + (i % 12)).padStart(2, "0");
  const start = `${year}-${month}-01`;
  const end = `${year + 1}-${month}-01`;
  const companyName = `ベンチ取込${company}株式会社`;
  const head = [
    String(licenseId),
    i % 20 === 19 ? "expired" : "active",
    product,
    start,
    end,
    end,
    company % 2 === 0 ? corporateNumberFor(200_000_000_000 + company) : "",
    ...[
      companyName,
      "本社",
      "情報システム部",
      "取込 太郎",
      postal,
      prefecture,
      `${street}${1 + (company % 20)}番`,
      "03-1234-5678",
      `ci${company}@bench-import.example.jp`,
    ],
    ...[
      companyName,
      "",
      "ITサポート課",
      "支援 花子",
      postal,
      prefecture,
      `${street}${1 + (company % 20)}番`,
      "03-1234-5679",
      `ci-support${i % 50_000}@bench-import.example.jp`,
    ],
  ].join(",");
  let text = "";
  for (let l = 0; l < lines; l++) {
    const [lineProduct, prefix] = PRODUCTS[(i + l) % PRODUCTS.length]!;
    text += `${head},${lineProduct},${1 + ((i * 37 + l) % 500)},,,,${benchCode(prefix, lineNumber.next++)}\n`;
  }
  return text;
}

/** Streams `contracts` contracts into `file` (the documented CSV, header first). */
export async function writeContractFile(file: string, contracts: number): Promise<ContractFileSummary> {
  const started = performance.now();
  const lineNumber = { next: 0 };
  async function* chunks() {
    yield `${CONTRACT_CSV_HEADER.join(",")}\n`;
    for (let i = 0; i < contracts; i += 1_000) {
      let chunk = "";
      for (let j = i; j < Math.min(contracts, i + 1_000); j++) chunk += contractRows(j, lineNumber);
      yield chunk;
    }
  }
  await pipeline(Readable.from(chunks()), fs.createWriteStream(file, { highWaterMark: 1 << 20 }));
  return { contracts, rows: lineNumber.next, bytes: fs.statSync(file).size, seconds: (performance.now() - started) / 1000 };
}

/** The command as an operator runs it, in a process of its own; its last stdout line is the JSON report. */
function runImport(file: string, env: NodeJS.ProcessEnv): Promise<ContractImportReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ["--conditions=react-server", "scripts/contracts-import.ts", "--json", file], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => {
      const last = out.trim().split("\n").pop() ?? "";
      if (!last.startsWith("{")) return reject(new Error(`the import exited with ${code} and printed no report: ${out.slice(0, 500)}`));
      const report = JSON.parse(last) as ContractImportReport;
      if (code !== 0 || !report.ok) return reject(new Error(`the import refused the file (exit ${code}): ${JSON.stringify(report.errors.slice(0, 3))}`));
      resolve(report);
    });
  });
}

/** Migrations and the demo data (its catalog) on a scratch database, through the app's own code, in this process. */
async function prepare(env: NodeJS.ProcessEnv) {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, PGLITE_DIR: process.env.PGLITE_DIR, DB_AUTO_SEED: process.env.DB_AUTO_SEED };
  Object.assign(process.env, { DB_AUTO_SEED: "0" });
  if (env.DATABASE_URL) process.env.DATABASE_URL = env.DATABASE_URL;
  else {
    delete process.env.DATABASE_URL;
    process.env.PGLITE_DIR = env.PGLITE_DIR;
  }
  const { getHandle, migrateDatabase, closeDb } = await import("../db/client");
  const { seedDemoIfEmpty } = await import("../lib/demo/seed");
  try {
    const { db, engine } = await getHandle();
    await migrateDatabase(db, engine);
    await seedDemoIfEmpty(db);
  } finally {
    await closeDb();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

export type ContractImportBenchOptions = {
  contracts: number;
  /** A PostgreSQL server (any database of it): the scratch database is created there. Without it: PGlite. */
  serverUrl?: string;
  twice?: boolean;
  /** The environment of the import's process (bench/run.ts passes the server's). */
  env?: NodeJS.ProcessEnv;
  log: (line: string) => void;
  keep?: boolean;
};

export type ContractImportBenchOutcome = {
  name: typeof CONTRACT_IMPORT_JOB;
  line: string;
  table: string;
  figures: { file: ContractFileSummary; runs: { label: string; report: ContractImportReport }[] } | null;
  error?: string;
};

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const n = (value: number) => Math.round(value).toLocaleString("en-US");

export async function runContractImportBench(options: ContractImportBenchOptions): Promise<ContractImportBenchOutcome> {
  const { contracts, log } = options;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "contract-import-bench-"));
  const scratch = `contract_import_bench_${process.pid}`;
  let admin: Sql | undefined;
  const runs: { label: string; report: ContractImportReport }[] = [];
  let summary: ContractFileSummary | null = null;
  try {
    const file = path.join(work, `contracts-${contracts}.csv`);
    log(`contract-import: generating ${n(contracts)} contracts → ${file}`);
    summary = await writeContractFile(file, contracts);
    log(`contract-import: ${n(summary.rows)} rows, ${mb(summary.bytes)} in ${summary.seconds.toFixed(1)} s`);

    const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, DB_AUTO_SEED: "0" };
    if (options.serverUrl) {
      assertLocalDatabaseUrl(options.serverUrl);
      admin = postgres(options.serverUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
      await admin.unsafe(`CREATE DATABASE ${scratch}`);
      const url = new URL(options.serverUrl);
      url.pathname = `/${scratch}`;
      env.DATABASE_URL = url.toString();
      delete env.PGLITE_DIR;
      log(`contract-import: engine PostgreSQL, scratch database ${scratch}`);
    } else {
      delete env.DATABASE_URL;
      env.PGLITE_DIR = path.join(work, "pglite");
      log(`contract-import: engine PGlite, fresh folder ${env.PGLITE_DIR}`);
    }
    await prepare(env);
    runs.push({ label: "first import", report: await runImport(file, env) });
    if (options.twice) runs.push({ label: "same file again", report: await runImport(file, env) });
    const [first, again] = runs.map((r) => r.report);
    let error: string | undefined;
    if (first!.newContracts !== contracts || first!.newLines !== summary.rows)
      error = `expected ${contracts} new contracts and ${summary.rows} new lines, got ${first!.newContracts} and ${first!.newLines}`;
    if (again && (again.newContracts !== 0 || again.changedContracts !== 0 || again.unchangedContracts !== contracts))
      error = `the second import changed something: ${again.newContracts} new, ${again.changedContracts} changed, ${again.unchangedContracts} unchanged`;
    const table = [
      `contract import, ${n(contracts)} contracts, ${n(summary.rows)} product lines (${mb(summary.bytes)} CSV)`,
      "| run | engine | contracts | new | changed | unchanged | seconds (read + apply) | rows/s | peak RSS |",
      "|---|---|---|---|---|---|---|---|---|",
      ...runs.map(
        ({ label, report: r }) =>
          `| ${label} | ${r.engine} | ${n(r.contracts)} | ${n(r.newContracts)} | ${n(r.changedContracts)} | ${n(r.unchangedContracts)} ` +
          `| ${r.seconds.toFixed(1)} (${r.readSeconds.toFixed(1)} + ${r.applySeconds.toFixed(1)}) | ${n(r.rowsPerSecond)} | ${mb(r.peakRssBytes)} |`,
      ),
    ].join("\n");
    const runLine = ({ label, report: r }: (typeof runs)[number]) =>
      `${label} ${n(r.contracts)} contracts (${n(r.rows)} rows) in ${r.seconds.toFixed(1)} s, ${n(r.rowsPerSecond)} rows/s, peak RSS ${mb(r.peakRssBytes)}`;
    const line = `contract-import: ${runs.map(runLine).join("; ")}`;
    return { name: CONTRACT_IMPORT_JOB, line, table, figures: { file: summary, runs }, error };
  } catch (error) {
    return { name: CONTRACT_IMPORT_JOB, line: "", table: "", figures: summary ? { file: summary, runs } : null, error: (error as Error).message };
  } finally {
    if (admin) {
      await admin
        .unsafe(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`)
        .catch((e: Error) => log(`contract-import: could not drop ${scratch}: ${e.message}`));
      await admin.end({ timeout: 5 });
    }
    if (options.keep) log(`contract-import: kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}

// ---- standalone ------------------------------------------------------------------------------------------------------

async function main() {
  const args = process.argv.slice(2);
  const count = Number((args.find((a) => /^\d[\d_,]*$/.test(a)) ?? "1000000").replace(/[_,]/g, ""));
  if (!Number.isSafeInteger(count) || count < 1 || args.some((a) => a.startsWith("--") && !["--twice", "--pglite", "--keep"].includes(a))) {
    throw new Error("usage: bench/contract-import.ts [CONTRACTS] [--twice] [--pglite] [--keep]");
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  let serverUrl = process.env.DATABASE_URL;
  let stop: (() => void) | undefined;
  if (!args.includes("--pglite") && !serverUrl) {
    const cluster = await startCluster({ port: await findFreePort(5434), log });
    stop = cluster.stop;
    serverUrl = cluster.url;
  }
  try {
    const outcome = await runContractImportBench({
      contracts: count,
      serverUrl: args.includes("--pglite") ? undefined : serverUrl,
      twice: args.includes("--twice"),
      keep: args.includes("--keep"),
      log,
    });
    if (outcome.table) console.log(`\n${outcome.table}`);
    if (outcome.error) throw new Error(outcome.error);
  } finally {
    stop?.();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(ROOT, "bench", "contract-import.ts")) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
