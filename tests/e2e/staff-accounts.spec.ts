// Staff accounts with enforced TOTP (G-1) and a customer's optional TOTP, in Chromium on the staff-desk server (its
// own database). The codes are computed here from the secret the page shows, as an authenticator app would.
import type { Page } from "@playwright/test";
import { customerLogIn, staffLogIn, staffNav, totpNow, waitForMail } from "./fixtures";
import { nextTotpCode } from "../support/totp-codes";
import { STAFF_DESK } from "./servers";
import { expect, test } from "./test";

test.describe.configure({ mode: "serial" });
test.use({ baseURL: STAFF_DESK.url });

const INVITEE = "new-marketer@example.com";
const INVITEE_PASSWORD = "Marketer-Passw0rd-2026";

test("an admin invites a marketer, who sets a password, enrols TOTP and signs in; the admin disables them and their open session ends at once", async ({
  page,
  browser,
}) => {
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "203.0.113.186" });
  await staffLogIn(page, "admin@example.com");
  await staffNav(page).getByRole("link", { name: "スタッフ管理" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "スタッフ管理" })).toBeVisible();
  await page.getByLabel("氏名", { exact: true }).fill("新人 マーケ");
  await page.getByLabel("メールアドレス", { exact: true }).fill(INVITEE);
  await page.getByLabel("役割", { exact: true }).selectOption("marketer");
  await page.getByRole("button", { name: "招待メールを送る" }).click();
  await expect(page.getByRole("status").filter({ hasText: "招待メールを送りました" })).toHaveText(`${INVITEE} に招待メールを送りました。`);
  const row = page.getByTestId("staff-table").locator(`tr[data-email="${INVITEE}"]`);
  await expect(row.getByTestId("staff-status")).toContainText("招待中");

  // The invitee's browser: the link of the mail, a password, then the first sign-in enrols TOTP.
  const mail = await waitForMail(page.request, INVITEE, "スタッフ管理画面へのご招待", 15_000, STAFF_DESK.url);
  const link = /https?:\/\/\S+\/admin\/password\/set\/[A-Za-z0-9_-]+/.exec(mail.text)![0];
  const inviteeContext = await browser.newContext({ baseURL: STAFF_DESK.url, extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.187" } });
  const invitee = await inviteeContext.newPage();
  await invitee.goto(new URL(link).pathname);
  await expect(invitee.getByRole("heading", { level: 1, name: "パスワードの設定" })).toBeVisible();
  await invitee.getByLabel("新しいパスワード", { exact: true }).fill(INVITEE_PASSWORD);
  await invitee.getByLabel("新しいパスワード（確認）").fill(INVITEE_PASSWORD);
  await invitee.getByRole("button", { name: "パスワードを設定する" }).click();
  await expect(invitee.getByRole("status")).toHaveText("パスワードを設定しました。");
  // Used once: the same link now says so.
  await invitee.goto(new URL(link).pathname);
  await expect(invitee.getByRole("main").getByRole("alert")).toContainText("使用済みか、有効期限（72時間）が切れています");

  await invitee.goto("/admin/login");
  await invitee.getByLabel("メールアドレス").fill(INVITEE);
  await invitee.getByLabel("パスワード").fill(INVITEE_PASSWORD);
  await invitee.getByRole("button", { name: "ログイン" }).click();
  await expect(invitee).toHaveURL(/\/admin\/login\/mfa$/);
  await expect(invitee.getByRole("heading", { level: 1, name: "二要素認証の設定" })).toBeVisible();
  await expect(invitee.getByRole("img", { name: "認証アプリに登録するQRコード" })).toBeVisible();
  const secret = (await invitee.getByTestId("totp-secret").textContent())!;
  // A wrong code first: refused, nothing stored.
  const right = (await nextTotpCode(secret, INVITEE)).code;
  await invitee.getByLabel("確認コード").fill(right === "000000" ? "111111" : "000000");
  await invitee.getByRole("button", { name: "設定する" }).click();
  await expect(invitee.locator("#code-error")).toHaveText("確認コードが正しくありません。");
  await invitee.getByLabel("確認コード").fill(right);
  await invitee.getByRole("button", { name: "設定する" }).click();
  const codes = invitee.getByTestId("recovery-codes").getByRole("listitem");
  await expect(codes).toHaveCount(10);
  await expect(codes.first()).toHaveText(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
  await invitee.getByRole("button", { name: "保管しました。続ける" }).click();
  await expect(invitee).toHaveURL(/\/admin$/);
  // A marketer's menu: notices and Support Information, not the staff accounts.
  await expect(staffNav(invitee).getByRole("link", { name: "Support Informationメール" })).toBeVisible();
  await expect(staffNav(invitee).getByRole("link", { name: "スタッフ管理" })).toHaveCount(0);

  // The admin's list shows the member active with TOTP; the admin disables them.
  await page.reload();
  await expect(row.getByTestId("staff-status")).toHaveText("有効");
  await expect(row).toContainText("設定済み");
  // Each destructive action of the row asks first (issue 29 item 1): its confirmation takes focus; キャンセル and
  // Escape close it, focus back on its button, and nothing has changed.
  const mfaReset = row.getByRole("button", { name: "二要素認証をリセット" });
  await mfaReset.click();
  const mfaConfirmation = row.getByRole("group", { name: "新人 マーケ の二要素認証をリセットしますか？次回のログインで設定し直します。" });
  await expect(mfaConfirmation.getByRole("button", { name: "キャンセル" })).toBeFocused();
  await mfaConfirmation.getByRole("button", { name: "キャンセル" }).click();
  await expect(mfaConfirmation).toHaveCount(0);
  await expect(mfaReset).toBeFocused();
  const passwordReset = row.getByRole("button", { name: "パスワード再設定メールを送る" });
  await passwordReset.press("Enter");
  const passwordConfirmation = row.getByRole("group", { name: "新人 マーケ にパスワード再設定のメールを送りますか？" });
  await expect(passwordConfirmation.getByRole("button", { name: "キャンセル" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(passwordConfirmation).toHaveCount(0);
  await expect(passwordReset).toBeFocused();
  const disable = row.getByRole("button", { name: "無効にする" }).first();
  await disable.click();
  const disableConfirmation = row.getByRole("group", { name: /^新人 マーケ のアカウントを無効にしますか？/ });
  await page.keyboard.press("Escape");
  await expect(disableConfirmation).toHaveCount(0);
  await expect(row.getByRole("status")).toHaveCount(0);
  await page.reload();
  await expect(row.getByTestId("staff-status")).toHaveText("有効");
  await expect(row).toContainText("設定済み");
  await invitee.goto("/admin/support-mails");
  await expect(invitee, "still signed in: nothing was disabled").toHaveURL(/\/admin\/support-mails$/);

  await disable.click();
  await disableConfirmation.getByRole("button", { name: "無効にする" }).click();
  await expect(row.getByRole("status")).toHaveText("アカウントを無効にしました。ログイン中の画面も直ちに使えなくなります。");

  // The invitee's open session ends at once: the next request is the staff login.
  await invitee.goto("/admin/support-mails");
  await expect(invitee).toHaveURL(/\/admin\/login/);
  // And the password no longer leads to the code step.
  await invitee.getByLabel("メールアドレス").fill(INVITEE);
  await invitee.getByLabel("パスワード").fill(INVITEE_PASSWORD);
  await invitee.getByRole("button", { name: "ログイン" }).click();
  await expect(invitee.getByRole("main").getByRole("alert").filter({ hasText: "メールアドレスまたはパスワード" })).toBeVisible();
  await inviteeContext.close();
});

test("the last enabled admin can neither be disabled nor demoted: the page says why", async ({ page }) => {
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "203.0.113.188" });
  await staffLogIn(page, "admin@example.com");
  await page.goto("/admin/staff");
  // admin@ is the demo's only admin; its own row offers no disable, and its role cannot be changed.
  const own = page.getByTestId("staff-table").locator('tr[data-email="admin@example.com"]');
  await expect(own.getByRole("button", { name: "無効にする" })).toHaveCount(0);
  await own.getByRole("combobox").selectOption("operator");
  await own.getByRole("button", { name: "役割を変更" }).click();
  await expect(own.getByRole("alert")).toHaveText("有効な管理者が1人だけのため、この操作はできません。先に別の管理者を追加してください。");
  await page.reload();
  await expect(own.getByRole("combobox")).toHaveValue("admin");
});

const CUSTOMER = "large@example.co.jp";

/** Signs out (waiting for it to land) and signs in again with the password, up to A-1's code step. */
async function signOutAndInToCodeStep(page: Page) {
  await page.getByRole("button", { name: "ログアウト" }).first().click();
  await expect(page).toHaveURL(/\/logged-out$/);
  await page.goto("/login");
  await page.getByLabel("メールアドレス").fill(CUSTOMER);
  await page.getByLabel("パスワード").fill("Demo-Passw0rd!");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/login\/mfa$/);
}

test("a customer turns MFA on, signs out, signs in with password and code; wrong codes are refused, then throttled", async ({ page }) => {
  await customerLogIn(page, CUSTOMER, "203.0.113.185");
  await page.goto("/account/mfa");
  await expect(page.getByTestId("mfa-status")).toHaveText("無効");
  const secret = (await page.getByTestId("totp-secret").textContent())!;
  // Each code is good once (RFC 6238 §5.2): the sign-in below types the next one (tests/support/totp-codes.ts).
  await page.getByLabel("確認コード").fill((await nextTotpCode(secret, CUSTOMER)).code);
  await page.getByRole("button", { name: "有効にする" }).click();
  await expect(page.getByRole("status").filter({ hasText: "有効にしました" })).toBeVisible();
  // The status says so at once, and the recovery codes take the form's place, with what their text asks for.
  await expect(page.getByTestId("mfa-status")).toContainText("有効（");
  await expect(page.getByRole("heading", { name: "二要素認証を有効にする" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "リカバリーコード" })).toBeVisible();
  const codes = page.getByTestId("recovery-codes").getByRole("listitem");
  await expect(codes).toHaveCount(10);
  await expect(page.getByRole("button", { name: "印刷する" })).toBeVisible();
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "コピーする" }).click();
  await expect(page.getByRole("status").filter({ hasText: "リカバリーコードをコピーしました。" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe((await codes.allTextContents()).join("\n"));
  await page.getByRole("link", { name: "保管しました" }).click();
  await expect(page.getByTestId("mfa-status")).toContainText("有効");
  await expect(page.getByTestId("recovery-codes")).toHaveCount(0);

  await signOutAndInToCodeStep(page);
  const { code } = await nextTotpCode(secret, CUSTOMER);
  await page.getByLabel("確認コード").fill(code);
  await page.getByRole("button", { name: "確認" }).click();
  await expect(page.getByTestId("signed-in-user")).toHaveText(`${CUSTOMER}さま`);

  // The same code again (seen over a shoulder): refused as used (RFC 6238 §5.2), and not counted toward the lock
  // below — five wrong codes still take five tries.
  await signOutAndInToCodeStep(page);
  await page.getByLabel("確認コード").fill(code);
  await page.getByRole("button", { name: "確認" }).click();
  await expect(page.locator("#code-error")).toHaveText("この確認コードは使用済みです。認証アプリに次のコードが表示されてから入力してください。");
  await expect(page.getByTestId("signed-in-user")).toHaveCount(0);

  // Again, with wrong codes: each refused; after five, the lock refuses even the right one.
  const wrong = totpNow(secret) === "000000" ? "111111" : "000000";
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("確認コード").fill(wrong);
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/login/mfa"));
    await page.getByRole("button", { name: "確認" }).click();
    await answered;
    await expect(page.locator("#code-error")).toHaveText("確認コードが正しくありません。");
    // React resets the form once the action's answer is rendered: the next code goes into the emptied field.
    await expect(page.getByLabel("確認コード")).toHaveValue("");
  }
  await page.getByLabel("確認コード").fill(totpNow(secret));
  await page.getByRole("button", { name: "確認" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "確認コードの誤りが続いたため、しばらく操作できません。時間をおいてもう一度お試しください。",
  );
  await expect(page.getByTestId("signed-in-user")).toHaveCount(0);
});

test("the code steps and the staff pages of this issue give nothing without their session", async ({ page, playwright }) => {
  // Without a challenge, the code steps send back to the password.
  await page.goto("/login/mfa");
  await expect(page).toHaveURL(/\/login\?reason=mfa-expired$/);
  await expect(page.getByRole("status").filter({ hasText: "有効期限が切れました" })).toBeVisible();
  await page.goto("/admin/login/mfa");
  await expect(page).toHaveURL(/\/admin\/login\?reason=mfa-expired$/);
  await page.goto("/admin/password/set/not-a-real-token-0123456789");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("有効期限（72時間）が切れています");
  // Signed out: /account/mfa → login; /admin/staff → the staff login.
  const api = await playwright.request.newContext({ baseURL: STAFF_DESK.url });
  const account = await api.get("/account/mfa", { maxRedirects: 0 });
  expect(account.status()).toBe(307);
  expect(account.headers().location).toContain("/login?callbackUrl=%2Faccount%2Fmfa");
  expect((await api.get("/admin/staff", { maxRedirects: 0 })).headers().location ?? "").toContain("/admin/login");
  await api.dispose();
});
