// N-5 in a real browser: user@ issues the end-date calendar feed at アカウント設定 → カレンダー連携, a calendar app
// (a signed-out request context: no cookie) reads it and finds user@'s ten contracts; 「URLを再発行」 replaces the URL,
// 「無効にする」 makes it a 404; other@'s feed has none of user@'s contracts.
import ICAL from "ical.js";
import type { Page } from "@playwright/test";
import { expect, test } from "./test";
import { customerLogIn } from "./fixtures";
import { MAIN } from "./servers";

const USER_VISIBLE = [100001, 100002, 100003, 100004, 100010, 100011, 100012, 100013, 100014, 100015];

function licenseIds(text: string): number[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar
    .getAllSubcomponents("vevent")
    .map((vevent) => Number(/ライセンスID (\d+)/.exec(String(vevent.getFirstPropertyValue("summary")))![1]))
    .sort((a, b) => a - b);
}

/** Issues (or re-issues, through its confirmation) the feed and reads the URL the page shows once. */
async function issueFeed(page: Page, reissue = false): Promise<string> {
  // The header's service menu leads there: アカウント設定 → カレンダー連携.
  const menu = page.getByRole("banner").getByRole("navigation", { name: "サービスメニュー" });
  await menu.getByRole("button", { name: "アカウント設定", exact: true }).click();
  await menu.getByRole("link", { name: "カレンダー連携", exact: true }).click();
  await expect(page).toHaveURL(/\/account\/calendar$/);
  await expect(page.getByRole("heading", { level: 1, name: "カレンダー連携" })).toBeVisible();
  if (reissue) {
    await page.getByRole("button", { name: "URLを再発行" }).click();
    await page.getByTestId("confirmation").getByRole("button", { name: "URLを再発行" }).click();
  } else await page.getByRole("button", { name: "URLを発行する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "カレンダー連携URLを発行しました" })).toBeVisible();
  await expect(page.getByTestId("calendar-feed-status")).toHaveText("有効");
  const url = await page.getByLabel("カレンダー連携URL").inputValue();
  expect(url).toMatch(new RegExp(`^${MAIN.url.replace(/[.]/g, "\\.")}/licenses/calendar\\.ics\\?token=[A-Za-z0-9_-]{43}$`));
  return url;
}

test("N-5: user@ issues the feed, a signed-out calendar reads user@'s ten contracts; re-issue replaces it, 「無効にする」 makes it a 404", async ({
  page,
  playwright,
}) => {
  await customerLogIn(page, "user@example.co.jp", "203.0.113.214");
  const first = await issueFeed(page);

  const calendarApp = await playwright.request.newContext();
  const response = await calendarApp.get(first);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(response.headers()["cache-control"]).toContain("no-store");
  expect(licenseIds(await response.text())).toEqual(USER_VISIBLE);
  // Leaving the page hides the URL: afterwards only that a feed is active, and when it was last used.
  await page.reload();
  await expect(page.getByLabel("カレンダー連携URL")).toHaveCount(0);
  await expect(page.getByText("まだ使われていません")).toHaveCount(0);

  const second = await issueFeed(page, true);
  expect(second).not.toBe(first);
  expect((await calendarApp.get(first)).status()).toBe(404);
  expect(licenseIds(await (await calendarApp.get(second)).text())).toEqual(USER_VISIBLE);

  await page.reload();
  await page.getByRole("button", { name: "無効にする" }).click();
  await page.getByTestId("confirmation").getByRole("button", { name: "キャンセル" }).click();
  await expect(page.getByTestId("calendar-feed-status")).toHaveText("有効");
  await page.getByRole("button", { name: "無効にする" }).click();
  await page.getByTestId("confirmation").getByRole("button", { name: "無効にする" }).click();
  await expect(page.getByRole("status").filter({ hasText: "カレンダー連携を無効にしました" })).toBeVisible();
  await expect(page.getByTestId("calendar-feed-status")).toHaveText("未発行");
  const revoked = await calendarApp.get(second);
  expect(revoked.status()).toBe(404);
  // Unknown and malformed tokens get the very same answer.
  const unknown = await calendarApp.get(`${MAIN.url}/licenses/calendar.ics?token=${"A".repeat(43)}`);
  const malformed = await calendarApp.get(`${MAIN.url}/licenses/calendar.ics?token=%27`);
  for (const other of [unknown, malformed]) {
    expect(other.status()).toBe(404);
    expect(await other.text()).toBe(await revoked.text());
  }
  await calendarApp.dispose();
});

test("N-5: other@'s feed has none of user@'s contracts", async ({ page, playwright }) => {
  await customerLogIn(page, "other@example.co.jp", "203.0.113.215");
  const url = await issueFeed(page);
  const calendarApp = await playwright.request.newContext();
  const ids = licenseIds(await (await calendarApp.get(url)).text());
  expect(ids).toEqual([200001]);
  for (const id of USER_VISIBLE) expect(ids).not.toContain(id);
  await page.getByRole("button", { name: "無効にする" }).click();
  await page.getByTestId("confirmation").getByRole("button", { name: "無効にする" }).click();
  await expect(page.getByTestId("calendar-feed-status")).toHaveText("未発行");
  await calendarApp.dispose();
});

test("N-5: カレンダー連携 fits 1280 and 360 px (the one-time URL included), and axe finds no serious violation", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ja-JP" });
  const page = await context.newPage();
  await customerLogIn(page, "other@example.co.jp", "203.0.113.216");
  await issueFeed(page);
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal overflow at ${width} px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: testInfo.outputPath(`calendar-${width}.png`), fullPage: true });
  }
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await page.getByRole("button", { name: "無効にする" }).click();
  await page.getByTestId("confirmation").getByRole("button", { name: "無効にする" }).click();
  await expect(page.getByTestId("calendar-feed-status")).toHaveText("未発行");
  await context.close();
});
