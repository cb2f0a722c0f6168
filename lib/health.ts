import "server-only";
import { sql } from "drizzle-orm";
import { databaseEngine, getDb } from "@/db/client";

export type Health = { status: "ok" | "degraded"; database: "up" | "down"; engine: string; latencyMs: number };

/** reachability of the database, for load balancers, uptime checks and the bench baseline. */
export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  try {
    const db = await getDb();
    await db.execute(sql`SELECT 1`);
    return { status: "ok", database: "up", engine: databaseEngine(), latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    console.error("[health] database unreachable", error instanceof Error ? error.message : error);
    return { status: "degraded", database: "down", engine: databaseEngine(), latencyMs: Math.round(performance.now() - started) };
  }
}
