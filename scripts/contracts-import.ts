// npm run contracts:import -- [--dry-run] [--json] FILE — G-6: loads the order system's contracts,
// contacts and product lines from one file (CSV with a header row, or JSON Lines; UTF-8; format in README.md
// 「契約の取り込み」, examples in tests/fixtures/contracts-import/) in one transaction: a file with any fault is refused with
// every fault as `FILE:LINE: message` and nothing is changed; --dry-run checks and compares, and writes nothing.
// Progress goes to stderr, the report to stdout (--json: one JSON line, for bench/contract-import.ts). Exit code 0,
// 1 when the file was refused, 2 for a wrong command line. On PostgreSQL when DATABASE_URL is set, else on the PGlite
// folder (PGLITE_DIR, default .data/pglite; stop the dev server first: PGlite allows one process per folder).
// Run with `tsx --conditions=react-server` (package.json does), like scripts/db.ts.
import fs from "node:fs";
import { closeDb, databaseEngine, getHandle } from "../db/client";
import { importContracts } from "../lib/contract-import/import";
import { contractImportErrorText, contractImportMessages } from "../lib/contract-import/messages";
import type { ContractImportProgress, ContractImportReport } from "../lib/contract-import/types";
import ja from "../messages/ja";

const USAGE = "usage: npm run contracts:import -- [--dry-run] [--json] FILE   (CSV with a header row, or JSON Lines; UTF-8; see README.md 「契約の取り込み」)";
const PLAIN_EVERY_MS = 5_000;
const TTY_EVERY_MS = 200;
const READ_CHUNK_BYTES = 64 * 1024;

const args = process.argv.slice(2);
const dryRun = args.includes("--dry-run");
const json = args.includes("--json");
const files = args.filter((arg) => arg !== "--dry-run" && arg !== "--json");
const m = contractImportMessages("ja");

const number = (n: number) => Math.round(n).toLocaleString("en-US");
const mb = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(0)} MB`);

function progressReporter(file: string) {
  const tty = Boolean(process.stderr.isTTY);
  let last = 0;
  let drawn = false;
  let shownDone = false;
  const endBar = () => {
    if (drawn) process.stderr.write("\n");
    drawn = false;
  };
  return {
    end: endBar,
    report: (p: ContractImportProgress) => {
      if (p.phase === "apply") {
        endBar();
        process.stderr.write(`  ${(p.elapsedMs / 1000).toFixed(1)} s  ${p.step}\n`);
        return;
      }
      const at = performance.now();
      // The last figures are shown once; in between, a redraw (TTY) or a plain line every few seconds.
      const done = p.bytesTotal !== null && p.bytesRead >= p.bytesTotal;
      if (done ? shownDone : at - last < (tty ? TTY_EVERY_MS : PLAIN_EVERY_MS)) return;
      shownDone = done;
      last = at;
      const share = p.bytesTotal ? Math.min(1, p.bytesRead / p.bytesTotal) : 1;
      const rate = p.elapsedMs > 0 ? (p.rows / p.elapsedMs) * 1000 : 0;
      const line =
        `${file}: ${(share * 100).toFixed(1)}% ${mb(p.bytesRead)}/${mb(p.bytesTotal ?? p.bytesRead)} ` +
        `${number(p.rows)} rows ${number(p.contracts)} contracts ${number(rate)} rows/s`;
      if (tty) {
        process.stderr.write(`\r\x1b[2K${line}`);
        drawn = true;
      } else {
        process.stderr.write(`${line}\n`);
      }
    },
  };
}

function printReport(file: string, r: ContractImportReport) {
  if (json) process.stdout.write(`${JSON.stringify(r)}\n`);
  if (!r.ok) {
    const shown = r.errors.map((e) => `${e.line === null ? file : `${file}:${e.line}`}: ${contractImportErrorText(e, m)}`);
    const more = r.errorCount > r.errors.length ? [`… ${number(r.errorCount - r.errors.length)} more (${r.errors.length} shown)`] : [];
    console.error(
      `${[...shown, ...more].join("\n")}\n\nRefused: ${number(r.errorCount)} error${r.errorCount === 1 ? "" : "s"}. Nothing was changed (${r.engine}).`,
    );
    return;
  }
  if (json) return;
  // The catalogue's count labels (admin.contractImport.counts), in its order, are the report's keys.
  const keys = Object.keys(ja.admin.contractImport.counts) as (keyof typeof ja.admin.contractImport.counts)[];
  const rows = keys.map((key) => [m(`counts.${key}`), r[key]] as const);
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(
    [
      r.dryRun
        ? `Dry run of ${file} (${r.engine}, ${r.format}): nothing was changed. Importing it would apply:`
        : `Imported ${file} (${r.engine}, ${r.format}) in one transaction:`,
      ...rows.map(([label, n]) => `  ${label}${"　".repeat(width - label.length)}  ${number(n).padStart(10)}`),
      `  ${r.seconds.toFixed(1)} s (read ${r.readSeconds.toFixed(1)} + apply ${r.applySeconds.toFixed(1)}), ` +
        `${number(r.rowsPerSecond)} rows/s, peak RSS ${mb(r.peakRssBytes)}`,
    ].join("\n"),
  );
}

async function main() {
  if (files.length !== 1 || files[0]!.startsWith("--")) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const file = files[0]!;
  let size: number;
  try {
    size = fs.statSync(file).size;
    fs.accessSync(file, fs.constants.R_OK);
  } catch (error) {
    console.error(
      `${file}: ファイルを読めません（${error instanceof Error ? error.message : String(error)}）\n\nRefused. Nothing was changed (${databaseEngine()}).`,
    );
    process.exitCode = 1;
    return;
  }
  // Opening the embedded database migrates it; the demo seed is never implied by an import.
  process.env.DB_AUTO_SEED = "0";
  // PGlite's heap keeps its peak: smaller buffers hold a large load lower (as scripts/registry-import.ts).
  process.env.PGLITE_SETTINGS ??= "shared_buffers=32MB,maintenance_work_mem=32MB";
  const { db } = await getHandle();
  const progress = progressReporter(file);
  try {
    const report = await importContracts(
      db,
      { chunks: fs.createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }), bytesTotal: size },
      { dryRun, actor: null, onProgress: progress.report },
    );
    progress.end();
    printReport(file, report);
    if (!report.ok) process.exitCode = 1;
  } finally {
    await closeDb();
  }
}

main().catch((error) => {
  const cause = error instanceof Error && error.cause instanceof Error ? `\n  cause: ${error.cause.message}` : "";
  console.error(`\n${error instanceof Error ? error.message : String(error)}${cause}\nNothing was changed (${databaseEngine()}).`);
  process.exit(1);
});
