import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// messages are filled by next-intl (ICU arguments, plurals and numbers for the request's locale), never by hand.
// This fails when app/, lib/ or emails/ fill a catalogue placeholder with .replace("{…}") or a fill() helper again,
// or format a number with toLocaleString() (whatever the locale, it was "ja-JP" in ten places): use t("key", values)
// and next-intl's formatter (getFormatter / useFormatter / formatterOf) instead.

const ROOT = path.resolve(import.meta.dirname, "../..");
const FOLDERS = ["app", "lib", "emails"];

const RULES: { name: string; pattern: RegExp }[] = [
  { name: '.replace("{…}") on a message', pattern: /\.replace(?:All)?\(\s*["'`]\{/ },
  { name: "a fill() helper for messages", pattern: /(?:^|[^.\w])fill\(/ },
  { name: "toLocaleString() instead of next-intl's formatter", pattern: /\.toLocaleString\(/ },
];

// The files that still fill messages by hand, each with why; the list may only shrink (a file that no longer does is
// an error too, so that it leaves the list).
const NOT_YET: Record<string, string> = {
  // The B-5 and C-1…C-4 forms and actions, being reworked by another change: their pages pass them the plain-object
  // catalogue as before (lib/i18n/ja.ts), and they move to useTranslations / translator with that rework.
  "app/(portal)/licenses/[licenseId]/contacts/contact-change-form.tsx": "B-5 form, being reworked",
  "app/(portal)/activation-codes/actions.ts": "C-1…C-4 actions, being reworked",
  "app/(portal)/activation-codes/[form]/issuance-form.tsx": "C-1, C-2, C-4 form, being reworked",
  "app/(portal)/activation-codes/apex-central/apex-central-form.tsx": "C-3 form, being reworked",
};

function sources(folder: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => /\.(ts|tsx)$/.test(file))
    .map((file) => path.join(folder, file));
}

/** The code without its comments (a comment may name fill() or .replace("{x}") to explain what is not done). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

function findings(file: string): string[] {
  const lines = code(fs.readFileSync(path.join(ROOT, file), "utf8")).split("\n");
  return lines.flatMap((line, index) => RULES.filter((rule) => rule.pattern.test(line)).map((rule) => `${file}:${index + 1}: ${rule.name}`));
}

describe("X-5 no message is filled by hand", () => {
  const files = FOLDERS.flatMap(sources).map((file) => file.split(path.sep).join("/"));

  it("in app/, lib/ and emails/ (outside the files listed as not yet moved)", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((file) => !(file in NOT_YET)).flatMap(findings)).toEqual([]);
  });

  it("lists only files that still do (the list shrinks as they move)", () => {
    for (const file of Object.keys(NOT_YET)) {
      expect(files, file).toContain(file);
      expect(findings(file).length, `${file} no longer fills messages by hand: take it off NOT_YET`).toBeGreaterThan(0);
    }
  });

  // tests/e2e/language.ts skips elements marked data-i18n-exempt: only data, proper nouns and the SPEC's fixed
  // Japanese, and each mark says which (data-i18n-exempt="product name").
  it("marks data-i18n-exempt elements with the reason (outside the files listed as not yet moved)", () => {
    const bare = files
      .filter((file) => !(file in NOT_YET) && file.endsWith(".tsx"))
      .flatMap((file) =>
        code(fs.readFileSync(path.join(ROOT, file), "utf8"))
          .split("\n")
          .flatMap((line, index) => (/data-i18n-exempt(?![=\w-])/.test(line) ? [`${file}:${index + 1}`] : [])),
      );
    expect(bare).toEqual([]);
  });

  it("finds what it looks for", () => {
    const hit = (line: string) => RULES.filter((rule) => rule.pattern.test(code(line))).map((rule) => rule.name);
    expect(hit('l.pageN.replace("{page}", String(page))')).toEqual(['.replace("{…}") on a message']);
    expect(hit("t.x.replaceAll(`{limit}`, n)")).toEqual(['.replace("{…}") on a message']);
    expect(hit("return fill(m.atLine, { line })")).toEqual(["a fill() helper for messages"]);
    expect(hit("n.toLocaleString('ja-JP')")).toEqual(["toLocaleString() instead of next-intl's formatter"]);
    expect(hit("new Array(3).fill(0); page.drawRectangle({ color }); // fill(x)")).toEqual([]);
    expect(hit('value.replace(/-/g, "")')).toEqual([]);
  });
});
