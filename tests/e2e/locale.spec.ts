// Issue 8, item 6 (SPEC X-5): every page of the production build, in English and in Japanese, speaks only the
// visitor's language. The list of pages comes from the build's own manifest (as in password-gate.spec.ts), so a
// page added later is walked without anyone remembering to add it here.
//
// What is not the page's own language and is therefore not checked:
// - data, shown as stored whatever the locale — product, company and person names, addresses, activation codes,
//   notices written by staff, mails, configuration values (the contact window, the copyright line): the pages mark
//   such elements with the attribute `data-i18n-exempt`;
// - a part in another language marked with `lang` (the language switch reads 「日本語」 on English pages, "English" on
//   Japanese ones: WCAG 3.1.2);
// - the short allow-lists below.
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./test";
import { appPaths } from "./manifests";
import { MAIN } from "./servers";
import { NOT_WALKED, pages, signedInPage, type Visitor } from "./walk";

type Locale = "ja" | "en";
// Japanese script: CJK punctuation (「」、。〜〒), Hiragana, Katakana, CJK ideographs, full-width forms (：（）～), and
// the reference mark ※ of Japanese typography.
const JAPANESE = /[\u203B\u3000-\u30FF\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+/gu;

// English pages: Japanese that data brings in where no element can be marked (none today: every data cell is marked
// data-i18n-exempt).
const JAPANESE_ALLOWED_IN_EN: string[] = [];

// Japanese pages: brand and product names (the manual's menu labels and the demo catalogue, whole names only) and the
// abbreviations that Japanese text uses as they are.
// Support Information: the manual's own name of the vendor's mails (E-2, G-5).
const ENGLISH_NAMES_ALLOWED_IN_JA = ["Support Information", "Deep Discovery Inspector", "Deep Discovery", "Trend Micro", "Safe Lock", "Policy Manager", "Apex One", "Apex Central", "TMCM", "コーポレートエディション Plus", "Client/Server Suite Premium", "JSON Lines", "UTF-8"];
// MSG: the manual's 「MSG番号」 of the B-8 messages; OS, AC: the manual's 「OS－」から始まるアクティベーションコード and 更新用AC発行 (C).
// SO: the prefix of Safe Lock codes (D-2); SHA (SHA-256), KB/MB/GB and Zip as the download lists write them (SPEC D).
// OK: the manual's button of E-2; Markdown: the format of G-2/G-5 bodies.
const ENGLISH_WORDS_ALLOWED_IN_JA = new Set(["OK", "Markdown", "PDF", "CSV", "FAQ", "Web", "ID", "URL", "HTML", "MSG", "OS", "AC", "SO", "SHA", "QR", "KB", "MB", "GB", "TB", "Zip"]);
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const URL_TEXT = /https?:\/\/\S+/g;

/** The English words of a Japanese page's text: runs of two or more Latin letters, not part of an id like MSG01. */
function englishWords(text: string): string[] {
  let rest = text.replace(EMAIL, " ").replace(URL_TEXT, " ");
  for (const name of ENGLISH_NAMES_ALLOWED_IN_JA) rest = rest.replaceAll(name, " ");
  return (rest.match(/[A-Za-z0-9]+/g) ?? []).filter((token) => /^[A-Za-z]{2,}$/.test(token) && !ENGLISH_WORDS_ALLOWED_IN_JA.has(token));
}

function japanese(text: string): string[] {
  let rest = text;
  for (const name of JAPANESE_ALLOWED_IN_EN) rest = rest.replaceAll(name, " ");
  return rest.match(JAPANESE) ?? [];
}

type PageText = { lang: string; title: string; texts: { text: string; where: string }[] };

/**
 * Every text node of the body (also the visually hidden ones: collapsed menus, screen-reader-only notes, <option>s),
 * outside script/style, data-i18n-exempt elements and parts whose `lang` differs from the page's.
 */
function readPageText(page: Page): Promise<PageText> {
  return page.evaluate(() => {
    const lang = document.documentElement.lang;
    const texts: { text: string; where: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest("script, style, noscript, template, [data-i18n-exempt]")) continue;
      if (parent.closest("[lang]")?.getAttribute("lang") !== lang) continue;
      const text = (node.textContent ?? "").replace(/\s+/g, " ").trim();
      if (!text) continue;
      const where = [parent, parent.parentElement, parent.parentElement?.parentElement]
        .filter((element): element is HTMLElement => element instanceof HTMLElement)
        .map((element) => element.tagName.toLowerCase() + (element.id ? `#${element.id}` : ""))
        .reverse()
        .join(" > ");
      texts.push({ text, where });
    }
    return { lang, title: document.title, texts };
  });
}

/** Loads every page of one visitor with `locale=<locale>` and returns what is in the wrong language, page by page. */
async function walk(browser: Browser, locale: Locale, visitor: Visitor): Promise<string[]> {
  const siteName = locale === "en" ? "Corporate Customer Service & Support" : "法人カスタマーサービス＆サポート";
  const problems: string[] = [];
  const page = await signedInPage(browser, visitor);
  await page.context().addCookies([{ name: "locale", value: locale, url: MAIN.url }]);
  for (const target of pages.filter((p) => p.visitor === visitor)) {
    const response = await page.goto(target.url);
    expect(response?.status(), `${target.url} as ${target.visitor}`).toBe(target.status);
    // The page itself, not a redirect to a login or elsewhere.
    expect(new URL(page.url()).pathname, `${target.url} as ${target.visitor}`).toBe(target.url);
    // The title is in place once the page has loaded (Next may stream it after the body).
    await expect(page, `${target.url}: the title names the site in ${locale}`).toHaveTitle(new RegExp(siteName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    const { lang, title, texts } = await readPageText(page);
    expect(lang, `${target.url}: <html lang>`).toBe(locale);
    const body = texts.map((t) => t.text).join(" ");
    // The control: the walk reads the page's own language, so a page that showed nothing would not pass silently.
    if (locale === "ja") expect(japanese(body).join("").length, `${target.url}: Japanese text read`).toBeGreaterThan(5);
    else expect(body.match(/[A-Za-z]{3,}/g)?.length ?? 0, `${target.url}: English words read`).toBeGreaterThan(2);

    const wrong = locale === "en" ? japanese : englishWords;
    for (const found of wrong(title)) problems.push(`${target.url} <title> "${title}": ${found}`);
    for (const { text, where } of texts) {
      const found = wrong(text);
      if (found.length) problems.push(`${target.url} ${where} "${text.slice(0, 120)}": ${found.join(", ")}`);
    }
  }
  await page.context().close();
  return problems;
}

test("the walk covers every page of the build, signed in where the page needs it", () => {
  expect(pages.length, "pages found in app-paths-manifest.json").toBeGreaterThan(12);
  expect(new Set(pages.map((p) => p.visitor)), "customer, staff and signed-out pages").toEqual(new Set<Visitor>(["anonymous", "customer", "staff"]));
  // The list of pages left out names only what exists: a page removed from the build must leave it too.
  for (const appPath of NOT_WALKED.keys()) expect(appPaths, `${appPath} is in the build`).toContain(appPath);
});

// One test per visitor and language, so that each stays well inside the test timeout.
for (const visitor of ["anonymous", "customer", "staff"] as const) {
  test(`locale=en, ${visitor}: no Japanese on any page outside data`, async ({ browser }) => {
    expect(await walk(browser, "en", visitor)).toEqual([]);
  });

  test(`locale=ja, ${visitor}: no English words on any page outside names and abbreviations`, async ({ browser }) => {
    expect(await walk(browser, "ja", visitor)).toEqual([]);
  });
}

test("the checks find what they look for", () => {
  // The detectors themselves: a leak of each kind is reported, the allowed names and data forms are not.
  expect(japanese("Contract period 2026/01/01〜2027/01/01")).toEqual(["〜"]);
  expect(japanese("Hours：weekdays")).toEqual(["："]);
  expect(japanese("※ required")).toEqual(["※"]);
  expect(japanese("ログイン")).toEqual(["ログイン"]);
  expect(japanese("マイグレートキット")).toEqual(["マイグレートキット"]);
  expect(englishWords("ログイン中: admin@example.com（Administrator）")).toEqual(["Administrator"]);
  expect(englishWords("Trend Micro Safe Lock 最新モジュールダウンロード")).toEqual([]);
  expect(englishWords("MSG01 / MSG06 ライセンスID PDF出力 https://example.com/x")).toEqual([]);
  expect(englishWords("Dev mailbox")).toEqual(["Dev", "mailbox"]);
});
