// The app under test: its production build, and `setsid node …/next start` in a process group of its own, stopped by
// group (STACK.md), warmed up before anything is measured.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { log, onCleanup, ROOT, track } from "./lifecycle";
import { runLoad } from "./load";
import { findFreePort, isPortFree } from "./pg-cluster";

const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
export const AUTH_SECRET = "bench-auth-secret-not-for-production-0123456789abcdef";

export function serverEnv(databaseUrl: string, baseUrl?: string): NodeJS.ProcessEnv {
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

function runToCompletion(command: string, args: string[], env: NodeJS.ProcessEnv, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // stdout of the child goes to our stderr: stdout carries only the results table.
    const child = track(spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", process.stderr, process.stderr] }));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${label} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

/**
 * `next build`, with the bench database in the environment in case a page is prerendered; none with `--seed-only`,
 * nor with `--skip-build` when a build exists. Returns its seconds, or null when it did not run.
 */
export async function buildApp(databaseUrl: string, { skipBuild, seedOnly }: { skipBuild: boolean; seedOnly: boolean }): Promise<number | null> {
  const hasBuild = fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"));
  if (skipBuild && hasBuild) {
    log("--skip-build: using the existing .next build");
    return null;
  }
  if (seedOnly) return null;
  if (skipBuild) log("--skip-build given but no .next/BUILD_ID: building");
  log("next build");
  const started = performance.now();
  await runToCompletion(process.execPath, [NEXT_BIN, "build"], serverEnv(databaseUrl), "next build");
  const seconds = (performance.now() - started) / 1000;
  log(`next build done in ${seconds.toFixed(1)} s`);
  return seconds;
}

export type Server = { baseUrl: string; logFile: string; pgid: number; stop: () => Promise<void> };

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
    // One trusted proxy hop: login-flood's X-Forwarded-For addresses are the clients'.
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

export type ServerOptions = { port?: number; serverWarmup: number; connections: number };

/** `next start` on `--port` or the first free port from 3400, its log in `logDir`, then `--server-warmup`. */
export async function startWarmServer(options: ServerOptions, databaseUrl: string, logDir: string): Promise<Server> {
  const port = options.port ?? (await findFreePort(3400));
  if (!(await isPortFree(port))) throw new Error(`--port ${port} is in use`);
  log(`next start on port ${port}`);
  const server = await startServer(port, databaseUrl, logDir);
  // A fresh server compiles its rendering path on the first requests: load the top page (a full server render)
  // before anything is measured, so that the first measured page scenario does not pay for it.
  if (options.serverWarmup > 0) {
    log(`server warm-up: GET / for ${options.serverWarmup} s`);
    await runLoad("server-warmup", server.baseUrl, { path: "/" }, { connections: options.connections, warmup: 0, duration: options.serverWarmup });
  }
  return server;
}
