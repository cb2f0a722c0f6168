// The load generator of `npm run bench`, run as its own Node process (never inside the server's process nor the
// orchestrator's event loop): `node bench/load-worker.mjs '<json config>'`. It runs a warm-up, then the measured
// run, and prints one JSON object (the measured numbers) on stdout; progress goes to stderr.
import autocannon from "autocannon";

const config = JSON.parse(process.argv[2] ?? "{}");
const { name, url, method = "GET", headers = {}, body, connections = 10, warmup = 3, duration = 10, timeout = 30, expectStatus } = config;
if (!url) {
  console.error("load-worker: no url in the config");
  process.exit(2);
}

const options = (seconds) => ({
  url,
  method,
  headers,
  body,
  connections,
  duration: seconds,
  timeout,
  pipelining: 1,
  // Keep-alive connections, no automatic redirects: a 3xx counts as a non-2xx answer.
  renderProgressBar: false,
  renderResultsTable: false,
  renderLatencyTable: false,
});

function summarize(result) {
  const seconds = result.duration || duration;
  const socketErrors = result.errors ?? 0;
  const non2xx = result.non2xx ?? 0;
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count]));
  // With an expected status (e.g. 303 from a no-JS server action) every other answer is an error, a 2xx included.
  const unexpected = expectStatus
    ? Object.entries(statusCodes).reduce((sum, [code, count]) => sum + (Number(code) === expectStatus ? 0 : count), 0)
    : non2xx;
  return {
    name,
    url,
    connections,
    durationSeconds: seconds,
    totalRequests: result.requests.total,
    reqPerSec: result.requests.average,
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

async function main() {
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
