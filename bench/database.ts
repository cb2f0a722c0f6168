// The bench database: the given DATABASE_URL (local only) or a throwaway cluster (bench/pg-cluster.ts), migrated and
// holding the SPEC X-2 demo data, then the scale data (bench/scale-seed.ts); and the query plans of the scenarios.
import postgres, { type Sql } from "postgres";
import { log, onCleanup } from "./lifecycle";
import type { ScenarioOutcome } from "./load";
import { assertLocalDatabaseUrl, type Cluster, findFreePort, isPortFree, startCluster } from "./pg-cluster";
import { BENCH_COMPANY_PREFIX, type ScaleSummary, seedBenchAccounts, seedScale } from "./scale-seed";
import { benchAccounts, type Scenario, type ScenarioContext } from "./scenarios";

export type BenchDatabase = { url: string; sql: Sql; version: string; throwaway: boolean };

/** DATABASE_URL, or else a cluster of this run on `--pg-port` or the first free port from 5434; closed at the end. */
export async function openDatabase(pgPort: number | undefined): Promise<BenchDatabase> {
  let databaseUrl = process.env.DATABASE_URL;
  let cluster: Cluster | undefined;
  if (databaseUrl) {
    assertLocalDatabaseUrl(databaseUrl);
    log(`using DATABASE_URL (${new URL(databaseUrl).host})`);
  } else {
    const port = pgPort ?? (await findFreePort(5434));
    if (!(await isPortFree(port))) throw new Error(`--pg-port ${port} is in use`);
    cluster = await startCluster({ port, log });
    onCleanup("postgres", () => cluster?.stop());
    databaseUrl = cluster.url;
  }
  const sql: Sql = postgres(databaseUrl, { max: 8, onnotice: () => {}, idle_timeout: 10 });
  onCleanup("postgres client", () => sql.end({ timeout: 5 }));
  const [{ version } = { version: "?" }] = await sql<{ version: string }[]>`SELECT current_setting('server_version') AS version`;
  return { url: databaseUrl, sql, version, throwaway: Boolean(cluster) };
}

/** Migrations and the SPEC X-2 demo data (catalog, notices, demo contracts) through the app's own code. */
export async function prepareDatabase(databaseUrl: string) {
  log("migrating and seeding the demo data");
  process.env.DATABASE_URL = databaseUrl;
  const { getHandle, migrateDatabase, closeDb } = await import("../db/client");
  const { seedDemoIfEmpty } = await import("../lib/demo/seed");
  try {
    const { db } = await getHandle();
    await migrateDatabase(db, "postgres");
    log((await seedDemoIfEmpty(db)) ? "demo data seeded (SPEC X-2)" : "demo data already present");
  } finally {
    await closeDb();
  }
}

/** What the report says of the scale data: this run's seed, or the data an earlier run left (`--reuse-data`). */
export type SeedRecord = (ScaleSummary & { skipped: false }) | { skipped: true; seconds: 0; existing: number };

/** Replaces the scale data with `contracts` contracts over `companies` companies. */
export async function seedContracts(databaseUrl: string, contracts: number, companies: number): Promise<ScaleSummary> {
  log(`seeding ${contracts} contracts over ${companies} companies`);
  // Own connections for the bulk load: JIT off (compiling the generator expressions costs more than running them).
  const seedSql = postgres(databaseUrl, { max: 4, onnotice: () => {}, connection: { jit: "off" } });
  const summary = await seedScale(seedSql, { contracts, companies, log }).finally(() => seedSql.end({ timeout: 5 }));
  log(
    `seed done in ${summary.seconds.toFixed(1)} s: ${summary.contracts} contracts, ${summary.contacts} contacts ` +
      `(${summary.addresses} c{n}@ addresses), ${summary.lines} product lines`,
  );
  return summary;
}

/** `--reuse-data`: the scale data stays, but the two sign-in accounts are made when it lacks them. */
export async function ensureBenchAccounts(sql: Sql): Promise<void> {
  const [accounts] = await sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM customer_accounts WHERE email IN (${benchAccounts.bench50}, ${benchAccounts.bench5000})`;
  if ((accounts?.n ?? 0) < 2) await seedBenchAccounts(sql);
}

export async function countBenchCompanies(sql: Sql): Promise<number | undefined> {
  const [companiesRow] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM companies WHERE name LIKE ${`${BENCH_COMPANY_PREFIX}%`}`;
  return companiesRow?.n;
}

/** `EXPLAIN (ANALYZE, BUFFERS)` of each scenario's hot queries (one may name several) on the scale data, into its outcome. */
export async function explainScenarios(list: Scenario[], outcomes: ScenarioOutcome[], ctx: ScenarioContext): Promise<void> {
  for (const scenario of list) {
    if (!scenario.explain) continue;
    const outcome = outcomes.find((o) => o.name === scenario.name)!;
    outcome.explain = [];
    let queries: string[] = [];
    try {
      const declared = typeof scenario.explain === "function" ? await scenario.explain(ctx) : scenario.explain;
      queries = Array.isArray(declared) ? declared : [declared];
    } catch (error) {
      outcome.explain.push({ sql: "", error: (error as Error).message });
    }
    for (const query of queries) {
      try {
        const rows = await ctx.sql.unsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE, BUFFERS) ${query}`);
        outcome.explain.push({ sql: query.trim(), plan: rows.map((r) => r["QUERY PLAN"]).join("\n") });
      } catch (error) {
        outcome.explain.push({ sql: query.trim(), error: (error as Error).message });
      }
    }
  }
}
