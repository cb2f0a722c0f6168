import { spawn } from "node:child_process";
import path from "node:path";

export type ScriptResult = { code: number | null; stdout: string; stderr: string };

/**
 * Runs one of the project's scripts as `npm run …` does (tsx with the react-server condition), on a PGlite folder of
 * its own (`pgliteDir`, created by its first run) or on this test file's PostgreSQL database when DATABASE_URL is set.
 */
export function runScript(script: string, args: string[], pgliteDir: string): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(process.cwd(), "node_modules", ".bin", "tsx"), ["--conditions=react-server", script, ...args], {
      env: { ...process.env, ...(process.env.DATABASE_URL ? {} : { PGLITE_DIR: pgliteDir }) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
