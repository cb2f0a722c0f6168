// npm run prices:import -- --prices FILE [--successors FILE] — B-4: replaces the renewal price data (product_prices,
// product_successors) with CSV files, either or both, in one transaction (lib/renewal/price-import.ts; formats in
// README.md, templates in db/seed/prices-sample.csv and db/seed/successors-sample.csv). A file with any fault is
// refused with every fault as `FILE:LINE: message`, and nothing is changed. On PostgreSQL when DATABASE_URL is set,
// else on the PGlite folder (PGLITE_DIR, default .data/pglite; stop the dev server first: one process per folder).
// Run with `tsx --conditions=react-server` (package.json does), like scripts/db.ts.
import fs from "node:fs";
import { closeDb, databaseEngine, getHandle } from "../db/client";
import { decodeCsvBytes, importPriceData, type PriceImportFile } from "../lib/renewal/price-import";

const USAGE = "usage: npm run prices:import -- --prices FILE [--successors FILE]   (either or both; UTF-8 CSV, see README.md)";

function parseArgs(args: string[]): Partial<Record<PriceImportFile, string>> | undefined {
  const files: Partial<Record<PriceImportFile, string>> = {};
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i];
    const value = args[i + 1];
    if ((flag !== "--prices" && flag !== "--successors") || value === undefined || value.startsWith("--")) return undefined;
    const kind = flag === "--prices" ? "prices" : "successors";
    if (files[kind] !== undefined) return undefined;
    files[kind] = value;
  }
  return files.prices === undefined && files.successors === undefined ? undefined : files;
}

async function main() {
  const files = parseArgs(process.argv.slice(2));
  if (!files) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const texts: Partial<Record<PriceImportFile, string>> = {};
  const faults: string[] = [];
  for (const kind of ["prices", "successors"] as const) {
    const file = files[kind];
    if (file === undefined) continue;
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (error) {
      faults.push(`${file}: ファイルを読めません（${error instanceof Error ? error.message : String(error)}）`);
      continue;
    }
    const decoded = decodeCsvBytes(bytes);
    if (decoded.ok) texts[kind] = decoded.text;
    else faults.push(`${file}:${decoded.error.line}: ${decoded.error.message}`);
  }
  if (faults.length > 0) return refuse(faults);

  // Opening the embedded database migrates it; the demo seed is never implied by an import.
  process.env.DB_AUTO_SEED = "0";
  const { db } = await getHandle();
  try {
    const result = await importPriceData(db, texts);
    if (!result.ok) return refuse(result.errors.map((e) => `${files[e.file]!}:${e.line}: ${e.message}`));
    console.log(
      [
        `Imported the renewal price data (${databaseEngine()}), replacing the tables in one transaction:`,
        ...(files.prices !== undefined ? [`  価格（product_prices）        ${result.prices} 件  ← ${files.prices}`] : []),
        ...(files.successors !== undefined ? [`  後継製品（product_successors） ${result.successors} 件  ← ${files.successors}`] : []),
      ].join("\n"),
    );
  } finally {
    await closeDb();
  }
}

function refuse(lines: string[]) {
  console.error(`${lines.join("\n")}\n\nRefused: ${lines.length} error${lines.length === 1 ? "" : "s"}. Nothing was changed (${databaseEngine()}).`);
  process.exitCode = 1;
}

main().catch((error) => {
  const cause = error instanceof Error && error.cause instanceof Error ? `\n  cause: ${error.cause.message}` : "";
  console.error(`\n${error instanceof Error ? error.message : String(error)}${cause}`);
  process.exit(1);
});
