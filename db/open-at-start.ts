import "server-only";
import { getHandle } from "./client";
import { DatabaseLockedError } from "./folder-lock";

/**
 * Opens the database when a server starts. On the embedded database this takes the folder's exclusive lock,
 * migrates and runs the open hook (the demo seed of an empty folder, set by instrumentation.ts), so that a second
 * server on the same folder stops at start with a clear
 * message instead of failing later on its first request (or, worse, losing writes).
 */
export async function openDatabaseAtStart(): Promise<void> {
  try {
    const { engine } = await getHandle();
    console.log(`[db] ${engine === "pglite" ? `embedded database (PGlite) at ${process.env.PGLITE_DIR || ".data/pglite"}` : "PostgreSQL"} ready`);
  } catch (error) {
    if (error instanceof DatabaseLockedError) {
      console.error(`\n[db] ${error.message}\n`);
      process.exit(1);
    }
    // PostgreSQL may come up after the app (containers): start anyway; /api/health reports it as down.
    console.error("[db] the database could not be opened at start:", error instanceof Error ? error.message : error);
  }
}
