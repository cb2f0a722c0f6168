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

  it("in app/, lib/ and emails/", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap(findings)).toEqual([]);
  });

  // tests/e2e/language.ts skips elements marked data-i18n-exempt: only data, proper nouns and the SPEC's fixed
  // Japanese, and each mark says which (data-i18n-exempt="product name").
  it("marks data-i18n-exempt elements with the reason", () => {
    const bare = files
      .filter((file) => file.endsWith(".tsx"))
      .flatMap((file) =>
        code(fs.readFileSync(path.join(ROOT, file), "utf8"))
          .split("\n")
          // A JSX attribute without its value; the quoted name is a prop's type or an object's key (which needs its string).
          .flatMap((line, index) => (/(?<!")data-i18n-exempt(?![=\w-])/.test(line) ? [`${file}:${index + 1}`] : [])),
      );
    expect(bare).toEqual([]);
  });

  it("finds what it looks for", () => {
    const hit = (line: string) => RULES.filter((rule) => rule.pattern.test(code(line))).map((rule) => rule.name);
    const cases: [line: string, found: string[]][] = [
      ['l.pageN.replace("{page}", String(page))', ['.replace("{…}") on a message']],
      ["t.x.replaceAll(`{limit}`, n)", ['.replace("{…}") on a message']],
      ["return fill(m.atLine, { line })", ["a fill() helper for messages"]],
      ["n.toLocaleString('ja-JP')", ["toLocaleString() instead of next-intl's formatter"]],
      ["new Array(3).fill(0); page.drawRectangle({ color }); // fill(x)", []],
      ['value.replace(/-/g, "")', []],
    ];
    for (const [line, found] of cases) expect(hit(line), line).toEqual(found);
  });
});
