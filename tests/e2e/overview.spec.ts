// Issue 30 in a real browser: N-1 概要 on the signed-in top page (its counts are the list's, each a link to the
// filtered list), N-2's filters, badges and asset-register CSV — and another customer sees none of user@'s.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./test";
import { MAIN } from "./servers";
import { customerLogIn } from "./fixtures";

const VBCE_PLUS = "ウイルスバスター コーポレートエディション Plus";
/** The products of user@'s visible contracts (the seed's names). */
const USER_PRODUCTS = ["Apex Central", "Apex One", "Deep Discovery Inspector", "マイグレートキット", "Trend Micro Safe Lock", VBCE_PLUS];
const overview = (page: Page) => page.getByRole("region", { name: "概要" });
const ids = (page: Page) => page.getByRole("table").getByRole("row").locator("td:first-child");
/** The list's own total, from 「N件中 …」. */
async function listTotal(page: Page): Promise<number> {
  const text = await page.getByRole("status").filter({ hasText: "件中" }).innerText();
  return Number(/^([\d,]+)件中/.exec(text)![1]!.replaceAll(",", ""));
}

test("N-1: user@'s overview counts what the list shows, and 「30日以内」 leads to the filtered list with its badges (N-2)", async ({ page }) => {
  await customerLogIn(page, "user@example.co.jp", "203.0.113.201");
  const section = overview(page);
  await expect(section).toBeVisible();
  // The header leads to it from every page.
  await page.goto("/licenses");
  await page.getByRole("navigation", { name: "アカウント" }).getByRole("link", { name: "概要" }).click();
  await expect(page).toHaveURL(/\/#overview$/);
  await expect(section).toBeVisible();

  // Each number is a link to the list filtered to it, and the list says the same number.
  const links = [
    { name: /^有効のご契約 (\d+)件/, url: /\/licenses\?status=active$/ },
    { name: /^期限切れのご契約 (\d+)件/, url: /\/licenses\?status=expired$/ },
    { name: /^60日以内のご契約 (\d+)件/, url: /\/licenses\?within=60$/ },
    { name: /^90日以内のご契約 (\d+)件/, url: /\/licenses\?within=90$/ },
    { name: /^30日以内のご契約 (\d+)件/, url: /\/licenses\?within=30$/ },
  ];
  const counts: number[] = [];
  for (const { name, url } of links) {
    await page.goto("/");
    const link = section.getByRole("link", { name });
    const count = Number(name.exec((await link.getAttribute("aria-label"))!)![1]);
    counts.push(count);
    await link.click();
    await expect(page).toHaveURL(url);
    expect(await listTotal(page), String(url)).toBe(count);
  }
  // The demo: one expired (100004); 100013 ends in 20 days, 100014 in 45, 100015 in 75 (100011/12 in 99 or more).
  expect(counts[1]).toBe(1);
  expect(counts[2]).toBe(2);
  expect(counts[3]).toBe(3);

  // The last link followed, 「30日以内」: 100013 alone, with its badge in words beside its 契約状況.
  await expect(ids(page)).toHaveText(["100013"]);
  const row = (licenseId: number) =>
    page
      .getByRole("table")
      .getByRole("row")
      .filter({ hasText: String(licenseId) });
  await expect(row(100013).getByTestId("ending-soon")).toHaveText(/^サポート終了まであと\d+日$/);
  await expect(page.getByRole("combobox", { name: "サポート終了まで" })).toHaveValue("30");

  // The whole list: a badge on each contract ending within 90 days, none on the others; 期限切れ keeps its own.
  await page.goto("/licenses");
  await expect(row(100014).getByTestId("ending-soon")).toHaveText(/^サポート終了まであと\d+日$/);
  await expect(row(100015).getByTestId("ending-soon")).toBeVisible();
  await expect(row(100001).getByTestId("ending-soon")).toHaveCount(0);
  await expect(row(100004).getByTestId("ending-soon")).toHaveCount(0);
  await expect(row(100004).getByTestId("contract-status")).toHaveText("期限切れ");
  const contrast = await new AxeBuilder({ page }).include("[data-testid=ending-soon]").withRules(["color-contrast"]).analyze();
  expect(contrast.violations).toEqual([]);
  expect(contrast.passes.map((rule) => rule.id)).toContain("color-contrast");

  // The product filter offers the products user@ holds, and keeps the other conditions.
  const product = page.getByRole("combobox", { name: "製品" });
  const offered = await product.locator("option").allTextContents();
  expect(offered[0]).toBe("すべて");
  expect(offered.slice(1).sort()).toEqual(USER_PRODUCTS.toSorted());
  await product.selectOption({ label: "Apex Central" });
  await page.getByRole("combobox", { name: "サポート終了まで" }).selectOption({ label: "90日以内" });
  await page.getByRole("button", { name: "検索する" }).click();
  await expect(page).toHaveURL(/\/licenses\?product=APEX_CENTRAL&within=90$/);
  await expect(ids(page)).toHaveText(["100013"]);

  // The overview's codes: the Apex Central code user@ issued on 100013 (the demo).
  await page.goto("/");
  const codes = section.getByRole("table", { name: /このサイトで発行したアクティベーションコード/ });
  await expect(codes.getByRole("row").filter({ hasText: "100013" })).toContainText("Apex Central");
  await expect(section.getByText("手続き中のお申し込みはありません。")).toBeVisible();
});

test("N-2: the CSV carries the filters and one row per product line, with both contacts (an asset register)", async ({ page }) => {
  await customerLogIn(page, "user@example.co.jp", "203.0.113.202");
  await page.goto("/licenses?within=60");
  const href = await page.getByRole("link", { name: "CSV出力" }).getAttribute("href");
  expect(href).toBe("/licenses/export?within=60");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  const body = await response.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = body.subarray(3).toString("utf8");
  expect(text.endsWith("\r\n")).toBe(true);
  const [header, ...lines] = text
    .trimEnd()
    .split("\r\n")
    .map((line) => line.split(","));
  expect(header).toEqual([
    "ライセンスID",
    "製品",
    "契約状況",
    "サポート終了日",
    "保有製品",
    "数量",
    "契約期間（開始）",
    "契約期間（終了）",
    "保有製品のサポート終了日",
    "契約窓口 法人名",
    "契約窓口 メールアドレス",
    "サポート窓口 法人名",
    "サポート窓口 メールアドレス",
  ]);
  // 100013 holds its ordered line (10) and the codes issued on it (the demo's 5; contract-history.spec issues another
  // beside this spec); 100014 one line, its サポート窓口 support-desk@. The list's order: 100013's rows, then 100014's.
  const of = (licenseId: string) => lines.filter((line) => line[0] === licenseId);
  expect([...new Set(lines.map((line) => line[0]))]).toEqual(["100013", "100014"]);
  expect(of("100013")[0]![5]).toBe("10");
  expect(
    of("100013")
      .slice(1)
      .map((line) => line[5]),
  ).toContain("5");
  expect(of("100014").map((line) => line[5])).toEqual(["5"]);
  expect(of("100014")[0]!.slice(9)).toEqual(["テストユーザ株式会社", "user@example.co.jp", "テストユーザ株式会社", "support-desk@example.co.jp"]);
  for (const line of lines) expect(line[6]).toMatch(/^\d{4}\/\d{2}\/\d{2}$/);
});

test("N-1 / N-2: other@ sees none of user@'s contracts in the overview, the filters or the CSV; a signed-out visitor no overview", async ({
  page,
  browser,
}) => {
  await customerLogIn(page, "other@example.co.jp", "203.0.113.203");
  const section = overview(page);
  await expect(section.getByRole("link", { name: /^有効のご契約 1件/ })).toBeVisible();
  await expect(section.getByRole("link", { name: /^30日以内のご契約 0件/ })).toBeVisible();
  await expect(section.getByText("このサイトで発行したアクティベーションコードはありません。")).toBeVisible();
  const main = await page.getByRole("main").innerText();
  for (const secret of ["100013", "100014", "テストユーザ株式会社"]) expect(main).not.toContain(secret);
  for (const query of ["within=90", "product=APEX_CENTRAL", "product=APEX_CENTRAL&within=30"]) {
    await page.goto(`/licenses?${query}`);
    expect(await listTotal(page), query).toBe(0);
    const csv = await (await page.request.get(`/licenses/export?${query}`)).text();
    expect(csv.trim().split("\r\n"), query).toHaveLength(1);
  }
  await page.goto("/licenses");
  await expect(page.getByRole("combobox", { name: "製品" }).locator("option")).toHaveText(["すべて", VBCE_PLUS]);

  const anonymous = await browser.newContext({ baseURL: MAIN.url });
  const visitor = await anonymous.newPage();
  await visitor.goto("/");
  await expect(visitor.getByRole("heading", { name: "お客様ログイン" })).toBeVisible();
  await expect(overview(visitor)).toHaveCount(0);
  const export_ = await anonymous.request.get("/licenses/export?within=90", { maxRedirects: 0 });
  expect(export_.status()).toBe(404);
  await anonymous.close();
});
