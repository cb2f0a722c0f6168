// X-7 (issue 27): the deployment smoke. The container's run stage, assembled by scripts/deploy/assemble-standalone.sh
// from a standalone build (the same script the Dockerfile runs), started in a clean folder as an unprivileged user
// with nothing but the production environment the README lists, against real parts: PostgreSQL, s3rver, and the fake
// Resend at the outer edge. CI runs it (`.ci/run`); by hand, after `NEXT_OUTPUT=standalone npx next build`:
//   DEPLOY_DATABASE_URL=postgres://postgres@127.0.0.1:5433/postgres npm run test:deploy
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { assertLocalDatabaseUrl } from "@/db/local-url";
import { startS3Server } from "../support/s3-server";
import { startFakeResend, type FakeResend } from "../support/fake-resend";

export const REPO_ROOT = path.resolve(import.meta.dirname, "..", "..");
export const AUTH_SECRET = "deploy-smoke-auth-secret-0123456789abcdefghijklmnop";
export const CRON_SECRET = "deploy-smoke-cron-secret-0123456789";
const RUN_AS = "nobody";

/** The PostgreSQL server to make the smoke's databases in (its own database per suite, dropped at the end). */
export function serverUrl(): string {
  const url = process.env.DEPLOY_DATABASE_URL || process.env.DATABASE_URL;
  if (!url)
    throw new Error("DEPLOY_DATABASE_URL (a local PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5433/postgres) is required for the deployment smoke");
  assertLocalDatabaseUrl(url, "run the deployment smoke on");
  return url;
}

/** A fresh database of the suite's own on that server; `drop()` removes it. */
export async function createDatabase(name: string): Promise<{ url: string; sql: postgres.Sql; drop(): Promise<void> }> {
  const admin = postgres(serverUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  const sql = postgres(url.toString(), { max: 4, onnotice: () => {} });
  return {
    url: url.toString(),
    sql,
    async drop() {
      await sql.end({ timeout: 5 });
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/**
 * The assembled run stage: DEPLOY_DIR when CI assembled it already, else assembled here from .next/standalone into a
 * temporary folder. Its .data (the one writable folder) is handed to the unprivileged user, as the Dockerfile does.
 */
export function assembledDir(): string {
  let dir = process.env.DEPLOY_DIR;
  if (!dir) {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "ecustomer-deploy-"));
    dir = path.join(parent, "app");
    execFileSync("sh", [path.join(REPO_ROOT, "scripts/deploy/assemble-standalone.sh"), dir], { stdio: "inherit" });
    process.env.DEPLOY_DIR = dir;
  }
  if (!fs.existsSync(path.join(dir, "server.js"))) throw new Error(`${dir} holds no assembled server (server.js)`);
  return dir;
}

/** A copy of the assembled folder with a data folder of its own (each instance group gets one). */
export function freshCopy(source: string, label: string): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), `ecustomer-${label}-`));
  const dir = path.join(parent, "app");
  execFileSync("cp", ["-R", source, dir]);
  fs.chmodSync(parent, 0o755);
  handDataFolderTo(dir);
  return dir;
}

const isRoot = process.getuid?.() === 0;

function handDataFolderTo(dir: string): void {
  const data = path.join(dir, ".data");
  fs.mkdirSync(data, { recursive: true });
  if (isRoot) execFileSync("chown", ["-R", `${RUN_AS}:nogroup`, data]);
}

/** Who the servers run as: nobody when this process is root (CI), else this user (a developer's machine). */
export function runsAs(): string {
  return isRoot ? RUN_AS : os.userInfo().username;
}

export type Instance = { name: string; url: string; port: number; dir: string; child: ChildProcess; output: string[]; stop(): Promise<void> };

let nextPort = Number(process.env.DEPLOY_PORT_BASE || 3700);

// The servers run detached (their own process group, stopped as a group); if this process ends first, they go too.
const running = new Set<number>();
process.once("exit", () => {
  for (const pid of running) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      /* gone already */
    }
  }
});

/**
 * Starts `node server.js` in `dir` as the unprivileged user, with exactly `env` (plus PATH, HOME and the port): no
 * variable of this process leaks into it. Resolves once /api/health answers 200. `host` is the loopback address it
 * listens on (HOSTNAME).
 */
export async function startInstance(name: string, dir: string, env: Record<string, string>, host = "127.0.0.1"): Promise<Instance> {
  const port = nextPort++;
  const url = `http://${host}:${port}`;
  const environment: Record<string, string> = {
    PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`,
    HOME: os.tmpdir(),
    NODE_ENV: "production",
    PORT: String(port),
    HOSTNAME: host,
    AUTH_URL: url,
    ...env,
  };
  const pairs = Object.entries(environment).map(([key, value]) => `${key}=${value}`);
  const command = isRoot ? "setpriv" : "env";
  const args = isRoot
    ? [`--reuid=${RUN_AS}`, "--regid=nogroup", "--clear-groups", "env", "-i", ...pairs, process.execPath, "server.js"]
    : ["-i", ...pairs, process.execPath, "server.js"];
  const child = spawn(command, args, { cwd: dir, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim()) output.push(`[${name}] ${line}`);
    if (output.length > 400) output.splice(0, output.length - 400);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let exited = false;
  running.add(child.pid!);
  child.on("exit", () => {
    exited = true;
    running.delete(child.pid!);
  });
  const stop = async () => {
    // DEPLOY_VERBOSE=1: what each server printed, at its stop.
    if (process.env.DEPLOY_VERBOSE === "1") console.log(output.join("\n"));
    if (exited) return;
    const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* gone already */
      }
    }, 5000);
    await gone;
    clearTimeout(timer);
  };
  const instance: Instance = { name, url, port, dir, child, output, stop };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited) throw new Error(`${name} exited before it was healthy:\n${output.join("\n")}`);
    const status = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) }).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return instance;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} was not healthy within 90 s (last status ${status}):\n${output.join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Waits for `condition` (polled every 100 ms) up to `ms`; a message says what was awaited when it never came. */
export async function until<T>(what: string, condition: () => T | undefined | false | Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export type EdgeServices = { s3: Awaited<ReturnType<typeof startS3Server>>; resend: FakeResend; stop(): Promise<void> };

/** s3rver (a real S3-protocol server) and the fake Resend, both on loopback ports of this process. */
export async function startEdgeServices(options: { resendDelayMs?: number } = {}): Promise<EdgeServices> {
  const s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecustomer-deploy-s3-"));
  const s3 = await startS3Server(s3Dir);
  const resend = await startFakeResend({ delayMs: options.resendDelayMs });
  return {
    s3,
    resend,
    async stop() {
      await Promise.all([s3.stop(), resend.close()]);
      fs.rmSync(s3Dir, { recursive: true, force: true });
    },
  };
}

/** The production environment of the README's table, for a PostgreSQL + S3 + Resend deployment. */
export function productionEnv(databaseUrl: string, edge: EdgeServices, extra: Record<string, string> = {}): Record<string, string> {
  const s3 = edge.s3.config;
  return {
    DATABASE_URL: databaseUrl,
    DATABASE_MIGRATE_ON_START: "1",
    DATABASE_POOL_MAX: "5",
    AUTH_SECRET,
    CRON_SECRET,
    RESEND_API_KEY: "re_deploy_smoke",
    RESEND_BASE_URL: edge.resend.baseUrl,
    BLOB_STORE: "s3",
    S3_BUCKET: s3.bucket,
    S3_REGION: s3.region ?? "us-east-1",
    S3_ENDPOINT: s3.endpoint ?? "",
    S3_ACCESS_KEY_ID: s3.accessKeyId ?? "",
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey ?? "",
    S3_FORCE_PATH_STYLE: "1",
    // One reverse proxy in front (the smoke stands in for it): each client's address is its X-Forwarded-For.
    TRUSTED_PROXY_HOPS: "1",
    // Test speed only (README: the production default is 17).
    PASSWORD_SCRYPT_LOG_N: "14",
    ...extra,
  };
}

/**
 * The demo data (SPEC X-2) seeded into a PostgreSQL database by the repository's own command, its files into s3rver.
 * Not spawnSync: s3rver answers from this process's event loop.
 */
export async function seedDemo(databaseUrl: string, edge: EdgeServices): Promise<void> {
  const env = { ...process.env, ...productionEnv(databaseUrl, edge), DATABASE_MIGRATE_ON_START: "" };
  const child = spawn(process.execPath, [path.join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/db.ts", "seed"], {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`db:seed failed (exit ${code}):\n${output}`);
}

/** `pdffonts` (poppler-utils) on a PDF: the font lines, to check that the Japanese font is embedded. */
export function pdfFonts(pdf: Uint8Array): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ecustomer-pdf-")), "doc.pdf");
  fs.writeFileSync(file, pdf);
  return execFileSync("pdffonts", [file], { encoding: "utf8" });
}

/** Cookies of a response as a `Cookie` header value (name=value pairs), filtered by name. */
export function cookiesOf(response: Response, pattern: RegExp = /./): string {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!.trim())
    .filter((pair) => pattern.test(pair.slice(0, pair.indexOf("="))))
    .join("; ");
}

/**
 * Submits the form of `pagePath` whose markup contains `text` (e.g. the header's 「ログアウト」 button) as a browser
 * without JavaScript does: its hidden fields (the server action's id among them) plus `fields`.
 */
export async function submitFormContaining(
  baseUrl: string,
  pagePath: string,
  text: string,
  cookie: string,
  fields: Record<string, string> = {},
): Promise<Response> {
  const page = await fetch(new URL(pagePath, baseUrl), { redirect: "manual", headers: { cookie } });
  const html = await page.text();
  const form = [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)].map((m) => m[0]).find((f) => f.includes(text));
  if (!form) throw new Error(`no form containing "${text}" on ${pagePath} (HTTP ${page.status})`);
  const data = new FormData();
  for (const [input] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = /\sname="([^"]*)"/.exec(input)?.[1];
    if (name && !(name in fields) && /type="hidden"/.test(input)) data.append(name, (/\svalue="([^"]*)"/.exec(input)?.[1] ?? "").replace(/&amp;/g, "&"));
  }
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return fetch(new URL(pagePath, baseUrl), { method: "POST", redirect: "manual", headers: { origin: new URL(baseUrl).origin, cookie }, body: data });
}
