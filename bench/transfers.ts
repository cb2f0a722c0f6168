// Bench lines: large transfers through the app, measured in bytes per second and the server's peak memory,
// not in requests per second (bench/scenarios.ts). Run by bench/run.ts after the scenarios, on the same server:
//
// upload-large    one POST of --upload-mb MiB (default 2,048) to G-4's /admin/files/upload as operator@, streamed
//                 into the local blob store: MB/s, the server's peak RSS during the upload, and the SHA-256 the
//                 server computed against the client's.
// download-large  a --download-mb MiB file (default 1,024, uploaded the same way, then published on D-4) fetched
//                 through /downloads/files/<id> as bench50@ over 4 connections, each twice; the same file fetched the
//                 same way from bench/plain-file-server.mjs (fs.createReadStream, nothing else) in the same run: the
//                 app's MB/s as a ratio to it, and both servers' peak RSS.
//
// Peak RSS is VmHWM of every process of the server's process group, reset before each measurement by writing 5 to
// /proc/<pid>/clear_refs (Linux), summed over the group.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import type { Sql } from "postgres";
import { signIn } from "./scenarios";
import { signInStaff } from "./staff-sign-in";

export const TRANSFERS = ["upload-large", "download-large"] as const;
export type TransferName = (typeof TRANSFERS)[number];

export type TransferContext = {
  baseUrl: string;
  sql: Sql;
  /** The server's process group (bench/run.ts starts it with setsid). */
  serverPgid: number;
  customer: { email: string; password: string };
  staff: { email: string; password: string };
  downloadMiB: number;
  uploadMiB: number;
  log: (line: string) => void;
};

export type TransferOutcome = { name: TransferName; line: string; figures: Record<string, number>; error?: string };

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const WORKER = path.join(ROOT, "bench", "transfer-worker.mjs");
const PLAIN_SERVER = path.join(ROOT, "bench", "plain-file-server.mjs");
const MiB = 1 << 20;
const CONNECTIONS = 4;
const PER_CONNECTION = 2;

/** The processes of a process group (from /proc/<pid>/stat's fifth field). */
function groupPids(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid) pids.push(Number(entry));
    } catch {
      /* gone meanwhile */
    }
  }
  return pids;
}

/** A /proc/<pid>/status figure in MiB, summed over the processes. */
function statusMiB(pids: number[], field: "VmHWM" | "VmRSS"): number {
  return pids.reduce((sum, pid) => {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return sum + (match ? Number(match[1]) / 1024 : 0);
  }, 0);
}

/** Starts a peak-RSS window over the given processes: their RSS now, and a function that reads the peak since (MiB, summed). */
function peakRss(pids: number[]): { before: number; peak: () => number } {
  for (const pid of pids) fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
  return { before: statusMiB(pids, "VmRSS"), peak: () => statusMiB(pids, "VmHWM") };
}

function runWorker<T>(config: Record<string, unknown>): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, JSON.stringify(config)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as T) : reject(new Error(`transfer-worker exited with ${code}`))));
  });
}

type UploadResult = { bytes: number; seconds: number; status: number; sha256: string; answer: string };
type DownloadResult = { bytes: number; seconds: number; downloads: number; statusCodes: Record<string, number>; short: number };

const mbps = (bytes: number, seconds: number) => bytes / MiB / seconds;

async function upload(ctx: TransferContext, cookie: string, mib: number, title: string): Promise<{ id: number; result: UploadResult }> {
  const query = new URLSearchParams({
    menu: "pattern",
    product: "ベンチ転送",
    version: `${mib}MiB`,
    title,
    releaseDate: "2026-12-01",
    fileName: `bench-${mib}mib.bin`,
  });
  const result = await runWorker<UploadResult>({
    mode: "upload",
    url: `${ctx.baseUrl}/admin/files/upload?${query}`,
    bytes: mib * MiB,
    headers: { cookie, origin: new URL(ctx.baseUrl).origin },
  });
  if (result.status !== 201) throw new Error(`upload answered HTTP ${result.status}: ${result.answer.slice(0, 300)}`);
  const answer = JSON.parse(result.answer) as { id: number; size: number; sha256: string };
  if (answer.size !== result.bytes || answer.sha256 !== result.sha256)
    throw new Error(`the server stored ${answer.size} bytes with SHA-256 ${answer.sha256}; the client sent ${result.bytes} with ${result.sha256}`);
  return { id: answer.id, result };
}

/** Runs the selected transfers; the files they store are deleted (rows and blobs) before it returns. */
export async function runTransfers(ctx: TransferContext, wanted: ReadonlySet<TransferName>): Promise<TransferOutcome[]> {
  const outcomes: TransferOutcome[] = [];
  const made: number[] = [];
  const pids = groupPids(ctx.serverPgid);
  if (!pids.length) throw new Error(`no process in the server's group ${ctx.serverPgid}`);
  try {
    const staff = await signInStaff(ctx.baseUrl, ctx.staff.email, ctx.staff.password);

    if (wanted.has("upload-large")) {
      try {
        ctx.log(`transfer upload-large: POST ${ctx.uploadMiB} MiB to /admin/files/upload`);
        const rss = peakRss(pids);
        const { id, result } = await upload(ctx, staff, ctx.uploadMiB, "ベンチ転送（アップロード）");
        made.push(id);
        const figures = {
          mib: ctx.uploadMiB,
          seconds: result.seconds,
          mbPerSec: mbps(result.bytes, result.seconds),
          serverRssBeforeMiB: rss.before,
          serverPeakRssMiB: rss.peak(),
        };
        outcomes.push({
          name: "upload-large",
          figures,
          line:
            `upload-large: ${ctx.uploadMiB.toLocaleString("en-US")} MiB in ${figures.seconds.toFixed(1)} s = ${figures.mbPerSec.toFixed(0)} MiB/s; ` +
            `server peak RSS ${figures.serverPeakRssMiB.toFixed(0)} MiB (${rss.before.toFixed(0)} MiB before); SHA-256 matches the client's`,
        });
      } catch (error) {
        outcomes.push({ name: "upload-large", figures: {}, line: "upload-large: failed", error: (error as Error).message });
      }
    }

    if (wanted.has("download-large")) {
      try {
        ctx.log(`transfer download-large: uploading the ${ctx.downloadMiB} MiB file, publishing it on D-4`);
        const { id } = await upload(ctx, staff, ctx.downloadMiB, "ベンチ転送（ダウンロード）");
        made.push(id);
        const [row] = await ctx.sql<
          { storage_key: string }[]
        >`UPDATE download_files SET status = 'published', published_at = now() WHERE id = ${id} RETURNING storage_key`;
        const file = path.join(blobDir(), ...row!.storage_key.split("/"));
        const customer = await signIn(ctx.baseUrl, ctx.customer.email, ctx.customer.password);
        const config = { mode: "download", connections: CONNECTIONS, perConnection: PER_CONNECTION, expectBytes: ctx.downloadMiB * MiB };

        const appWindow = peakRss(pids);
        const app = await runWorker<DownloadResult>({ ...config, url: `${ctx.baseUrl}/downloads/files/${id}`, headers: { cookie: customer } });
        const appRss = appWindow.peak();
        if (app.short || app.statusCodes["200"] !== app.downloads) throw new Error(`the app answered ${JSON.stringify(app.statusCodes)}, ${app.short} short`);

        const plain = await withPlainServer(file, async (url, pid) => {
          const plainWindow = peakRss([pid]);
          const result = await runWorker<DownloadResult>({ ...config, url });
          return { result, rss: plainWindow.peak() };
        });
        if (plain.result.short) throw new Error(`the plain server sent ${plain.result.short} short answers`);
        const figures = {
          mib: ctx.downloadMiB,
          connections: CONNECTIONS,
          downloads: app.downloads,
          mbPerSec: mbps(app.bytes, app.seconds),
          plainMbPerSec: mbps(plain.result.bytes, plain.result.seconds),
          ratio: mbps(app.bytes, app.seconds) / mbps(plain.result.bytes, plain.result.seconds),
          serverRssBeforeMiB: appWindow.before,
          serverPeakRssMiB: appRss,
          plainPeakRssMiB: plain.rss,
        };
        outcomes.push({
          name: "download-large",
          figures,
          line:
            `download-large: ${ctx.downloadMiB.toLocaleString("en-US")} MiB × ${app.downloads} over ${CONNECTIONS} connections: ` +
            `app ${figures.mbPerSec.toFixed(0)} MiB/s, plain fs.createReadStream server ${figures.plainMbPerSec.toFixed(0)} MiB/s ` +
            `(${figures.ratio.toFixed(2)}×); server peak RSS ${appRss.toFixed(0)} MiB ` +
            `(${appWindow.before.toFixed(0)} MiB before; plain server ${plain.rss.toFixed(0)} MiB)`,
        });
      } catch (error) {
        outcomes.push({ name: "download-large", figures: {}, line: "download-large: failed", error: (error as Error).message });
      }
    }
  } finally {
    if (made.length) {
      const rows = await ctx.sql<{ storage_key: string }[]>`DELETE FROM download_files WHERE id IN ${ctx.sql(made)} RETURNING storage_key`;
      for (const row of rows) fs.rmSync(path.join(blobDir(), ...row.storage_key.split("/")), { force: true });
    }
  }
  return outcomes;
}

/** The folder the server's local blob store uses: bench/run.ts sets BLOB_DIR for itself and the server alike. */
function blobDir(): string {
  if (!process.env.BLOB_DIR) throw new Error("BLOB_DIR is not set");
  return process.env.BLOB_DIR;
}

async function withPlainServer<T>(file: string, measure: (url: string, pid: number) => Promise<T>): Promise<T> {
  const child = spawn(process.execPath, [PLAIN_SERVER, file], { stdio: ["pipe", "pipe", "inherit"] });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout! }).once("line", resolve);
      child.once("exit", (code) => reject(new Error(`plain-file-server exited with ${code}`)));
    });
    const { port } = JSON.parse(line) as { port: number };
    return await measure(`http://127.0.0.1:${port}/file`, child.pid!);
  } finally {
    child.kill("SIGTERM");
  }
}
