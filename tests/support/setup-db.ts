import { randomBytes } from "node:crypto";
import { afterAll, afterEach, inject } from "vitest";
import { closeDb } from "@/db/client";
import { resetClock } from "@/lib/clock";
import { TEMPLATE_DATABASE, withDatabase } from "./local-database";

// Each test file gets a database of its own: in-memory PGlite, or a PostgreSQL clone of the migrated template.
const base = inject("baseDatabaseUrl");
let fileDatabase: string | undefined;

if (base) {
  const { default: postgres } = await import("postgres");
  fileDatabase = `ecs_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${fileDatabase} TEMPLATE ${TEMPLATE_DATABASE}`);
  await admin.end();
  process.env.DATABASE_URL = withDatabase(new URL(base), fileDatabase);
} else {
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DIR = "memory://";
}

afterEach(() => resetClock());

afterAll(async () => {
  await closeDb();
  if (base && fileDatabase) {
    const { default: postgres } = await import("postgres");
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${fileDatabase} WITH (FORCE)`);
    await admin.end();
  }
});
