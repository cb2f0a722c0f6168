// SPEC X-5: every page of the production build, in English and in Japanese, speaks only the
// visitor's language (the check, and what it leaves out as data, is tests/e2e/language.ts). The list of pages comes
// from the build's own manifest (as in password-gate.spec.ts), so a page added later is walked without anyone
// remembering to add it here. The English walks are here; the Japanese ones are layout.spec.ts's walks at 360 px,
// which read every page's language on the way instead of loading every page once more.
import type { Browser } from "@playwright/test";
import { expect, test } from "./test";
import { appPaths } from "./manifests";
import { MAIN } from "./servers";
import { NOT_WALKED, pages, signedInPage, type Visitor } from "./walk";
import { englishWords, japanese, wrongLanguage } from "./language";

/** Loads every page of one visitor with `locale=en` and returns what is not English, page by page. */
async function walk(browser: Browser, visitor: Visitor): Promise<string[]> {
  const problems: string[] = [];
  const page = await signedInPage(browser, visitor);
  await page.context().addCookies([{ name: "locale", value: "en", url: MAIN.url }]);
  for (const target of pages.filter((p) => p.visitor === visitor)) {
    const response = await page.goto(target.url);
    expect(response?.status(), `${target.url} as ${target.visitor}`).toBe(target.status);
    // The page itself, not a redirect to a login or elsewhere.
    expect(new URL(page.url()).pathname, `${target.url} as ${target.visitor}`).toBe(target.url);
    problems.push(...(await wrongLanguage(page, target.url, "en")));
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

// One test per visitor, so that each stays well inside the test timeout. (locale=ja: layout.spec.ts.)
for (const visitor of ["anonymous", "customer", "staff"] as const) {
  test(`locale=en, ${visitor}: no Japanese on any page outside data`, async ({ browser }) => {
    expect(await walk(browser, visitor)).toEqual([]);
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
