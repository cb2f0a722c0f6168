// npm run registry:import -- [--json] FILE [FILE...] — B-6: loads the national corporate-number files (国税庁 法人番号
// 公表サイト, 基本3情報, Unicode edition; .csv or the published .zip) into corporate_registry, the full file or the
// daily difference files, applied in the order given. On PostgreSQL when DATABASE_URL is set, else on the PGlite
// folder (PGLITE_DIR, default .data/pglite; stop the dev server first: PGlite allows one process per folder).
// Run with `tsx --conditions=react-server` (package.json does), like scripts/db.ts.
import { closeDb, databaseEngine, getHandle } from "../db/client";
import { importRegistryFiles, RegistryImportError, type RegistryImportProgress, type RegistryImportSummary } from "../lib/registry/import";

const USAGE = "usage: npm run registry:import -- [--json] FILE [FILE...]   (.csv or .zip of the 法人番号 基本3情報, Unicode edition)";
const PLAIN_EVERY_MS = 5_000;
const TTY_EVERY_MS = 200;

const args = process.argv.slice(2);
const json = args.includes("--json");
const files = args.filter((arg) => arg !== "--json");

const number = (n: number) => Math.round(n).toLocaleString("en-US");
const mb = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(0)} MB`);

function progressReporter() {
  const tty = Boolean(process.stdout.isTTY) && !json;
  let last = 0;
  let drawn = false;
  const finished = new Set<number>();
  let applying = false;
  const out = (line: string) => (json ? process.stderr.write(`${line}\n`) : process.stdout.write(`${line}\n`));
  const endBar = () => {
    if (drawn) process.stdout.write("\n");
    drawn = false;
  };
  return (p: RegistryImportProgress) => {
    if (p.phase === "done") return endBar();
    if (p.phase === "apply") {
      endBar();
      if (!applying) out(`${number(p.rowsRead)} rows read and checked in ${(p.elapsedMs / 1000).toFixed(1)} s; applying them in one transaction:`);
      applying = true;
      out(`  ${(p.elapsedMs / 1000).toFixed(1)} s  ${p.step}`);
      return;
    }
    const now = performance.now();
    // Every file's last figures are shown once; in between, a redraw (TTY) or a plain line every few seconds.
    if (p.bytesRead >= p.bytesTotal) {
      if (finished.has(p.fileIndex)) return;
      finished.add(p.fileIndex);
    } else if (now - last < (tty ? TTY_EVERY_MS : PLAIN_EVERY_MS)) {
      return;
    }
    last = now;
    const share = p.bytesTotal > 0 ? Math.min(1, p.bytesRead / p.bytesTotal) : 1;
    const rate = p.elapsedMs > 0 ? (p.rowsRead / p.elapsedMs) * 1000 : 0;
    const label = `${p.fileCount > 1 ? `[${p.fileIndex + 1}/${p.fileCount}] ` : ""}${p.file}`;
    const figures = `${(share * 100).toFixed(1)}% ${mb(p.bytesRead)}/${mb(p.bytesTotal)} ${number(p.rowsRead)} rows ${number(rate)} rows/s`;
    if (tty) {
      const width = 30;
      const filled = Math.round(share * width);
      process.stdout.write(`\r\x1b[2K${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${figures}`);
      drawn = true;
    } else {
      out(`${label}: ${figures}`);
    }
  };
}

function printSummary(s: RegistryImportSummary) {
  if (json) {
    process.stdout.write(`${JSON.stringify(s)}\n`);
    return;
  }
  console.log(
    [
      `Imported ${s.files} file${s.files === 1 ? "" : "s"} (${s.engine}):`,
      `  rows read   ${number(s.rowsRead)}`,
      `  inserted    ${number(s.inserted)}`,
      `  updated     ${number(s.updated)}`,
      `  unchanged   ${number(s.unchanged)}`,
      `  closed      ${number(s.closed)}`,
      `  deleted     ${number(s.deleted)}`,
      `  skipped     ${number(s.skipped)} (history rows, 検索対象除外 rows with nothing to delete)`,
      ...(s.superseded > 0 ? [`  superseded  ${number(s.superseded)} (a later row of the same 法人番号 won)`] : []),
      `  ${s.seconds.toFixed(1)} s, ${number(s.rowsPerSecond)} rows/s, peak RSS ${mb(s.peakRssBytes)}`,
    ].join("\n"),
  );
}

async function main() {
  if (files.length === 0 || files.some((f) => f.startsWith("--"))) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  // Opening the embedded database migrates it; the demo seed is never implied by an import.
  process.env.DB_AUTO_SEED = "0";
  // PGlite's heap keeps its peak: smaller buffers hold a 5,000,000-row load under 300 MB (bench/registry-import.ts).
  process.env.PGLITE_SETTINGS ??= "shared_buffers=32MB,maintenance_work_mem=32MB";
  const { db } = await getHandle();
  try {
    const summary = await importRegistryFiles(db, files, { onProgress: progressReporter() });
    printSummary(summary);
  } finally {
    await closeDb();
  }
}

main().catch((error) => {
  if (error instanceof RegistryImportError) {
    console.error(`\nRefused: ${error.message}\nNothing was changed (${databaseEngine()}).`);
  } else {
    const cause = error instanceof Error && error.cause instanceof Error ? `\n  cause: ${error.cause.message}` : "";
    console.error(`\n${error instanceof Error ? error.message : String(error)}${cause}`);
  }
  process.exit(1);
});
