import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, type Database } from "@/db/client";
import { rowsOf } from "@/db/sql";
import * as s from "@/db/schema";
import { seedDemo } from "@/lib/demo/seed";
import { readCsvRecords, type CsvRecord } from "@/lib/registry/csv-stream";
import {
  importRegistryFiles,
  isValidCorporateNumber,
  loadRegistrySample,
  RegistryImportError,
  REGISTRY_SAMPLE_FILE,
  type RegistryImportProgress,
} from "@/lib/registry/import";
import { runScript } from "../support/cli";
import { registrySearchKey } from "@/lib/registry/normalise";
import { createZip } from "@/lib/zip/create-zip";
import { corporateNumberFor, registryCsvLine, writeRegistryFile, type RegistryRowInput } from "@/bench/registry-data";

// B-6 (issue 10 item 6): the import of the national corporate-number files, on the engine of the run (PGlite, or
// PostgreSQL with DATABASE_URL). Each test writes its own small files into a temp folder.

let db: Database;
let dir: string;
let fileCount = 0;

beforeAll(async () => {
  db = await getDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "registry-import-test-"));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

// The import's counts (inserted, updated, unchanged) and its "nothing changed" checks are about the whole table, as
// an operator's run is: each test starts from an empty registry, in a database of this file's own (vitest.config.ts).
beforeEach(async () => {
  await db.execute(sql`TRUNCATE corporate_registry`);
});

const A = corporateNumberFor(100_000_000_001);
const B = corporateNumberFor(100_000_000_002);
const C = corporateNumberFor(100_000_000_003);
const D = corporateNumberFor(100_000_000_004);
const E = corporateNumberFor(100_000_000_005);

let sequence = 0;
function row(corporateNumber: string, name: string, overrides: Partial<RegistryRowInput> = {}): string {
  return registryCsvLine({
    sequence: ++sequence,
    corporateNumber,
    name,
    furigana: "カブシキガイシャテスト",
    prefecture: "東京都",
    prefectureCode: "13",
    city: "千代田区",
    cityCode: "101",
    street: "丸の内１丁目１番１号",
    postalCode: "1000005",
    ...overrides,
  });
}

function writeFile(lines: (string | Buffer)[], options: { eol?: string; name?: string; bom?: boolean } = {}): string {
  const eol = options.eol ?? "\n";
  const file = path.join(dir, options.name ?? `file-${++fileCount}.csv`);
  const parts: Buffer[] = options.bom ? [Buffer.from([0xef, 0xbb, 0xbf])] : [];
  for (const line of lines) parts.push(Buffer.isBuffer(line) ? line : Buffer.from(line, "utf8"), Buffer.from(eol));
  fs.writeFileSync(file, Buffer.concat(parts));
  return file;
}

/** A zip of one or more entries, as the publisher's (local headers, central directory, end record). */
async function writeZip(entries: { name: string; data: Buffer; method: 0 | 8 }[]): Promise<string> {
  const file = path.join(dir, `archive-${++fileCount}.zip`);
  fs.writeFileSync(file, await createZip(entries.map(({ name, data, method }) => ({ name, data, compress: method === 8 }))));
  return file;
}

/** Changes a written zip in place (a damaged or hostile archive). */
function patchZip(file: string, patch: (bytes: Buffer) => void) {
  const bytes = fs.readFileSync(file);
  patch(bytes);
  fs.writeFileSync(file, bytes);
}

async function snapshot() {
  return db.select().from(s.corporateRegistry).orderBy(asc(s.corporateRegistry.corporateNumber));
}

async function snapshotWithoutTimes() {
  return (await snapshot()).map(({ updatedAt: _updatedAt, ...rest }) => rest);
}

async function rowOf(corporateNumber: string) {
  return (await snapshot()).find((r) => r.corporateNumber === corporateNumber);
}

async function refusal(promise: Promise<unknown>): Promise<RegistryImportError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RegistryImportError);
  return error as RegistryImportError;
}

describe("B-6 first import", () => {
  it("inserts the latest rows and fills the search keys from the name and the フリガナ", async () => {
    const file = writeFile([
      row(A, "テストユーザ株式会社", { furigana: "テストユーザ" }),
      row(B, "ＡＢＣシステムズ株式会社", {
        furigana: "エービーシー・システムズ",
        postalCode: "141-0032",
        prefecture: "東京都",
        city: "品川区",
        street: "大崎１丁目１１番２号",
        kind: "301",
      }),
      row(C, "合同会社ふりがな無し", {
        furigana: "",
        kind: "305",
        prefecture: "大阪府",
        prefectureCode: "27",
        city: "大阪市北区",
        cityCode: "127",
        street: "梅田２丁目２番２号",
        postalCode: "5300001",
      }),
    ]);
    const summary = await importRegistryFiles(db, [file]);
    expect(summary).toMatchObject({ files: 1, rowsRead: 3, inserted: 3, updated: 0, unchanged: 0, deleted: 0, skipped: 0, closed: 0 });
    expect(summary.peakRssBytes).toBeGreaterThan(0);

    const rows = await snapshotWithoutTimes();
    const byNumber = (x: { corporateNumber: string }, y: { corporateNumber: string }) => x.corporateNumber.localeCompare(y.corporateNumber);
    expect(rows).toEqual(
      [
        {
          corporateNumber: A,
          name: "テストユーザ株式会社",
          nameKana: "テストユーザ",
          searchName: "てすとゆーざ株式会社",
          searchKana: "てすとゆーざ",
          kind: "301",
          prefecture: "東京都",
          city: "千代田区",
          street: "丸の内１丁目１番１号",
          postalCode: "1000005",
          closedAt: null,
          closedReason: null,
        },
        {
          corporateNumber: B,
          name: "ＡＢＣシステムズ株式会社",
          nameKana: "エービーシー・システムズ",
          searchName: "abcしすてむず株式会社",
          searchKana: "えーびーしーしすてむず",
          kind: "301",
          prefecture: "東京都",
          city: "品川区",
          street: "大崎１丁目１１番２号",
          postalCode: "1410032",
          closedAt: null,
          closedReason: null,
        },
        {
          corporateNumber: C,
          name: "合同会社ふりがな無し",
          nameKana: null,
          searchName: registrySearchKey("合同会社ふりがな無し"),
          searchKana: null,
          kind: "305",
          prefecture: "大阪府",
          city: "大阪市北区",
          street: "梅田２丁目２番２号",
          postalCode: "5300001",
          closedAt: null,
          closedReason: null,
        },
      ].sort(byNumber),
    );
  });

  it("changes nothing when the same file is imported again — not even updated_at", async () => {
    const file = writeFile([
      row(A, "第一商事株式会社"),
      row(B, "閉鎖済工業株式会社", { process: "21", closeDate: "2021-06-30", closeCause: "01" }),
      row(C, "旧名株式会社", { latest: "0" }),
      row(C, "新名株式会社", { process: "11" }),
      row(D, "除外株式会社", { hidden: "1" }),
      row(E, "削除株式会社", { process: "99" }),
    ]);
    const first = await importRegistryFiles(db, [file]);
    expect(first).toMatchObject({ rowsRead: 6, inserted: 3, updated: 0, closed: 1, deleted: 0, skipped: 2 });
    const before = await snapshot();
    expect(before.map((r) => r.corporateNumber)).toEqual([A, B, C].sort());

    const second = await importRegistryFiles(db, [file]);
    expect(second).toMatchObject({ rowsRead: 6, inserted: 0, updated: 0, unchanged: 3, closed: 0, deleted: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it("stages a larger generated file in several batches and reports progress up to the file's size", async () => {
    const file = path.join(dir, "generated.csv");
    // About 650 KB: several reads (64 KB each), so that progress is reported inside the file too.
    const generated = await writeRegistryFile(file, { rows: 3_000, seed: 7, historyShare: 0.05, hiddenShare: 0 });
    const events: RegistryImportProgress[] = [];
    const summary = await importRegistryFiles(db, [file], { batchRows: 400, onProgress: (p) => events.push(p) });

    expect(generated.rows).toBe(3_000);
    expect(summary.rowsRead).toBe(3_000);
    expect(summary.inserted).toBe(generated.corporations);
    expect(summary.skipped).toBe(3_000 - generated.corporations);
    expect(summary.skipped).toBeGreaterThan(0);
    const count = rowsOf<{ n: unknown }>(await db.execute(sql`SELECT count(*) AS n FROM corporate_registry`));
    expect(Number(count[0]?.n)).toBe(generated.corporations);

    const reads = events.filter((e) => e.phase === "read");
    const size = fs.statSync(file).size;
    expect(reads.at(-1)).toMatchObject({ bytesRead: size, bytesTotal: size, rowsRead: 3_000, fileIndex: 0, fileCount: 1 });
    expect(reads.some((e) => e.bytesRead > 0 && e.bytesRead < size)).toBe(true);
    expect(events.filter((e) => e.phase === "apply").map((e) => e.step)).toContain("committing");
    expect(events.at(-1)).toEqual({ phase: "done", summary });
    // Every 法人番号 the generator writes is valid, and the names have the vocabulary's partial words.
    const sample = await snapshot();
    expect(sample.every((r) => isValidCorporateNumber(r.corporateNumber))).toBe(true);
    expect(sample.some((r) => r.name.includes("工業"))).toBe(true);
    expect(new Set(sample.map((r) => r.prefecture)).size).toBeGreaterThan(20);
  });
});

describe("B-6 difference files", () => {
  it("updates a name, closes a row, deletes a 99 row and inserts a new corporation", async () => {
    await importRegistryFiles(db, [
      writeFile([
        row(A, "旧商号株式会社", { furigana: "キュウショウゴウ" }),
        row(B, "閉鎖予定株式会社"),
        row(C, "削除予定株式会社"),
        row(D, "変化なし株式会社"),
      ]),
    ]);
    const untouched = await rowOf(D);

    const diff = writeFile([
      row(A, "新商号株式会社", { process: "11", furigana: "シンショウゴウ", updateDate: "2024-05-01", changeDate: "2024-04-30" }),
      row(B, "閉鎖予定株式会社", { process: "21", closeDate: "2024-04-26", closeCause: "01", updateDate: "2024-05-01" }),
      row(C, "削除予定株式会社", { process: "99" }),
      row(E, "新規設立株式会社", {
        process: "01",
        prefecture: "愛知県",
        prefectureCode: "23",
        city: "名古屋市中区",
        cityCode: "106",
        street: "栄３丁目３番３号",
        postalCode: "4600008",
      }),
    ]);
    const summary = await importRegistryFiles(db, [diff]);
    expect(summary).toMatchObject({ rowsRead: 4, inserted: 1, updated: 2, unchanged: 0, closed: 1, deleted: 1, skipped: 0 });

    expect(await rowOf(A)).toMatchObject({
      name: "新商号株式会社",
      nameKana: "シンショウゴウ",
      searchName: "新商号株式会社",
      searchKana: "しんしょうごう",
      closedAt: null,
    });
    expect(await rowOf(B)).toMatchObject({ name: "閉鎖予定株式会社", closedAt: "2024-04-26", closedReason: "01" });
    expect(await rowOf(C)).toBeUndefined();
    expect(await rowOf(E)).toMatchObject({ name: "新規設立株式会社", prefecture: "愛知県", postalCode: "4600008" });
    expect(await rowOf(D)).toEqual(untouched);
  });

  it("reopens a closed record with a 22 row (closed_at and closed_reason cleared)", async () => {
    await importRegistryFiles(db, [writeFile([row(A, "再開株式会社", { process: "21", closeDate: "2023-01-31", closeCause: "21" })])]);
    expect(await rowOf(A)).toMatchObject({ closedAt: "2023-01-31", closedReason: "21" });
    const summary = await importRegistryFiles(db, [writeFile([row(A, "再開株式会社", { process: "22", closeDate: "2023-01-31", closeCause: "21" })])]);
    expect(summary).toMatchObject({ updated: 1, closed: 0 });
    expect(await rowOf(A)).toMatchObject({ closedAt: null, closedReason: null });
  });

  it("applies several files in the order given", async () => {
    await importRegistryFiles(db, [writeFile([row(A, "最初株式会社"), row(B, "消えて戻る株式会社")])]);
    const monday = writeFile([row(A, "月曜株式会社", { process: "11" }), row(B, "消えて戻る株式会社", { process: "99" })]);
    const tuesday = writeFile([row(A, "火曜株式会社", { process: "11" }), row(B, "消えて戻る株式会社", { process: "01" })]);

    const summary = await importRegistryFiles(db, [monday, tuesday]);
    expect(summary).toMatchObject({ files: 2, rowsRead: 4, updated: 1, deleted: 0, superseded: 2 });
    expect(await rowOf(A)).toMatchObject({ name: "火曜株式会社" });
    expect(await rowOf(B)).toMatchObject({ name: "消えて戻る株式会社" });

    await importRegistryFiles(db, [tuesday, monday]);
    expect(await rowOf(A)).toMatchObject({ name: "月曜株式会社" });
    expect(await rowOf(B)).toBeUndefined();
  });

  it("skips 検索対象除外 rows, and deletes such a 法人番号 that is already in the table", async () => {
    const first = await importRegistryFiles(db, [writeFile([row(A, "公開株式会社"), row(B, "非公開株式会社", { hidden: "1" })])]);
    expect(first).toMatchObject({ inserted: 1, skipped: 1, deleted: 0 });
    expect((await snapshot()).map((r) => r.corporateNumber)).toEqual([A]);

    const second = await importRegistryFiles(db, [writeFile([row(A, "公開株式会社", { hidden: "1" })])]);
    expect(second).toMatchObject({ inserted: 0, updated: 0, skipped: 0, deleted: 1 });
    expect(await snapshot()).toEqual([]);
  });

  it("skips older history rows (最新履歴=0), wherever they stand in the file", async () => {
    const summary = await importRegistryFiles(db, [
      writeFile([row(A, "現商号株式会社", { process: "11" }), row(A, "旧商号株式会社", { latest: "0" }), row(B, "履歴だけ株式会社", { latest: "0" })]),
    ]);
    expect(summary).toMatchObject({ rowsRead: 3, inserted: 1, skipped: 2 });
    expect(await snapshotWithoutTimes()).toEqual([expect.objectContaining({ corporateNumber: A, name: "現商号株式会社" })]);
  });

  it("re-creates the secondary indexes after a bulk load with their exact definitions", async () => {
    const definitions = async () =>
      rowsOf<{ indexname: string; indexdef: string }>(
        await db.execute(sql`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'corporate_registry' ORDER BY indexname`),
      );
    const before = await definitions();
    expect(before.length).toBe(7);
    const lines = Array.from({ length: 40 }, (_, i) =>
      row(corporateNumberFor(200_000_000_000 + i), `一括${i}テクノ株式会社`, { furigana: `イッカツ${i}テクノ` }),
    );
    const bulk = await importRegistryFiles(db, [writeFile(lines)], { rebuildIndexesFrom: 10 });
    expect(bulk).toMatchObject({ inserted: 40, rebuiltIndexes: 6 });
    expect(await definitions()).toEqual(before);
    // A difference file of a few rows keeps the indexes as they are.
    const daily = await importRegistryFiles(
      db,
      [writeFile([row(corporateNumberFor(200_000_000_000), "一括0テクノ株式会社", { furigana: "イッカツゼロテクノ" })])],
      { rebuildIndexesFrom: 10 },
    );
    expect(daily).toMatchObject({ updated: 1, rebuiltIndexes: 0 });
    const found = rowsOf<{ n: unknown }>(await db.execute(sql`SELECT count(*) AS n FROM corporate_registry WHERE search_name LIKE ${"一括1%"}`));
    expect(Number(found[0]?.n)).toBe(11);
  });
});

describe("B-6 malformed files are refused with their line, and nothing changes", () => {
  const good = (n: number) => row(corporateNumberFor(300_000_000_000 + n), `正常${n}株式会社`);
  const cases: [string, (string | Buffer)[], number, RegExp][] = [
    ["too few columns", [good(1), good(2), good(3).split(",").slice(0, 29).join(",")], 3, /29 columns; the format has 30/],
    ["too many columns", [good(1), `${good(2)},"余分"`], 2, /31 columns/],
    ["a 12-digit 法人番号", [good(1), row("123456789012", "桁不足株式会社")], 2, /法人番号 "123456789012" is not 13 digits/],
    ["a 法人番号 with a wrong check digit", [good(1), row(`${(Number(A[0]) + 1) % 10}${A.slice(1)}`, "検査数字株式会社")], 2, /wrong check digit/],
    ["a date that does not exist", [good(1), good(2), row(B, "日付株式会社", { updateDate: "2024-02-30" })], 3, /更新年月日 "2024-02-30" is not a date/],
    [
      "a date in another format",
      [good(1), row(B, "日付株式会社", { closeDate: "2024/03/31", process: "21" })],
      2,
      /登記記録の閉鎖等年月日 "2024\/03\/31" is not a date/,
    ],
    ["an unknown 処理区分", [row(B, "区分株式会社", { process: "05" })], 1, /処理区分 "05" is not one of/],
    [
      "an unterminated quote at the end of the file",
      [good(1), good(2), good(3), good(4).replace(/"カブシキガイシャテスト",0$/, '"カブシキガイシャテスト,0')],
      4,
      /unterminated quoted field \(the quote opens on line 4\)/,
    ],
    [
      "an unterminated quote in the middle of the file",
      [good(1), good(2).replace(/"カブシキガイシャテスト",0$/, '"カブシキガイシャテスト,0'), good(3), good(4)],
      2,
      /the quote opens on line 2 and runs on into line 3/,
    ],
    ["a stray quote after a quoted field", [good(1), good(2).replace(/"正常2株式会社"/, '"正常2"株式会社"')], 2, /text after a closing quote/],
    [
      "invalid UTF-8",
      [good(1), good(2), Buffer.concat([Buffer.from(good(3).slice(0, 40)), Buffer.from([0xff, 0xfe]), Buffer.from(good(3).slice(40))])],
      3,
      /invalid UTF-8/,
    ],
    ["a quote inside an unquoted field", [good(1), good(2).replace(/,2015-10-05,/, ',2015-10"-05,')], 2, /double quote inside an unquoted field/],
    ["an empty 商号又は名称", [good(1), row(B, "")], 2, /商号又は名称 is empty/],
    ["a 郵便番号 that is not 7 digits", [good(1), row(B, "郵便株式会社", { postalCode: "100-00" })], 2, /郵便番号 "100-00" is not 7 digits/],
    // Line 2's quoted name holds a line break: the bad record starts on physical line 4.
    ["a bad row after a quoted line break", [good(1), row(C, "改行\n入り株式会社"), row("0000000000000", "零株式会社")], 4, /wrong check digit/],
  ];

  it.each(cases)("refuses %s", async (_kind, lines, line, message) => {
    await importRegistryFiles(db, [
      writeFile([row(A, "既存株式会社"), row(B, "既存二株式会社", { process: "21", closeDate: "2022-12-31", closeCause: "01" })]),
    ]);
    const before = await snapshot();
    const file = writeFile(lines);
    const error = await refusal(importRegistryFiles(db, [file]));
    expect(error.line).toBe(line);
    expect(error.file).toBe(file);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`line ${line}:`);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a whole run when its second file is malformed: the first one is not applied either", async () => {
    const first = writeFile([row(A, "一つ目株式会社"), row(B, "一つ目二株式会社")]);
    const second = writeFile([row(C, "二つ目株式会社"), row(D, "二つ目二株式会社", { changeDate: "20240101" })]);
    const error = await refusal(importRegistryFiles(db, [first, second]));
    expect(error).toMatchObject({ file: second, line: 2 });
    expect(await snapshot()).toEqual([]);
    // And the engine is fine afterwards: the same first file alone imports.
    expect(await importRegistryFiles(db, [first])).toMatchObject({ inserted: 2 });
  });

  it("refuses a file that does not exist", async () => {
    const missing = path.join(dir, "missing.csv");
    const error = await refusal(importRegistryFiles(db, [missing]));
    expect(error.line).toBeUndefined();
    expect(error.message).toContain(missing);
  });
});

describe("B-6 reading the format", () => {
  it("reads quoted commas, doubled quotes and line breaks, CRLF line ends and a BOM", async () => {
    const file = writeFile(
      [
        row(A, '株式会社"二重"引用,カンマ', { furigana: "ニジュウインヨウカンマ", street: "本町１丁目\n２番３号" }),
        row(B, "タブ\t入り株式会社", { street: "バック\\スラッシュ" }),
      ],
      { eol: "\r\n", bom: true },
    );
    expect(await importRegistryFiles(db, [file])).toMatchObject({ rowsRead: 2, inserted: 2 });
    expect(await rowOf(A)).toMatchObject({ name: '株式会社"二重"引用,カンマ', street: "本町１丁目\n２番３号", searchName: "株式会社二重引用かんま" });
    expect(await rowOf(B)).toMatchObject({ name: "タブ\t入り株式会社", street: "バック\\スラッシュ" });
  });

  it("yields the same records and line numbers however the bytes are split into chunks", async () => {
    const text = Buffer.from(['1,"テスト","改行\r\nあり","二重""引用"', "2,ＡＢＣ,,末尾", '3,"🏢","ｶﾅ",x', ""].join("\r\n"));
    const read = async (chunks: Uint8Array[]) => {
      const out: CsvRecord[] = [];
      for await (const records of readCsvRecords(
        (async function* () {
          yield* chunks;
        })(),
      ))
        out.push(...records);
      return out;
    };
    const whole = await read([text]);
    expect(whole).toEqual([
      { fields: ["1", "テスト", "改行\r\nあり", '二重"引用'], line: 1 },
      { fields: ["2", "ＡＢＣ", "", "末尾"], line: 3 },
      { fields: ["3", "🏢", "ｶﾅ", "x"], line: 4 },
    ]);
    for (let at = 1; at < text.length; at++) expect(await read([text.subarray(0, at), text.subarray(at)]), `split at ${at}`).toEqual(whole);
    expect(await read([...text].map((byte) => Uint8Array.of(byte)))).toEqual(whole);

    const broken = Buffer.concat([text.subarray(0, text.indexOf("ＡＢＣ")), Buffer.from([0xe3, 0x81]), text.subarray(text.indexOf("ＡＢＣ"))]);
    for (let at = 1; at < broken.length; at += 3) {
      await expect(read([broken.subarray(0, at), broken.subarray(at)]), `split at ${at}`).rejects.toMatchObject({
        line: 3,
        message: expect.stringMatching(/invalid UTF-8/),
      });
    }
  });

  it("checks the 法人番号 check digit by the published rule", () => {
    // 国税庁 itself, and the sample's テストユーザ株式会社.
    expect(isValidCorporateNumber("7000012050002")).toBe(true);
    expect(isValidCorporateNumber("9010001060001")).toBe(true);
    for (const wrong of ["6000012050002", "8000012050002", "700001205000", "70000120500021", "700001205000A"])
      expect(isValidCorporateNumber(wrong), wrong).toBe(false);
  });

  it("generates the same test file for the same seed (bench/registry-data.ts), and another for another seed", async () => {
    const [one, again, other] = ["one.csv", "again.csv", "other.csv"].map((name) => path.join(dir, name)) as [string, string, string];
    await writeRegistryFile(one, { rows: 1_000, seed: 42 });
    await writeRegistryFile(again, { rows: 1_000, seed: 42 });
    await writeRegistryFile(other, { rows: 1_000, seed: 43 });
    expect(fs.readFileSync(again).equals(fs.readFileSync(one))).toBe(true);
    expect(fs.readFileSync(other).equals(fs.readFileSync(one))).toBe(false);
    expect(fs.readFileSync(one, "utf8").trimEnd().split("\n")).toHaveLength(1_000);
  });

  it("imports a zip of the file exactly as the csv, deflated or stored", async () => {
    const lines = [
      row(A, "圧縮株式会社", { furigana: "アッシュク" }),
      row(B, "閉鎖圧縮株式会社", { process: "21", closeDate: "2020-03-31", closeCause: "01" }),
      row(C, "除外圧縮株式会社", { hidden: "1" }),
    ];
    const csv = writeFile(lines);
    const data = fs.readFileSync(csv);
    const fromCsv = await importRegistryFiles(db, [csv]);
    const expected = await snapshotWithoutTimes();
    expect(expected).toHaveLength(2);

    for (const method of [8, 0] as const) {
      await db.execute(sql`TRUNCATE corporate_registry`);
      const zip = await writeZip([
        { name: "readme.txt", data: Buffer.from("notice"), method: 0 },
        { name: "00_zenkoku_all_20240430.csv", data, method },
      ]);
      const fromZip = await importRegistryFiles(db, [zip]);
      expect({ ...fromZip, seconds: 0, readSeconds: 0, applySeconds: 0, rowsPerSecond: 0, peakRssBytes: 0 }).toEqual({
        ...fromCsv,
        seconds: 0,
        readSeconds: 0,
        applySeconds: 0,
        rowsPerSecond: 0,
        peakRssBytes: 0,
      });
      expect(await snapshotWithoutTimes()).toEqual(expected);
    }
  });

  it("refuses a damaged zip, and a zip without exactly one .csv, changing nothing", async () => {
    await importRegistryFiles(db, [writeFile([row(A, "既存株式会社")])]);
    const before = await snapshot();
    const data = Buffer.from(`${row(B, "壊れた株式会社")}\n`);
    // Damaged in transit: one byte of the stored entry differs from what its CRC-32 was taken over.
    const damaged = await writeZip([{ name: "data.csv", data, method: 0 }]);
    patchZip(damaged, (bytes) => bytes.writeUInt8(0x34, bytes.indexOf(data) + data.indexOf("1000005") + 6));
    expect((await refusal(importRegistryFiles(db, [damaged]))).message).toMatch(/size or CRC-32 does not match/);
    const two = await writeZip([
      { name: "a.csv", data, method: 8 },
      { name: "b.csv", data, method: 8 },
    ]);
    expect((await refusal(importRegistryFiles(db, [two]))).message).toMatch(/holds 2 \.csv files/);
    const bad = await writeZip([
      { name: "bad.csv", data: Buffer.from(`${row(C, "正常株式会社")}\n${row(D, "日付株式会社", { updateDate: "2024-13-01" })}\n`), method: 8 },
    ]);
    expect(await refusal(importRegistryFiles(db, [bad]))).toMatchObject({ line: 2 });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses an entry of another compression method, and one that inflates past its declared size, changing nothing", async () => {
    await importRegistryFiles(db, [writeFile([row(A, "既存株式会社")])]);
    const before = await snapshot();
    const data = Buffer.from(`${row(B, "方式株式会社")}\n${row(C, "爆弾株式会社")}\n`);
    // The central directory's fields (APPNOTE 4.3.12): the method at +10, the uncompressed size at +24.
    const central = (bytes: Buffer) => bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const bzip2 = await writeZip([{ name: "data.csv", data, method: 8 }]);
    patchZip(bzip2, (bytes) => bytes.writeUInt16LE(12, central(bytes) + 10));
    expect((await refusal(importRegistryFiles(db, [bzip2]))).message).toMatch(/compression method 12; only stored \(0\) and deflate \(8\)/);
    const bomb = await writeZip([{ name: "data.csv", data, method: 8 }]);
    patchZip(bomb, (bytes) => bytes.writeUInt32LE(data.length - 10, central(bytes) + 24));
    expect((await refusal(importRegistryFiles(db, [bomb]))).message).toMatch(/size or CRC-32 does not match/);
    expect(await snapshot()).toEqual(before);
  });
});

describe("B-6 the demo sample (db/seed/registry-sample.csv)", () => {
  it("loads the rows the contact-change flow searches for, and a second load changes nothing", async () => {
    const summary = await loadRegistrySample(db);
    expect(summary.rowsRead).toBeGreaterThanOrEqual(30);
    expect(summary.rowsRead).toBeLessThanOrEqual(60);
    const rows = await snapshot();
    const byName = (name: string) => rows.find((r) => r.name === name);
    expect(byName("テストユーザ株式会社")).toMatchObject({
      prefecture: "東京都",
      postalCode: "1000005",
      city: "千代田区",
      street: expect.stringMatching(/^丸の内/),
      nameKana: "テストユーザ",
      searchKana: "てすとゆーざ",
      closedAt: null,
    });
    expect(byName("テストユーザホールディングス株式会社")).toMatchObject({
      prefecture: "東京都",
      postalCode: "1000005",
      nameKana: "テストユーザホールディングス",
      closedAt: null,
    });
    expect(byName("株式会社テストユーザ商事")).toMatchObject({ prefecture: "大阪府", postalCode: "5300001", nameKana: "テストユーザショウジ", closedAt: null });
    expect(byName("テストユーザ販売株式会社")).toMatchObject({ prefecture: "東京都", closedAt: "2020-03-31", closedReason: "01" });
    expect(byName("トレンドテスト株式会社")).toMatchObject({ prefecture: "愛知県", postalCode: "4600008" });
    expect(byName("除外テスト株式会社")).toBeUndefined();
    expect(fs.readFileSync(REGISTRY_SAMPLE_FILE, "utf8")).toContain('"除外テスト株式会社"');
    expect(new Set(rows.map((r) => r.prefecture)).size).toBeGreaterThanOrEqual(5);
    expect(rows.every((r) => r.nameKana !== null || r.name.includes("除外"))).toBe(true);

    expect(await loadRegistrySample(db)).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
    expect(await snapshot()).toEqual(rows);
  });

  it("is loaded by the demo seed, and a second seed changes nothing", async () => {
    await seedDemo(db);
    const rows = await snapshot();
    expect(rows.some((r) => r.name === "テストユーザ株式会社")).toBe(true);
    await seedDemo(db);
    expect(await snapshot()).toEqual(rows);
  });
});

describe("B-6 npm run registry:import", () => {
  // A PGlite folder of the child's own (created by the first run), or this test file's PostgreSQL database.
  const run = (args: string[]) => runScript("scripts/registry-import.ts", args, path.join(dir, "cli-pglite"));

  it("prints plain progress lines and the summary when stdout is not a terminal; refuses a bad file with exit code 1", { timeout: 60_000 }, async () => {
    const file = writeFile([
      row(A, "コマンド株式会社"),
      row(B, "コマンド閉鎖株式会社", { process: "21", closeDate: "2024-01-31", closeCause: "01" }),
      row(C, "履歴株式会社", { latest: "0" }),
    ]);
    const ok = await run([file]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`${file}: 100.0%`);
    expect(ok.stdout).not.toContain("\r");
    expect(ok.stdout).toMatch(/rows read\s+3\n\s+inserted\s+2\n\s+updated\s+0\n\s+unchanged\s+0\n\s+closed\s+1\n\s+deleted\s+0\n\s+skipped\s+1/);
    expect(ok.stdout).toMatch(/rows\/s, peak RSS \d+ MB/);

    const bad = await run([writeFile([row(D, "正常株式会社"), row(E, "不正株式会社", { latest: "2" as "1" })])]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/line 2: 最新履歴 "2" is not 0 or 1/);
    expect(bad.stderr).toContain("Nothing was changed");

    const usage = await run([]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("usage: npm run registry:import -- ");
  });
});
