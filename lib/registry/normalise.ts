import "server-only";

// B-6: the key the corporate registry is searched by, for a name and for its フリガナ alike — kana- and
// width-insensitive: NFKC (全角英数 → 半角, 半角カナ → 全角), lower case, katakana folded to hiragana (ァ U+30A1 …
// ヶ U+30F6 → ぁ U+3041 … ゖ U+3096), and no spaces, middle dots or hyphen-like marks between words. The import stores
// it (search_name, search_kana) and the search computes it from what the customer typed, so both sides agree.

const KATAKANA_START = 0x30a1;
const KATAKANA_END = 0x30f6;
const TO_HIRAGANA = 0x30a1 - 0x3041;
/** Separators a customer may or may not type between words: spaces, ・, ･, ‐ - – — ー is kept (it is a kana). */
const SEPARATORS = /[\s\u3000・･·\u2010-\u2015\-_.,、。'’"“”]/gu;

export function registrySearchKey(text: string): string {
  const folded = text.normalize("NFKC").toLowerCase().replace(SEPARATORS, "");
  let out = "";
  for (const char of folded) {
    const code = char.codePointAt(0)!;
    out += code >= KATAKANA_START && code <= KATAKANA_END ? String.fromCodePoint(code - TO_HIRAGANA) : char;
  }
  return out;
}

/** A postal code as the registry stores it: 7 digits, no hyphen (〒100-0001 → 1000001); null when it is not one. */
export function postalCodeKey(text: string): string | null {
  const digits = text.normalize("NFKC").replace(/[〒\s-]/g, "");
  return /^\d{7}$/.test(digits) ? digits : null;
}
