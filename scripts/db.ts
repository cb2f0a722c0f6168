// npm run db:migrate | db:seed | db:reset — on PostgreSQL when DATABASE_URL is set, else on the PGlite folder.
// Run with `tsx --conditions=react-server` (package.json does): db/ and lib/ start with `import "server-only"`, which
// throws unless the react-server condition picks its empty entry. Nothing else this script loads has that condition.
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { closeDb, databaseEngine, DEFAULT_PGLITE_DIR, getHandle, migrateDatabase } from "../db/client";
import { seedDemo, seedDemoIfEmpty } from "../lib/demo/seed";
import { acquireFolderLock } from "../db/folder-lock";
import { assertLocalDatabaseUrl } from "../db/local-url";

const command = process.argv[2];

function assertLocalDatabase(url: string) {
  if (process.env.ALLOW_REMOTE_RESET === "1") return;
  assertLocalDatabaseUrl(url, "reset", "set ALLOW_REMOTE_RESET=1 if you really mean it");
}

async function main() {
  const engine = databaseEngine();
  // The PGlite client migrates and seeds on open by itself; these commands say explicitly what they do.
  process.env.DB_AUTO_SEED = "0";
  if (command === "reset") {
    if (engine === "postgres") {
      assertLocalDatabase(process.env.DATABASE_URL!);
      const { db } = await getHandle();
      await db.execute(sql`DROP SCHEMA IF EXISTS public CASCADE`);
      await db.execute(sql`DROP SCHEMA IF EXISTS drizzle CASCADE`);
      await db.execute(sql`CREATE SCHEMA public`);
      await migrateDatabase(db, engine);
    } else {
      const dir = path.resolve(process.env.PGLITE_DIR || DEFAULT_PGLITE_DIR);
      // Refuse while a server holds the folder; take and drop the lock around the removal.
      acquireFolderLock(dir).release();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const { db } = await getHandle();
    await seedDemo(db);
    console.log(`Database reset and seeded with the demo data (${engine}).`);
  } else if (command === "migrate") {
    const { db } = await getHandle();
    await migrateDatabase(db, engine);
    console.log(`Migrations applied (${engine}).`);
  } else if (command === "seed") {
    const { db } = await getHandle();
    if (engine === "postgres") await migrateDatabase(db, engine);
    console.log((await seedDemoIfEmpty(db)) ? `Demo data seeded (${engine}).` : `The database already holds data; nothing seeded (${engine}).`);
  } else {
    console.error("usage: npm run db:migrate | db:seed | db:reset (tsx --conditions=react-server scripts/db.ts migrate|seed|reset)");
    process.exitCode = 2;
  }
  await closeDb();
}

main().catch((error) => {
  const cause = error instanceof Error && error.cause instanceof Error ? `\n  cause: ${error.cause.message}` : "";
  console.error(`${error instanceof Error ? error.message : String(error)}${cause}`);
  process.exit(1);
});
