import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/messages/en";
import ja from "@/messages/ja";

// X-5, the catalogue (messages/): the compiler checks that both locales have the same keys (messages/shape.ts); this
// checks what it cannot: that every message is valid ICU MessageFormat in both locales, that the English message
// takes the same arguments as the Japanese one (with the same kind: a number stays a number), and that a message
// without arguments reads exactly as written (a stray apostrophe or brace would be swallowed by ICU quoting).

type Tree = { [key: string]: string | Tree };

function* messages(tree: Tree, path = ""): Generator<[string, string]> {
  for (const [key, value] of Object.entries(tree)) {
    const at = path ? `${path}.${key}` : key;
    if (typeof value === "string") yield [at, value];
    else yield* messages(value, at);
  }
}

const NUMERIC = new Set(["number", "plural", "selectordinal"]);

/** The arguments of an ICU message and their kind ("number" for number, plural and selectordinal; else "string"). */
function argumentsOf(message: string): Record<string, string> {
  const found: Record<string, string> = {};
  // Quoted text ('{…}') holds no argument.
  // A plural or select branch ("one {…}", "=0 {…}") opens text, not an argument: "=0 {Support ends today}".
  const unquoted = message
    .replace(/'[{}#][^']*'/g, "")
    .replace(/''/g, "")
    .replace(/(=\d+|\b(?:zero|one|two|few|many|other))\s*\{/g, "$1 (");
  // Rich-text tags (<link>…</link>) are arguments too: the caller gives each a function.
  for (const match of unquoted.matchAll(/<(\w+)>/g)) found[match[1]!] = "tag";
  for (const match of unquoted.matchAll(/\{\s*([A-Za-z_]\w*)\s*(?:,\s*(\w+))?/g)) {
    const kind = match[2] && NUMERIC.has(match[2]) ? "number" : (found[match[1]!] ?? "string");
    found[match[1]!] = kind;
  }
  return Object.fromEntries(Object.entries(found).sort(([a], [b]) => a.localeCompare(b)));
}

type Sample = string | number | ((chunks: string) => string);

function sampleValues(args: Record<string, string>): Record<string, Sample> {
  return Object.fromEntries(
    Object.entries(args).map(([name, kind]): [string, Sample] => [
      name,
      kind === "number" ? 1234 : kind === "tag" ? (chunks: string) => `<${name}>${chunks}</${name}>` : `<${name}>`,
    ]),
  );
}

/** A message without its ICU quoting: '{ … }' is written for { … }, '' for '. */
const asWritten = (message: string) => message.replace(/'([{}#][^']*)'|''/g, (_, quoted: string | undefined) => quoted ?? "'");

const catalogues = { ja: ja as unknown as Tree, en: en as unknown as Tree };

describe("X-5 the message catalogue (messages/ja, messages/en)", () => {
  it("has the same messages in both locales", () => {
    expect([...messages(catalogues.en)].map(([path]) => path).sort()).toEqual([...messages(catalogues.ja)].map(([path]) => path).sort());
  });

  it("gives the English message the Japanese one's arguments", () => {
    const english = new Map(messages(catalogues.en));
    const differ = [...messages(catalogues.ja)]
      .filter(([path, message]) => JSON.stringify(argumentsOf(message)) !== JSON.stringify(argumentsOf(english.get(path) ?? "")))
      .map(([path, message]) => `${path}: ja ${JSON.stringify(argumentsOf(message))}, en ${JSON.stringify(argumentsOf(english.get(path) ?? ""))}`);
    expect(differ).toEqual([]);
  });

  for (const locale of ["ja", "en"] as const) {
    it(`formats every ${locale} message, and one without arguments reads as written`, () => {
      const problems: string[] = [];
      const t = createTranslator({
        locale,
        messages: catalogues[locale],
        timeZone: "Asia/Tokyo",
        onError: (error) => {
          throw error;
        },
      });
      // t.markup formats like t and also takes the tags' functions (returning strings).
      const translate = t.markup as unknown as (key: string, values?: Record<string, Sample>) => string;
      for (const [path, message] of messages(catalogues[locale])) {
        const args = argumentsOf(message);
        try {
          const text = translate(path, sampleValues(args));
          const onlyTags = Object.values(args).every((kind) => kind === "tag");
          if (onlyTags && text !== asWritten(message)) problems.push(`${path}: reads ${JSON.stringify(text)}`);
        } catch (error) {
          problems.push(`${path}: ${String(error)}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it("fails on what it looks for", () => {
    expect(argumentsOf("{total, number}件中 {from}〜{to}件")).toEqual({ total: "number", from: "string", to: "string" });
    expect(argumentsOf("{count, plural, one {# file} other {# files}} of {name}")).toEqual({ count: "number", name: "string" });
    expect(argumentsOf("a JSON object ('{ … }')")).toEqual({});
    expect(argumentsOf("see <link>here</link>, {name}")).toEqual({ link: "tag", name: "string" });
  });
});
