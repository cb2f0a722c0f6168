// The load: each scenario of bench/scenarios.ts measured by a child `node bench/load-worker.mjs` (autocannon in a
// process of its own), with a probe request first and, for login-flood, a second worker loading the server beside it.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Sql } from "postgres";
import { log, ROOT, track } from "./lifecycle";
import {
  BASELINE,
  benchAccounts,
  type FloodSpec,
  type RequestSpec,
  type Scenario,
  type ScenarioCheck,
  type ScenarioContext,
  SCALE_LICENSE_ID_BASE,
} from "./scenarios";

const WORKER = path.join(ROOT, "bench", "load-worker.mjs");

/** `--connections`, `--warmup` and `--duration`: how every scenario is loaded unless it says otherwise. */
export type LoadSettings = { connections: number; warmup: number; duration: number };

export type LoadResult = {
  name: string;
  url: string;
  connections: number;
  durationSeconds: number;
  totalRequests: number;
  reqPerSec: number;
  reqPerSecTotal: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  bytesPerSec: number;
  non2xx: number;
  socketErrors: number;
  timeouts: number;
  errors: number;
  statusCodes: Record<string, number>;
  /** Once-each runs (`bodies`): how many of the bodies were handed to a connection. */
  bodiesSent?: number;
};

/** A worker's result is the last line it prints on stdout. */
function lastLine<T>(stdout: string): T {
  return JSON.parse(stdout.trim().split("\n").pop() ?? "") as T;
}

export function runLoad(name: string, baseUrl: string, request: RequestSpec, settings: LoadSettings, expectStatus?: number): Promise<LoadResult> {
  const config = {
    name,
    expectStatus,
    url: new URL(request.path, baseUrl).toString(),
    method: request.method ?? "GET",
    headers: request.headers ?? {},
    body: request.body,
    bodies: request.bodies,
    paths: request.paths,
    warmupBodies: request.warmupBodies,
    warmupPaths: request.warmupPaths,
    connections: settings.connections,
    warmup: settings.warmup,
    duration: settings.duration,
  };
  // One argument holds at most 128 KiB (Linux): a config with bodies goes through a file (`@<file>`).
  const json = JSON.stringify(config);
  const configDir = json.length > 64_000 ? fs.mkdtempSync(path.join(os.tmpdir(), "ecp-bench-load-")) : undefined;
  if (configDir) fs.writeFileSync(path.join(configDir, "config.json"), json);
  const removeConfig = () => configDir && fs.rmSync(configDir, { recursive: true, force: true });
  return new Promise((resolve, reject) => {
    const child = track(
      spawn(process.execPath, [WORKER, configDir ? `@${path.join(configDir, "config.json")}` : json], {
        cwd: ROOT,
        stdio: ["ignore", "pipe", process.stderr],
      }),
    );
    let stdout = "";
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.on("error", (error) => {
      removeConfig();
      reject(error);
    });
    child.on("exit", (code, signal) => {
      removeConfig();
      if (code !== 0) return reject(new Error(`load worker for ${name} failed (${signal ?? `exit ${code}`})`));
      try {
        resolve(lastLine<LoadResult>(stdout));
      } catch {
        reject(new Error(`load worker for ${name} printed no result: ${stdout.slice(0, 500)}`));
      }
    });
  });
}

type FloodResult = LoadResult & { sent: number };
type Flood = { started: Promise<void>; stop: () => Promise<FloodResult> };

/**
 * Starts a background load (a second load worker in flood mode) and resolves `started` once it is loading. It ends
 * by itself after `seconds` or `spec.maxRequests` requests; `stop()` ends it earlier and returns its numbers.
 */
function startFlood(name: string, baseUrl: string, spec: FloodSpec, seconds: number): Flood {
  const config = {
    name,
    flood: true,
    url: new URL(spec.path, baseUrl).toString(),
    method: spec.method ?? "POST",
    headers: spec.headers ?? {},
    body: spec.body,
    connections: spec.connections,
    duration: seconds,
    maxRequests: spec.maxRequests,
    sequenceToken: spec.sequenceToken,
    forwardedFor: spec.forwardedFor ?? false,
  };
  // stdin is a pipe the worker watches: when this process dies, the flood stops with it.
  const child = track(spawn(process.execPath, [WORKER, JSON.stringify(config)], { cwd: ROOT, stdio: ["pipe", "pipe", process.stderr] }));
  let stdout = "";
  let onStarted: () => void = () => {};
  let onFailed: (error: Error) => void = () => {};
  const started = new Promise<void>((resolve, reject) => ((onStarted = resolve), (onFailed = reject)));
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    if (stdout.includes(`"event":"started"`)) onStarted();
  });
  const finished = new Promise<FloodResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      const error = new Error(`flood worker for ${name} failed (${signal ?? `exit ${code}`})`);
      onFailed(error);
      if (code !== 0) return reject(error);
      try {
        resolve(lastLine<FloodResult>(stdout));
      } catch {
        reject(new Error(`flood worker for ${name} printed no result: ${stdout.slice(0, 500)}`));
      }
    });
  });
  // Awaited by stop(); when the start already failed, nobody stops it: its rejection must not go unhandled.
  finished.catch(() => {});
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    return finished;
  };
  return { started, stop };
}

/** One request before the load, so a broken page shows up as a clear line, not only as an error count. */
async function probe(baseUrl: string, request: RequestSpec): Promise<string> {
  const started = performance.now();
  try {
    const response = await fetch(new URL(request.path, baseUrl), {
      method: request.method ?? "GET",
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(30_000),
    });
    const bytes = (await response.arrayBuffer()).byteLength;
    const location = response.headers.get("location");
    return `HTTP ${response.status}, ${bytes} bytes, ${(performance.now() - started).toFixed(0)} ms${location ? ` → ${location}` : ""}`;
  } catch (error) {
    return `failed: ${(error as Error).message}`;
  }
}

export type ScenarioOutcome = {
  name: string;
  description?: string;
  path: string;
  method: string;
  probe: string;
  result?: LoadResult;
  error?: string;
  ratioToHealth?: number;
  explain?: { sql: string; plan?: string; error?: string }[];
  /** The background load measured with it (login-flood). */
  flood?: { description: string; path: string; method: string; connections: number; probe: string; result?: FloodResult; error?: string };
  /** Its p50 against another scenario's of the same run (login-flood against list-50). */
  relative?: { scenario: string; p50Alone: number; p50: number; ratio: number; goal: number; ok: boolean };
  /** What its `check` found after the load (issuance-confirm: codes issued, duplicates). */
  check?: ScenarioCheck;
};

/** What a scenario's setup, flood, explain and check see: the running server and the bench database. */
export function scenarioContext(
  baseUrl: string,
  sql: Sql,
  contracts: number,
  { floodAccounts, registry, auditRows }: Pick<ScenarioContext, "floodAccounts" | "registry" | "auditRows">,
): ScenarioContext {
  return { baseUrl, sql, contracts, accounts: benchAccounts, scaleLicenseIdBase: SCALE_LICENSE_ID_BASE, floodAccounts, registry, auditRows, log };
}

/**
 * Measures `list` one scenario after the other (setup, probe, the flood if any, load, check), then each one's ratio
 * to the health baseline and to the scenario it is measured relative to. Failures are recorded in the outcome, not
 * thrown; `requests` receives the request each scenario sent (for the JSON report).
 */
export async function measureScenarios(
  list: Scenario[],
  ctx: ScenarioContext,
  settings: LoadSettings,
  label: string,
  requests: Map<string, RequestSpec>,
): Promise<ScenarioOutcome[]> {
  const { baseUrl } = ctx;
  const outcomes: ScenarioOutcome[] = [];
  for (const scenario of list) {
    const outcome: ScenarioOutcome = {
      name: scenario.name,
      description: scenario.description,
      path: scenario.path,
      method: scenario.method ?? "GET",
      probe: "",
    };
    outcomes.push(outcome);
    try {
      const override = scenario.setup ? ((await scenario.setup(ctx)) ?? {}) : {};
      const request: RequestSpec = {
        path: override.path ?? scenario.path,
        method: override.method ?? scenario.method,
        headers: { ...scenario.headers, ...override.headers },
        body: override.body ?? scenario.body,
        bodies: override.bodies ?? scenario.bodies,
        paths: override.paths ?? scenario.paths,
        warmupBodies: override.warmupBodies ?? scenario.warmupBodies,
        warmupPaths: override.warmupPaths ?? scenario.warmupPaths,
      };
      requests.set(scenario.name, request);
      outcome.path = request.path;
      outcome.method = request.method ?? "GET";
      outcome.probe = await probe(baseUrl, request);
      log(`${label} ${scenario.name}: ${outcome.method} ${request.path} — probe ${outcome.probe}`);
      let flood: Flood | undefined;
      if (scenario.flood) {
        const spec = await scenario.flood(ctx);
        const { description, connections } = spec;
        outcome.flood = { description, path: spec.path, method: spec.method ?? "POST", connections, probe: "" };
        // The probe is one try of the flood's request, with its own number and address.
        const probeHeaders = { ...spec.headers, ...(spec.forwardedFor ? { "x-forwarded-for": "10.255.255.254" } : {}) };
        const probeBody = spec.sequenceToken ? spec.body?.replaceAll(spec.sequenceToken, "probe") : spec.body;
        outcome.flood.probe = await probe(baseUrl, { ...spec, headers: probeHeaders, body: probeBody });
        log(`${label} ${scenario.name}: flood ${outcome.flood.method} ${spec.path} (${description}) — probe ${outcome.flood.probe}`);
        // Bounded in time (the measured warm-up and run plus a margin) and in count; stopped when the run ends.
        flood = startFlood(`${scenario.name}:flood`, baseUrl, spec, settings.warmup + settings.duration + 30);
        await flood.started;
      }
      try {
        outcome.result = await runLoad(
          scenario.name,
          baseUrl,
          request,
          { ...settings, connections: scenario.connections ?? settings.connections },
          scenario.expectStatus,
        );
      } finally {
        if (flood && outcome.flood) {
          try {
            const f = (outcome.flood.result = await flood.stop());
            log(
              `${label} ${scenario.name}: flood ${f.totalRequests} requests (${f.reqPerSecTotal.toFixed(1)}/s), p50 ${f.latencyMs.p50} ms, ` +
                `answers ${JSON.stringify(f.statusCodes)}, socket errors ${f.socketErrors}`,
            );
          } catch (error) {
            outcome.flood.error = (error as Error).message;
          }
        }
      }
      const r = outcome.result;
      log(
        `${label} ${scenario.name}: ${r.reqPerSec.toFixed(1)} req/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, ` +
          `errors ${r.errors} (expected ${scenario.expectStatus ?? "2xx"}, socket ${r.socketErrors}) ${JSON.stringify(r.statusCodes)}`,
      );
      if (scenario.check) {
        const check = (outcome.check = await scenario.check(ctx, { sent: r.bodiesSent ?? r.totalRequests }));
        log(`${label} ${check.line}`);
        if (!check.ok) throw new Error(`check failed: ${check.line}`);
      }
      if (r.errors > 0) throw new Error(`${r.errors} answers were not ${scenario.expectStatus ?? "2xx"}: ${JSON.stringify(r.statusCodes)}`);
    } catch (error) {
      outcome.error = (error as Error).message;
      log(`${label} ${scenario.name} failed: ${outcome.error}`);
    }
  }
  const baseline = outcomes.find((o) => o.name === BASELINE)?.result;
  for (const o of outcomes) if (o.result && baseline && baseline.reqPerSec > 0) o.ratioToHealth = o.result.reqPerSec / baseline.reqPerSec;
  for (const scenario of list) {
    const o = outcomes.find((x) => x.name === scenario.name);
    const alone = scenario.relativeTo && outcomes.find((x) => x.name === scenario.relativeTo!.scenario)?.result;
    if (!scenario.relativeTo || !o?.result || !alone || alone.latencyMs.p50 <= 0) continue;
    const ratio = o.result.latencyMs.p50 / alone.latencyMs.p50;
    o.relative = {
      scenario: scenario.relativeTo.scenario,
      p50Alone: alone.latencyMs.p50,
      p50: o.result.latencyMs.p50,
      ratio,
      goal: scenario.relativeTo.goal,
      ok: ratio <= scenario.relativeTo.goal,
    };
  }
  return outcomes;
}
