// B-6 import benchmark (not part of CI or `npm run bench`):
//   npx tsx --conditions=react-server bench/registry-import.ts [ROWS] [--twice] [--keep]
// Generates ROWS rows (default 5,000,000) of the 法人番号 format (bench/registry-data.ts) into a temp folder, then
// imports them with the real command (scripts/registry-import.ts, a child process, so that its peak RSS is the
// import's alone) into a fresh PGlite folder — or into DATABASE_URL when set (a local database you can spare: the
// rows are upserted into its corporate_registry). --twice imports the same file a second time (it must change
// nothing); --keep leaves the temp folder (file and PGlite data) in place.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb, getHandle } from "../db/client";
import { assertLocalDatabaseUrl } from "../db/local-url";
import type { RegistryImportSummary } from "../lib/registry/import";
import { writeRegistryFile } from "./registry-data";

const args = process.argv.slice(2);
const rows = Number((args.find((a) => /^\d[\d_,]*$/.test(a)) ?? "5000000").replace(/[_,]/g, ""));
const twice = args.includes("--twice");
const keep = args.includes("--keep");
const log = (line: string) => process.stderr.write(`${line}\n`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function runImport(file: string, env: NodeJS.ProcessEnv): Promise<RegistryImportSummary> {
  const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ["--conditions=react-server", "scripts/registry-import.ts", "--json", file], { env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => {
      const last = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !last.startsWith("{")) reject(new Error(`the import exited with ${code}: ${out}`));
      else resolve(JSON.parse(last) as RegistryImportSummary);
    });
  });
}

async function main() {
  if (!Number.isSafeInteger(rows) || rows < 1) throw new Error("usage: bench/registry-import.ts [ROWS] [--twice] [--keep]");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "registry-bench-"));
  try {
    const file = path.join(work, `registry-${rows}.csv`);
    log(`generating ${rows.toLocaleString("en-US")} rows → ${file}`);
    const generationStart = performance.now();
    const generated = await writeRegistryFile(file, { rows, seed: 20240401 });
    log(`  ${mb(generated.bytes)} in ${((performance.now() - generationStart) / 1000).toFixed(1)} s`);

    const env: NodeJS.ProcessEnv = { ...process.env, DB_AUTO_SEED: "0" };
    if (process.env.DATABASE_URL) {
      const host = assertLocalDatabaseUrl(process.env.DATABASE_URL, "measure an import into").hostname;
      log(`engine: PostgreSQL (${host})`);
    } else {
      // A fresh folder, created (initdb, migrations) here: initdb's own memory would otherwise be the import's peak.
      env.PGLITE_DIR = path.join(work, "pglite");
      process.env.PGLITE_DIR = env.PGLITE_DIR;
      process.env.DB_AUTO_SEED = "0";
      await getHandle();
      await closeDb();
      log(`engine: PGlite (fresh folder ${env.PGLITE_DIR})`);
    }

    const runs: [string, RegistryImportSummary][] = [["first import", await runImport(file, env)]];
    if (twice) runs.push(["same file again", await runImport(file, env)]);

    console.log(`\nregistry import, ${rows.toLocaleString("en-US")} rows (${mb(generated.bytes)} CSV)`);
    console.log("| run | engine | rows | inserted | updated | unchanged | seconds (read + apply) | rows/s | peak RSS |");
    console.log("|---|---|---|---|---|---|---|---|---|");
    for (const [label, s] of runs) {
      console.log(
        `| ${label} | ${s.engine} | ${s.rowsRead.toLocaleString("en-US")} | ${s.inserted.toLocaleString("en-US")} ` +
          `| ${s.updated.toLocaleString("en-US")} | ${s.unchanged.toLocaleString("en-US")} ` +
          `| ${s.seconds.toFixed(1)} (${s.readSeconds.toFixed(1)} + ${s.applySeconds.toFixed(1)}) ` +
          `| ${Math.round(s.rowsPerSecond).toLocaleString("en-US")} | ${mb(s.peakRssBytes)} |`,
      );
    }
  } finally {
    if (keep) log(`kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
