// STACK.md: PGlite does not lock its folder, so the app takes an exclusive lock (`<folder>.lock`, DatabaseLockedError):
// a second server on a folder that a running server holds must refuse to start instead of silently losing writes.
// The no-mailbox server (3101) always runs on its own PGlite folder, also in CI's PostgreSQL run, so this always runs.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { createRequire } from "node:module";
import { expect, test } from "./test";
import { NO_MAILBOX, REPO_ROOT, readServerState } from "./servers";

const require = createRequire(import.meta.url);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

test.describe("PGlite フォルダのロック", () => {
  test("別のサーバが使用中のフォルダでは起動せず、既存のサーバは動き続ける", async ({ request }) => {
    test.setTimeout(90_000);
    const holder = readServerState(NO_MAILBOX.port);
    expect(holder.engine).toBe("pglite");
    const folder = holder.pgliteDir!;
    expect(fs.existsSync(`${folder}.lock`), `the running server holds ${folder}.lock`).toBe(true);
    expect((await request.get(`${NO_MAILBOX.url}/api/health`)).status()).toBe(200);

    const port = await freePort();
    const second = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: REPO_ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        DATABASE_URL: "",
        PGLITE_DIR: folder,
        DEV_MAILBOX: "",
        RESEND_API_KEY: "",
        PORT: "",
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        AUTH_SECRET: process.env.AUTH_SECRET || "e2e-only-auth-secret-0123456789abcdefghijklmnop",
        AUTH_TRUST_HOST: "true",
        AUTH_URL: `http://127.0.0.1:${port}`,
        NO_COLOR: "1",
        FORCE_COLOR: "0",
      },
    });
    let output = "";
    second.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    second.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | string>((resolve) => second.once("exit", (code, signal) => resolve(code ?? String(signal))));

    let result: number | string | "still running";
    try {
      result = await Promise.race([exited, new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), 60_000))]);
    } finally {
      // Whatever happened, leave no second server behind (its whole process group: next and next-server).
      try {
        process.kill(-second.pid!, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
    expect(result, `the second server must exit on its own within 60 s; its output:\n${output}`).not.toBe("still running");
    expect(result, `exit code of the second server; its output:\n${output}`).not.toBe(0);
    expect(output).toContain("already in use");

    // The first server keeps its folder, its lock and its data.
    expect(fs.existsSync(`${folder}.lock`)).toBe(true);
    const health = await request.get(`${NO_MAILBOX.url}/api/health`);
    expect(health.status()).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: "up" });
    expect((await request.get(`${NO_MAILBOX.url}/`)).status()).toBe(200);
  });
});
