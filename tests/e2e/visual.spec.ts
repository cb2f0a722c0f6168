// The main screens at 1280 and 360 px in Japanese, compared with the committed baselines
// (tests/e2e/__screenshots__/visual.spec.ts/) within a small tolerance. The text is drawn in the self-hosted font,
// so a baseline holds on any machine with this Chromium. The demo's dates move with the day it was seeded (X-2:
// relative to today), so every date and time on the page is written as one fixed value before the screenshot.
// After a deliberate change of a screen: `npx playwright test tests/e2e/visual.spec.ts --update-snapshots` (after
// `next build`), look at the new images, and commit them.
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./test";
import { DEMO_PASSWORD } from "./fixtures";
import { VISUAL } from "./servers";

const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 360, height: 740 } } as const;

/** Dates and times as one fixed value, so that the baselines do not depend on the day the demo was seeded. */
async function fixDates(page: Page): Promise<void> {
  await page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? "";
      const fixed = text
        .replace(/\d{4}\/\d{2}\/\d{2}/g, "2026/04/01")
        .replace(/\d{4}年\d{1,2}月\d{1,2}日/g, "2026年4月1日")
        .replace(/\b\d{1,2}:\d{2}(:\d{2})?\b/g, (time) => (time.length > 5 ? "09:00:00" : "09:00"));
      if (fixed !== text) node.textContent = fixed;
    }
  });
}

async function open(browser: Browser, size: { width: number; height: number }, signedIn: boolean): Promise<Page> {
  const context = await browser.newContext({
    baseURL: VISUAL.url,
    viewport: size,
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    isMobile: size.width < 640,
    hasTouch: size.width < 640,
  });
  const page = await context.newPage();
  if (signedIn) {
    await page.goto("/login");
    await page.getByLabel("メールアドレス").fill("user@example.co.jp");
    await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect(page).toHaveURL(/\/$/);
  }
  return page;
}

async function snap(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await fixDates(page);
  await expect(page).toHaveScreenshot(`${name}.png`, { fullPage: true, animations: "disabled", caret: "hide", maxDiffPixelRatio: 0.003 });
}

// The signed-in screens: the path, and what to do on it before the screenshot.
const CUSTOMER_SCREENS: { name: string; path: string; act?: (page: Page) => Promise<void> }[] = [
  { name: "top", path: "/" },
  { name: "licenses", path: "/licenses" },
  { name: "license-detail", path: "/licenses/100001" },
  {
    name: "contract-search-msg",
    path: "/contracts/search",
    act: async (page) => {
      await page.getByLabel("アクティベーションコード または ライセンスID").fill("99999999");
      await page.getByRole("button", { name: "ご契約内容を調べる" }).click();
      await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
    },
  },
  { name: "password-change", path: "/account/password" },
  { name: "renewal", path: "/licenses/100001/renewal" },
  { name: "activation-apex-one", path: "/activation-codes/apex-one" },
  { name: "downloads-modules", path: "/downloads/modules" },
  { name: "mail-settings", path: "/account/mail" },
];

for (const [device, size] of Object.entries(WIDTHS)) {
  test(`${device} (${size.width} px): the signed-out top and login pages`, async ({ browser }) => {
    const page = await open(browser, size, false);
    await page.goto("/");
    await snap(page, `${device}-top-signed-out`);
    await page.goto("/login");
    await snap(page, `${device}-login`);
    await page.context().close();
  });

  test(`${device} (${size.width} px): the customer's main screens`, async ({ browser }) => {
    test.slow();
    const page = await open(browser, size, true);
    for (const screen of CUSTOMER_SCREENS) {
      await page.goto(screen.path);
      await screen.act?.(page);
      await snap(page, `${device}-${screen.name}`);
    }
    await page.context().close();
  });
}
