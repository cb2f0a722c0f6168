// SPEC T (top page) and X-6 (keyboard use of the hover menus, WCAG 2.2 AA, down to 360 px).
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./test";
import { customerLogIn, tabTo } from "./fixtures";

const CATEGORIES = ["契約内容の確認・変更・印刷", "各種アクティベーションコード発行", "最新プログラム・各種ドキュメント", "アカウント設定"];

function serviceMenu(page: Page) {
  return page.getByRole("region", { name: "サービスメニュー" });
}

function categoryButton(page: Page, name: string) {
  return serviceMenu(page).getByRole("button", { name, exact: true });
}

/** The menu list a category button controls (aria-controls). */
async function menuList(page: Page, name: string) {
  const controls = await categoryButton(page, name).getAttribute("aria-controls");
  expect(controls, `${name}: the button names the list it controls (aria-controls)`).toBeTruthy();
  return page.locator(`[id="${controls}"]`);
}

/**
 * A menu leads to `path` (SPEC R). Signed out, a 🔒 menu may lead to the login screen that returns to it
 * (SPEC A-1: /login?callbackUrl=<path>); a menu without 🔒 leads to its page directly.
 */
async function expectMenuTarget(link: Locator, path: string) {
  const href = await link.getAttribute("href");
  expect(href, `${path}: the menu link has an href`).toBeTruthy();
  const url = new URL(href!, "http://portal.invalid");
  if (url.pathname === "/login") {
    expect(url.searchParams.get("callbackUrl"), `${href}: login returns to the menu`).toBe(path);
    expect(await link.evaluate((element) => element.textContent ?? ""), `${href}: only 🔒 menus go through login`).toContain("ログインが必要です");
  } else {
    expect(url.pathname + url.search, `menu link ${href}`).toBe(path);
  }
}

async function expectNoSeriousA11yViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(" ")),
    }));
  expect(serious, `${label}: axe violations of impact serious/critical`).toEqual([]);
}

test.describe("トップページ", () => {
  test.beforeEach(async ({ page }) => {
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
  });

  test("ヘッダー: サイト名と「ログイン」", async ({ page }) => {
    const header = page.getByRole("banner");
    await expect(header).toContainText("法人カスタマーサービス＆サポート");
    await expect(header.getByRole("link", { name: "ログイン", exact: true })).toHaveAttribute("href", "/login");
  });

  test("サービスメニュー: 4つのカテゴリーブロック、メニューリストは閉じている", async ({ page }) => {
    await expect(page.getByRole("heading", { name: "サービスメニュー" })).toBeVisible();
    for (const name of CATEGORIES) {
      const button = categoryButton(page, name);
      await expect(button).toBeVisible();
      await expect(button).toHaveAttribute("aria-expanded", "false");
      await expect(await menuList(page, name)).toBeHidden();
    }
    // 最新パターンファイル belongs to the 最新プログラム・各種ドキュメント block.
    const downloads = await menuList(page, "最新プログラム・各種ドキュメント");
    await expectMenuTarget(downloads.getByRole("link", { name: /最新パターンファイル/, includeHidden: true }), "/downloads/patterns");
  });

  test("サービスメニュー: 各メニューのリンク先 (SPEC R)", async ({ page }) => {
    const expected: [string, RegExp, string][] = [
      ["契約内容の確認・変更・印刷", /保有ライセンス一覧/, "/licenses"],
      ["契約内容の確認・変更・印刷", /アクティベーションコード等で探す/, "/contracts/search"],
      ["契約内容の確認・変更・印刷", /ライセンス契約情報に関するQ&A/, "/faq/licenses"],
      ["アカウント設定", /ログインパスワード変更/, "/account/password"],
      ["最新プログラム・各種ドキュメント", /最新パターンファイル/, "/downloads/patterns"],
    ];
    for (const [category, name, href] of expected) {
      const list = await menuList(page, category);
      await expectMenuTarget(list.getByRole("link", { name, includeHidden: true }), href);
    }
  });

  test("サービスメニュー: キーボードで開閉できる (Tab → 表示, Tab でリンクへ, Escape で閉じる)", async ({ page }) => {
    const button = categoryButton(page, "契約内容の確認・変更・印刷");
    const list = await menuList(page, "契約内容の確認・変更・印刷");
    const licenses = list.getByRole("link", { name: /保有ライセンス一覧/ });

    await tabTo(page, button);
    // Focus opens the block (SPEC T); where it only marks it, Enter opens it like any disclosure button.
    if ((await button.getAttribute("aria-expanded")) !== "true") await page.keyboard.press("Enter");
    await expect(button).toHaveAttribute("aria-expanded", "true");
    await expect(list).toBeVisible();
    await expect(licenses).toBeVisible();

    await tabTo(page, licenses, 5);
    await expect(button, "the block stays open while focus is inside it").toHaveAttribute("aria-expanded", "true");

    await page.keyboard.press("Escape");
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(list).toBeHidden();
    await expect(button, "Escape returns focus to the button").toBeFocused();

    // The button is a disclosure: Enter and Space toggle it.
    await page.keyboard.press("Enter");
    await expect(button).toHaveAttribute("aria-expanded", "true");
    await expect(licenses).toBeVisible();
    await page.keyboard.press("Space");
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(list).toBeHidden();
  });

  test("サービスメニュー: マウスを合わせると開き、離すと閉じる", async ({ page }) => {
    const button = categoryButton(page, "アカウント設定");
    const list = await menuList(page, "アカウント設定");
    await button.hover();
    await expect(button).toHaveAttribute("aria-expanded", "true");
    await expect(list.getByRole("link", { name: /ログインパスワード変更/ })).toBeVisible();

    await page.getByRole("heading", { name: "サービスメニュー" }).hover();
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(list).toBeHidden();
  });

  test("サービスメニュー: ログインが必要なメニューに🔒とその説明", async ({ page }) => {
    const button = categoryButton(page, "契約内容の確認・変更・印刷");
    const list = await menuList(page, "契約内容の確認・変更・印刷");
    await button.focus();
    await expect(button).toHaveAttribute("aria-expanded", "true");
    const licenses = list.getByRole("link", { name: /保有ライセンス一覧/ });
    // A visible mark (the 🔒 character or a lock icon) whose meaning screen readers read as part of the link.
    await expect(licenses.locator("svg").or(licenses.getByText("🔒")).first()).toBeVisible();
    await expect(licenses).toHaveAccessibleName(/ログインが必要です/);

    for (const name of CATEGORIES) {
      const locked = (await menuList(page, name)).getByRole("link", { name: /ログインが必要です/, includeHidden: true });
      expect(await locked.count(), `${name}: menus marked as needing login`).toBeGreaterThan(0);
    }
  });

  test("インフォメーション: 掲載中のお知らせだけ", async ({ page }) => {
    const information = page.getByRole("region", { name: "インフォメーション" });
    await expect(page.getByRole("heading", { name: "インフォメーション" })).toBeVisible();
    await expect(information.getByText("法人カスタマーサービス＆サポートをリニューアルしました")).toBeVisible();
    await expect(information.getByText("【重要】Apex One パターンファイル配信サーバのメンテナンスのお知らせ")).toBeVisible();
    // Scheduled and draft notices are not published yet.
    await expect(page.getByText("【予告】年末年始の窓口休業のお知らせ")).toHaveCount(0);
    await expect(page.getByText("（下書き）新機能のお知らせ")).toHaveCount(0);
  });

  test("技術サポートとお問い合わせ", async ({ page }) => {
    await expect(page.getByRole("heading", { name: "技術サポート" })).toBeVisible();
    const support = page.getByRole("region", { name: "技術サポート" }).getByRole("link", { name: /技術サポート/ });
    await expect(support).toBeVisible();
    await expect(support).toHaveAttribute("href", /^https?:\/\//);
    const href = (await support.getAttribute("href")) ?? "";
    expect(new URL(href).host, "技術サポート is the external business support portal").not.toBe(new URL(page.url()).host);

    const contact = page.getByRole("region", { name: "お問い合わせ" });
    await expect(page.getByRole("heading", { name: "お問い合わせ" })).toBeVisible();
    await expect(contact).toContainText("03-4330-7601");
  });

  test("アクセシビリティ: axe で serious / critical の違反がない", async ({ page }) => {
    await expectNoSeriousA11yViolations(page, "/ (1280 px)");
  });

  test("アクセシビリティ: メニューを開いた状態でも違反がない", async ({ page }) => {
    const button = categoryButton(page, "各種アクティベーションコード発行");
    await button.focus();
    await expect(button).toHaveAttribute("aria-expanded", "true");
    await expectNoSeriousA11yViolations(page, "/ with a menu open");
  });
});

test.describe("トップページ (360 px)", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("横スクロールなしで表示され、axe で serious / critical の違反がない", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "サービスメニュー" })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, "no horizontal scrolling at 360 px").toBeLessThanOrEqual(0);
    await expectNoSeriousA11yViolations(page, "/ (360 px)");
  });
});

test.describe("トップページ (スマートフォン: タップ)", () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  test("カテゴリーをタップするとメニューリストが開き、もう一度タップすると閉じる", async ({ page }) => {
    await page.goto("/");
    const button = categoryButton(page, "契約内容の確認・変更・印刷");
    const list = await menuList(page, "契約内容の確認・変更・印刷");
    await button.tap();
    await expect(button).toHaveAttribute("aria-expanded", "true");
    await expect(list.getByRole("link", { name: /保有ライセンス一覧/ })).toBeVisible();
    await button.tap();
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(list).toBeHidden();
  });
});

// SPEC T is silent here: a signed-in customer is told who is signed in and offered their licences, not a
// second login button.
test("ログイン後: お客様ログインの枠は「ログイン中」になり、保有ライセンス一覧へ進める", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "お客様ログイン" })).toBeVisible();
  await customerLogIn(page, "user@example.co.jp");
  await page.goto("/");
  const panel = page.getByRole("region", { name: "ログイン中" });
  await expect(panel).toContainText("user@example.co.jpさまでログインしています。");
  await expect(page.getByRole("heading", { name: "お客様ログイン" })).toHaveCount(0);
  await expect(panel.getByRole("link", { name: "ログイン", exact: true })).toHaveCount(0);
  await expect(panel.getByRole("link", { name: "ログインパスワードの変更" })).toHaveAttribute("href", "/account/password");
  await panel.getByRole("link", { name: "保有ライセンス一覧へ" }).click();
  await expect(page).toHaveURL(/\/licenses$/);
});

// The manual names the contact window 「法人お問合せ窓口」 (its contact page; the SPEC's B-4 disclaimer too) and writes
// every other use of the word 「お問い合わせ」: the site does the same, and never names the window another way.
test("お問い合わせ (/contact, /faq/licenses): the window is 「法人お問合せ窓口」 as in the manual; 「お問合せ」 nowhere else", async ({ page }) => {
  for (const path of ["/contact", "/faq/licenses"]) {
    await page.goto(path);
    const text = await page.getByRole("main").innerText();
    expect(text, path).toContain("法人お問合せ窓口");
    expect(text.replaceAll("法人お問合せ窓口", ""), path).not.toContain("問合せ");
    expect(text, path).not.toMatch(/法人お問い合わせ窓口|弊社お問い合わせ窓口/);
  }
  await page.goto("/contact");
  await expect(page.getByRole("heading", { level: 1, name: "お問い合わせ" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "法人お問合せ窓口" })).toBeVisible();
});
