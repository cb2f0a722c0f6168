import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireFolderLock, DatabaseLockedError } from "@/db/folder-lock";

const dirs: string[] = [];
function tempFolder() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-lock-"));
  dirs.push(dir);
  return path.join(dir, "pglite");
}
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

// Another process trying the same folder: a child node process with the real lock code.
function lockFromAnotherProcess(folder: string) {
  const script = `import { acquireFolderLock } from ${JSON.stringify(path.resolve("db/folder-lock.ts"))};
    try { acquireFolderLock(${JSON.stringify(folder)}); console.log("locked"); } catch (e) { console.log(e.name + ": " + e.message); process.exit(3); }`;
  return spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
}

describe("PGlite folder lock (STACK.md: PGlite does not lock its folder)", () => {
  it("refuses a second process with a clear message while the first holds the folder", () => {
    const folder = tempFolder();
    const lock = acquireFolderLock(folder);
    const other = lockFromAnotherProcess(folder);
    expect(other.status).toBe(3);
    expect(other.stdout).toContain("DatabaseLockedError");
    expect(other.stdout).toContain(`${folder} is already in use by process ${process.pid}`);
    lock.release();
    expect(lockFromAnotherProcess(folder).stdout).toContain("locked");
  });

  it("takes over the lock of a process that no longer exists", () => {
    const folder = tempFolder();
    const dead = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    fs.writeFileSync(`${folder}.lock`, JSON.stringify({ pid: Number(dead.stdout.trim()) }));
    const lock = acquireFolderLock(folder);
    expect(JSON.parse(fs.readFileSync(`${folder}.lock`, "utf8")).pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(`${folder}.lock`)).toBe(false);
  });

  it("throws DatabaseLockedError for a live holder", () => {
    const folder = tempFolder();
    fs.writeFileSync(`${folder}.lock`, JSON.stringify({ pid: process.ppid }));
    expect(() => acquireFolderLock(folder)).toThrow(DatabaseLockedError);
  });
});
