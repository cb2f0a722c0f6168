import type { TestProject } from "vitest/node";
import { assertLocalDatabaseUrl, TEMPLATE_DATABASE, withDatabase } from "./local-database";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string | null;
    baseDatabaseUrl: string | null;
  }
}

// On PostgreSQL: migrate one template database once; every test file then clones it (CREATE DATABASE … TEMPLATE),
// which takes ~100 ms instead of re-running the migrations.
export default async function setup(project: TestProject) {
  const base = process.env.DATABASE_URL;
  if (!base) {
    project.provide("templateDatabaseUrl", null);
    project.provide("baseDatabaseUrl", null);
    return;
  }
  const url = assertLocalDatabaseUrl(base);
  const { default: postgres } = await import("postgres");
  const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();

  const templateUrl = withDatabase(url, TEMPLATE_DATABASE);
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const client = postgres(templateUrl, { max: 1, onnotice: () => {} });
  await migrate(drizzle(client), { migrationsFolder: "db/migrations" });
  await client.end();

  project.provide("templateDatabaseUrl", templateUrl);
  project.provide("baseDatabaseUrl", url.toString());
  return async () => {
    const cleanup = postgres(url.toString(), { max: 1, onnotice: () => {} });
    await cleanup.unsafe(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await cleanup.end();
  };
}
