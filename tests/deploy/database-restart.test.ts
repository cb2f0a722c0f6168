import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { findFreePort, startCluster, type Cluster } from "../../bench/pg-cluster";
import { assembledDir, freshCopy, productionEnv, startEdgeServices, startInstance, until, type EdgeServices, type Instance } from "./support";

// X-1, PostgreSQL restarted under load: the assembled server on a PostgreSQL cluster of the test's own, four clients
// asking for the top page (which reads the notices) without pause while the server stops, stays down and starts again.
// Requests fail fast instead of hanging (db/client.ts failFast), then get the 503 page (db/availability.ts, proxy.ts)
// until the database is back, and the site recovers by itself.

type Answer = { status: number; retryAfter: string | null; body: string; askedAt: number; answeredAt: number };
/** A request that has no answer after this long counts as hung (before failFast, some waited up to 17 s). */
const HUNG_MS = 10_000;

describe("a PostgreSQL restart", () => {
  let cluster: Cluster;
  let edge: EdgeServices;
  let instance: Instance;

  beforeAll(async () => {
    cluster = await startCluster({ port: await findFreePort(5800), log: () => {} });
    edge = await startEdgeServices();
    instance = await startInstance("restart", freshCopy(assembledDir(), "restart"), productionEnv(cluster.url, edge));
  });
  afterAll(async () => {
    await instance?.stop();
    await edge?.stop();
    cluster?.stop();
  });

  test("fails fast with a 503 page while the database is away, and recovers by itself", async () => {
    expect((await fetch(`${instance.url}/`)).status).toBe(200);
    const answers: Answer[] = [];
    let running = true;
    const client = async () => {
      while (running) {
        const askedAt = performance.now();
        try {
          const response = await fetch(`${instance.url}/`, { signal: AbortSignal.timeout(HUNG_MS), redirect: "manual" });
          const body = await response.text();
          answers.push({ status: response.status, retryAfter: response.headers.get("retry-after"), body, askedAt, answeredAt: performance.now() });
        } catch (error) {
          answers.push({ status: 0, retryAfter: null, body: (error as Error).name, askedAt, answeredAt: performance.now() });
        }
      }
    };
    const clients = Array.from({ length: 4 }, client);

    await cluster.halt();
    const first503 = await until("the 503 page", () => answers.find((answer) => answer.status === 503));
    await until("more answers while the database is away", () => answers.filter((answer) => answer.askedAt > first503.answeredAt).length >= 20);
    const resumedAt = performance.now();
    await cluster.resume();
    const back = await until("a page again", () => answers.find((answer) => answer.askedAt > resumedAt && answer.status === 200));
    await until("more pages", () => answers.filter((answer) => answer.askedAt > back.answeredAt).length >= 20);
    running = false;
    await Promise.all(clients);

    // Every request was answered — none hung — with the page, the error page or the 503 page.
    expect(answers.filter((answer) => ![200, 500, 503].includes(answer.status))).toEqual([]);
    // Only requests already past the proxy when the server went get the error page: every request made after the first
    // 503 and answered before the server was started again got the 503 page, in Japanese, with Retry-After.
    const whileAway = answers.filter((answer) => answer.askedAt > first503.answeredAt && answer.answeredAt < resumedAt);
    expect(whileAway.length).toBeGreaterThanOrEqual(20);
    expect(whileAway.map((answer) => answer.status)).toEqual(whileAway.map(() => 503));
    expect(first503.retryAfter).toBe("5");
    expect(first503.body).toContain("ただいまご利用いただけません");
    // Back by itself: every request made after the first page again is the page.
    const after = answers.filter((answer) => answer.askedAt > back.answeredAt);
    expect(after.map((answer) => answer.status)).toEqual(after.map(() => 200));
  });
});
