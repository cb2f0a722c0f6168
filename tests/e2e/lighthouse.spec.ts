// Lighthouse's best-practices and accessibility categories score 100 on the top page, the login
// page and 保有ライセンス一覧 (signed in), on the production build. Lighthouse drives a Chromium of its own choosing
// through the DevTools protocol: here the suite's own Chromium (browser.ts), started by Playwright with a debugging
// port, so that the customer can sign in with Playwright first and Lighthouse audits the page with that session
// (disableStorageReset). Lighthouse's default mobile emulation (412 px wide); no network or CPU throttling, since the
// two categories do not measure speed and simulated throttling only makes the run slower.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { chooseBrowser } from "./browser";
import { DEMO_PASSWORD } from "./fixtures";
import { MAIN } from "./servers";
import { expect, test } from "./test";

const CATEGORIES = ["best-practices", "accessibility"] as const;

type Finding = { category: string; score: number | null; failing: string[] };

test("Lighthouse: best practices and accessibility score 100 on /, /login and /licenses (signed in)", async ({}, testInfo) => {
  test.setTimeout(240_000);
  const { default: lighthouse } = await import("lighthouse");
  const choice = await chooseBrowser();
  const port = 9320 + testInfo.workerIndex;
  const profile = mkdtempSync(join(tmpdir(), "lighthouse-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: choice.executablePath,
    args: [...choice.args, `--remote-debugging-port=${port}`],
    baseURL: MAIN.url,
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
  });
  try {
    const audit = async (path: string): Promise<Finding[]> => {
      const result = await lighthouse(
        `${MAIN.url}${path}`,
        { port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES], disableStorageReset: true, throttlingMethod: "provided", locale: "ja" },
        // Lighthouse's waits for a quiet network and CPU are tuned for throttled runs over the internet; on loopback a
        // quarter of a second of quiet is plenty. No full-page screenshot: neither category uses it.
        {
          extends: "lighthouse:default",
          settings: { pauseAfterFcpMs: 250, pauseAfterLoadMs: 250, networkQuietThresholdMs: 250, cpuQuietThresholdMs: 250, disableFullPageScreenshot: true },
        },
      );
      expect(result, `${path}: Lighthouse returned a report`).toBeTruthy();
      const lhr = result!.lhr;
      expect(lhr.runtimeError, `${path}: Lighthouse's run error`).toBeUndefined();
      expect(new URL(lhr.finalDisplayedUrl).pathname, `${path}: the audited page is the page asked for`).toBe(path);
      return CATEGORIES.map((id) => {
        const category = lhr.categories[id];
        if (!category) return { category: id, score: null, failing: ["the category is missing from the report"] };
        // What costs points: every audit of the category that has a weight and did not pass.
        const failing = category.auditRefs.flatMap((ref) => {
          const result = lhr.audits[ref.id];
          if (ref.weight === 0 || !result || result.score === null || result.score >= 1) return [];
          return [`${ref.id}: ${result.title} ${JSON.stringify(result.details ?? {}).slice(0, 400)}`];
        });
        testInfo.annotations.push({ type: `${path} ${id}`, description: String(category.score) });
        return { category: id, score: category.score, failing };
      });
    };
    const expectPerfect = (path: string, findings: Finding[]) =>
      expect.soft(findings, path).toEqual(CATEGORIES.map((category) => ({ category, score: 1, failing: [] })));

    expectPerfect("/", await audit("/"));
    expectPerfect("/login", await audit("/login"));

    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto("/login");
    await page.getByLabel("メールアドレス").fill("user@example.co.jp");
    await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect(page).toHaveURL(/\/$/);
    expectPerfect("/licenses", await audit("/licenses"));
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
