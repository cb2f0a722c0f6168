#!/usr/bin/env node
// What a `vercel build` output of this project must hold.
//
//   node scripts/deploy/check-vercel-output.mjs <project>/.vercel/output <project>/vercel.json [--json FILE]
//
// Checks (every failure is listed, then the exit code is 1):
//   - config.json exists (`vercel build` offline without project settings exits 0 and writes nothing);
//   - every function's .vc-config.json says runtime nodejs24.x;
//   - every function is under Vercel's 250 MB (uncompressed): the bytes its deployment uploads, i.e. the files in
//     the .func folder (symlinks followed) plus every file its .vc-config.json's filePathMap names (the CLI 58 writes
//     most of a Next.js function as such references to the project's files instead of copies);
//   - both PDF routes (B-3 holdings, the renewal quote) resolve to a function holding the two Noto Sans JP weights the
//     code reads and harfbuzz's subsetting wasm, at the paths the code reads them from;
//   - no function holds PGlite (node_modules/@electric-sql/…), a Noto Sans JP weight other than Regular and Bold, or
//     anything from tests/, bench/ or .data/ (the local PGlite and blob folders);
//   - config.json's crons equal vercel.json's.
// Prints each function's size, file count and routes, and the largest. --json writes the sizes to FILE.
// Plain Node (node:* only): it runs before and after `npm ci` alike.
import fs from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";

const LIMIT_BYTES = 250 * 1000 * 1000;
const RUNTIME = "nodejs24.x";
const PDF_ROUTES = ["licenses/[licenseId]/pdf", "licenses/[licenseId]/renewal/quotes/[quoteId]"];
const PDF_FILES = [
  "node_modules/@embedpdf/fonts-jp/fonts/NotoSansJP-Regular.otf",
  "node_modules/@embedpdf/fonts-jp/fonts/NotoSansJP-Bold.otf",
  "node_modules/harfbuzzjs/dist/harfbuzz-subset.wasm",
];
const FORBIDDEN = [
  { test: (p) => /(^|\/)node_modules\/@electric-sql\//.test(p), why: "PGlite (@electric-sql) must stay out of Vercel functions (next.config.ts)" },
  { test: (p) => /NotoSansJP-(?!Regular\.otf$|Bold\.otf$)[^/]*$/.test(p), why: "only the Regular and Bold weights are used (lib/pdf/japanese-font.ts)" },
  { test: (p) => /^(tests|bench)\//.test(p), why: "tests/ and bench/ are no part of a function" },
  { test: (p) => /^\.data\//.test(p), why: "the local database and blob folder (.data/) are no part of a function: build from a clean checkout" },
];

const args = process.argv.slice(2);
const jsonAt = args.indexOf("--json");
const jsonFile = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : undefined;
const [outputArg, vercelJsonArg] = args;
if (!outputArg || !vercelJsonArg) {
  console.error("usage: node scripts/deploy/check-vercel-output.mjs <project>/.vercel/output <project>/vercel.json [--json FILE]");
  process.exit(2);
}
const output = path.resolve(outputArg);
// filePathMap's values are relative to the project folder (the one holding .vercel/).
const projectRoot = path.dirname(path.dirname(output));
const failures = [];
const fail = (message) => failures.push(message);
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));

// --- config.json and the crons ---------------------------------------------------------------------------------------
const configFile = path.join(output, "config.json");
let config;
if (!fs.existsSync(configFile)) {
  console.error(`FAIL: ${configFile} does not exist: vercel build wrote no output (offline, .vercel/project.json needs "settings").`);
  process.exit(1);
}
try {
  config = readJson(configFile);
} catch (error) {
  console.error(`FAIL: ${configFile} is not JSON: ${error.message}`);
  process.exit(1);
}
const byPath = (a, b) => `${a.path} ${a.schedule}`.localeCompare(`${b.path} ${b.schedule}`);
const wantedCrons = [...(readJson(path.resolve(vercelJsonArg)).crons ?? [])].sort(byPath);
const builtCrons = [...(config.crons ?? [])].sort(byPath);
if (!isDeepStrictEqual(builtCrons, wantedCrons)) fail(`crons: config.json has ${JSON.stringify(builtCrons)}, vercel.json has ${JSON.stringify(wantedCrons)}`);
else console.log(`crons: ${builtCrons.map((c) => `${c.path} "${c.schedule}"`).join(", ") || "none"} (as in vercel.json)`);

// --- the functions ---------------------------------------------------------------------------------------------------
const functionsDir = path.join(output, "functions");
/** route (path under functions/ without .func) → the real folder (routes share functions through symlinks). */
const routes = new Map();
function findFunctions(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.name.endsWith(".func")) routes.set(path.relative(functionsDir, full).slice(0, -".func".length), fs.realpathSync(full));
    else if (entry.isDirectory()) findFunctions(full);
  }
}
if (fs.existsSync(functionsDir)) findFunctions(functionsDir);
if (routes.size === 0) fail(`no function under ${functionsDir}`);

/** Every file of a function: its relative path in the deployment → the file it is made of. */
function filesOf(funcDir, vcConfig) {
  const files = new Map();
  const seen = new Set();
  (function walk(dir, rel) {
    const real = fs.realpathSync(dir);
    if (seen.has(real)) return;
    seen.add(real);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      const stat = fs.statSync(full, { throwIfNoEntry: false });
      if (!stat) fail(`${path.relative(functionsDir, funcDir)}: ${relPath} is a dangling symlink`);
      else if (stat.isDirectory()) walk(full, relPath);
      else files.set(relPath, full);
    }
  })(funcDir, "");
  for (const [rel, source] of Object.entries(vcConfig.filePathMap ?? {})) files.set(rel, path.resolve(projectRoot, source));
  return files;
}

const functions = [];
for (const funcDir of new Set(routes.values())) {
  const served = [...routes]
    .filter(([, real]) => real === funcDir)
    .map(([route]) => route)
    .sort();
  const name = path.relative(functionsDir, funcDir).slice(0, -".func".length);
  const vcFile = path.join(funcDir, ".vc-config.json");
  if (!fs.existsSync(vcFile)) {
    fail(`${name}: no .vc-config.json`);
    continue;
  }
  const vcConfig = readJson(vcFile);
  if (vcConfig.runtime !== RUNTIME) fail(`${name}: runtime is ${vcConfig.runtime ?? "(none)"}, not ${RUNTIME}`);
  const files = filesOf(funcDir, vcConfig);
  let bytes = 0;
  const forbidden = new Map(FORBIDDEN.map((rule) => [rule, []]));
  for (const [rel, source] of files) {
    // A symlink in the map (.next/node_modules/<package>-<hash> for an external package) is uploaded as a link:
    // its target's files are entries of their own.
    const link = fs.lstatSync(source, { throwIfNoEntry: false });
    if (!link) {
      fail(`${name}: ${rel} is missing (filePathMap → ${path.relative(projectRoot, source)})`);
      continue;
    }
    bytes += link.isSymbolicLink() ? Buffer.byteLength(fs.readlinkSync(source)) : link.size;
    for (const rule of FORBIDDEN) if (rule.test(rel)) forbidden.get(rule).push(rel);
  }
  for (const [rule, found] of forbidden)
    if (found.length)
      fail(
        `${name}: holds ${found.length} file${found.length > 1 ? "s" : ""} it must not ` +
          `(${found.slice(0, 3).join(", ")}${found.length > 3 ? ", …" : ""}): ${rule.why}`,
      );
  if (bytes >= LIMIT_BYTES) fail(`${name}: ${mb(bytes)} is over Vercel's limit of ${mb(LIMIT_BYTES)} per function`);
  functions.push({ name, bytes, fileCount: files.size, runtime: vcConfig.runtime, routes: served, files });
}

// --- the PDF routes ----------------------------------------------------------------------------------------------------
for (const route of PDF_ROUTES) {
  const real = routes.get(route);
  const fn = functions.find((f) => path.join(functionsDir, `${f.name}.func`) === real);
  if (!fn) {
    fail(`PDF route ${route}: no function in the output`);
    continue;
  }
  const missing = PDF_FILES.filter((file) => {
    const source = fn.files.get(file);
    return !source || !(fs.statSync(source, { throwIfNoEntry: false })?.size > 0);
  });
  if (missing.length) fail(`PDF route ${route} (function ${fn.name}): missing ${missing.join(", ")}`);
  else console.log(`PDF route ${route} → function ${fn.name}: holds ${PDF_FILES.map((f) => path.basename(f)).join(", ")}`);
}

// --- report ----------------------------------------------------------------------------------------------------------
functions.sort((a, b) => b.bytes - a.bytes);
console.log(`\n${functions.length} functions for ${routes.size} routes (limit ${mb(LIMIT_BYTES)} each):`);
for (const f of functions) {
  const shown = f.routes.slice(0, 4).join(", ") + (f.routes.length > 4 ? `, … (${f.routes.length} routes)` : "");
  console.log(`  ${mb(f.bytes).padStart(9)}  ${String(f.fileCount).padStart(5)} files  ${f.runtime}  ${f.name}  [${shown}]`);
}
if (functions.length) console.log(`largest: ${functions[0].name} ${mb(functions[0].bytes)}`);
if (jsonFile)
  fs.writeFileSync(
    jsonFile,
    JSON.stringify(
      functions.map(({ name, bytes, fileCount, routes: served }) => ({ name, bytes, fileCount, routes: served })),
      null,
      2,
    ),
  );

if (failures.length) {
  console.error(`\nFAIL: the Vercel output breaks ${failures.length} rule${failures.length > 1 ? "s" : ""}:`);
  for (const message of failures.slice(0, 40)) console.error(`  - ${message}`);
  if (failures.length > 40) console.error(`  … and ${failures.length - 40} more`);
  process.exit(1);
}
console.log("\nVercel output: ok");
