import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, type Database } from "@/db/client";
import * as s from "@/db/schema";
import { DEMO_DEFINITIONS, seedDemo } from "@/lib/demo/seed";
import {
  decodeCsvBytes,
  importPriceData,
  parsePriceCsv,
  parseSuccessorCsv,
  PRICE_SAMPLE_FILE,
  SUCCESSOR_SAMPLE_FILE,
  type PriceImportError,
} from "@/lib/renewal/price-import";
import { priceLine } from "@/lib/renewal/pricing";
import { runScript } from "../support/cli";

// SPEC B-4 (issue 12 item 1): the operators' import of the renewal price data over the demo catalog (X-2), on the
// engine of the run. Every test starts from the seed's prices and successors (restored before each), so a refusal
// can be checked as "nothing changed" against the rows as they were.

const PRICES_HEADER = "product_code,min_quantity,max_quantity,unit_price_yen,valid_from,valid_until";
const SUCCESSORS_HEADER = "product_code,successor_code,sort_order";

let db: Database;
let dir: string;
let seeded: { prices: (typeof s.productPrices.$inferInsert)[]; successors: (typeof s.productSuccessors.$inferInsert)[] };
let seededView: Awaited<ReturnType<typeof view>>;

const successor = alias(s.products, "successor");

/** The two tables by product code (ids aside), sorted: what the seed and an import are compared by. */
async function view() {
  const prices = await db
    .select({
      code: s.products.code,
      minQuantity: s.productPrices.minQuantity,
      maxQuantity: s.productPrices.maxQuantity,
      unitPriceYen: s.productPrices.unitPriceYen,
      validFrom: s.productPrices.validFrom,
      validUntil: s.productPrices.validUntil,
    })
    .from(s.productPrices)
    .innerJoin(s.products, eq(s.products.id, s.productPrices.productId))
    .orderBy(asc(s.products.code), asc(s.productPrices.validFrom), asc(s.productPrices.minQuantity));
  const successors = await db
    .select({ code: s.products.code, successorCode: successor.code, sortOrder: s.productSuccessors.sortOrder })
    .from(s.productSuccessors)
    .innerJoin(s.products, eq(s.products.id, s.productSuccessors.productId))
    .innerJoin(successor, eq(successor.id, s.productSuccessors.successorProductId))
    .orderBy(asc(s.products.code), asc(s.productSuccessors.sortOrder), asc(successor.code));
  return { prices, successors };
}

async function tiersOf(code: string) {
  return (await view()).prices.filter((p) => p.code === code);
}

const prices = (...lines: string[]) => [PRICES_HEADER, ...lines].join("\n") + "\n";
const successors = (...lines: string[]) => [SUCCESSORS_HEADER, ...lines].join("\n") + "\n";
const sample = (file: string) => fs.readFileSync(file, "utf8");

beforeAll(async () => {
  db = await getDb();
  await seedDemo(db);
  const [priceRows, successorRows] = await Promise.all([db.select().from(s.productPrices), db.select().from(s.productSuccessors)]);
  seeded = { prices: priceRows.map(({ id: _id, ...row }) => row), successors: successorRows };
  seededView = await view();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "price-import-test-"));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

// The import replaces the whole price list (both tables, by design): each test starts again from the seeded list. Of
// all test files only this one writes these tables wholesale, in a database of its own (vitest.config.ts).
beforeEach(async () => {
  await db.transaction(async (tx) => {
    await tx.execute(sql`DELETE FROM product_prices`);
    await tx.execute(sql`DELETE FROM product_successors`);
    await tx.insert(s.productPrices).values(seeded.prices);
    await tx.insert(s.productSuccessors).values(seeded.successors);
  });
});

/** Refused with exactly these faults (file, line, a piece of the message), and nothing changed. */
async function expectRefused(
  files: { prices?: string; successors?: string },
  expected: { file?: PriceImportError["file"]; line: number; message: string | RegExp }[],
) {
  const before = await view();
  const result = await importPriceData(db, files);
  expect(result.ok, JSON.stringify(result)).toBe(false);
  const errors = result.ok ? [] : result.errors;
  expect(
    errors.map((e) => `${e.file}:${e.line}`),
    JSON.stringify(errors, null, 1),
  ).toEqual(expected.map((e) => `${e.file ?? "prices"}:${e.line}`));
  expected.forEach((e, k) => expect(errors[k]!.message).toMatch(e.message));
  expect(await view()).toEqual(before);
  return errors;
}

describe("B-4 price import: a good import replaces the data", () => {
  it("replaces every price row with the file's, and a second list applies from its valid_from (priceLine)", async () => {
    const file = prices(
      "VBCE_PLUS,1,99,6100,2019-07-20,",
      "VBCE_PLUS,100,499,5300,2019-07-20,",
      "VBCE_PLUS,500,,4600,2019-07-20,",
      // The new list price from 2030-04-01, its tiers in another order than their quantities.
      "VBCE_PLUS,500,,5000,2030-04-01,",
      "VBCE_PLUS,1,99,6600,2030-04-01,",
      "VBCE_PLUS,100,499,5800,2030-04-01,",
      "APEX_CENTRAL,1,,1300,2019-07-20,2030-03-31",
    );
    expect(await importPriceData(db, { prices: file })).toEqual({ ok: true, prices: 7, successors: 0 });

    const after = await view();
    expect(new Set(after.prices.map((p) => p.code))).toEqual(new Set(["VBCE_PLUS", "APEX_CENTRAL"]));
    expect(after.prices).toHaveLength(7);
    // The successors file was not given: its table is as it was.
    expect(after.successors).toEqual(seededView.successors);

    const vbce = await tiersOf("VBCE_PLUS");
    expect(priceLine(vbce, 150, "2030-03-31")).toEqual({ unitPriceYen: 5300, amountYen: 795_000, tierMin: 100, tierMax: 499 });
    expect(priceLine(vbce, 150, "2030-04-01")).toEqual({ unitPriceYen: 5800, amountYen: 870_000, tierMin: 100, tierMax: 499 });
    expect(priceLine(vbce, 1, "2030-04-01")?.unitPriceYen).toBe(6600);
    expect(priceLine(vbce, 10_000, "2030-04-01")?.unitPriceYen).toBe(5000);
    const central = await tiersOf("APEX_CENTRAL");
    expect(central[0]).toMatchObject({ unitPriceYen: 1300, validUntil: "2030-03-31" });
    expect(priceLine(central, 120, "2030-03-31")?.unitPriceYen).toBe(1300);
    expect(priceLine(central, 120, "2030-04-01")).toBeUndefined();
    expect(await tiersOf("DDI")).toEqual([]);
  });

  it("replaces the successors alone, and both files together in one import", async () => {
    expect(await importPriceData(db, { successors: successors("APEX_ONE,V1_ES_CORE,0", "APEX_ONE,APEX_ONE_SAAS,1", "VBCE,VBCE_PLUS,0") })).toEqual({
      ok: true,
      prices: 0,
      successors: 3,
    });
    let after = await view();
    expect(after.successors).toEqual([
      { code: "APEX_ONE", successorCode: "V1_ES_CORE", sortOrder: 0 },
      { code: "APEX_ONE", successorCode: "APEX_ONE_SAAS", sortOrder: 1 },
      { code: "VBCE", successorCode: "VBCE_PLUS", sortOrder: 0 },
    ]);
    expect(after.prices).toEqual(seededView.prices);

    expect(await importPriceData(db, { prices: prices("DDI,1,,2500000,2019-07-20,"), successors: successors("DDI,DDI,0") })).toEqual({
      ok: true,
      prices: 1,
      successors: 1,
    });
    after = await view();
    expect(after.prices).toEqual([{ code: "DDI", minQuantity: 1, maxQuantity: null, unitPriceYen: 2_500_000, validFrom: "2019-07-20", validUntil: null }]);
    expect(after.successors).toEqual([{ code: "DDI", successorCode: "DDI", sortOrder: 0 }]);
  });

  it("accepts a BOM, CRLF line ends, quoted fields and blank lines (Excel's 「CSV UTF-8」)", async () => {
    const text = `\uFEFF${PRICES_HEADER}\r\n"VBCE","1","99","4900","2019-07-20",""\r\n\r\nVBCE,100,,4300,2019-07-20,\r\n\r\n`;
    const bytes = new TextEncoder().encode(text);
    expect(bytes.subarray(0, 3)).toEqual(Uint8Array.of(0xef, 0xbb, 0xbf));
    const decoded = decodeCsvBytes(bytes);
    expect(decoded.ok).toBe(true);
    const parsed = parsePriceCsv(decoded.ok ? decoded.text : "");
    expect(parsed).toEqual({
      ok: true,
      rows: [
        { line: 2, productCode: "VBCE", minQuantity: 1, maxQuantity: 99, unitPriceYen: 4900, validFrom: "2019-07-20", validUntil: null },
        { line: 4, productCode: "VBCE", minQuantity: 100, maxQuantity: null, unitPriceYen: 4300, validFrom: "2019-07-20", validUntil: null },
      ],
    });
    const crlfSuccessors = `\uFEFF${SUCCESSORS_HEADER}\r\nVBCE,VBCE,0\r\n`;
    expect(await importPriceData(db, { prices: text, successors: crlfSuccessors })).toEqual({ ok: true, prices: 2, successors: 1 });
    expect(await tiersOf("VBCE")).toMatchObject([{ unitPriceYen: 4900 }, { unitPriceYen: 4300 }]);
  });

  it("counts lines as the file has them: a quoted field over two lines moves the next line's number", () => {
    const parsed = parseSuccessorCsv(`${SUCCESSORS_HEADER}\n"VBCE\nX",VBCE,0\nVBCE,VBCE,x\n`);
    expect(parsed).toEqual({
      ok: false,
      errors: [
        { line: 2, message: expect.stringMatching(/product_code「VBCE\nX」に空白か制御文字/) },
        { line: 4, message: expect.stringMatching(/sort_order「x」は整数ではありません/) },
      ],
    });
  });
});

describe("B-4 price import: malformed values are refused with their line, nothing changed", () => {
  // Another product's complete list: the lines around a fault are read as usual.
  const good = "CSSP,1,,6900,2019-07-20,";
  it.each([
    ["a decimal", "VBCE,1.5,99,4800,2019-07-20,", /min_quantity「1\.5」は整数ではありません/],
    ["a sign", "VBCE,+1,99,4800,2019-07-20,", /min_quantity「\+1」は整数ではありません/],
    ["a thousands separator (quoted)", 'VBCE,1,99,"4,800",2019-07-20,', /unit_price_yen「4,800」は整数ではありません/],
    ["full-width digits", "VBCE,１,99,4800,2019-07-20,", /min_quantity「１」は整数ではありません/],
    ["a negative price", "VBCE,1,99,-1,2019-07-20,", /unit_price_yen「-1」は整数ではありません/],
    ["a price beyond the column", "VBCE,1,99,2147483648,2019-07-20,", /unit_price_yen「2147483648」が大きすぎます/],
    ["a price beyond a safe integer", "VBCE,1,99,9007199254740993,2019-07-20,", /が大きすぎます/],
    ["min_quantity 0", "VBCE,0,99,4800,2019-07-20,", /min_quantity は 1 以上/],
    ["an empty min_quantity", "VBCE,,99,4800,2019-07-20,", /min_quantity が空です/],
    ["an empty price", "VBCE,1,99,,2019-07-20,", /unit_price_yen が空です/],
    ["max below min", "VBCE,50,10,4800,2019-07-20,", /max_quantity（10）が min_quantity（50）より小さく/],
    ["a slash date", "VBCE,1,99,4800,2019/7/20,", /valid_from「2019\/7\/20」は YYYY-MM-DD の日付ではありません/],
    ["a date that does not exist", "VBCE,1,99,4800,2019-02-29,", /valid_from「2019-02-29」は存在しない日付です/],
    ["month 13", "VBCE,1,99,4800,2019-13-01,", /存在しない日付です/],
    ["valid_until before valid_from", "VBCE,1,99,4800,2019-07-20,2019-07-19", /valid_until（2019-07-19）が valid_from（2019-07-20）より前/],
    ["an empty product code", ",1,99,4800,2019-07-20,", /product_code が空です/],
    ["a product code with a space", "VBCE ,1,99,4800,2019-07-20,", /product_code「VBCE 」に空白/],
    ["a missing column", "VBCE,1,99,4800,2019-07-20", /列の数が 5 です（6 列にしてください/],
    ["an extra column", "VBCE,1,99,4800,2019-07-20,,", /列の数が 7 です/],
  ])("%s", async (_kind, line, message) => {
    await expectRefused({ prices: prices(line, good) }, [{ line: 2, message }]);
  });

  it("accepts 29 February of a leap year and a valid_until on the valid_from day", () => {
    expect(parsePriceCsv(prices("VBCE,1,,4800,2020-02-29,2020-02-29")).ok).toBe(true);
  });

  it("reports every fault of a file, in line order, not just the first", async () => {
    const errors = await expectRefused(
      {
        prices: prices(
          "VBCE,1,99,4800,2019-07-20,",
          "VBCE,100,,4200,2019-07-20,",
          "CSSP,1,99,7.900,2019-07-20,",
          "CSSP,100,,6900,2019-7-20,",
          "DDI,1,,2480000,2019-07-20,",
          "APEX_CENTRAL,0,,1200,2019-07-20,2019-01-01",
        ),
      },
      [
        { line: 4, message: /unit_price_yen「7\.900」/ },
        { line: 5, message: /valid_from「2019-7-20」/ },
        { line: 7, message: /min_quantity は 1 以上/ },
        { line: 7, message: /valid_until（2019-01-01）/ },
      ],
    );
    // A list with an unreadable line is not checked as a whole too (CSSP's gap would only echo line 4).
    expect(errors.some((e) => e.message.includes("価格がありません"))).toBe(false);
  });

  it("refuses an unknown product code with its line, also next to other faults", async () => {
    await expectRefused({ prices: prices("VBCE,1,,4800,2019-07-20,", "NO_SUCH,1,,100,2019-07-20,", "VBCE,1,,1,2020-13-01,") }, [
      { line: 3, message: "製品コード「NO_SUCH」は登録されていません" },
      { line: 4, message: /存在しない日付/ },
    ]);
  });

  it("refuses a header that is not exactly the expected one, an empty file and a header alone", async () => {
    const line = "VBCE,1,,4800,2019-07-20,";
    await expectRefused({ prices: `product_code,min_quantity,max_quantity,unit_price_yen,valid_from\n${line}\n` }, [
      { line: 1, message: /1 行目の見出しが違います。「product_code,min_quantity,max_quantity,unit_price_yen,valid_from,valid_until」にしてください/ },
    ]);
    await expectRefused({ prices: `Product_Code,min_quantity,max_quantity,unit_price_yen,valid_from,valid_until\n${line}\n` }, [
      { line: 1, message: /見出しが違います/ },
    ]);
    await expectRefused({ prices: `${line}\n` }, [{ line: 1, message: /見出しが違います/ }]);
    await expectRefused({ prices: "" }, [{ line: 1, message: /見出しが違います/ }]);
    await expectRefused({ prices: `${PRICES_HEADER}\n` }, [{ line: 1, message: /データ行がありません/ }]);
    await expectRefused({ successors: `product_code,successor\nVBCE,VBCE\n` }, [
      { file: "successors", line: 1, message: /「product_code,successor_code,sort_order」にしてください/ },
    ]);
  });

  it("refuses broken CSV quoting with the line it is on", async () => {
    await expectRefused({ prices: prices("VBCE,1,99,4800,2019-07-20,", '"VBCE,100,,4200,2019-07-20,') }, [{ line: 3, message: /引用符（"）が閉じていません/ }]);
    await expectRefused({ prices: prices("VBCE,1,99,4800,2019-07-20,", 'VBCE,1"00,,4200,2019-07-20,') }, [
      { line: 3, message: /囲まれていない項目の中に引用符/ },
    ]);
    await expectRefused({ prices: prices('"VBCE"x,1,,4800,2019-07-20,') }, [{ line: 2, message: /閉じ引用符の後に文字/ }]);
  });

  it("refuses a file that is not UTF-8 (Shift_JIS from Excel) on the line of the first bad byte", () => {
    const bytes = Buffer.concat([
      Buffer.from(`${PRICES_HEADER}\nVBCE,1,,4800,2019-07-20,\n`),
      Buffer.from([0x83, 0x65, 0x83, 0x58, 0x83, 0x67]),
      Buffer.from(",1,,1,2019-07-20,\n"),
    ]);
    expect(decodeCsvBytes(bytes)).toEqual({ ok: false, error: { line: 3, message: expect.stringMatching(/UTF-8 として読めない文字があります/) } });
  });

  it("needs at least one file", async () => {
    await expect(importPriceData(db, {})).rejects.toThrow(/prices file, a successors file or both/);
  });
});

describe("B-4 price import: the tiers of a list must price every quantity exactly once", () => {
  it("accepts the tiers of a list in any order, and two lists of a product checked apart", () => {
    const parsed = parsePriceCsv(prices("VBCE,100,,4200,2019-07-20,", "VBCE,1,99,4800,2019-07-20,", "VBCE,1,49,5000,2030-04-01,", "VBCE,50,,4400,2030-04-01,"));
    expect(parsed.ok).toBe(true);
  });

  it("refuses a gap between two tiers", async () => {
    await expectRefused({ prices: prices("VBCE,1,99,4800,2019-07-20,", "VBCE,101,,4200,2019-07-20,") }, [
      { line: 3, message: "VBCE の 2019-07-20 からの価格表: 数量 100〜100 の価格がありません（2 行目の段階は 99 まで、この段階は 101 から）" },
    ]);
  });

  it("refuses an overlap, also of a tier inside another", async () => {
    await expectRefused({ prices: prices("VBCE,1,99,4800,2019-07-20,", "VBCE,90,,4200,2019-07-20,") }, [
      { line: 3, message: /数量 90〜99 が 2 行目の段階（1〜99）と重なっています/ },
    ]);
    // 1–99, 50–60, 100–: one overlap (line 3), and no gap reported after the inner tier.
    await expectRefused({ prices: prices("VBCE,1,99,4800,2019-07-20,", "VBCE,50,60,4500,2019-07-20,", "VBCE,100,,4200,2019-07-20,") }, [
      { line: 3, message: /数量 50〜60 が 2 行目の段階（1〜99）と重なっています/ },
    ]);
  });

  it("refuses a list whose last tier has an upper limit (every quantity must have a price)", async () => {
    await expectRefused({ prices: prices("VBCE,1,99,4800,2019-07-20,", "VBCE,100,499,4200,2019-07-20,") }, [
      { line: 3, message: /最後の段階に上限があります（max_quantity 499）/ },
    ]);
  });

  it("refuses an open-ended tier that is not the last, and a list that does not start at 1", async () => {
    await expectRefused({ prices: prices("VBCE,1,,4800,2019-07-20,", "VBCE,100,,4200,2019-07-20,") }, [
      { line: 2, message: /上限なし（max_quantity が空）にできるのは最後の段階だけです（3 行目の段階 100〜 と重なります）/ },
    ]);
    await expectRefused({ prices: prices("VBCE,2,,4800,2019-07-20,") }, [
      { line: 2, message: /最初の段階が 1 から始まっていません（min_quantity 2）。数量 1〜1 の価格がありません/ },
    ]);
  });

  it("refuses a duplicate (product, valid_from, min_quantity) on the later line", async () => {
    await expectRefused({ prices: prices("VBCE,1,99,4800,2019-07-20,", "VBCE,100,,4200,2019-07-20,", "VBCE,1,99,4700,2019-07-20,") }, [
      { line: 4, message: /min_quantity 1 の段階が 2 行目と重複しています/ },
    ]);
  });

  it("refuses tiers of one list with different valid_until dates", async () => {
    await expectRefused({ prices: prices("VBCE,1,99,4800,2019-07-20,2030-03-31", "VBCE,100,,4200,2019-07-20,") }, [
      { line: 3, message: /valid_until（空）が 2 行目（2030-03-31）と違います/ },
    ]);
  });

  it("reports the faulty list of a product only, with the line of each fault", async () => {
    await expectRefused(
      {
        prices: prices(
          "VBCE,1,99,4800,2019-07-20,",
          "VBCE,100,,4200,2019-07-20,",
          "VBCE,1,99,5000,2030-04-01,",
          "VBCE,101,199,4400,2030-04-01,",
          "CSSP,1,99,7900,2019-07-20,",
        ),
      },
      [
        { line: 5, message: /VBCE の 2030-04-01 からの価格表: 数量 100〜100 の価格がありません/ },
        { line: 5, message: /VBCE の 2030-04-01 からの価格表: 最後の段階に上限があります（max_quantity 199）/ },
        { line: 6, message: /CSSP の 2019-07-20 からの価格表: 最後の段階に上限があります/ },
      ],
    );
  });
});

describe("B-4 price import: the successors file", () => {
  it("refuses a bad sort_order, a duplicate pair and an unknown code, each with its line", async () => {
    await expectRefused(
      {
        successors: successors(
          "APEX_ONE,APEX_ONE_SAAS,0",
          "APEX_ONE,V1_ES_CORE,-1",
          "APEX_ONE,APEX_ONE_SAAS,2",
          "VBCE,NO_SUCH,0",
          "NO_SUCH,NO_SUCH,0",
          "VBCE,VBCE,1.0",
          "VBCE,VBCE",
        ),
      },
      [
        { file: "successors", line: 3, message: /sort_order「-1」は整数ではありません/ },
        { file: "successors", line: 4, message: "APEX_ONE → APEX_ONE_SAAS が 2 行目と重複しています" },
        { file: "successors", line: 5, message: "製品コード「NO_SUCH」は登録されていません" },
        { file: "successors", line: 6, message: "製品コード「NO_SUCH」は登録されていません" },
        { file: "successors", line: 7, message: /sort_order「1\.0」は整数ではありません/ },
        { file: "successors", line: 8, message: /列の数が 2 です（3 列に/ },
      ],
    );
  });

  it("applies nothing of a good prices file when the successors file of the same import is refused", async () => {
    await expectRefused({ prices: sample(PRICE_SAMPLE_FILE).replace("DDI,1,,2480000", "DDI,1,,1"), successors: successors("DDI,DDI,0", "DDI,DDI,1") }, [
      { file: "successors", line: 3, message: /DDI → DDI が 2 行目と重複/ },
    ]);
  });

  it("reports the faults of both files, prices first", async () => {
    await expectRefused({ prices: prices("VBCE,1,99,4800,2019-07-20,"), successors: successors("VBCE,VBCE,x") }, [
      { file: "prices", line: 2, message: /最後の段階に上限があります/ },
      { file: "successors", line: 2, message: /sort_order「x」/ },
    ]);
  });
});

describe("B-4 price import: the templates (db/seed/prices-sample.csv, successors-sample.csv)", () => {
  it("hold exactly the demo's prices and successors: importing them into the seeded demo leaves the seed's rows", async () => {
    // First something else, so that the templates have to put every row back.
    expect(await importPriceData(db, { prices: prices("DDI,1,,1,2019-07-20,"), successors: successors("DDI,DDI,0") })).toMatchObject({ ok: true });
    const result = await importPriceData(db, { prices: sample(PRICE_SAMPLE_FILE), successors: sample(SUCCESSOR_SAMPLE_FILE) });
    expect(result).toEqual({ ok: true, prices: seeded.prices.length, successors: seeded.successors.length });
    expect(await view()).toEqual(seededView);

    // And the seed is what lib/demo/seed.ts defines (not only what it happened to leave in the database).
    const defined = DEMO_DEFINITIONS.products
      .flatMap((p) =>
        (p.prices ?? []).map(([minQuantity, maxQuantity, unitPriceYen]) => ({
          code: p.code,
          minQuantity,
          maxQuantity,
          unitPriceYen,
          validFrom: "2019-07-20",
          validUntil: null,
        })),
      )
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.minQuantity - b.minQuantity));
    expect(seededView.prices).toEqual(defined);
    expect(seededView.successors).toContainEqual({ code: "APEX_ONE", successorCode: "V1_ES_CORE", sortOrder: 1 });
  });
});

describe("B-4 npm run prices:import", () => {
  // A PGlite folder of the child's own, or this test file's PostgreSQL database (seeded: db:seed does nothing).
  const run = (script: string, args: string[]) => runScript(script, args, path.join(dir, "cli-pglite"));

  it("prints the counts on success; prints every fault as FILE:LINE: message and exits 1; usage exits 2", { timeout: 120_000 }, async () => {
    const seed = await run("scripts/db.ts", ["seed"]);
    expect(seed.code, seed.stderr).toBe(0);

    const ok = await run("scripts/prices-import.ts", ["--prices", PRICE_SAMPLE_FILE, "--successors", SUCCESSOR_SAMPLE_FILE]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`価格（product_prices）\\s+${seeded.prices.length} 件`));
    expect(ok.stdout).toMatch(new RegExp(`後継製品（product_successors）\\s+${seeded.successors.length} 件`));

    const bad = path.join(dir, "prices.csv");
    fs.writeFileSync(bad, prices("VBCE,1,99,4800,2019-07-20,", "VBCE,101,,4200,2019-07-20,", "NO_SUCH,1,,1,2019-07-20,"));
    const refused = await run("scripts/prices-import.ts", ["--prices", bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${bad}:3: VBCE の 2019-07-20 からの価格表: 数量 100〜100 の価格がありません`);
    expect(refused.stderr).toContain(`${bad}:4: 製品コード「NO_SUCH」は登録されていません`);
    expect(refused.stderr).toContain("Nothing was changed");

    const usage = await run("scripts/prices-import.ts", ["--prices"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("usage: npm run prices:import -- --prices FILE [--successors FILE]");
  });
});
