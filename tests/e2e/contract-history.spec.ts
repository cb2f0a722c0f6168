// In a real browser (SPEC N-4): the contract's 変更履歴 on B-2 and its own page, in Japanese, before → after; the
// vendor's staff as 「トレンドマイクロ」 and never by address (searched for in the HTML, the RSC payload and the CSV);
// the CSV (BOM, CRLF) with the same rows; another customer and a signed-out client get a 404.
// The main server's database is shared with the other specs, which run beside this one. The changes are made on
// 100015, which no other spec changes: on 100001 contact-change.spec changes the contacts at the same time, and B-5's
// optimistic lock then refuses one of the two forms (「この画面を開いた後に別の操作で変更されています」 — seen when
// this spec changed 100001). 100001's history is read as the demo wrote it (X-2: its first row, a change by user@),
// and the code issuance row is the demo's on 100013: issuing here would use up quantities issuance.spec issues.
// Rows are found by the values this spec sets, never by counting. The name change keeps the 法人名 and changes the
// 支社名 (to a value of this run's).
import type { APIRequestContext, Page } from "@playwright/test";
import { customerLogIn, staffLogIn } from "./fixtures";
import { MAIN } from "./servers";
import { expect, test } from "./test";

const USER = "user@example.co.jp";
const LICENSE = 100015;
const OTHER = "other@example.co.jp";
const STAFF = ["admin@example.com", "operator@example.com", "marketer@example.com"];
const TAG = Date.now().toString(36);
const DEPARTMENT = `履歴確認部${TAG}`;
const BRANCH = `履歴確認支社${TAG}`;

const support = (page: Page) => page.getByRole("group", { name: "サポート窓口情報" });
const contract = (page: Page) => page.getByRole("group", { name: "契約窓口情報" });
const consent = (page: Page) => page.getByLabel("「お客様から収集する個人情報の取り扱い」の内容を確認し、同意します。");

async function csvOf(api: APIRequestContext, licenseId: number) {
  const response = await api.get(`/licenses/${licenseId}/history/export`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const bytes = await response.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8").slice(1);
  expect(text.startsWith("日時,変更した人,内容,変更内容\r\n")).toBe(true);
  return text;
}

function expectNoStaffAddress(text: string) {
  for (const address of STAFF) expect(text, address).not.toContain(address);
}

test("N-4: a contract after a contact change and a name-change approval (100013: a code issued) in Japanese, before → after, no staff address; CSV", async ({
  page,
  browser,
}) => {
  await customerLogIn(page, USER, "203.0.113.221");

  // B-5: the サポート窓口's 部署名, a value of this run's own.
  await page.goto(`/licenses/${LICENSE}/contacts`);
  const before = await support(page).getByLabel("部署名").inputValue();
  await support(page).getByLabel("部署名").fill(DEPARTMENT);
  await consent(page).check();
  await page.getByRole("button", { name: "確認する" }).click();
  await page.getByRole("region", { name: "変更内容の確認" }).getByRole("button", { name: "変更" }).click();
  await expect(page.getByRole("heading", { name: "契約内容変更完了" })).toBeVisible();

  // B-5 + G-3: a name change typed by hand (the same 法人名, a 支社名 of this run's), then approved by an operator.
  await page.goto(`/licenses/${LICENSE}/contacts`);
  await contract(page).getByRole("button", { name: "法人名・支社名変更" }).click();
  const nameChange = page.getByRole("region", { name: "法人名・支社名変更" });
  await nameChange.getByLabel("法人名").fill("該当なし履歴確認");
  await nameChange.getByRole("button", { name: "法人名情報の検索" }).click();
  await expect(nameChange).toContainText("該当する法人情報が見つかりませんでした。");
  await nameChange.getByRole("button", { name: "該当する法人情報が見つからない方は・・・" }).click();
  await nameChange.getByLabel("変更後の法人名").fill("テストユーザ株式会社");
  await nameChange.getByLabel("変更後の支社名").fill(BRANCH);
  await nameChange.getByLabel("社名変更理由").selectOption({ label: "組織変更（支社名の変更など）" });
  await consent(page).check();
  await page.getByLabel("契約法人名・支社名の変更依頼は、完了までに目安として５営業日ほどかかることを確認しました。").check();
  await page.getByRole("button", { name: "確認する" }).click();
  await page.getByRole("region", { name: "変更内容の確認" }).getByRole("button", { name: "変更" }).click();
  await expect(page.getByRole("heading", { name: "契約内容変更受付＆一部変更処理完了" })).toBeVisible();

  // Under review: a row of its own on B-2.
  await page.goto(`/licenses/${LICENSE}`);
  const history = page.getByRole("region", { name: "変更履歴" });
  const pending = history.getByRole("row").filter({ hasText: "法人名変更の依頼（審査中）" });
  await expect(pending).toContainText(`契約窓口 支社名：本社 → ${BRANCH}`);
  await expect(pending).toContainText(USER);

  const staff = await browser.newPage({ baseURL: MAIN.url });
  await staffLogIn(staff, "operator@example.com");
  await staff.goto("/admin/name-changes");
  const item = staff.getByRole("listitem", { name: `ライセンスID ${LICENSE}: テストユーザ株式会社 ${BRANCH}` });
  await item.getByRole("button", { name: "承認" }).click();
  await expect(item.getByRole("status").filter({ hasText: "承認しました" })).toBeVisible();
  await staff.close();

  // B-2: the newest five, newest first: the approval (by the vendor), then the customer's own rows by their address.
  await page.goto(`/licenses/${LICENSE}`);
  const rows = history.getByRole("row");
  const approval = rows.filter({ hasText: "法人名変更の承認" }).filter({ hasText: BRANCH });
  await expect(approval).toContainText("トレンドマイクロ");
  await expect(approval).toContainText(`契約窓口 支社名：本社 → ${BRANCH}`);
  await expect(rows.filter({ hasText: "法人名変更の依頼（審査中）" })).toHaveCount(0);
  const change = rows.filter({ hasText: `サポート窓口 部署名：${before || "（なし）"} → ${DEPARTMENT}` });
  await expect(change).toHaveCount(1);
  await expect(change).toContainText(USER);
  await expect(change).toContainText("契約者・サポート窓口情報の変更");
  const html = await (await page.request.get(`/licenses/${LICENSE}`)).text();
  expectNoStaffAddress(html);
  // The RSC payload of a client-side navigation to the page.
  const rsc = await page.request.get(`/licenses/${LICENSE}`, { headers: { RSC: "1" } });
  expectNoStaffAddress(await rsc.text());

  // The whole history, and its CSV with the same rows.
  await history.getByRole("link", { name: "すべての変更履歴を見る" }).click();
  await expect(page).toHaveURL(new RegExp(`/licenses/${LICENSE}/history$`));
  await expect(page.getByRole("heading", { level: 1, name: `変更履歴（ライセンスID ${LICENSE}）` })).toBeVisible();
  const table = page.getByTestId("contract-history");
  await expect(table.getByRole("row").filter({ hasText: DEPARTMENT })).toHaveCount(1);
  await expect(table.getByRole("row").filter({ hasText: "法人名変更の承認" }).filter({ hasText: BRANCH })).toContainText("トレンドマイクロ");
  // Oldest last: the department changed before the name change was asked for.
  await expect(table.getByRole("row").last()).toContainText(DEPARTMENT);
  expectNoStaffAddress(await (await page.request.get(`/licenses/${LICENSE}/history`)).text());

  const csv = await csvOf(page.request, LICENSE);
  expectNoStaffAddress(csv);
  const csvRows = csv.split(/\r\n(?=\d{4}\/)/);
  const csvChange = csvRows.find((row) => row.includes(DEPARTMENT));
  expect(csvChange).toContain(`,${USER},契約者・サポート窓口情報の変更,`);
  expect(csvChange).toContain(`サポート窓口 部署名：${before || "（なし）"} → ${DEPARTMENT}`);
  const csvApproval = csvRows.find((row) => row.includes("法人名変更の承認") && row.includes(BRANCH));
  expect(csvApproval).toContain(",トレンドマイクロ,法人名変更の承認,");
  expect(csvApproval).toContain(`契約窓口 支社名：本社 → ${BRANCH}`);
  expect(csvRows.indexOf(csvApproval!)).toBeLessThan(csvRows.indexOf(csvChange!));
  expect(csv.endsWith("\r\n")).toBe(true);

  // 100001: the demo's first row (two months ago, user@'s change of the サポート窓口's 部署名) is the oldest.
  await page.goto("/licenses/100001/history");
  const first = page.getByTestId("contract-history").getByRole("row").last();
  await expect(first).toContainText("サポート窓口 部署名：情報システム部 → ITサポート課");
  await expect(first).toContainText(USER);
  expect(await csvOf(page.request, 100001)).toContain(`,${USER},契約者・サポート窓口情報の変更,サポート窓口 部署名：情報システム部 → ITサポート課\r\n`);

  // 100013: the demo's code issuance (by user@), in the history and its CSV.
  await page.goto("/licenses/100013");
  const issued = history.getByRole("row").filter({ hasText: "アクティベーションコードの発行" });
  await expect(issued).toHaveCount(1);
  await expect(issued).toContainText(USER);
  await expect(issued).toContainText(/アクティベーションコード：AC-/);
  expect(await csvOf(page.request, 100013)).toMatch(/,user@example\.co\.jp,アクティベーションコードの発行,"[^"]*アクティベーションコード：AC-/);
});

test("N-4: another customer's, a hidden contract's, a malformed ID's history and CSV are 404; signed out too; a bad cursor shows the first page", async ({
  page,
  browser,
  playwright,
}) => {
  await customerLogIn(page, OTHER, "203.0.113.222");
  for (const path of ["/licenses/100001/history", "/licenses/100001/history/export", "/licenses/abc/history", "/licenses/abc/history/export"]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.text(), path).not.toContain("テストユーザ株式会社");
  }
  await page.goto("/licenses/100001/history");
  await expect(page.getByRole("heading", { name: "変更履歴（ライセンスID 100001）" })).toHaveCount(0);

  const own = await browser.newPage({ baseURL: MAIN.url });
  await customerLogIn(own, USER, "203.0.113.223");
  // 100006 is user@'s, hidden at their request (B-0 condition 5).
  for (const path of ["/licenses/100006/history", "/licenses/100006/history/export"]) expect((await own.request.get(path)).status(), path).toBe(404);
  await own.goto("/licenses/100001/history?before=not-a-cursor");
  await expect(own.getByRole("alert").filter({ hasText: "指定された位置が正しくないため、最新の変更履歴から表示しています。" })).toBeVisible();
  await expect(own.getByTestId("contract-history")).toBeVisible();
  await own.close();

  const anonymous = await playwright.request.newContext({ baseURL: MAIN.url, extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.224" } });
  expect((await anonymous.get("/licenses/100001/history/export")).status()).toBe(404);
  const signedOut = await anonymous.get("/licenses/100001/history", { maxRedirects: 0 });
  expect(signedOut.status()).toBe(307);
  expect(signedOut.headers().location).toContain("/login");
  await anonymous.dispose();
});
