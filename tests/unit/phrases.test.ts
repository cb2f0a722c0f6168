import { describe, expect, it } from "vitest";
import { katakanaWords, phraseChunks } from "@/lib/text/phrases";

// Issue 29 item 20: where a heading may wrap (app/_components/phrase-text.tsx puts a <wbr> between the chunks).
describe("phraseChunks", () => {
  it.each([
    [
      "Apex One/ウイルスバスターコーポレートエディション アクティベーションコード発行フォーム",
      ["Apex One/ウイルスバスター", "コーポレート", "エディション アクティベーション", "コード", "発行", "フォーム"],
    ],
    ["オンライン環境用アクティベーションコードを発行する", ["オンライン", "環境用", "アクティベーション", "コードを", "発行する"]],
    ["Deep Discovery™ファミリードキュメントダウンロードサイト", ["Deep Discovery™", "ファミリー", "ドキュメント", "ダウンロード", "サイト"]],
    ["メール配信設定およびバックナンバー", ["メール", "配信設定および", "バックナンバー"]],
    ["契約内容の確認・変更・印刷", ["契約内容の", "確認・変更・印刷"]],
    ["お問い合わせ窓口", ["お問い合わせ窓口"]],
    ["Support Informationリスト", ["Support Information", "リスト"]],
  ])("%s", (text, chunks) => {
    expect(phraseChunks(text)).toEqual(chunks);
    expect(phraseChunks(text).join("")).toBe(text);
  });

  it("keeps a katakana run whole unless it is made of known words only", () => {
    expect(katakanaWords("アクティベーションコード")).toEqual(["アクティベーション", "コード"]);
    expect(katakanaWords("インターネットセキュリティ")).toEqual(["インターネットセキュリティ"]);
    expect(katakanaWords("コーポレートエディションX")).toEqual(["コーポレートエディションX"]);
  });

  it("never cuts inside a katakana word of the glossary", () => {
    for (const text of ["アクティベーションコ", "ウイルスバスター", "パスワード"]) {
      const chunks = phraseChunks(text);
      expect(chunks.join("")).toBe(text);
    }
    expect(phraseChunks("ウイルスバスター")).toEqual(["ウイルスバスター"]);
  });
});
