// G-6 in Chromium, on the staff-desk server (its own database: 100006 becomes visible half-way, which the
// main server's specs must never see). An operator finds 100006 by its activation code, sees why user@ cannot see it
// (condition 5, 表示設定), clears 表示設定; user@'s list then holds 100006; the change is in the contract's history
// and in the audit log (the admin's CSV). Then who gets 404.
import { customerLogIn, demoCode, staffLogIn, staffNav, actionStatus, statusOf } from "./fixtures";
import { STAFF_DESK } from "./servers";
import { expect, test } from "./test";

test.describe.configure({ mode: "serial" });
test.use({ baseURL: STAFF_DESK.url });

const USER = "user@example.co.jp";

test("G-6: an operator finds 100006 by code, sees condition 5 for user@, clears 表示設定; user@ sees it; history and audit log", async ({ page, browser }) => {
  await staffLogIn(page, "operator@example.com");
  await staffNav(page).getByRole("link", { name: "契約の検索" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "契約の検索" })).toBeVisible();
  // The code as a customer reads it over the phone: lower case, no hyphens.
  await page.getByLabel("ライセンスID・アクティベーションコード・メールアドレス・法人名").fill(demoCode(100006).replaceAll("-", "").toLowerCase());
  await page.getByRole("button", { name: "検索する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "で検索しました" })).toHaveText("アクティベーションコードで検索しました：1件");
  const row = page.getByTestId("staff-contracts").getByRole("row").nth(1);
  await expect(row).toContainText("非表示（お客様のご希望）");
  await row.getByRole("link", { name: "100006" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "契約 100006" })).toBeVisible();
  await expect(page.getByTestId("staff-lines")).toContainText(demoCode(100006));

  // 「見たい契約が表示されません」: why user@ does not see it — condition 5, and only that one.
  await page.getByLabel("お客様のログインメールアドレス").fill(USER);
  await page.getByRole("button", { name: "確認する" }).click();
  const verdict = page.getByTestId("staff-verdict");
  await expect(verdict.getByRole("status")).toHaveText(`${USER} には表示されません。`);
  await expect(verdict.locator('[data-holds="false"]')).toHaveCount(1);
  await expect(verdict.locator('[data-condition="5"]')).toHaveText("条件5：満たさない — 表示設定：お客様のご希望により非表示です。");

  // Before: user@'s list does not hold it.
  const customerContext = await browser.newContext({ baseURL: STAFF_DESK.url });
  const customer = await customerContext.newPage();
  await customerLogIn(customer, USER, "203.0.113.120");
  await customer.goto("/licenses");
  await expect(customer.getByRole("link", { name: "100006", exact: true })).toHaveCount(0);

  // 表示設定 → 表示に戻す.
  const display = page.getByTestId("staff-display");
  await expect(display).toContainText("現在：非表示（お客様のご希望）");
  await display.getByRole("button", { name: "表示に戻す" }).click();
  await expect(display.getByRole("status")).toHaveText("表示設定を変更しました。");
  await expect(display).toContainText("現在：表示");
  await expect(verdict.getByRole("status")).toHaveText(`${USER} には表示されます。`);
  const history = page.getByTestId("staff-history");
  await expect(history.getByRole("row").nth(1)).toContainText("表示設定の変更");
  await expect(history.getByRole("row").nth(1)).toContainText("operator@example.com");
  // In the catalogue's words (issue 29 item 12), not the recorded key.
  await expect(history.getByRole("row").nth(1)).toContainText("非表示（お客様のご希望）：はい → いいえ");
  await expect(history).not.toContainText("hiddenByCustomer");

  // user@ sees it now, in the list and on its page.
  await customer.goto("/licenses");
  await expect(customer.getByRole("link", { name: "100006", exact: true })).toBeVisible();
  await customer.goto("/licenses/100006");
  await expect(customer.getByRole("heading", { level: 1 })).toBeVisible();
  expect((await customer.request.get("/licenses/100006", { maxRedirects: 0 })).status()).toBe(200);

  // The audit log (the admin's CSV export): who changed what.
  const adminContext = await browser.newContext({ baseURL: STAFF_DESK.url });
  const admin = await adminContext.newPage();
  await staffLogIn(admin, "admin@example.com");
  const csv = await (await admin.request.get("/admin/audit/export")).text();
  const line = csv.split(/\r?\n/).find((l) => l.includes("contracts.display-changed"));
  expect(line, "the audit row").toBeDefined();
  expect(line).toContain("operator@example.com");
  expect(line).toContain("100006");
  // G-7's page shows the same row in words: the action's label, the target, each detail under its label.
  await admin.goto("/admin/audit?action=contracts.display-changed");
  const auditRow = admin.getByTestId("audit-log").getByRole("row").filter({ hasText: "operator@example.com" }).first();
  await expect(auditRow.locator('[data-action="contracts.display-changed"]')).toHaveText("表示設定の変更");
  await expect(auditRow).toContainText("契約 100006");
  await expect(auditRow).toContainText("非表示（お客様のご希望）：はい → いいえ");
  expect(await auditRow.innerText()).not.toMatch(/contracts\.display-changed|hidden(Before|After)|[{}]/);

  // Hidden again, as the demo was — behind a confirmation (issue 29 item 1): the trigger opens it and focus moves
  // into it; Escape and キャンセル close it, focus back on the trigger, and nothing changes until 非表示にする in it.
  const hide = display.getByRole("button", { name: "非表示にする" }).first();
  const confirmation = display.getByRole("group", { name: "この契約をお客様の画面に表示しないようにしますか？" });
  await expect(confirmation).toHaveCount(0);
  await hide.click();
  await expect(confirmation.getByRole("button", { name: "キャンセル" })).toBeFocused();
  // The one danger style: the trigger is drawn like the confirmation's own button (its border and text; the pointer
  // still hovers the trigger), not filled like the site's primary button.
  const look = (button: typeof hide) => button.evaluate((b) => [getComputedStyle(b).borderColor, getComputedStyle(b).color]);
  expect(await look(hide)).toEqual(await look(confirmation.getByRole("button", { name: "非表示にする" })));
  const primary = await page.evaluate(() => {
    const probe = document.body.appendChild(document.createElement("span"));
    probe.style.backgroundColor = "var(--color-brand)";
    const colour = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return colour;
  });
  expect(await hide.evaluate((b) => getComputedStyle(b).backgroundColor), "not the primary button's fill").not.toBe(primary);
  const version = await confirmation.locator('input[name="version"]').inputValue();
  await page.keyboard.press("Escape");
  await expect(confirmation).toHaveCount(0);
  await expect(hide).toBeFocused();
  await hide.press("Enter");
  await confirmation.getByRole("button", { name: "キャンセル" }).click();
  await expect(confirmation).toHaveCount(0);
  await expect(hide).toBeFocused();
  // The page's own fields without the confirmation's (a request made without the step) are refused.
  expect(await actionStatus(page.context().request, "setContractDisplayAction", { licenseId: "100006", hidden: "true", version }, STAFF_DESK.url)).toBe(200);
  await page.reload();
  await expect(display).toContainText("現在：表示");
  await customer.goto("/licenses");
  await expect(customer.getByRole("link", { name: "100006", exact: true }), "cancelled: still shown").toBeVisible();
  await hide.click();
  await confirmation.getByRole("button", { name: "非表示にする" }).click();
  await expect(display.getByRole("status")).toHaveText("表示設定を変更しました。");
  await expect(display).toContainText("現在：非表示（お客様のご希望）");
  await expect(display.getByRole("button", { name: "表示に戻す" })).toBeFocused();
  await customer.goto("/licenses");
  await expect(customer.getByRole("link", { name: "100006", exact: true })).toHaveCount(0);
  await Promise.all([customerContext.close(), adminContext.close()]);
});

test("G-6 answers 404 to a marketer and a customer, pages and the 表示設定 action; the demo's 100006 stays hidden", async ({ page, browser }) => {
  await staffLogIn(page, "marketer@example.com");
  await expect(staffNav(page).getByRole("link", { name: "契約の検索" })).toHaveCount(0);
  for (const path of ["/admin/contracts", "/admin/contracts?q=100006", "/admin/contracts/100006"])
    expect(await statusOf(page.context().request, path), `marketer ${path}`).toBe(404);
  const fields = { licenseId: "100006", hidden: "false", version: "0" };
  expect(await actionStatus(page.context().request, "setContractDisplayAction", fields, STAFF_DESK.url), "marketer action").toBe(404);
  const customerContext = await browser.newContext({ baseURL: STAFF_DESK.url });
  const customer = await customerContext.newPage();
  await customerLogIn(customer, USER, "203.0.113.121");
  for (const path of ["/admin/contracts", "/admin/contracts/100006"]) expect(await statusOf(customer.context().request, path), `customer ${path}`).toBe(404);
  expect(await actionStatus(customer.context().request, "setContractDisplayAction", fields, STAFF_DESK.url), "customer action").toBe(404);
  await customer.goto("/licenses");
  await expect(customer.getByRole("link", { name: "100006", exact: true }), "nothing changed").toHaveCount(0);
  await customerContext.close();
});
