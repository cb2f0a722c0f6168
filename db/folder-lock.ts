import "server-only";
import fs from "node:fs";
import os from "node:os";

export type FolderLock = { path: string; release: () => void };

export class DatabaseLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly holderPid: number,
  ) {
    super(
      `The embedded database folder ${folder} is already in use by process ${holderPid}. ` +
        `Only one server may use a PGlite folder at a time: stop the other server, or point PGLITE_DIR at another folder ` +
        `(or set DATABASE_URL to use PostgreSQL).`,
    );
    this.name = "DatabaseLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * An exclusive lock on a PGlite folder: `<folder>.lock` created with O_EXCL and holding the owner's pid. A lock whose
 * process is gone (crash, kill -9) is stale and taken over; a live owner makes this throw DatabaseLockedError.
 */
export function acquireFolderLock(folder: string): FolderLock {
  const lockPath = `${folder}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        try {
          const holder = JSON.parse(fs.readFileSync(lockPath, "utf8")) as { pid?: number };
          if (holder.pid === process.pid) fs.unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.on("exit", release);
      return { path: lockPath, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let holderPid = NaN;
    try {
      holderPid = Number((JSON.parse(fs.readFileSync(lockPath, "utf8")) as { pid?: number }).pid);
    } catch {
      // Unreadable or vanished lock file: treat as stale below.
    }
    if (Number.isInteger(holderPid) && holderPid !== process.pid && isAlive(holderPid)) {
      throw new DatabaseLockedError(folder, holderPid);
    }
    // Stale: move it aside atomically so that two starters cannot both take it over.
    try {
      fs.renameSync(lockPath, `${lockPath}.stale-${process.pid}`);
      fs.rmSync(`${lockPath}.stale-${process.pid}`, { force: true });
    } catch {
      // Another starter moved it first; retry the exclusive create.
    }
  }
  throw new Error(`Could not lock the embedded database folder ${folder}.`);
}
