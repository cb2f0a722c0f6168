// The customer shell (issue 29): what every page shares, checked on the pages where it went wrong.
// - item 11: the header's service menu is the top page's, whole, on every page, at 1280 and 360 px, by mouse and keyboard;
// - item 13: on the account pages every link looks like a link, and the page heading is the house heading;
// - item 20: headings wrap between phrases, never inside a katakana word, at 360 and 1280 px;
// - item 21: a list, a form and a completion page start at the same left edge.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { customerLogIn, tabTo } from "./fixtures";
import { MAIN } from "./servers";
import { expect, test } from "./test";

const USER = "user@example.co.jp";
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 740 };

/** A signed-in customer at `viewport`, from an address of its own (A-8 counts per address). */
async function customerPage(browser: Browser, viewport: { width: number; height: number }, address: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: MAIN.url, viewport, locale: "ja-JP", timezoneId: "Asia/Tokyo" });
  const page = await context.newPage();
  await customerLogIn(page, USER, address);
  return page;
}

type Menu = { category: string; links: { label: string; href: string }[] }[];

/** The top page's service menu, as the page draws it for the signed-in customer: the source the header must match. */
async function topPageMenu(page: Page): Promise<Menu> {
  await page.goto("/");
  const menu = await page.getByRole("region", { name: "サービスメニュー" }).evaluate((region) =>
    [...region.querySelectorAll("button[aria-controls]")].map((button) => ({
      category: [...button.querySelectorAll("span")].map((span) => span.textContent ?? "").find((text) => text.trim() && !/^[▲▼]$/.test(text.trim()))!,
      links: [...document.getElementById(button.getAttribute("aria-controls")!)!.querySelectorAll("a")].map((a) => ({
        label: (a.querySelector("span")?.textContent ?? "").trim(),
        href: a.getAttribute("href") ?? "",
      })),
    })),
  );
  expect(menu.map((c) => c.category)).toEqual([
    "契約内容の確認・変更・印刷",
    "各種アクティベーションコード発行",
    "最新プログラム・各種ドキュメント",
    "アカウント設定",
  ]);
  expect(menu.flatMap((c) => c.links).length, "the top page's menus").toBeGreaterThanOrEqual(13);
  return menu;
}

function headerMenu(page: Page) {
  return page.getByRole("banner").getByRole("navigation", { name: "サービスメニュー" });
}

/** Every category and menu of `menu` opens from the header, lies inside the viewport and leads where the top page's does. */
async function expectHeaderHasMenu(page: Page, menu: Menu, where: string) {
  const nav = headerMenu(page);
  const { width } = page.viewportSize()!;
  const toggle = nav.getByRole("button", { name: "メニュー", exact: true });
  if (width < 1024) {
    await expect(toggle, `${where}: the header's 「メニュー」`).toBeVisible();
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
  } else {
    await expect(toggle, `${where}: the categories stand in the header itself`).toBeHidden();
  }
  for (const { category, links } of menu) {
    const button = nav.getByRole("button", { name: category, exact: true });
    await expect(button, `${where}: ${category}`).toBeVisible();
    await button.click();
    await expect(button, `${where}: ${category} opens`).toHaveAttribute("aria-expanded", "true");
    const panel = page.locator(`[id="${await button.getAttribute("aria-controls")}"]`);
    await expect(panel.getByRole("link")).toHaveCount(links.length);
    for (const { label, href } of links) {
      const link = panel.getByRole("link", { name: label, exact: true });
      await expect(link, `${where}: ${category} → ${label}`).toBeVisible();
      await expect(link).toHaveAttribute("href", href);
      const box = (await link.boundingBox())!;
      expect(box.x, `${where}: ${label} starts inside the viewport`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${where}: ${label} ends inside the viewport`).toBeLessThanOrEqual(width);
    }
    await button.click();
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(panel).toBeHidden();
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${where}: no sideways scrolling with the menu open`).toBeLessThanOrEqual(0);
  if (width < 1024) {
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(nav.getByRole("button", { name: menu[0]!.category, exact: true }), `${where}: 「メニュー」 closes again`).toBeHidden();
  }
}

const MENU_PAGES = ["/licenses", "/licenses/100001", "/downloads/patterns", "/account/mail"];

for (const [name, viewport, address] of [
  ["1280 px", DESKTOP, "203.0.113.201"],
  ["360 px", PHONE, "203.0.113.202"],
] as const) {
  test(`item 11 (${name}): every category and menu of the top page's service menu opens from the header of list, detail, download and account pages`, async ({
    browser,
  }) => {
    const page = await customerPage(browser, viewport, address);
    const menu = await topPageMenu(page);
    for (const path of MENU_PAGES) {
      await page.goto(path);
      await expectHeaderHasMenu(page, menu, `${path} at ${name}`);
    }
    // And a menu of another category leads there (the last page: an account page → the pattern files).
    if (viewport.width < 1024) await headerMenu(page).getByRole("button", { name: "メニュー", exact: true }).click();
    await headerMenu(page).getByRole("button", { name: "最新プログラム・各種ドキュメント", exact: true }).click();
    await headerMenu(page).getByRole("link", { name: "最新パターンファイル", exact: true }).click();
    await expect(page).toHaveURL(/\/downloads\/patterns$/);
    await expect(page.getByRole("heading", { level: 1, name: "最新パターンファイル" })).toBeVisible();
    await expect(headerMenu(page).getByRole("link", { name: "最新パターンファイル", exact: true }), "the menu closed on the way").toBeHidden();
    await page.context().close();
  });
}

test("item 11: the header's menu by keyboard alone (Tab, Enter, Escape), at 1280 and at 360 px", async ({ browser }) => {
  const page = await customerPage(browser, DESKTOP, "203.0.113.203");
  await page.goto("/licenses");
  const nav = headerMenu(page);
  const account = nav.getByRole("button", { name: "アカウント設定", exact: true });
  await tabTo(page, account);
  await page.keyboard.press("Enter");
  await expect(account).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Tab");
  await expect(nav.getByRole("link", { name: "ログインパスワード変更", exact: true })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(account).toHaveAttribute("aria-expanded", "false");
  await expect(account, "Escape returns focus to the category").toBeFocused();
  await page.keyboard.press("Enter");
  const mail = nav.getByRole("link", { name: "メール配信設定およびバックナンバー", exact: true });
  await tabTo(page, mail, 4);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/account\/mail$/);

  await page.setViewportSize(PHONE);
  const toggle = nav.getByRole("button", { name: "メニュー", exact: true });
  await tabTo(page, toggle);
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const contracts = nav.getByRole("button", { name: "契約内容の確認・変更・印刷", exact: true });
  await tabTo(page, contracts, 3);
  await page.keyboard.press("Enter");
  const licenses = nav.getByRole("link", { name: "保有ライセンス一覧", exact: true });
  await tabTo(page, licenses, 3);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/licenses$/);
  await page.context().close();
});

test("item 11: with the header's menu open, axe finds no serious or critical violation (1280 and 360 px)", async ({ browser }) => {
  const page = await customerPage(browser, DESKTOP, "203.0.113.208");
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    await page.goto("/downloads/patterns");
    const nav = headerMenu(page);
    if (viewport.width < 1024) await nav.getByRole("button", { name: "メニュー", exact: true }).click();
    await nav.getByRole("button", { name: "アカウント設定", exact: true }).click();
    await expect(nav.getByRole("link", { name: "二要素認証", exact: true })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => ({ id: violation.id, targets: violation.nodes.slice(0, 5).map((node) => node.target.join(" ")) }));
    expect(serious, `axe at ${viewport.width} px with the menu open`).toEqual([]);
  }
  await page.context().close();
});

const ACCOUNT_PAGES = ["/account/mail", "/account/mail/back-numbers", "/account/mail/back-numbers/1", "/account/password", "/account/mfa", "/account/calendar"];

test("item 13: on the account pages every link stands out from the text around it, and the headings are the house heading", async ({ browser }) => {
  const page = await customerPage(browser, DESKTOP, "203.0.113.204");
  // The house heading, as the list page draws it.
  await page.goto("/licenses");
  const heading = (selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((h1) => {
        const style = getComputedStyle(h1);
        return { border: `${style.borderLeftWidth} ${style.borderLeftStyle} ${style.borderLeftColor}`, size: style.fontSize, weight: style.fontWeight };
      });
  const house = await heading("main h1");
  expect(house.border).toBe("4px solid rgb(200, 16, 46)");
  for (const path of ACCOUNT_PAGES) {
    await page.goto(path);
    await expect(page.locator("main h1")).toBeVisible();
    const links = await page.locator("main a").evaluateAll((anchors) =>
      anchors
        .filter((a) => (a as HTMLElement).offsetWidth > 1)
        .map((a) => {
          const style = getComputedStyle(a);
          // The text around the link: its nearest ancestor that is not a link.
          const around = getComputedStyle(a.parentElement!);
          const background = (s: CSSStyleDeclaration) => (s.backgroundColor === "rgba(0, 0, 0, 0)" ? "none" : s.backgroundColor);
          return {
            text: (a.textContent ?? "").trim(),
            color: style.color,
            aroundColor: around.color,
            underlined: style.textDecorationLine.includes("underline"),
            button: background(style) !== "none" && background(style) !== background(around),
          };
        }),
    );
    if (path.startsWith("/account/mail")) expect(links.length, `${path}: links in the page`).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.color, `${path}: 「${link.text}」 has a colour of its own`).not.toBe(link.aroundColor);
      expect(link.underlined || link.button, `${path}: 「${link.text}」 is underlined (or drawn as a button)`).toBe(true);
    }
    if (path !== "/account/mail/back-numbers/1") expect(await heading("main h1"), `${path}: the house heading`).toEqual(house);
  }
  // The links the issue names.
  await page.goto("/account/mail");
  await expect(page.getByRole("link", { name: "＞バックナンバー" })).toHaveCSS("text-decoration-line", "underline");
  await page.goto("/account/mail/back-numbers");
  await expect(page.getByRole("link", { name: "メール配信設定に戻る" })).toHaveCSS("color", "rgb(11, 92, 173)");
  await expect(page.getByTestId("back-numbers").getByRole("link").first()).toHaveCSS("color", "rgb(11, 92, 173)");
  await page.context().close();
});

/** Pages whose headings hold long katakana words (the C forms' titles, the download sites, the menus). */
const HEADING_PAGES = [
  "/activation-codes",
  "/activation-codes/apex-one",
  "/activation-codes/virus-buster",
  "/activation-codes/offline",
  "/activation-codes/apex-central",
  "/contracts/search",
  "/downloads/deep-discovery",
  "/downloads/safe-lock",
  "/downloads/policy-manager",
  "/downloads/patterns",
  "/licenses/100001",
  "/account/mail",
  "/faq/licenses",
];

type Line = { text: string; marks: boolean[] };

for (const [name, viewport, address] of [
  ["360 px", PHONE, "203.0.113.205"],
  ["1280 px", DESKTOP, "203.0.113.206"],
] as const) {
  test(`item 20 (${name}): no heading wraps inside a katakana word, and none leaves one character alone on a line`, async ({ browser }) => {
    const page = await customerPage(browser, viewport, address);
    const problems: string[] = [];
    let checked = 0;
    for (const path of HEADING_PAGES) {
      await page.goto(path);
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      // Each visible heading's lines, read from where each character is drawn; `marks[i]` says a <wbr> or a space
      // stands before character i (a break the page allows on purpose: between two words).
      const headings = await page.locator("main :is(h1, h2, h3)").evaluateAll((elements) =>
        elements
          .filter((element) => (element as HTMLElement).offsetWidth > 1 && (element as HTMLElement).offsetHeight > 1)
          .map((element) => {
            const lines: { text: string; marks: boolean[] }[] = [];
            let lastTop: number | null = null;
            let marked = false;
            const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              if (node.nodeType === Node.ELEMENT_NODE) {
                if ((node as Element).tagName === "WBR") marked = true;
                continue;
              }
              const text = node as Text;
              for (let i = 0; i < text.data.length; i++) {
                // A space is a word boundary too (a space at a wrap may be drawn with no width at all).
                if (/\s/.test(text.data[i]!)) marked = true;
                const range = document.createRange();
                range.setStart(text, i);
                range.setEnd(text, i + 1);
                const rect = [...range.getClientRects()].find((r) => r.width > 0);
                if (!rect) continue;
                if (lastTop === null || rect.top > lastTop + rect.height / 2) lines.push({ text: "", marks: [] });
                lastTop = rect.top;
                const line = lines.at(-1)!;
                line.text += text.data[i];
                line.marks.push(marked);
                marked = false;
              }
            }
            return { heading: element.textContent ?? "", lines };
          }),
      );
      const katakana = /[\u30A1-\u30FA\u30FC-\u30FF]/u;
      for (const { heading, lines } of headings) {
        checked++;
        (lines as Line[]).forEach((line, index) => {
          const next = lines[index + 1];
          if (next) {
            const before = line.text.trimEnd().at(-1) ?? "";
            const after = next.text[0] ?? "";
            if (katakana.test(before) && katakana.test(after) && !next.marks[0])
              problems.push(`${path}: 「${heading}」 wraps inside a word: 「${line.text}／${next.text}」`);
          }
          if (lines.length > 1 && [...line.text.trim()].length === 1) problems.push(`${path}: 「${heading}」 has a line of one character: 「${line.text}」`);
        });
      }
    }
    expect(checked, "headings looked at").toBeGreaterThan(20);
    expect(problems).toEqual([]);
    await page.context().close();
  });
}

test("item 21: a list, a detail, a form and a completion page start at the same left edge at 1280 px (the header's too)", async ({ browser }) => {
  const page = await customerPage(browser, DESKTOP, "203.0.113.207");
  const leftOf = async (path: string) => {
    await page.goto(path);
    const h1 = page.locator("main h1").first();
    await expect(h1).toBeVisible();
    return { path, left: Math.round((await h1.boundingBox())!.x), right: Math.round(await h1.evaluate((e) => e.getBoundingClientRect().right)) };
  };
  const pages = [
    await leftOf("/licenses"), // list
    await leftOf("/licenses/100001"), // detail
    await leftOf("/contracts/search"), // form
    await leftOf("/account/password"), // form
    await leftOf("/no-such-page"), // completion (the not-found message)
  ];
  const header = Math.round((await page.getByRole("banner").getByRole("link").first().boundingBox())!.x);
  await page.context().close();
  // Signed out: the A-7 logout screen, a completion page.
  const anonymous = await browser.newContext({ baseURL: MAIN.url, viewport: DESKTOP });
  const signedOut = await anonymous.newPage();
  await signedOut.goto("/logged-out");
  const loggedOut = { path: "/logged-out", left: Math.round((await signedOut.locator("main h1").boundingBox())!.x), right: 0 };
  await anonymous.close();
  for (const p of [...pages, loggedOut]) expect(p.left, `${p.path}: the content's left edge`).toBe(header);
  // And the kinds differ only on the right: the list is wider than the form, the form than the completion page.
  const right = Object.fromEntries(pages.map((p) => [p.path, p.right]));
  expect(right["/licenses"]).toBeGreaterThan(right["/contracts/search"]!);
  expect(right["/contracts/search"]).toBe(right["/account/password"]);
  expect(right["/contracts/search"]).toBeGreaterThan(right["/no-such-page"]!);
});
