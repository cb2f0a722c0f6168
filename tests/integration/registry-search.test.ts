import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { registrySearchKey } from "@/lib/registry/normalise";
import { REGISTRY_COUNT_CAP, searchRegistry } from "@/lib/registry/search";
import { createRegistryEntries, type RegistryEntryOptions } from "../support/factories";

// B-6 法人名情報の検索 on the real database: the exact name first, then the names that start with it (by name), then
// those that contain it (by 法人番号); kana- and width-insensitive; narrowed by 都道府県 and 郵便番号; paged across
// the tiers; the count capped for a common name (the national file has 100,000 「テクノ」s).

let next = 7_100_000_000_000;
/** Registry entries under fresh 法人番号s (in the order given). */
async function add(rows: Omit<RegistryEntryOptions, "corporateNumber">[]) {
  await createRegistryEntries(rows.map((row) => ({ corporateNumber: String(next++), ...row })));
}

describe("searchRegistry", () => {
  it("orders exact, then prefix by name, then partial by 法人番号; kana and width do not matter; filters narrow", async () => {
    await add([
      { name: "株式会社ミドリ電機サンプル", kana: "ミドリデンキサンプル" },
      { name: "ミドリ電機株式会社", kana: "ミドリデンキ", postalCode: "5300001", prefecture: "大阪府" },
      { name: "ミドリ電機工業株式会社", kana: "ミドリデンキコウギョウ" },
      { name: "東京ミドリ電機株式会社", kana: "トウキョウミドリデンキ" },
      { name: "ミドリ電機", kana: "ミドリデンキ" },
    ]);
    const { hits, total, capped } = await searchRegistry({ name: "ﾐﾄﾞﾘ電機" });
    expect(capped).toBe(false);
    expect(total).toBe(5);
    expect(hits.map((hit) => [hit.name, hit.match])).toEqual([
      ["ミドリ電機", "exact"],
      // By search key: 「みどり電機工…」 before 「みどり電機株…」 (工 U+5DE5 < 株 U+682A).
      ["ミドリ電機工業株式会社", "prefix"],
      ["ミドリ電機株式会社", "prefix"],
      ["株式会社ミドリ電機サンプル", "partial"],
      ["東京ミドリ電機株式会社", "partial"],
    ]);
    // By furigana in hiragana, and narrowed by prefecture and postal code.
    expect((await searchRegistry({ name: "みどりでんき", prefecture: "大阪府" })).hits.map((hit) => hit.name)).toEqual(["ミドリ電機株式会社"]);
    expect((await searchRegistry({ name: "ミドリ電機", postalCode: "5300001" })).hits.map((hit) => hit.name)).toEqual(["ミドリ電機株式会社"]);
  });

  it("pages across the tiers without gaps or repeats, and caps the count of a common name", async () => {
    const db = await getDb();
    // 30 that start with 「アオバ商会」 and REGISTRY_COUNT_CAP + 20 that contain it elsewhere.
    await db.execute(sql`
      INSERT INTO corporate_registry (corporate_number, name, search_name, prefecture, postal_code)
      SELECT (7200000000000 + g)::text, 'アオバ商会' || g, ${registrySearchKey("アオバ商会")} || g, '東京都', '1000005' FROM generate_series(1, 30) g
      UNION ALL
      SELECT (7300000000000 + g)::text, '第' || g || 'アオバ商会', ${"第"} || g || ${registrySearchKey("アオバ商会")}, '東京都', '1000005'
        FROM generate_series(1, ${REGISTRY_COUNT_CAP + 20}) g`);
    const first = await searchRegistry({ name: "アオバ商会", page: 1, pageSize: 20 });
    const second = await searchRegistry({ name: "アオバ商会", page: 2, pageSize: 20 });
    expect(first.capped).toBe(true);
    expect(first.total).toBe(REGISTRY_COUNT_CAP);
    expect(first.hits.every((hit) => hit.match === "prefix")).toBe(true);
    expect(second.hits.map((hit) => hit.match)).toEqual([...Array(10).fill("prefix"), ...Array(10).fill("partial")]);
    const seen = new Set([...first.hits, ...second.hits].map((hit) => hit.corporateNumber));
    expect(seen.size).toBe(40);
    // The partial tier in 法人番号 order: the first ten of the 7300… numbers.
    expect(second.hits.slice(10).map((hit) => hit.corporateNumber)).toEqual(Array.from({ length: 10 }, (_, i) => String(7300000000001 + i)));
  });
});
