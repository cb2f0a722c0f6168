// The load generator of `npm run bench`, run as its own Node process (never inside the server's process nor the
// orchestrator's event loop): `node bench/load-worker.mjs '<json config>'`. It runs a warm-up, then the measured
// run, and prints one JSON object (the measured numbers) on stdout; progress goes to stderr.
//
// Flood mode (`flood: true`, the login-flood scenario's background load): no warm-up; prints {"event":"started"}
// on stdout as soon as the load runs, then loads until SIGTERM, the end of stdin (the orchestrator is gone), its
// `duration` or `maxRequests` requests, whichever comes first, and prints its numbers like the measured run.
// With `sequenceToken`, every request gets a new number in place of that token in the body (e.g. a new e-mail
// address per try); with `forwardedFor`, a new X-Forwarded-For address (10.x.y.z) per request.
// Once-each mode (`bodies`, the issuance-confirm scenario of issue 11: single-use tokens): every body is sent exactly
// once, in order, over the connections (`paths[i]`, when given, is the path of `bodies[i]`); the run ends after the
// last one instead of after `duration`, and req/s is the count over the time to the last answer. The warm-up sends
// `warmupBodies` (and `warmupPaths`) the same way, or is skipped when there are none.
// Both modes load loopback addresses only: this is a benchmark of the local build, never a tool against a host.
// The config is the JSON argument, or `@<file>` holding it (a config with bodies exceeds one argument's 128 KiB).
import fs from "node:fs";
import autocannon from "autocannon";

const argument = process.argv[2] ?? "{}";
const config = JSON.parse(argument.startsWith("@") ? fs.readFileSync(argument.slice(1), "utf8") : argument);
const { name, url, method = "GET", headers = {}, body, connections = 10, warmup = 3, duration = 10, timeout = 30, expectStatus } = config;
const { flood = false, sequenceToken, forwardedFor = false, maxRequests } = config;
const { bodies, paths, warmupBodies, warmupPaths } = config;
if (!url) {
  console.error("load-worker: no url in the config");
  process.exit(2);
}
if (!["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname)) {
  console.error(`load-worker: ${url} is not a loopback address`);
  process.exit(2);
}
if (flood && !(Number.isInteger(maxRequests) && maxRequests > 0 && duration > 0)) {
  console.error("load-worker: a flood needs a positive maxRequests and duration");
  process.exit(2);
}
for (const [list, pathList] of [
  [bodies, paths],
  [warmupBodies, warmupPaths],
]) {
  if (list === undefined) continue;
  if (flood || !Array.isArray(list) || list.length < connections || (pathList !== undefined && pathList.length !== list.length)) {
    console.error("load-worker: bodies need at least one per connection, as many paths as bodies, and no flood");
    process.exit(2);
  }
}

// Per-request variation for the flood: one counter for all connections of this process.
let sequence = 0;
const addressBase = Math.floor(Math.random() * 2 ** 24);
const addressOf = (n) => {
  const v = (addressBase + n) % 2 ** 24;
  return `10.${v >> 16}.${(v >> 8) & 255}.${v & 255}`;
};
const rotating =
  sequenceToken || forwardedFor
    ? [
        {
          setupRequest(request) {
            const n = ++sequence;
            const next = { ...request, headers: { ...request.headers } };
            if (forwardedFor) next.headers["x-forwarded-for"] = addressOf(n);
            if (sequenceToken && typeof body === "string") next.body = body.replaceAll(sequenceToken, String(n));
            return next;
          },
        },
      ]
    : undefined;

/**
 * Once-each: autocannon sends `amount` requests in all and asks `setupRequest` for each one (a connection's first
 * when it is set up, the others as it sends them), so one counter over all connections hands out every body once.
 */
function onceEach(list, pathList) {
  const sequence = { sent: 0 };
  sequence.options = {
    amount: list.length,
    requests: [
      {
        setupRequest(request) {
          const i = sequence.sent++;
          if (i >= list.length) throw new Error(`load-worker: request ${i + 1} of ${list.length} bodies`);
          return { ...request, body: list[i], ...(pathList ? { path: pathList[i] } : {}) };
        },
      },
    ],
  };
  return sequence;
}

const options = (seconds, sequence) => ({
  url,
  method,
  headers,
  body,
  connections,
  duration: seconds,
  timeout,
  pipelining: 1,
  ...(rotating ? { requests: rotating } : {}),
  ...(flood ? { maxOverallRequests: maxRequests } : {}),
  ...(sequence ? sequence.options : {}),
  // Keep-alive connections, no automatic redirects: a 3xx counts as a non-2xx answer.
  renderProgressBar: false,
  renderResultsTable: false,
  renderLatencyTable: false,
});

/** `elapsed`: once-each runs, seconds from the start to the last answer (autocannon notices the end a tick later). */
function summarize(result, elapsed) {
  const seconds = elapsed || result.duration || duration;
  const socketErrors = result.errors ?? 0;
  const non2xx = result.non2xx ?? 0;
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count]));
  // With an expected status (e.g. 303 from a no-JS server action) every other answer is an error, a 2xx included.
  const unexpected = expectStatus ? Object.entries(statusCodes).reduce((sum, [code, count]) => sum + (Number(code) === expectStatus ? 0 : count), 0) : non2xx;
  return {
    name,
    url,
    connections,
    durationSeconds: seconds,
    totalRequests: result.requests.total,
    reqPerSec: elapsed ? result.requests.total / elapsed : result.requests.average,
    reqPerSecTotal: result.requests.total / seconds,
    latencyMs: {
      mean: result.latency.average,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    bytesPerSec: result.throughput.average,
    non2xx,
    socketErrors,
    timeouts: result.timeouts ?? 0,
    expectStatus: expectStatus ?? "2xx",
    errors: unexpected + socketErrors,
    statusCodes,
  };
}

async function runFlood() {
  console.error(`  [${name}] flooding with ${connections} connections (at most ${duration} s, ${maxRequests} requests)`);
  const instance = autocannon(options(duration));
  const stop = () => instance.stop();
  process.once("SIGTERM", stop);
  process.stdin.on("end", stop).on("error", stop).resume();
  instance.once("start", () => process.stdout.write(`${JSON.stringify({ event: "started" })}\n`));
  const result = await instance;
  process.stdout.write(`${JSON.stringify({ ...summarize(result), sent: sequence })}\n`);
  // stdin may still be open: leave explicitly.
  process.exit(0);
}

/** Once-each mode: the warm-up's bodies, then the measured ones, each sent exactly once. */
async function runOnceEach() {
  if (warmupBodies?.length && warmup > 0) {
    console.error(`  [${name}] warm-up: ${warmupBodies.length} requests, each once, ${connections} connections`);
    await autocannon(options(duration, onceEach(warmupBodies, warmupPaths)));
  }
  console.error(`  [${name}] measuring ${bodies.length} requests, each once, ${connections} connections`);
  const sequence = onceEach(bodies, paths);
  const started = performance.now();
  let last = started;
  const instance = autocannon(options(duration, sequence));
  instance.on("response", () => (last = performance.now()));
  const result = await instance;
  process.stdout.write(`${JSON.stringify({ ...summarize(result, (last - started) / 1000), bodiesSent: sequence.sent })}\n`);
}

async function main() {
  if (flood) return runFlood();
  if (bodies) return runOnceEach();
  if (warmup > 0) {
    console.error(`  [${name}] warm-up ${warmup} s, ${connections} connections`);
    await autocannon(options(warmup));
  }
  console.error(`  [${name}] measuring ${duration} s, ${connections} connections`);
  const result = await autocannon(options(duration));
  process.stdout.write(`${JSON.stringify(summarize(result))}\n`);
}

main().catch((error) => {
  console.error(`load-worker: ${error?.stack ?? error}`);
  process.exit(1);
});
