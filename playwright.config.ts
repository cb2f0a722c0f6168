import { defineConfig, devices } from "@playwright/test";
import { chooseBrowser } from "./tests/e2e/browser";
import { E2E_SERVERS, MAIN, STATE_DIR, launcherCommand } from "./tests/e2e/servers";

// e2e against the production build: `npm run test:e2e` runs `next build` first, then this. The servers are described
// in tests/e2e/servers.ts and started by tests/e2e/server.mjs (own PGlite folder each, or DATABASE_URL's PostgreSQL).
const CI = Boolean(process.env.CI);

const browser = await chooseBrowser();
if (!process.env.TEST_WORKER_INDEX) console.log(`[e2e] browser: ${browser.source} ${browser.executablePath ?? ""}`);
const launchOptions = { executablePath: browser.executablePath, args: browser.args };

export default defineConfig({
  testDir: "tests/e2e",
  // 2 cores: the three servers, the browser and the specs share them.
  workers: 2,
  fullyParallel: false,
  // A flaky test is a bug: no retries. A focused test must never reach CI (nor a commit): forbidOnly.
  retries: 0,
  forbidOnly: true,
  // A budget per test, not a timed assertion: the longest stories (B-8 over every row, the A-8 lockout) take 20 s
  // alone and more while the other worker and four servers share the 2 cores.
  timeout: 60_000,
  // CI runs the suite (PGlite) and its engine-dependent specs (PostgreSQL) within its 20 minutes: a hung run must
  // fail, not eat the budget. A guard against hanging, not a performance assertion (the whole suite takes ~11 min).
  globalTimeout: CI ? 13 * 60_000 : 0,
  expect: { timeout: 10_000 },
  // Visual baselines (visual.spec.ts), one file per screen and width, the same on every machine: the
  // fonts are the site's own. Update them with `npx playwright test tests/e2e/visual.spec.ts --update-snapshots`.
  snapshotPathTemplate: "{testDir}/__screenshots__/{testFilePath}/{arg}{ext}",
  reporter: CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: MAIN.url,
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    // A trace records a screencast and DOM snapshots of every test (kept only for a failure): in CI, where nobody
    // can open one, that was a third of the browser's CPU on 2 cores. E2E_TRACE=on|retain-on-failure|off overrides.
    trace: (process.env.E2E_TRACE as "on" | "off" | "retain-on-failure" | undefined) ?? (CI ? "off" : "retain-on-failure"),
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], launchOptions },
    },
  ],
  webServer: E2E_SERVERS.map((server) => ({
    name: server.name,
    command: launcherCommand(server),
    url: `${server.url}/api/health`,
    reuseExistingServer: !CI,
    timeout: 120_000,
    // SIGTERM to the launcher, which forwards it to next's process group and removes its temporary folder.
    gracefulShutdown: { signal: "SIGTERM" as const, timeout: 15_000 },
    stdout: "ignore" as const,
    stderr: "pipe" as const,
    env: { E2E_STATE_DIR: STATE_DIR },
  })),
});
