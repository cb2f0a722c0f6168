// In a real browser (SPEC B-5, B-6, G-3): 契約者・サポート窓口情報を変更する from the detail page — a plain
// change (M-3, applied at once), a company-name change through a registry match approved by an operator (M-4, then
// M-3 and the new name), and one through 「該当する法人情報が見つからない方は・・・」 rejected with a reason (the
// rejection mail) — and the page and its actions give another customer and a signed-out client nothing.
// Contracts: 100001 for the plain change, 100010 for the approval, 100012 for the rejection (user@'s own, so the
// tests do not meet; the demo registry sample holds the companies searched for).
import type { Page } from "@playwright/test";
import { expect, test } from "./test";
import { customerLogIn, mailWith, staffLogIn, staffNav } from "./fixtures";
import { actions } from "./manifests";
import { MAIN } from "./servers";

const USER = "user@example.co.jp";

async function openChangeForm(page: Page, licenseId: number) {
  await page.goto(`/licenses/${licenseId}`);
  await page.getByRole("link", { name: "契約者・サポート窓口情報を変更する" }).click();
  await expect(page).toHaveURL(new RegExp(`/licenses/${licenseId}/contacts$`));
  await expect(page.getByRole("heading", { name: "ご契約情報の変更" })).toBeVisible();
}

const support = (page: Page) => page.getByRole("group", { name: "サポート窓口情報" });
const contract = (page: Page) => page.getByRole("group", { name: "契約窓口情報" });

test("B-5: the support contact's phone on 100001 → 確認する → 変更 → 「契約内容変更完了」, M-3, and the detail shows it; a bad field keeps what was typed", async ({
  page,
  request,
}) => {
  await customerLogIn(page, USER, "203.0.113.101");
  await openChangeForm(page, 100001);
  // Both contacts prefilled; the 契約窓口's 法人名 is not a white box.
  await expect(contract(page).getByLabel("担当者名")).toHaveValue("試験 太郎");
  await expect(support(page).getByLabel("電話番号")).toHaveValue("03-1234-5679");
  await expect(support(page).getByLabel("法人名")).toHaveValue("テストユーザ株式会社");
  await expect(contract(page).getByRole("textbox", { name: "法人名" })).toHaveCount(0);

  // A field that fails: its message under it, everything typed kept.
  await support(page).getByLabel("電話番号").fill("０３－５５５５－０１２３");
  await support(page).getByLabel("郵便番号").fill("100-00");
  await page.getByRole("button", { name: "確認する" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "入力内容に誤りがあります" })).toBeVisible();
  await expect(page.locator("#support\\.postalCode-error")).toHaveText("郵便番号は7桁の数字で入力してください（例：100-0005）。");
  await expect(page.locator("#privacyConsent-error")).toHaveText("内容をご確認の上、チェックを入れてください。");
  await expect(support(page).getByLabel("電話番号")).toHaveValue("０３－５５５５－０１２３");
  await expect(support(page).getByLabel("郵便番号")).toHaveValue("100-00");

  await support(page).getByLabel("郵便番号").fill("1000005");
  await page.getByLabel("「お客様から収集する個人情報の取り扱い」の内容を確認し、同意します。").check();
  await page.getByRole("button", { name: "確認する" }).click();
  const review = page.getByRole("region", { name: "変更内容の確認" });
  await expect(review.getByRole("heading", { name: "変更内容の確認" })).toBeFocused();
  // Only the changed field, before → after (the postal code was 100-0005 already).
  await expect(review.getByRole("row")).toHaveCount(2);
  await expect(review.getByRole("row", { name: /サポート窓口情報 電話番号/ })).toContainText("03-1234-567903-5555-0123");
  await review.getByRole("button", { name: "変更" }).click();

  await expect(page.getByRole("heading", { name: "契約内容変更完了" })).toBeVisible();
  await expect(page).toHaveURL(/\/licenses\/100001\/contacts\/done\/\d+$/);
  await expect(page.getByRole("status").filter({ hasText: "契約内容変更完了メールが数分後に届きます" })).toBeVisible();
  const mail = await mailWith(request, USER, "契約内容変更完了", ["100001", "03-5555-0123"]);
  expect(mail.to).toContain("support-desk@example.co.jp");
  expect(mail.from).toMatch(/^eCustomer@/);

  await page.getByRole("link", { name: "ご契約内容に戻る" }).click();
  await expect(page.getByRole("region", { name: "サポート窓口情報" })).toContainText("03-5555-0123");
});

test("B-5 + G-3: a registry match (検索, 選択, 確定, reason, both consents) → 「契約内容変更受付＆一部変更処理完了」 and M-4; the operator approves → M-3 and the new name", async ({
  page,
  browser,
  request,
}) => {
  await customerLogIn(page, USER, "203.0.113.102");
  await openChangeForm(page, 100010);
  await contract(page).getByRole("button", { name: "法人名・支社名変更" }).click();
  const nameChange = page.getByRole("region", { name: "法人名・支社名変更" });
  // Full-width and katakana as typed; the prefecture is prefilled from the contract (東京都).
  await nameChange.getByLabel("法人名").fill("ﾃｽﾄﾕｰｻﾞ");
  await nameChange.getByRole("button", { name: "法人名情報の検索" }).click();
  const results = nameChange.getByRole("region", { name: /法人情報の検索結果/ });
  await expect(results.getByRole("listitem").first()).toBeVisible();
  await expect(results).toContainText("テストユーザホールディングス株式会社");
  // Closed companies are marked and not offered; the other prefecture's company is not listed.
  const closed = results.getByRole("listitem").filter({ hasText: "テストユーザ販売株式会社" });
  await expect(closed).toContainText("閉鎖");
  await expect(closed.getByRole("button")).toHaveCount(0);
  await expect(results).not.toContainText("株式会社テストユーザ商事");
  await results.getByRole("button", { name: "テストユーザホールディングス株式会社 を選択" }).click();
  await expect(nameChange).toContainText("選択した法人情報をご確認の上「確定」ボタンを押してください。");
  await nameChange.getByRole("button", { name: "確定" }).click();
  await expect(nameChange.getByRole("status").filter({ hasText: "選択した法人情報がセットされました" })).toBeVisible();
  await nameChange.getByLabel("社名変更理由").selectOption({ label: "商号変更" });
  await page.getByLabel("「お客様から収集する個人情報の取り扱い」の内容を確認し、同意します。").check();
  // The 5-business-day consent appears only with a name change, and is required then.
  await page.getByRole("button", { name: "確認する" }).click();
  await expect(page.locator("#nameChangeConsent-error")).toHaveText("内容をご確認の上、チェックを入れてください。");
  await page.getByLabel("契約法人名・支社名の変更依頼は、完了までに目安として５営業日ほどかかることを確認しました。").check();
  await page.getByRole("button", { name: "確認する" }).click();
  const review = page.getByRole("region", { name: "変更内容の確認" });
  await expect(review.getByRole("row", { name: /法人名・支社名/ })).toContainText("テストユーザ株式会社 本社テストユーザホールディングス株式会社");
  await review.getByRole("button", { name: "変更" }).click();
  await expect(page.getByRole("heading", { name: "契約内容変更受付＆一部変更処理完了" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "変更の反映まで５営業日ほどかかります" })).toBeVisible();
  await mailWith(request, USER, "契約内容変更受付＆一部変更処理完了", ["100010", "テストユーザホールディングス株式会社"]);
  // The detail page says a name change is being reviewed; the name is still the old one.
  await page.goto("/licenses/100010");
  await expect(page.getByRole("status").filter({ hasText: "テストユーザホールディングス株式会社" })).toBeVisible();
  await expect(page.getByRole("region", { name: "契約窓口情報" })).toContainText("テストユーザ株式会社");

  const staff = await browser.newPage({ baseURL: MAIN.url });
  await staffLogIn(staff, "operator@example.com");
  await staffNav(staff).getByRole("link", { name: "法人名変更の確認" }).click();
  const item = staff.getByRole("listitem", { name: /ライセンスID 100010: テストユーザホールディングス株式会社/ });
  await expect(item).toContainText("テストユーザ株式会社 本社");
  // The registry entry side by side, with the due date.
  await expect(item).toContainText("法人情報");
  await expect(item).toContainText(/期限：\d{4}\/\d{2}\/\d{2}/);
  await item.getByRole("button", { name: "承認" }).click();
  await expect(item.getByRole("status").filter({ hasText: "承認しました" })).toBeVisible();

  // G-6 after the approval (issue 29 item 12): the summary names the contract by its new 法人名, as 契約窓口 does; the
  // history says what happened in Japanese labels, before → after — no recorded key, no JSON.
  await staff.goto("/admin/contracts/100010");
  const summaryName = staff
    .locator("dl")
    .first()
    .locator("dt", { hasText: /^法人名$/ })
    .locator("xpath=following-sibling::dd[1]");
  await expect(summaryName).toHaveText("テストユーザホールディングス株式会社");
  await expect(staff.getByTestId("staff-contact-contract")).toContainText("テストユーザホールディングス株式会社");
  const history = staff.getByTestId("staff-history-table");
  const approval = history.getByRole("row").filter({ hasText: "法人名変更の承認" });
  await expect(approval).toContainText("契約窓口 法人名：テストユーザ株式会社 → テストユーザホールディングス株式会社");
  await expect(approval).toContainText("契約窓口 支社名：本社 → （なし）");
  const requested = history.getByRole("row").filter({ hasText: "契約者・サポート窓口情報の変更" }).first();
  await expect(requested).toContainText("法人名変更の依頼 法人名：テストユーザ株式会社 → テストユーザホールディングス株式会社");
  await expect(requested).toContainText("法人名変更の依頼 社名変更理由：（なし） → 商号変更");
  const historyText = await history.innerText();
  expect(historyText).not.toContain("contract.");
  expect(historyText).not.toContain("nameChange");
  expect(historyText).not.toMatch(/[{}]/);
  await staff.close();

  await mailWith(request, USER, "契約内容変更完了", ["100010", "テストユーザホールディングス株式会社", "変更が完了しました"]);
  await page.goto("/licenses/100010");
  await expect(page.getByRole("region", { name: "契約窓口情報" })).toContainText("テストユーザホールディングス株式会社");
});

test("B-5 + G-3: 「該当する法人情報が見つからない方は・・・」 with a typed name, rejected with a reason → the rejection mail; the name stays", async ({
  page,
  browser,
  request,
}) => {
  await customerLogIn(page, USER, "203.0.113.103");
  await openChangeForm(page, 100012);
  await contract(page).getByRole("button", { name: "法人名・支社名変更" }).click();
  const nameChange = page.getByRole("region", { name: "法人名・支社名変更" });
  await nameChange.getByLabel("法人名").fill("存在しない名前");
  await nameChange.getByRole("button", { name: "法人名情報の検索" }).click();
  await expect(nameChange).toContainText("該当する法人情報が見つかりませんでした。");
  await nameChange.getByRole("button", { name: "該当する法人情報が見つからない方は・・・" }).click();
  await nameChange.getByLabel("変更後の法人名").fill("テストユーザ新社株式会社");
  await nameChange.getByLabel("変更後の支社名").fill("東京本部");
  await nameChange.getByLabel("社名変更理由").selectOption({ label: "組織変更（支社名の変更など）" });
  await page.getByLabel("「お客様から収集する個人情報の取り扱い」の内容を確認し、同意します。").check();
  await page.getByLabel("契約法人名・支社名の変更依頼は、完了までに目安として５営業日ほどかかることを確認しました。").check();
  await page.getByRole("button", { name: "確認する" }).click();
  await page.getByRole("region", { name: "変更内容の確認" }).getByRole("button", { name: "変更" }).click();
  await expect(page.getByRole("heading", { name: "契約内容変更受付＆一部変更処理完了" })).toBeVisible();

  const staff = await browser.newPage({ baseURL: MAIN.url });
  await staffLogIn(staff, "operator@example.com");
  await staff.goto("/admin/name-changes");
  const item = staff.getByRole("listitem", { name: /ライセンスID 100012: テストユーザ新社株式会社 東京本部/ });
  // 却下 asks first (issue 29 item 1), and the confirmation asks for the reason: focus moves to it; キャンセル closes
  // it, focus back on 却下, and the request still waits.
  const reject = item.getByRole("button", { name: "却下", exact: true });
  const confirmation = item.getByRole("group", { name: "この依頼を却下しますか？却下の理由はお客様へのメールに記載されます。" });
  await reject.click();
  await expect(confirmation.getByLabel("却下の理由（お客様へのメールに記載されます）")).toBeFocused();
  await confirmation.getByRole("button", { name: "キャンセル" }).click();
  await expect(confirmation).toHaveCount(0);
  await expect(reject).toBeFocused();
  await staff.reload();
  await expect(item.getByRole("button", { name: "承認" }), "cancelled: the request still waits").toBeVisible();
  // A rejection needs its reason.
  await reject.click();
  await confirmation.getByRole("button", { name: "却下する" }).click();
  await expect(confirmation).toContainText("入力してください。");
  await confirmation.getByLabel("却下の理由（お客様へのメールに記載されます）").fill("登記上の商号を確認できませんでした。");
  await confirmation.getByRole("button", { name: "却下する" }).click();
  await expect(item.getByRole("status").filter({ hasText: "却下しました" })).toBeVisible();
  await staff.close();

  await mailWith(request, USER, "契約法人名・支社名の変更依頼について", ["100012", "登記上の商号を確認できませんでした。"]);
  await page.goto("/licenses/100012");
  await expect(page.getByRole("region", { name: "契約窓口情報" })).toContainText("テストユーザ株式会社");
  await expect(page.getByText("法人名・支社名の変更（", { exact: false })).toHaveCount(0);
});

test("B-5: another customer and a signed-out client get nothing of 100001's change flow (page and actions)", async ({ page, browser, playwright }) => {
  // Signed out: the page leads to login and back.
  const anonymous = await browser.newPage({ baseURL: MAIN.url });
  await anonymous.goto("/licenses/100001/contacts");
  await expect(anonymous).toHaveURL(/\/login\?callbackUrl=%2Flicenses%2F100001%2Fcontacts/);
  await anonymous.close();

  await customerLogIn(page, "other@example.co.jp", "203.0.113.104");
  for (const path of ["/licenses/100001/contacts", "/licenses/100001/contacts/done/1"]) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(404);
    // One main landmark: the group's 404 under its shell.
    await expect(page.locator("main")).toHaveCount(1);
    const main = await page.locator("main").innerText();
    for (const secret of ["テストユーザ株式会社", "試験 太郎", "support-desk@example.co.jp", "03-1234"])
      expect(main, `${path}: ${secret}`).not.toContain(secret);
  }

  // The actions, called directly with other@'s session for user@'s contract: refused, nothing about it comes back.
  const cookies = await page.context().cookies();
  const api = await playwright.request.newContext({
    baseURL: MAIN.url,
    extraHTTPHeaders: { Cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; "), "X-Forwarded-For": "203.0.113.104" },
  });
  const fields: Record<string, string> = {
    licenseId: "100001",
    version: "0",
    "contract.personName": "乗っ取り",
    "contract.postalCode": "100-0005",
    "contract.prefecture": "東京都",
    "contract.address": "どこか",
    "contract.phone": "03-0000-0000",
    "contract.email": "attacker@example.invalid",
    "support.companyName": "乗っ取り株式会社",
    "support.personName": "乗っ取り",
    "support.postalCode": "100-0005",
    "support.prefecture": "東京都",
    "support.address": "どこか",
    "support.phone": "03-0000-0000",
    "support.email": "attacker@example.invalid",
    privacyConsent: "on",
    nameChange: "none",
  };
  for (const name of ["confirmContactChangeAction", "applyContactChangeAction"]) {
    const action = actions.find((entry) => entry.name === name)!;
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(`_1_${key}`, value);
    form.append("0", '[{"status":"idle"},"$K1"]');
    const response = await api.post(action.endpoint, {
      maxRedirects: 0,
      headers: { "Next-Action": action.id, Accept: "text/x-component", Origin: MAIN.url },
      multipart: form,
    });
    expect(response.status(), name).toBeLessThan(500);
    const body = await response.text();
    for (const secret of ["テストユーザ株式会社", "試験 太郎", "support-desk@example.co.jp", "03-1234"])
      expect(body, `${name}: ${secret}`).not.toContain(secret);
    expect(body, name).toContain("お探しのページは移動または削除されたか");
  }
  await api.dispose();
  // Nothing changed: user@ still sees 100001's contract contact as it was.
  const owner = await browser.newPage({ baseURL: MAIN.url });
  await customerLogIn(owner, USER, "203.0.113.105");
  await owner.goto("/licenses/100001");
  await expect(owner.getByRole("region", { name: "契約窓口情報" })).toContainText("試験 太郎");
  await expect(owner.getByRole("region", { name: "契約窓口情報" })).not.toContainText("乗っ取り");
  await owner.close();
});
