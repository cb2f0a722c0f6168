// In Chromium, on the staff-desk server (its own database: the import adds contracts): an operator
// checks the order system's file (dry run: nothing written), imports it, imports it again (nothing changes), and finds
// the new contract in G-6; a file with a bad row is refused with its line, and nothing of it is written.
import path from "node:path";
import { staffLogIn, staffNav } from "./fixtures";
import { REPO_ROOT, STAFF_DESK } from "./servers";
import { expect, test } from "./test";

test.use({ baseURL: STAFF_DESK.url });

const FIXTURES = path.join(REPO_ROOT, "tests", "fixtures", "contracts-import");

function count(page: import("@playwright/test").Page, label: string) {
  return page.getByTestId("import-counts").getByRole("row", { name: label });
}

test("an operator checks, imports and re-imports the order system's file; a bad row is refused with its line", async ({ page }) => {
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "203.0.113.189" });
  await staffLogIn(page, "operator@example.com");
  await staffNav(page).getByRole("link", { name: "契約の取り込み" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "契約の取り込み" })).toBeVisible();

  // The bad file first: refused, its line named, nothing written (the dry run of the good file still sees 3 new).
  await page.getByLabel("取り込むファイル").setInputFiles(path.join(FIXTURES, "bad-row.csv"));
  await page.getByRole("button", { name: "取り込む", exact: true }).click();
  const result = page.getByTestId("import-result");
  await expect(result.getByRole("alert")).toContainText("何も反映していません");
  await expect(page.getByTestId("import-errors")).toContainText("4 行目");

  await page.getByLabel("取り込むファイル").setInputFiles(path.join(FIXTURES, "valid.csv"));
  await page.getByRole("button", { name: "確認のみ（反映しない）" }).click();
  await expect(result.getByRole("status")).toHaveText("確認しました（まだ反映していません）。「取り込む」を押すと、次の内容が反映されます。");
  await expect(count(page, "新しい契約")).toContainText("3 件");

  await page.getByRole("button", { name: "取り込む", exact: true }).click();
  await expect(result.getByRole("status")).toHaveText("取り込みました。");
  await expect(count(page, "新しい契約")).toContainText("3 件");

  // The same file again: nothing new, nothing changed.
  await page.getByRole("button", { name: "取り込む", exact: true }).click();
  await expect(count(page, "変更のない契約")).toContainText("3 件");
  await expect(count(page, "新しい契約")).toContainText("0 件");
  await expect(count(page, "変更のある契約")).toContainText("0 件");

  // G-6 finds the imported contract.
  await page.goto("/admin/contracts?q=700001");
  await expect(page.getByTestId("staff-contracts").getByRole("link", { name: "700001" })).toBeVisible();
});
