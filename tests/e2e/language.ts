// The language check of SPEC X-5, shared by the walking specs: locale.spec.ts walks every page in
// English, layout.spec.ts walks every page in Japanese at 360 px and reads its language on the way.
//
// What is not the page's own language and is therefore not checked:
// - data, shown as stored whatever the locale — product, company and person names, addresses, activation codes,
//   notices written by staff, mails, configuration values (the contact window, the copyright line): the pages mark
//   such elements with the attribute `data-i18n-exempt`;
// - a part in another language marked with `lang` (the language switch reads 「日本語」 on English pages, "English" on
//   Japanese ones: WCAG 3.1.2);
// - the short allow-lists below.
import type { Page } from "@playwright/test";
import { expect } from "./test";

export type Locale = "ja" | "en";
// Japanese script: CJK punctuation (「」、。〜〒), Hiragana, Katakana, CJK ideographs, full-width forms (：（）～), and
// the reference mark ※ of Japanese typography.
const JAPANESE = /[\u203B\u3000-\u30FF\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+/gu;

// English pages: Japanese that data brings in where no element can be marked (none today: every data cell is marked
// data-i18n-exempt).
const JAPANESE_ALLOWED_IN_EN: string[] = [];

// Japanese pages: brand and product names (the manual's menu labels and the demo catalogue, whole names only) and the
// abbreviations that Japanese text uses as they are.
// Support Information: the manual's own name of the vendor's mails (E-2, G-5).
const ENGLISH_NAMES_ALLOWED_IN_JA = [
  "Support Information",
  "Deep Discovery Inspector",
  "Deep Discovery",
  "Trend Micro",
  "Safe Lock",
  "Policy Manager",
  "Apex One",
  "Apex Central",
  "TMCM",
  "コーポレートエディション Plus",
  "Client/Server Suite Premium",
  "JSON Lines",
  "UTF-8",
  // N-5: the calendar apps a customer subscribes the feed in.
  "Outlook",
  "Google",
];
// MSG: the manual's 「MSG番号」 of the B-8 messages; OS, AC: the manual's 「OS－」から始まるアクティベーションコード and 更新用AC発行 (C).
// SO: the prefix of Safe Lock codes (D-2); SHA (SHA-256), KB/MB/GB and Zip as the download lists write them (SPEC D).
// OK: the manual's button of E-2; Markdown: the format of G-2/G-5 bodies.
const ENGLISH_WORDS_ALLOWED_IN_JA = new Set([
  "OK",
  "Markdown",
  "PDF",
  "CSV",
  "FAQ",
  "Web",
  "ID",
  "URL",
  "HTML",
  "MSG",
  "OS",
  "AC",
  "SO",
  "SHA",
  "QR",
  "KB",
  "MB",
  "GB",
  "TB",
  "Zip",
]);
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const URL_TEXT = /https?:\/\/\S+/g;

/** The English words of a Japanese page's text: runs of two or more Latin letters, not part of an id like MSG01. */
export function englishWords(text: string): string[] {
  let rest = text.replace(EMAIL, " ").replace(URL_TEXT, " ");
  for (const name of ENGLISH_NAMES_ALLOWED_IN_JA) rest = rest.replaceAll(name, " ");
  return (rest.match(/[A-Za-z0-9]+/g) ?? []).filter((token) => /^[A-Za-z]{2,}$/.test(token) && !ENGLISH_WORDS_ALLOWED_IN_JA.has(token));
}

export function japanese(text: string): string[] {
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
      // A <wbr> (a heading's phrase break, app/_components/phrase-text.tsx) does not end a text: read across it.
      let whole = node.textContent ?? "";
      while (node.nextSibling?.nodeName === "WBR" && node.nextSibling.nextSibling?.nodeType === Node.TEXT_NODE) {
        node = walker.nextNode()!;
        whole += node.textContent ?? "";
      }
      const text = whole.replace(/\s+/g, " ").trim();
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

/**
 * What on the loaded page is not in `locale`: its <title> and every text outside data. Fails at once when the page is
 * not in that language at all (<html lang>, the site's name in the title) or shows too little text to judge.
 */
export async function wrongLanguage(page: Page, url: string, locale: Locale): Promise<string[]> {
  const siteName = locale === "en" ? "Corporate Customer Service & Support" : "法人カスタマーサービス＆サポート";
  // The title is in place once the page has loaded (Next may stream it after the body).
  await expect(page, `${url}: the title names the site in ${locale}`).toHaveTitle(new RegExp(siteName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  const { lang, title, texts } = await readPageText(page);
  expect(lang, `${url}: <html lang>`).toBe(locale);
  const body = texts.map((t) => t.text).join(" ");
  // The control: the walk reads the page's own language, so a page that showed nothing would not pass silently.
  if (locale === "ja") expect(japanese(body).join("").length, `${url}: Japanese text read`).toBeGreaterThan(5);
  else expect(body.match(/[A-Za-z]{3,}/g)?.length ?? 0, `${url}: English words read`).toBeGreaterThan(2);
  const wrong = locale === "en" ? japanese : englishWords;
  const problems: string[] = [];
  for (const found of wrong(title)) problems.push(`${url} <title> "${title}": ${found}`);
  for (const { text, where } of texts) {
    const found = wrong(text);
    if (found.length) problems.push(`${url} ${where} "${text.slice(0, 120)}": ${found.join(", ")}`);
  }
  return problems;
}
