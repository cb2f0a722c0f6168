// Japanese line breaking for headings (issue 29, item 20): where a heading may wrap. Japanese has no spaces, so a
// browser may wrap between any two characters (「アクティベーションコ／ード」); `word-break: auto-phrase` (Chromium,
// lang="ja") keeps phrases whole, `keep-all` (the fallback) keeps every run of letters whole — but both leave a
// katakana compound longer than the line (「ウイルスバスターコーポレートエディション」, 20 characters) to be cut
// anywhere. These chunks are the places a heading may wrap: the renderer puts a <wbr> between two chunks.
// Pure and client-safe (the heading components call it on the server).

/** A katakana letter or the long-vowel mark (not 「・」, which is punctuation). */
export const KATAKANA = /[\u30A1-\u30FA\u30FC-\u30FF\uFF66-\uFF9F]/u;
const HIRAGANA = /[\u3041-\u309F]/u;
const KANJI = /[\u3400-\u9FFF\uF900-\uFAFF\u3005\u3006]/u;
const LATIN = /[0-9A-Za-z\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u2122\u00AE]/u;

type Script = "katakana" | "hiragana" | "kanji" | "latin" | "other";

function scriptOf(char: string): Script {
  if (KATAKANA.test(char)) return "katakana";
  if (HIRAGANA.test(char)) return "hiragana";
  if (KANJI.test(char)) return "kanji";
  if (LATIN.test(char)) return "latin";
  return "other";
}

/**
 * The words of the site's katakana compounds (the catalogue's and the demo's product and menu names): a katakana run
 * that is made of these words only may wrap between them. A run that is not stays whole.
 */
const KATAKANA_WORDS = [
  "アクティベーション",
  "アドレス",
  "インストール",
  "インフォメーション",
  "ウイルス",
  "ウイルスバスター",
  "エディション",
  "エラー",
  "オフライン",
  "オンライン",
  "ガイド",
  "カスタマー",
  "キット",
  "コーポレート",
  "コード",
  "サイト",
  "サポート",
  "サービス",
  "シリアル",
  "スタッフ",
  "スパイウェア",
  "ダウンロード",
  "ダッシュボード",
  "テキスト",
  "トップ",
  "ドキュメント",
  "ニュース",
  "バックナンバー",
  "パスワード",
  "パターン",
  "ビジネス",
  "ファイル",
  "ファミリー",
  "フォーム",
  "ポータル",
  "ボックス",
  "マイグレート",
  "メッセージ",
  "メニュー",
  "メール",
  "モジュール",
  "ユーザ",
  "ライセンス",
  "リカバリー",
  "リスト",
  "ログイン",
];
const WORDS_LONGEST_FIRST = [...KATAKANA_WORDS].sort((a, b) => b.length - a.length);

/** A katakana run cut into the glossary's words, or the run whole when it is not made of them only. */
export function katakanaWords(run: string): string[] {
  const words: string[] = [];
  let rest = run;
  while (rest) {
    const word = WORDS_LONGEST_FIRST.find((w) => rest.startsWith(w));
    if (!word) return [run];
    words.push(word);
    rest = rest.slice(word.length);
  }
  return words;
}

// Particles that end a phrase (「…の」「…を」「…に関する」): a phrase may wrap after them, before the next word.
const PARTICLES = ["の", "を", "に", "は", "が", "で", "と", "へ", "も", "や", "から", "まで", "および", "に関する", "による", "について"];

/** The text cut where a heading may wrap (joined again, the chunks are the text). */
export function phraseChunks(text: string): string[] {
  // Runs of one script.
  const runs: { script: Script; text: string }[] = [];
  for (const char of text) {
    const script = scriptOf(char);
    const last = runs.at(-1);
    if (last && last.script === script) last.text += char;
    else runs.push({ script, text: char });
  }
  const chunks: string[] = [];
  let current = "";
  const cut = () => {
    if (current) chunks.push(current);
    current = "";
  };
  runs.forEach((run, index) => {
    const previous = runs[index - 1];
    if (previous && current) {
      const letters = (s: Script) => s !== "other";
      // Between two words of different scripts (「環境用｜アクティベーション」「コード｜発行」「™｜ファミリー」), and after a
      // particle (「コードを｜発行」); not after kana that belongs to the word before it (「問い合わせ」「取り扱い」).
      const afterParticle = previous.script === "hiragana" && index > 1 && PARTICLES.some((p) => previous.text.endsWith(p));
      const scriptChange =
        letters(previous.script) && letters(run.script) && previous.script !== "hiragana" && run.script !== "hiragana" && previous.script !== run.script;
      // (Spaces and a slash before a word are break opportunities already, under keep-all too: no cut is added there,
      // so that a name of several words — 「Apex One」 — stays one text.)
      if (afterParticle || scriptChange) cut();
    }
    if (run.script === "katakana") {
      const words = katakanaWords(run.text);
      words.forEach((word, i) => {
        if (i > 0) cut();
        current += word;
      });
    } else {
      current += run.text;
    }
  });
  cut();
  return chunks;
}
