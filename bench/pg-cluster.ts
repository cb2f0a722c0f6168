// A throwaway PostgreSQL cluster for `npm run bench` (STACK.md "Starting PostgreSQL from a script"): initdb into a
// fresh temporary folder owned by `postgres`, pg_ctl start on a free local port, pg_ctl stop + removal at the end.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { assertLocalDatabaseUrl as assertLocal } from "../db/local-url";

/** `halt`/`resume`: the server stopped (fast: sessions ended) and started again, as in a restart, without blocking. */
export type Cluster = { url: string; port: number; dir: string; stop: () => void; halt: () => Promise<void>; resume: () => Promise<void> };

/** The benchmark truncates and bulk-loads: refuse anything but a database on this machine. */
export function assertLocalDatabaseUrl(url: string): void {
  assertLocal(url, "benchmark against");
}

export function pgBinDir(): string {
  if (process.env.PGBIN) return process.env.PGBIN;
  const debian = "/usr/lib/postgresql";
  if (fs.existsSync(debian)) {
    const versions = fs
      .readdirSync(debian)
      .filter((v) => /^\d+$/.test(v) && fs.existsSync(path.join(debian, v, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(debian, versions[0], "bin");
  }
  try {
    return execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("PostgreSQL binaries not found: install the `postgresql` package or set PGBIN (or set DATABASE_URL).");
  }
}

export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

export async function findFreePort(start: number, host = "127.0.0.1"): Promise<number> {
  for (let port = start; port < start + 200; port++) if (await isPortFree(port, host)) return port;
  throw new Error(`No free port in ${start}..${start + 199}`);
}

/** Runs a PostgreSQL binary as `postgres` when we are root (initdb refuses root), else as ourselves. */
function runPg(bin: string, args: string[], label: string): void {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  const result = spawnSync(cmd, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (result.status !== 0) {
    throw new Error(`${label} failed (exit ${result.status ?? result.signal}):\n${result.stdout ?? ""}${result.stderr ?? result.error?.message ?? ""}`);
  }
}

/** runPg without blocking the event loop (servers of this process, e.g. a test's, go on answering meanwhile). */
function runPgAsync(bin: string, args: string[], label: string): Promise<void> {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: "ignore" });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${label} failed (exit ${code})`))));
  });
}

export type ClusterOptions = { port: number; log: (line: string) => void };

export async function startCluster({ port, log }: ClusterOptions): Promise<Cluster> {
  const bin = pgBinDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecp-bench-pg-"));
  const data = path.join(dir, "data");
  fs.mkdirSync(data, { mode: 0o700 });
  if (process.getuid?.() === 0) execFileSync("chown", ["-R", "postgres:postgres", dir]);
  let started = false;
  const stop = () => {
    if (started) {
      started = false;
      try {
        runPg(path.join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"], "pg_ctl stop");
        log(`PostgreSQL stopped (${dir})`);
      } catch (error) {
        log(`warning: ${(error as Error).message}`);
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    runPg(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], "initdb");
    // Throwaway bench cluster only: durability off (fsync, synchronous_commit), room for the bulk load.
    const settings = [
      `-p ${port}`,
      `-k ${dir}`,
      "-c listen_addresses=127.0.0.1",
      "-c shared_buffers=1GB",
      "-c max_wal_size=4GB",
      "-c synchronous_commit=off",
      "-c fsync=off",
      "-c max_connections=200",
    ].join(" ");
    const startArgs = ["-D", data, "-l", path.join(dir, "postgres.log"), "-o", settings, "-w", "-t", "60", "start"];
    runPg(path.join(bin, "pg_ctl"), startArgs, "pg_ctl start");
    started = true;
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    log(`PostgreSQL started on 127.0.0.1:${port} (data ${data})`);
    const halt = () => runPgAsync(path.join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"], "pg_ctl stop");
    const resume = () => runPgAsync(path.join(bin, "pg_ctl"), startArgs, "pg_ctl start");
    return { url, port, dir, stop, halt, resume };
  } catch (error) {
    stop();
    throw error;
  }
}
