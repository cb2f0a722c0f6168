#!/usr/bin/env node
// Starts one e2e server: `next start` on the production build (made by `npm run test:e2e` before Playwright runs),
// with its own fresh PGlite folder or the shared PostgreSQL database (DATABASE_URL). playwright.config.ts runs it
// once per server of tests/e2e/servers.ts; by hand:
//
//   node tests/e2e/server.mjs --port 3100 [--database shared|pglite] [--reset-shared-database] [--s3rver] [--env KEY=VALUE]...
//
// --s3rver: the blob store is S3 (BLOB_STORE=s3), an s3rver run by this launcher on a free loopback port with its
// folder in the server's temporary folder, one bucket whose CORS rule lets the site PUT parts and read their ETag.
//
// Process hygiene (STACK.md): `next start` leaves its next-server child holding the port when only `next` is killed,
// so next runs as the leader of its own process group (detached) and every stop signal goes to the whole group. The
// temporary PGlite folder and the state file are removed when the server stops.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const STATE_DIR = process.env.E2E_STATE_DIR || path.join(ROOT, ".data", "e2e-servers");

const { values: options } = parseArgs({
  options: {
    port: { type: "string" },
    database: { type: "string", default: "shared" },
    "reset-shared-database": { type: "boolean", default: false },
    s3rver: { type: "boolean", default: false },
    env: { type: "string", multiple: true, default: [] },
    // Playwright keeps a pipe on our stdin: when Playwright dies without stopping us, the pipe closes and we stop too.
    "exit-with-stdin": { type: "boolean", default: false },
  },
  strict: true,
});

const port = Number(options.port);
const tag = `[e2e-server:${options.port}]`;
const log = (message) => console.error(`${tag} ${message}`);

function fail(message) {
  log(message);
  process.exit(1);
}

if (!Number.isInteger(port) || port < 1 || port > 65535)
  fail("usage: server.mjs --port PORT [--database shared|pglite] [--reset-shared-database] [--env KEY=VALUE]...");
if (!["shared", "pglite"].includes(options.database)) fail(`--database must be "shared" or "pglite", not "${options.database}"`);
if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) fail("no production build in .next: run `npx next build` first (`npm run test:e2e` does).");

// The server's environment. Settings that decide what a server exposes are set to "" rather than deleted: Next loads
// .env files only for variables that are undefined, so a developer's .env.local cannot switch them back on.
const env = { ...process.env };
for (const key of Object.keys(env)) if (key.startsWith("E2E_")) delete env[key];
for (const key of ["DEV_MAILBOX", "RESEND_API_KEY", "RESEND_BASE_URL", "PGLITE_DIR", "PORT"]) env[key] = "";
env.NODE_ENV = "production";
env.NEXT_TELEMETRY_DISABLED = "1";
env.AUTH_SECRET ||= "e2e-only-auth-secret-0123456789abcdefghijklmnop";
env.AUTH_TRUST_HOST = "true";
env.AUTH_URL = `http://127.0.0.1:${port}`;
env.PASSWORD_SCRYPT_LOG_N ||= "14";
for (const pair of options.env) {
  const at = pair.indexOf("=");
  if (at <= 0) fail(`--env wants KEY=VALUE, got "${pair}"`);
  env[pair.slice(0, at)] = pair.slice(at + 1);
}

let tempDir = null;
let engine;
if (options.database === "pglite" || !env.DATABASE_URL) {
  engine = "pglite";
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), `ecustomer-e2e-${port}-`));
  env.DATABASE_URL = "";
  // The lock file `<folder>.lock` lands inside tempDir too, so removing tempDir removes everything.
  env.PGLITE_DIR = path.join(tempDir, "pglite");
} else {
  engine = "postgres";
}

// G-4 on S3. The rule a real bucket needs too (README, Downloads): PUT from the site's origin,
// ETag exposed to its script.
let s3rver = null;
if (options.s3rver) {
  tempDir ??= fs.mkdtempSync(path.join(os.tmpdir(), `ecustomer-e2e-${port}-`));
  const { default: S3rver } = await import("s3rver");
  const bucket = "downloads";
  const cors =
    `<CORSConfiguration><CORSRule><AllowedOrigin>${env.AUTH_URL}</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader>` +
    "<ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>";
  s3rver = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: path.join(tempDir, "s3"),
    configureBuckets: [{ name: bucket, configs: [cors] }],
  });
  const { port: s3Port } = await s3rver.run();
  Object.assign(env, {
    BLOB_STORE: "s3",
    S3_BUCKET: bucket,
    S3_REGION: "us-east-1",
    S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
    S3_FORCE_PATH_STYLE: "1",
  });
  log(`s3rver on ${env.S3_ENDPOINT}, bucket ${bucket}`);
}

const stateFile = path.join(STATE_DIR, `${port}.json`);
let child = null;
let childExited = false;
let stopping = false;

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

function signalGroup(signal) {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}

function removeFiles() {
  try {
    const state = JSON.parse(fs.readFileSync(stateFile, "utf8"));
    if (state.launcherPid === process.pid) fs.rmSync(stateFile, { force: true });
  } catch {
    // No state file (or not ours): nothing to remove.
  }
  if (tempDir) {
    try {
      fs.rmSync(tempDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    } catch (error) {
      log(`could not remove ${tempDir}: ${error.message}`);
    }
    tempDir = null;
  }
}

// Last resort for a crash of this script itself: leave no server and no folder behind.
process.on("exit", () => {
  if (child?.pid && (!childExited || groupAlive(child.pid))) signalGroup("SIGKILL");
  removeFiles();
});

function stop(reason) {
  if (stopping) return;
  stopping = true;
  if (!child || childExited) {
    removeFiles();
    process.exit(0);
  }
  log(`stopping (${reason})`);
  signalGroup("SIGTERM");
  setTimeout(() => {
    log("server did not stop within 10 s: killing its process group");
    signalGroup("SIGKILL");
  }, 10_000).unref();
}

for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => stop(signal));
if (options["exit-with-stdin"]) {
  process.stdin.on("end", () => stop("stdin closed"));
  process.stdin.on("error", () => stop("stdin error"));
  process.stdin.resume();
}

if (options["reset-shared-database"] && engine === "postgres") {
  log("resetting the shared PostgreSQL database (npm run db:reset)");
  const reset = spawnSync("npm", ["run", "--silent", "db:reset"], { cwd: ROOT, env, stdio: ["ignore", "inherit", "inherit"] });
  if (reset.status !== 0) fail(`npm run db:reset failed (exit ${reset.status ?? reset.signal ?? reset.error?.message})`);
}
if (stopping) process.exit(0);

child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
  cwd: ROOT,
  env,
  detached: true,
  stdio: ["ignore", "inherit", "inherit"],
});
child.on("error", (error) => fail(`could not start next: ${error.message}`));

fs.mkdirSync(STATE_DIR, { recursive: true });
fs.writeFileSync(
  stateFile,
  JSON.stringify(
    {
      port,
      pid: child.pid,
      launcherPid: process.pid,
      engine,
      pgliteDir: engine === "pglite" ? env.PGLITE_DIR : null,
      s3Endpoint: s3rver ? env.S3_ENDPOINT : null,
    },
    null,
    2,
  ),
);
log(`next start (pid ${child.pid}) on ${engine === "pglite" ? `PGlite ${env.PGLITE_DIR}` : "PostgreSQL (DATABASE_URL)"}`);

child.on("exit", async (code, signal) => {
  childExited = true;
  // next may exit before its next-server child: wait for the whole group, then make sure of it.
  for (let waited = 0; waited < 5_000 && groupAlive(child.pid); waited += 100) await new Promise((r) => setTimeout(r, 100));
  signalGroup("SIGKILL");
  removeFiles();
  if (stopping) process.exit(0);
  log(`next start exited on its own (${signal ?? `exit code ${code}`})`);
  process.exit(code || 1);
});
