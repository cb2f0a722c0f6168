// SPEC G-2 in a real browser: a marketer schedules a notice (publish-from a day ahead, then a day ago — controlled
// time, nobody waits), edits it with the live preview, unpublishes and deletes it, and the top page, /notices and the
// notice's page follow each step at once (a signed-out visitor's fresh loads). The Markdown XSS strings render inert
// in the live preview and on the public pages. The marketer pages and actions answer 404 to customers and operators.
//
// Only one notice of this file is published at any moment, and each test deletes its own: the top page lists five,
// and top.spec.ts (on another worker) expects the demo's fourth published notice among them.
import type { APIRequestContext, Browser, Locator, Page } from "@playwright/test";
import { customerLogIn, staffLogIn, staffNav } from "./fixtures";
import { actions } from "./manifests";
import { MAIN } from "./servers";
import { expect, test } from "./test";

const DAY_MS = 24 * 60 * 60 * 1000;
/** A `datetime-local` value in Tokyo time, `offsetMs` from now (what a marketer in Japan types). */
const tokyoLocal = (offsetMs: number) => new Date(Date.now() + offsetMs + 9 * 60 * 60 * 1000).toISOString().slice(0, 16);

async function visitor(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: MAIN.url });
  return context.newPage();
}

/** What a signed-out visitor sees of a notice: on the top page, on /notices, and the status of its own page. */
async function publicView(page: Page, noticeId: number, title: string): Promise<{ top: boolean; list: boolean; status: number }> {
  await page.goto("/");
  const top = (await page.getByRole("region", { name: "インフォメーション" }).getByRole("link", { name: title, exact: true }).count()) > 0;
  await page.goto("/notices");
  const list = (await page.getByRole("main").getByRole("link", { name: title, exact: true }).count()) > 0;
  const response = await page.goto(`/notices/${noticeId}`);
  return { top, list, status: response!.status() };
}

/**
 * 「保存する」 on the edit page, and the wait for that save: its server action's answer, whose headers Next sends once
 * the action has returned (its transaction committed). The status line alone cannot tell: it still says
 * 「保存しました。」 from the save before.
 */
async function saveEdit(page: Page): Promise<void> {
  const answer = page.waitForResponse((response) => response.request().method() === "POST" && response.request().headers()["next-action"] !== undefined);
  await page.getByRole("button", { name: "保存する" }).click();
  expect((await answer).status()).toBe(200);
  await expect(page.getByRole("status").filter({ hasText: "保存しました。" })).toBeVisible();
}

async function deleteOnPage(page: Page, title: string): Promise<void> {
  const trigger = page.getByRole("button", { name: "削除", exact: true });
  const confirmation = page.getByRole("group", { name: "次のお知らせを削除します。削除したお知らせは元に戻せません。" });
  // Keyboard: the confirmation opens with Enter and takes focus; Escape closes it, focus back on 削除, nothing deleted.
  await trigger.focus();
  await page.keyboard.press("Enter");
  await expect(confirmation.getByRole("button", { name: "キャンセル" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(confirmation).toHaveCount(0);
  await expect(trigger).toBeFocused();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "お知らせの編集" }), "cancelled: the notice is still there").toBeVisible();
  await trigger.press("Enter");
  await expect(confirmation).toContainText(title);
  await confirmation.getByRole("button", { name: "削除する" }).click();
  await expect(page).toHaveURL(/\/admin\/notices\?deleted=1$/);
  await expect(page.getByRole("status").filter({ hasText: "お知らせを削除しました。" })).toBeVisible();
  await expect(page.getByTestId("admin-notices")).not.toContainText(title);
}

test("G-2: a marketer schedules a notice (a day ahead, then a day ago), edits it with the live preview and unpublishes it; the public pages follow", async ({
  page,
  browser,
}) => {
  const title = `E2E予約のお知らせ ${Date.now().toString(36)}`;
  const anonymous = await visitor(browser);

  await staffLogIn(page, "marketer@example.com");
  await staffNav(page).getByRole("link", { name: "お知らせの管理" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "お知らせの管理" })).toBeVisible();
  // The demo's list: besides the published ones, a scheduled, an ended and a draft notice.
  const list = page.getByTestId("admin-notices");
  await expect(list.getByRole("row").filter({ hasText: "【予告】年末年始の窓口休業のお知らせ" })).toContainText("掲載予定");
  await expect(list.getByRole("row").filter({ hasText: "【終了】キャンペーンのお知らせ" })).toContainText("掲載終了");
  await expect(list.getByRole("row").filter({ hasText: "（下書き）新機能のお知らせ" })).toContainText("下書き");
  await expect(list.getByRole("row").filter({ hasText: "法人カスタマーサービス＆サポートをリニューアルしました" })).toContainText("掲載中");

  await page.getByRole("link", { name: "新規作成" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "お知らせの新規作成" })).toBeVisible();
  // Refused input: the messages sit under their fields, and nothing is created.
  const tomorrow = tokyoLocal(DAY_MS);
  const yesterday = tokyoLocal(-DAY_MS);
  await page.getByLabel("掲載終了日時").fill(tomorrow);
  await page.getByRole("button", { name: "作成する" }).click();
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "作成する" }) });
  await expect(form.getByRole("alert")).toHaveText("入力内容をご確認ください。");
  await expect(page.getByLabel("タイトル")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#title-error")).toHaveText("入力してください。");
  await expect(page.locator("#body-error")).toHaveText("入力してください。");
  await expect(page.locator("#publishUntil-error")).toHaveText("掲載終了日時を入力するときは、掲載開始日時も入力してください。");
  await expect(page).toHaveURL(/\/admin\/notices\/new$/);

  // The live preview follows the typing; the refused submission kept what was typed.
  await expect(page.getByLabel("掲載終了日時")).toHaveValue(tomorrow);
  await page.getByLabel("掲載終了日時").fill("");
  await page.getByLabel("カテゴリー").selectOption({ label: "本サイトに関するお知らせ" });
  await page.getByLabel("タイトル").fill(title);
  await page.getByLabel("本文").fill("**予約**の本文です。");
  await page.getByLabel("重要なお知らせとして表示する").check();
  const preview = page.getByTestId("notice-preview");
  await expect(preview.getByRole("heading", { name: title })).toBeVisible();
  await expect(preview.locator("strong")).toHaveText("予約");
  await expect(preview).toContainText("本サイトに関するお知らせ");
  await expect(preview).toContainText("重要");

  // Step 1: publish-from a day ahead — scheduled, not on the public pages.
  await page.getByLabel("掲載開始日時").fill(tomorrow);
  await page.getByRole("button", { name: "作成する" }).click();
  await expect(page).toHaveURL(/\/admin\/notices\/\d+\?created=1$/);
  const noticeId = Number(/\/admin\/notices\/(\d+)/.exec(page.url())![1]);
  await expect(page.getByRole("status").filter({ hasText: "お知らせを作成しました。" })).toBeVisible();
  // The schedule is shown back as typed (Tokyo time).
  await expect(page.getByLabel("掲載開始日時")).toHaveValue(tomorrow);
  await expect(page.getByTestId("notice-status")).toHaveText("掲載予定");
  expect(await publicView(anonymous, noticeId, title)).toEqual({ top: false, list: false, status: 404 });

  // Step 2: publish-from a day ago — published at once, on the top page, the list and its own page.
  await page.getByLabel("掲載開始日時").fill(yesterday);
  await saveEdit(page);
  await expect(page.getByTestId("notice-status")).toContainText("掲載中");
  expect(await publicView(anonymous, noticeId, title)).toEqual({ top: true, list: true, status: 200 });
  await expect(anonymous.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(anonymous.locator("article strong")).toHaveText("予約");

  // Step 3: the edit with the live preview. The preview shows the new text before it is saved; the public page does
  // not; after 保存する both show it.
  const edited = `${title} 改`;
  await page.getByLabel("タイトル").fill(edited);
  await page.getByLabel("本文").fill("## 変更点\n\n- 一つ目の項目\n- [詳しくはこちら](https://example.com/notice)\n");
  await expect(preview.getByRole("heading", { name: edited })).toBeVisible();
  await expect(preview.getByRole("heading", { level: 2, name: "変更点" })).toBeVisible();
  await expect(preview.getByRole("listitem").first()).toHaveText("一つ目の項目");
  const previewLink = preview.getByRole("link", { name: "詳しくはこちら" });
  await expect(previewLink).toHaveAttribute("href", "https://example.com/notice");
  await expect(previewLink).toHaveAttribute("rel", "noopener noreferrer");
  await anonymous.goto(`/notices/${noticeId}`);
  await expect(anonymous.getByRole("heading", { level: 1 })).toHaveText(title);
  await saveEdit(page);
  expect(await publicView(anonymous, noticeId, edited)).toEqual({ top: true, list: true, status: 200 });
  await expect(anonymous.getByRole("heading", { level: 1 })).toHaveText(edited);
  await expect(anonymous.getByRole("heading", { level: 2, name: "変更点" })).toBeVisible();
  await expect(anonymous.getByRole("link", { name: "詳しくはこちら" })).toHaveAttribute("rel", "noopener noreferrer");

  // Step 4: 公開を停止 — a draft again, gone from the public pages at once.
  await page.getByRole("button", { name: "公開を停止" }).click();
  await expect(page.getByRole("status").filter({ hasText: "公開を停止しました。" })).toBeVisible();
  await expect(page.getByTestId("notice-status")).toHaveText("下書き");
  await expect(page.getByLabel("掲載開始日時")).toHaveValue("");
  await expect(page.getByRole("button", { name: "公開を停止" })).toHaveCount(0);
  expect(await publicView(anonymous, noticeId, edited)).toEqual({ top: false, list: false, status: 404 });

  // The staff list shows it as a draft; then 削除 with its confirmation.
  await page.getByRole("link", { name: "お知らせの管理に戻る" }).click();
  await expect(list.getByRole("row").filter({ hasText: edited })).toContainText("下書き");
  await list.getByRole("link", { name: `${edited} を編集する` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "お知らせの編集" })).toBeVisible();
  await deleteOnPage(page, edited);
  expect((await anonymous.request.get(`/admin/notices/${noticeId}`, { maxRedirects: 0 })).status(), "a signed-out visitor is sent to the staff login").toBe(
    307,
  );
  expect((await page.request.get(`/admin/notices/${noticeId}`)).status(), "the deleted notice's edit page").toBe(404);
  await anonymous.context().close();
});

// --- Markdown that tries to run script ---------------------------------------------------------------------------------

const XSS_BODY = [
  "<script>window.__xss = 1</script>",
  '<img src=x onerror="window.__xss = 2">',
  '<a href="javascript:window.__xss = 3">生のリンク</a>',
  '<div onmouseover="window.__xss = 4" style="position:fixed;inset:0">生のHTML</div>',
  '<iframe src="javascript:window.__xss = 5"></iframe>',
  '<svg onload="window.__xss = 6"></svg>',
  "<style>body { display: none }</style>",
  '<form action="https://evil.example/"><input name="x"><button>送信</button></form>',
  "",
  "[スクリプトのリンク](javascript:window.__xss=7)",
  "[大文字のリンク](JaVaScRiPt:window.__xss=8)",
  "[空白つきのリンク](%20javascript:window.__xss=9)",
  "[データのリンク](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[VBのリンク](vbscript:msgbox(1))",
  "<javascript:window.__xss=10>",
  "![画像](javascript:window.__xss=11)",
  '[属性のリンク](https://example.com/" onclick="window.__xss=12)',
  "",
  "[安全なリンク](https://example.com/safe)",
].join("\n");

/** Nothing in `container` can run script: no such elements, no handler or style attributes, only safe link targets. */
async function expectInert(page: Page, container: Locator): Promise<void> {
  await expect(container).toContainText("安全なリンク");
  const found = await container.evaluate((root) => {
    const elements = [...root.querySelectorAll("*")];
    return {
      dangerous: elements
        .filter((element) => /^(script|iframe|img|svg|style|object|embed|form|input|button|div|link|meta|base)$/i.test(element.tagName) && element !== root)
        .map((element) => element.tagName),
      attributes: elements.flatMap((element) =>
        [...element.attributes]
          .filter((attribute) => /^on/i.test(attribute.name) || attribute.name === "style" || attribute.name === "srcdoc")
          .map((attribute) => `${element.tagName} ${attribute.name}`),
      ),
      hrefs: [...root.querySelectorAll("a")].map((a) => ({ href: a.getAttribute("href"), rel: a.getAttribute("rel") })),
    };
  });
  expect(found.dangerous, "script-capable elements").toEqual([]);
  expect(found.attributes, "event handler and style attributes").toEqual([]);
  for (const { href, rel } of found.hrefs) {
    expect(href ?? "", "a link's target").toMatch(/^(|https:\/\/example\.com\/.*)$/);
    expect(rel, `rel of ${href}`).toBe("noopener noreferrer");
  }
  expect(
    found.hrefs.filter(({ href }) => href === "https://example.com/safe"),
    "the safe link stays a link",
  ).toHaveLength(1);
  // Hovered over, nothing ran (the raw <div onmouseover> would have covered the page).
  await container.hover();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), "window.__xss").toBeUndefined();
}

test("G-2 security: Markdown XSS strings (script tags, javascript: links, event handlers, raw HTML) render inert in the preview and public pages", async ({
  page,
  browser,
}) => {
  const title = `E2E安全性の確認 <script>window.__xss=0</script> ${Date.now().toString(36)}`;
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await staffLogIn(page, "marketer@example.com");
  await page.goto("/admin/notices/new");
  await page.getByLabel("タイトル").fill(title);
  await page.getByLabel("本文").fill(XSS_BODY);
  const preview = page.getByTestId("notice-preview");
  // The title is text, not markup.
  await expect(preview.getByRole("heading", { name: title })).toBeVisible();
  await expectInert(page, preview.locator(".prose-notice"));
  await expect(page).toHaveURL(/\/admin\/notices\/new$/);

  await page.getByLabel("掲載開始日時").fill(tokyoLocal(-DAY_MS));
  await page.getByRole("button", { name: "作成する" }).click();
  await expect(page).toHaveURL(/\/admin\/notices\/\d+\?created=1$/);
  const noticeId = Number(/\/admin\/notices\/(\d+)/.exec(page.url())![1]);
  // The saved body in the edit page's preview.
  await expectInert(page, preview.locator(".prose-notice"));

  const anonymous = await visitor(browser);
  anonymous.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await anonymous.goto(`/notices/${noticeId}`);
  await expect(anonymous.getByRole("heading", { level: 1 })).toHaveText(title);
  await expectInert(anonymous, anonymous.locator("article .prose-notice"));
  await anonymous.goto("/");
  await expect(anonymous.getByRole("region", { name: "インフォメーション" }).getByRole("link", { name: title })).toBeVisible();
  expect(await anonymous.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await anonymous.context().close();

  expect(dialogs, "dialogs opened by the notice").toEqual([]);
  await page.goto(`/admin/notices/${noticeId}`);
  await deleteOnPage(page, title);
});

// --- who may reach the marketer pages and actions -------------------------------------------------------------------

const PAGES = ["/admin/notices", "/admin/notices/new", "/admin/notices/1"];
const ACTIONS = ["createNoticeAction", "updateNoticeAction", "unpublishNoticeAction", "deleteNoticeAction"] as const;
/** Valid input for each action; the notice is the demo's first (published) one, which nothing here may change. */
const ACTION_INPUT: Record<(typeof ACTIONS)[number], Record<string, string>> = {
  createNoticeAction: { category: "site", title: "権限のないお知らせ", body: "本文", publishFrom: "2026-01-01T09:00" },
  updateNoticeAction: { noticeId: "1", category: "site", title: "権限のないお知らせ", body: "本文", publishFrom: "" },
  unpublishNoticeAction: { noticeId: "1" },
  deleteNoticeAction: { noticeId: "1", confirm: "yes" },
};

/** Calls a server action the way the browser does (guards.spec.ts explains the encoding). */
function callAction(api: APIRequestContext, name: string, fields: Record<string, string>) {
  const action = actions.find((entry) => entry.name === name);
  if (!action) throw new Error(`no server action ${name} in the build`);
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(`_1_${key}`, value);
  form.append("0", '[{"status":"idle"},"$K1"]');
  return api.post(action.endpoint, { maxRedirects: 0, headers: { "Next-Action": action.id, Accept: "text/x-component", Origin: MAIN.url }, multipart: form });
}

test.describe("G-2 security: the marketer pages and actions answer 404 to everyone without notices.write", () => {
  const DEMO_NOTICE = "【重要】Apex One パターンファイル配信サーバのメンテナンスのお知らせ";

  async function expectAll404(page: Page, who: string): Promise<void> {
    for (const path of PAGES) expect((await page.request.get(path, { maxRedirects: 0 })).status(), `${who} GET ${path}`).toBe(404);
    for (const name of ACTIONS) expect((await callAction(page.request, name, ACTION_INPUT[name])).status(), `${who} ${name}`).toBe(404);
    // The demo notice is untouched: still on the top page.
    await page.goto("/");
    await expect(page.getByRole("region", { name: "インフォメーション" }).getByRole("link", { name: DEMO_NOTICE })).toBeVisible();
  }

  test("an operator: no menu entry, 404 from the pages and every action", async ({ page }) => {
    await staffLogIn(page, "operator@example.com");
    await expect(staffNav(page).getByRole("link", { name: "ダウンロードファイル" })).toBeVisible();
    await expect(staffNav(page).getByRole("link", { name: "お知らせの管理" })).toHaveCount(0);
    const response = await page.goto("/admin/notices");
    expect(response?.status()).toBe(404);
    await expectAll404(page, "operator");
  });

  test("a customer session: 404 from the pages and every action", async ({ page }) => {
    await customerLogIn(page, "other@example.co.jp", "203.0.113.147");
    await expectAll404(page, "customer");
  });

  test("the control: a marketer and an admin reach the pages, and the actions answer them (a notice that is not there)", async ({ browser }) => {
    for (const email of ["marketer@example.com", "admin@example.com"]) {
      const context = await browser.newContext({ baseURL: MAIN.url });
      const page = await context.newPage();
      await staffLogIn(page, email);
      await expect(staffNav(page).getByRole("link", { name: "お知らせの管理" })).toBeVisible();
      for (const path of PAGES) expect((await page.request.get(path, { maxRedirects: 0 })).status(), `${email} GET ${path}`).toBe(200);
      const missing = await callAction(page.request, "unpublishNoticeAction", { noticeId: "2147483000" });
      expect(missing.status()).toBe(200);
      expect(await missing.text()).toContain("このお知らせは見つかりませんでした。");
      const refused = await callAction(page.request, "createNoticeAction", { category: "none" });
      expect(refused.status()).toBe(200);
      expect(await refused.text()).toContain("選択してください。");
      await context.close();
    }
  });
});
