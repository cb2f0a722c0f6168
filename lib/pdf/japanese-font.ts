import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { withIdentityCidCharset } from "./cff-charset";

// STACK.md: pdf-lib's own subsetting breaks CJK glyphs; pre-subset Noto Sans JP (OFL-1.1, @embedpdf/fonts-jp) to
// the document's characters with subset-font (harfbuzz in WASM), then embed that small font whole.
export type FontWeight = "Regular" | "Bold";

const cache = new Map<FontWeight, Promise<Buffer>>();

// Each weight read through a literal path, not a template or a lookup: file tracing ships exactly the two weights
// named here (a template matched all seven, 31 MB; a lookup made it trace the whole project; X-7, lean bundles).
function readFontFile(weight: FontWeight): Promise<Buffer> {
  return weight === "Bold"
    ? readFile(path.join(process.cwd(), "node_modules/@embedpdf/fonts-jp/fonts/NotoSansJP-Bold.otf"))
    : readFile(path.join(process.cwd(), "node_modules/@embedpdf/fonts-jp/fonts/NotoSansJP-Regular.otf"));
}

/** The full font (4.5 MB), read once per process. */
function loadFont(weight: FontWeight): Promise<Buffer> {
  let font = cache.get(weight);
  if (!font) {
    font = readFontFile(weight);
    font.catch(() => cache.delete(weight));
    cache.set(weight, font);
  }
  return font;
}

/** A font holding exactly the glyphs of `text` (plus digits, spaces and the punctuation of headers and page numbers). */
export async function subsetJapaneseFont(text: string, weight: FontWeight): Promise<Uint8Array> {
  const [{ default: subset }, font] = await Promise.all([import("subset-font"), loadFont(weight)]);
  const characters = [...new Set(`${text}0123456789/ 　：:-〜…・`)].join("");
  return withIdentityCidCharset(await subset(font, characters, { targetFormat: "sfnt" }));
}
