// B-6 scale data for `npm run bench`: a corporate registry of N companies (default 5,000,000: about the national
// register's size), generated in SQL from a vocabulary so that the search scenarios meet realistic hit counts — a
// common word in the middle of 1 name in 40 (「テクノ」), prefixes shared by 1 in 40 (「東京」), every prefecture and
// ~900,000 postal codes. The search keys are computed by the app's own registrySearchKey for each word; the key of a
// name is the concatenation of its words' keys (the key maps character by character and drops separators only).
// Idempotent: the rows are numbered, and only the missing ones are added. The real import (lib/registry/import.ts)
// is measured on its own by bench/registry-import.ts.
import type { Sql } from "postgres";
import { registrySearchKey } from "../lib/registry/normalise";
import { PREFECTURES } from "../lib/validation/contact-fields";

const FIRST: [string, string][] = [
  ["東京", "トウキョウ"],
  ["大阪", "オオサカ"],
  ["日本", "ニホン"],
  ["中央", "チュウオウ"],
  ["北海", "ホッカイ"],
  ["東洋", "トウヨウ"],
  ["関西", "カンサイ"],
  ["九州", "キュウシュウ"],
  ["富士", "フジ"],
  ["桜", "サクラ"],
  ["朝日", "アサヒ"],
  ["山田", "ヤマダ"],
  ["田中", "タナカ"],
  ["鈴木", "スズキ"],
  ["高橋", "タカハシ"],
  ["新日本", "シンニホン"],
  ["サン", "サン"],
  ["アルファ", "アルファ"],
  ["グローバル", "グローバル"],
  ["ユニ", "ユニ"],
  ["みらい", "ミライ"],
  ["ひかり", "ヒカリ"],
  ["青葉", "アオバ"],
  ["港", "ミナト"],
  ["名古屋", "ナゴヤ"],
  ["横浜", "ヨコハマ"],
  ["神戸", "コウベ"],
  ["京都", "キョウト"],
  ["福岡", "フクオカ"],
  ["札幌", "サッポロ"],
  ["仙台", "センダイ"],
  ["広島", "ヒロシマ"],
  ["丸", "マル"],
  ["三和", "サンワ"],
  ["大和", "ヤマト"],
  ["昭和", "ショウワ"],
  ["平成", "ヘイセイ"],
  ["令和", "レイワ"],
  ["ミツワ", "ミツワ"],
  ["トップ", "トップ"],
];
const MIDDLE: [string, string][] = [
  ["テクノ", "テクノ"],
  ["システム", "システム"],
  ["電機", "デンキ"],
  ["工業", "コウギョウ"],
  ["商事", "ショウジ"],
  ["物産", "ブッサン"],
  ["建設", "ケンセツ"],
  ["産業", "サンギョウ"],
  ["製作所", "セイサクショ"],
  ["サービス", "サービス"],
  ["ソリューションズ", "ソリューションズ"],
  ["化学", "カガク"],
  ["運輸", "ウンユ"],
  ["不動産", "フドウサン"],
  ["食品", "ショクヒン"],
  ["精機", "セイキ"],
  ["興業", "コウギョウ"],
  ["情報", "ジョウホウ"],
  ["エンジニアリング", "エンジニアリング"],
  ["ネットワーク", "ネットワーク"],
  ["印刷", "インサツ"],
  ["薬品", "ヤクヒン"],
  ["電子", "デンシ"],
  ["機械", "キカイ"],
  ["設備", "セツビ"],
  ["開発", "カイハツ"],
  ["商会", "ショウカイ"],
  ["交通", "コウツウ"],
  ["物流", "ブツリュウ"],
  ["総業", "ソウギョウ"],
  ["技研", "ギケン"],
  ["通信", "ツウシン"],
  ["メディカル", "メディカル"],
  ["フーズ", "フーズ"],
  ["ホーム", "ホーム"],
  ["デザイン", "デザイン"],
  ["ラボ", "ラボ"],
  ["ファーム", "ファーム"],
  ["トレーディング", "トレーディング"],
  ["コンサルティング", "コンサルティング"],
];
const LAST: [string, string][] = [
  ["", ""],
  ["第一", "ダイイチ"],
  ["東日本", "ヒガシニホン"],
  ["西日本", "ニシニホン"],
  ["ホールディングス", "ホールディングス"],
];
const FORMS = ["株式会社", "有限会社", "合同会社", "株式会社"] as const;

/** Scale registry rows are numbered from here (corporate numbers 9…), apart from the demo sample's. */
export const SCALE_REGISTRY_BASE = 9_000_000_000_000;

export async function countScaleRegistry(sql: Sql): Promise<number> {
  const [row] = await sql<{ n: string }[]>`SELECT count(*) AS n FROM corporate_registry WHERE corporate_number >= ${String(SCALE_REGISTRY_BASE)}`;
  return Number(row?.n ?? 0);
}

const keys = (words: [string, string][]) => ({
  name: words.map((w) => w[0]),
  kana: words.map((w) => w[1]),
  nameKey: words.map((w) => registrySearchKey(w[0])),
  kanaKey: words.map((w) => registrySearchKey(w[1])),
});

/** Adds the missing rows up to `rows`; returns the seconds taken (0 when nothing was missing). */
export async function seedScaleRegistry(sql: Sql, rows: number, log: (line: string) => void): Promise<number> {
  const have = await countScaleRegistry(sql);
  if (have >= rows) return 0;
  const started = performance.now();
  const [f, m, l] = [keys(FIRST), keys(MIDDLE), keys(LAST)];
  const forms = { name: [...FORMS], key: FORMS.map((form) => registrySearchKey(form)) };
  const chunk = 250_000;
  for (let from = have + 1; from <= rows; from += chunk) {
    const to = Math.min(rows, from + chunk - 1);
    // Row i: first word i mod 40, middle (i / 40) mod 40, last (i / 1600) mod 5, legal form (i / 8000) mod 4 (the
    // fourth is 株式会社 in front); prefecture i mod 47; postal code from a multiplicative hash; 1 in 200 closed.
    await sql`
      INSERT INTO corporate_registry
        (corporate_number, name, name_kana, search_name, search_kana, kind, prefecture, city, street, postal_code, closed_at, closed_reason, updated_at)
      SELECT lpad((${SCALE_REGISTRY_BASE}::bigint + i)::text, 13, '0'),
             CASE WHEN fo = 4 THEN (${forms.name}::text[])[fo] || w ELSE w || (${forms.name}::text[])[fo] END,
             k,
             CASE WHEN fo = 4 THEN (${forms.key}::text[])[fo] || wk ELSE wk || (${forms.key}::text[])[fo] END,
             kk,
             CASE fo WHEN 2 THEN '302' WHEN 3 THEN '305' ELSE '301' END,
             (${PREFECTURES}::text[])[1 + i % 47], '中央区', (1 + i % 9) || '丁目' || (1 + i % 30) || '番' || (1 + i % 20) || '号',
             lpad(((i::bigint * 7919) % 9000000 + 1000000)::text, 7, '0'),
             CASE WHEN i % 200 = 0 THEN DATE '2020-03-31' END, CASE WHEN i % 200 = 0 THEN '01' END, now()
      FROM (
        SELECT i, 1 + (i / 8000) % 4 AS fo,
               (${f.name}::text[])[1 + i % 40] || (${m.name}::text[])[1 + (i / 40) % 40] || (${l.name}::text[])[1 + (i / 1600) % 5] AS w,
               (${f.kana}::text[])[1 + i % 40] || (${m.kana}::text[])[1 + (i / 40) % 40] || (${l.kana}::text[])[1 + (i / 1600) % 5] AS k,
               (${f.nameKey}::text[])[1 + i % 40] || (${m.nameKey}::text[])[1 + (i / 40) % 40] || (${l.nameKey}::text[])[1 + (i / 1600) % 5] AS wk,
               (${f.kanaKey}::text[])[1 + i % 40] || (${m.kanaKey}::text[])[1 + (i / 40) % 40] || (${l.kanaKey}::text[])[1 + (i / 1600) % 5] AS kk
        FROM generate_series(${from}::bigint, ${to}::bigint) AS i
      ) AS g
      ON CONFLICT (corporate_number) DO NOTHING`;
    log(`registry: ${to.toLocaleString("en-US")} of ${rows.toLocaleString("en-US")} companies`);
  }
  await sql`ANALYZE corporate_registry`;
  return (performance.now() - started) / 1000;
}
