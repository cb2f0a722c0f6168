// The bytes a first visit to a customer page downloads (over the wire, as the server sent them),
// by kind: the document, scripts, stylesheets, fonts and the rest. The browser's cache is off, so every resource of
// the page counts, as on a first visit; the sign-in before it is not counted.
//
//   npx tsx bench/page-weight.ts [--url http://localhost:3000] [--path /licenses] [--width 1280]
//
// against a running production build with the demo data (`npm run demo`). The README keeps the figures.
import { chromium, type Page } from "@playwright/test";
import { chooseBrowser } from "../tests/e2e/browser";

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? process.argv[index + 1] : undefined;
  return value ?? fallback;
}

const baseUrl = option("url", "http://localhost:3000");
const paths = option("path", "/licenses,/login").split(",");
const width = Number(option("width", "1280"));

type Weight = { kind: string; bytes: number; requests: number };

async function weigh(page: Page, path: string): Promise<Weight[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const kinds = new Map<string, string>();
  const totals = new Map<string, Weight>();
  cdp.on("Network.responseReceived", (event) => kinds.set(event.requestId, event.type));
  cdp.on("Network.loadingFinished", (event) => {
    const kind = (kinds.get(event.requestId) ?? "Other").toLowerCase();
    const total = totals.get(kind) ?? { kind, bytes: 0, requests: 0 };
    total.bytes += event.encodedDataLength;
    total.requests += 1;
    totals.set(kind, total);
  });
  await page.goto(new URL(path, baseUrl).href, { waitUntil: "networkidle" });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await cdp.detach();
  return [...totals.values()].sort((a, b) => b.bytes - a.bytes);
}

const browserChoice = await chooseBrowser();
const browser = await chromium.launch({ executablePath: browserChoice.executablePath, args: browserChoice.args });
try {
  for (const path of paths) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "ja-JP" });
    const page = await context.newPage();
    if (path !== "/login" && !path.startsWith("/faq")) {
      await page.goto(new URL("/login", baseUrl).href);
      await page.getByLabel("メールアドレス").fill("user@example.co.jp");
      await page.getByLabel("パスワード").fill("Demo-Passw0rd!");
      await page.getByRole("button", { name: "ログイン" }).click();
      await page.waitForURL((url) => url.pathname === "/");
    }
    const weights = await weigh(page, path);
    const all = weights.reduce((sum, w) => sum + w.bytes, 0);
    console.log(`${path} at ${width} px: ${(all / 1024).toFixed(1)} KiB in ${weights.reduce((sum, w) => sum + w.requests, 0)} requests`);
    for (const w of weights) console.log(`  ${w.kind.padEnd(12)} ${(w.bytes / 1024).toFixed(1).padStart(8)} KiB  ${String(w.requests).padStart(3)} requests`);
    await context.close();
  }
} finally {
  await browser.close();
}
