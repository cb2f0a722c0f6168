import "server-only";
import { setEmbeddedOpenHook } from "@/db/client";

/**
 * SPEC X-2: an empty embedded database (PGlite) is seeded with the demo data when a server opens it, so that
 * `npm run demo` and every e2e server on a fresh folder start with the demo accounts. DB_AUTO_SEED=0 turns it off.
 * instrumentation.ts calls this before it opens the database; PostgreSQL is never seeded implicitly.
 */
export function enableDemoAutoSeed(): void {
  setEmbeddedOpenHook(async (db) => {
    if (process.env.DB_AUTO_SEED === "0") return;
    const { seedDemoIfEmpty } = await import("./seed");
    await seedDemoIfEmpty(db);
  });
}
