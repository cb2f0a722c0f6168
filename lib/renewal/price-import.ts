import "server-only";
import path from "node:path";
import { inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { productPrices, products, productSuccessors } from "@/db/schema";

// SPEC B-4: the operators' import of the renewal price data — the list prices (product_prices)
// and the successor products (product_successors) — from CSV files. Each file replaces its whole table, in one
// transaction; a file with any fault is refused with every fault and its line number, and nothing is changed.
// The list rules are those of lib/renewal/pricing.ts: a list is the set of tiers of a product sharing a valid_from,
// and each list must price every quantity from 1 up, exactly once, so that tierFor() always finds one tier.

export const PRICE_CSV_HEADER = ["product_code", "min_quantity", "max_quantity", "unit_price_yen", "valid_from", "valid_until"] as const;
export const SUCCESSOR_CSV_HEADER = ["product_code", "successor_code", "sort_order"] as const;

/** Templates with the demo's data (what lib/demo/seed.ts seeds), for an operator to start from. */
export const PRICE_SAMPLE_FILE = path.join(process.cwd(), "db", "seed", "prices-sample.csv");
export const SUCCESSOR_SAMPLE_FILE = path.join(process.cwd(), "db", "seed", "successors-sample.csv");

/** The columns are PostgreSQL `integer`: a larger value would fail at the insert instead of at its line. */
const INT4_MAX = 2_147_483_647;
// Serialises two imports: both would delete the rows the other has not committed yet, then insert twice.
const IMPORT_LOCK_KEY = 726355;
const INSERT_BATCH_ROWS = 1_000;

export type LineError = { line: number; message: string };
export type ParseResult<Row> = { ok: true; rows: Row[] } | { ok: false; errors: LineError[] };

export type PriceRow = {
  line: number;
  productCode: string;
  minQuantity: number;
  maxQuantity: number | null;
  unitPriceYen: number;
  validFrom: string;
  validUntil: string | null;
};

export type SuccessorRow = { line: number; productCode: string; successorCode: string; sortOrder: number };

export type PriceImportFile = "prices" | "successors";
export type PriceImportError = LineError & { file: PriceImportFile };
export type PriceImportResult = { ok: true; prices: number; successors: number } | { ok: false; errors: PriceImportError[] };

// --- reading the files ----------------------------------------------------------------------------------------------

/**
 * A file's bytes as text: UTF-8, with or without a BOM. Excel's plain 「CSV」 on a Japanese Windows is Shift_JIS,
 * the likeliest mistake, so the message says so, on the first line that does not decode.
 */
export function decodeCsvBytes(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: LineError } {
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    const loose = new TextDecoder("utf-8").decode(bytes);
    const at = loose.indexOf("\uFFFD");
    const line = at === -1 ? 1 : countLineFeeds(loose, at) + 1;
    return {
      ok: false,
      error: {
        line,
        message: "UTF-8 として読めない文字があります。ファイルを「CSV UTF-8」形式で保存してください（Excel の「CSV」は Shift_JIS で保存されます）",
      },
    };
  }
}

type CsvRecord = { line: number; fields: string[] };

/**
 * RFC 4180 (quoted fields, doubled quotes, line breaks inside quotes), CRLF or LF, a leading BOM dropped. `line` is
 * the physical line a record starts on. Blank lines carry no record. lib/csv.ts only writes CSV, and the streaming
 * reader of lib/registry is asynchronous over bytes; these files are small, so a synchronous reader of text.
 */
function readCsv(input: string): { ok: true; records: CsvRecord[] } | { ok: false; error: LineError } {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let value = "";
      if (text[i] === '"') {
        const opened = line;
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) return { ok: false, error: { line: opened, message: '引用符（"）が閉じていません' } };
          value += text.slice(i, q);
          line += countLineFeeds(text.slice(i, q), Infinity);
          if (text[q + 1] === '"') {
            value += '"';
            i = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        if (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
          return { ok: false, error: { line, message: "閉じ引用符の後に文字があります（引用符の後はカンマか行末にしてください）" } };
        }
      } else {
        let j = i;
        while (j < n && text[j] !== "," && text[j] !== "\n" && text[j] !== "\r") {
          if (text[j] === '"') return { ok: false, error: { line, message: '引用符（"）で囲まれていない項目の中に引用符があります' } };
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      fields.push(value);
      if (text[i] === ",") {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === "\r") {
      if (text[i + 1] !== "\n") return { ok: false, error: { line, message: "行末が CR だけです（改行は CRLF か LF にしてください）" } };
      i++;
    }
    if (text[i] === "\n") i++;
    line++;
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: start, fields });
  }
  return { ok: true, records };
}

function countLineFeeds(text: string, to: number): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at !== -1 && at < to; at = text.indexOf("\n", at + 1)) count++;
  return count;
}

/**
 * The header must be exactly the expected one (else nothing else is read). Records with another number of columns
 * are faults of their own; the others are returned to be checked.
 */
function readTable(text: string, header: readonly string[]): { records: CsvRecord[]; malformed: CsvRecord[]; errors: LineError[] } {
  const read = readCsv(text);
  if (!read.ok) return { records: [], malformed: [], errors: [read.error] };
  const [head, ...records] = read.records;
  const expected = header.join(",");
  if (!head || head.line !== 1 || head.fields.join(",") !== expected) {
    const actual = head && head.line === 1 ? head.fields.join(",") : "";
    return { records: [], malformed: [], errors: [{ line: 1, message: `1 行目の見出しが違います。「${expected}」にしてください（実際は「${actual}」）` }] };
  }
  if (records.length === 0)
    return { records: [], malformed: [], errors: [{ line: 1, message: "データ行がありません（空のファイルで全件を消すことはできません）" }] };
  const malformed = records.filter((r) => r.fields.length !== header.length);
  return {
    records: records.filter((r) => r.fields.length === header.length),
    malformed,
    errors: malformed.map((r) => ({
      line: r.line,
      message: `列の数が ${r.fields.length} です（${header.length} 列にしてください。値にカンマを含めるときは "" で囲んでください）`,
    })),
  };
}

// --- fields ---------------------------------------------------------------------------------------------------------

type Field<T> = { ok: true; value: T } | { ok: false; message: string };

function code(name: string, raw: string): Field<string> {
  if (raw === "") return { ok: false, message: `${name} が空です` };
  if (/[\u0000-\u001f\u007f]/.test(raw) || raw.trim() !== raw) return { ok: false, message: `${name}「${raw}」に空白か制御文字が含まれています` };
  return { ok: true, value: raw };
}

/** Half-width digits only: no sign, no decimal point, no thousands separator (and within `integer`). */
function integer(name: string, raw: string, min: number): Field<number> {
  if (raw === "") return { ok: false, message: `${name} が空です` };
  if (!/^[0-9]+$/.test(raw))
    return { ok: false, message: `${name}「${raw}」は整数ではありません（半角数字だけで書いてください。符号・小数点・桁区切りは使えません）` };
  const value = Number(raw);
  if (value > INT4_MAX) return { ok: false, message: `${name}「${raw}」が大きすぎます（${INT4_MAX} まで）` };
  if (value < min) return { ok: false, message: `${name} は ${min} 以上にしてください（${raw}）` };
  return { ok: true, value };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isoDate(name: string, raw: string): Field<string> {
  if (raw === "") return { ok: false, message: `${name} が空です` };
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (!match)
    return {
      ok: false,
      message: `${name}「${raw}」は YYYY-MM-DD の日付ではありません（例: 2019-07-20。Excel で保存すると 2019/7/20 の形に変わることがあります）`,
    };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { ok: false, message: `${name}「${raw}」は存在しない日付です` };
  return { ok: true, value: raw };
}

/** The fields of one line that could be read; the messages of those that could not go to `messages`. */
function fieldsOf<T extends Record<string, unknown>>(parsed: { [K in keyof T]: Field<T[K]> }, messages: string[]): Partial<T> {
  const out: Partial<Record<string, unknown>> = {};
  for (const [key, field] of Object.entries(parsed) as [string, Field<unknown>][]) {
    if (field.ok) out[key] = field.value;
    else messages.push(field.message);
  }
  return out as Partial<T>;
}

// --- the prices file ------------------------------------------------------------------------------------------------

export function parsePriceCsv(text: string): ParseResult<PriceRow> {
  return parsed(readPriceCsv(text));
}

type Read<Row> = { rows: Row[]; errors: LineError[] };

/** Both what could be read and the faults: the import also checks the product codes of a file with faults. */
function parsed<Row>(read: Read<Row>): ParseResult<Row> {
  return read.errors.length > 0 ? { ok: false, errors: read.errors } : { ok: true, rows: read.rows };
}

function readPriceCsv(text: string): Read<PriceRow> {
  const table = readTable(text, PRICE_CSV_HEADER);
  const errors: LineError[] = [...table.errors];
  const rows: PriceRow[] = [];
  // Lists with a line that could not be read are not checked as a whole: a gap there would only echo that line (of
  // a line with the wrong number of columns only the product code is taken to be where it should be).
  const unreadLists = new Set<string>();
  const unreadProducts = new Set(table.malformed.map((r) => r.fields[0]));

  for (const { line, fields } of table.records) {
    const [productCode, min, max, price, from, until] = fields as [string, string, string, string, string, string];
    const messages: string[] = [];
    const row = fieldsOf<Omit<PriceRow, "line">>(
      {
        productCode: code("product_code", productCode),
        minQuantity: integer("min_quantity", min, 1),
        maxQuantity: max === "" ? { ok: true, value: null } : integer("max_quantity", max, 1),
        unitPriceYen: integer("unit_price_yen", price, 0),
        validFrom: isoDate("valid_from", from),
        validUntil: until === "" ? { ok: true, value: null } : isoDate("valid_until", until),
      },
      messages,
    );
    // Each check of two fields runs when those two could be read, whatever the others hold.
    if (row.minQuantity !== undefined && typeof row.maxQuantity === "number" && row.maxQuantity < row.minQuantity)
      messages.push(`max_quantity（${row.maxQuantity}）が min_quantity（${row.minQuantity}）より小さくなっています`);
    if (row.validFrom !== undefined && typeof row.validUntil === "string" && row.validUntil < row.validFrom)
      messages.push(`valid_until（${row.validUntil}）が valid_from（${row.validFrom}）より前になっています`);
    if (messages.length === 0) rows.push({ line, ...(row as Omit<PriceRow, "line">) });
    else {
      unreadLists.add(listKey(productCode, from));
      errors.push(...messages.map((message) => ({ line, message })));
    }
  }

  const lists = new Map<string, PriceRow[]>();
  for (const row of rows) {
    const key = listKey(row.productCode, row.validFrom);
    if (unreadLists.has(key) || unreadProducts.has(row.productCode)) continue;
    const tiers = lists.get(key);
    if (tiers) tiers.push(row);
    else lists.set(key, [row]);
  }
  for (const tiers of lists.values()) errors.push(...listErrors(tiers));
  return { rows, errors: byLine(errors) };
}

function listKey(productCode: string, validFrom: string): string {
  return JSON.stringify([productCode, validFrom]);
}

/** One list (a product's tiers sharing a valid_from): from 1, contiguous, no overlap, only the last open-ended. */
function listErrors(tiers: PriceRow[]): LineError[] {
  const errors: LineError[] = [];
  const first = tiers[0]!;
  const name = `${first.productCode} の ${first.validFrom} からの価格表`;
  const ordered = [...tiers].sort((a, b) => a.minQuantity - b.minQuantity || a.line - b.line);
  const distinct: PriceRow[] = [];
  for (const tier of ordered) {
    const same = distinct.find((t) => t.minQuantity === tier.minQuantity);
    if (same)
      errors.push({
        line: Math.max(tier.line, same.line),
        message: `${name}: min_quantity ${tier.minQuantity} の段階が ${Math.min(tier.line, same.line)} 行目と重複しています`,
      });
    else distinct.push(tier);
  }
  // listInEffect() filters tiers by their own valid_until: tiers of one list that end apart would leave a hole.
  for (const tier of tiers) {
    if (tier.validUntil !== first.validUntil)
      errors.push({
        line: tier.line,
        message: `${name}: valid_until（${tier.validUntil ?? "空"}）が ${first.line} 行目（${first.validUntil ?? "空"}）と違います。同じ価格表の段階は同じ期間にしてください`,
      });
  }

  const lowest = distinct[0]!;
  if (lowest.minQuantity !== 1)
    errors.push({
      line: lowest.line,
      message: `${name}: 最初の段階が 1 から始まっていません（min_quantity ${lowest.minQuantity}）。数量 1〜${lowest.minQuantity - 1} の価格がありません`,
    });
  // `reach` is the tier that covers the highest quantity so far (an open-ended one covers every quantity after it).
  let reach = lowest;
  let openReported = false;
  for (const tier of distinct.slice(1)) {
    if (reach.maxQuantity === null) {
      if (!openReported)
        errors.push({
          line: reach.line,
          message: `${name}: 上限なし（max_quantity が空）にできるのは最後の段階だけです（${tier.line} 行目の段階 ${tier.minQuantity}〜 と重なります）`,
        });
      openReported = true;
      continue;
    }
    if (tier.minQuantity > reach.maxQuantity + 1) {
      errors.push({
        line: tier.line,
        message:
          `${name}: 数量 ${reach.maxQuantity + 1}〜${tier.minQuantity - 1} の価格がありません` +
          `（${reach.line} 行目の段階は ${reach.maxQuantity} まで、この段階は ${tier.minQuantity} から）`,
      });
    } else if (tier.minQuantity <= reach.maxQuantity) {
      const upTo = Math.min(reach.maxQuantity, tier.maxQuantity ?? reach.maxQuantity);
      errors.push({
        line: tier.line,
        message: `${name}: 数量 ${tier.minQuantity}〜${upTo} が ${reach.line} 行目の段階（${reach.minQuantity}〜${reach.maxQuantity}）と重なっています`,
      });
    }
    if (tier.maxQuantity === null || tier.maxQuantity > reach.maxQuantity) reach = tier;
  }
  if (reach.maxQuantity !== null) {
    errors.push({
      line: reach.line,
      message: `${name}: 最後の段階に上限があります（max_quantity ${reach.maxQuantity}）。すべての数量に価格があるよう、最後の段階の max_quantity は空にしてください`,
    });
  }
  return errors;
}

function byLine<E extends LineError>(errors: E[]): E[] {
  return errors
    .map((e, index) => ({ e, index }))
    .sort((a, b) => a.e.line - b.e.line || a.index - b.index)
    .map(({ e }) => e);
}

// --- the successors file --------------------------------------------------------------------------------------------

export function parseSuccessorCsv(text: string): ParseResult<SuccessorRow> {
  return parsed(readSuccessorCsv(text));
}

function readSuccessorCsv(text: string): Read<SuccessorRow> {
  const table = readTable(text, SUCCESSOR_CSV_HEADER);
  const errors: LineError[] = [...table.errors];
  const rows: SuccessorRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of table.records) {
    const [productCode, successorCode, sortOrder] = fields as [string, string, string];
    const messages: string[] = [];
    const row = fieldsOf<Omit<SuccessorRow, "line">>(
      { productCode: code("product_code", productCode), successorCode: code("successor_code", successorCode), sortOrder: integer("sort_order", sortOrder, 0) },
      messages,
    );
    if (row.productCode !== undefined && row.successorCode !== undefined) {
      const key = JSON.stringify([row.productCode, row.successorCode]);
      const earlier = seen.get(key);
      if (earlier !== undefined) messages.push(`${row.productCode} → ${row.successorCode} が ${earlier} 行目と重複しています`);
      else seen.set(key, line);
    }
    if (messages.length === 0) rows.push({ line, ...(row as Omit<SuccessorRow, "line">) });
    else errors.push(...messages.map((message) => ({ line, message })));
  }
  return { rows, errors: byLine(errors) };
}

// --- the import -----------------------------------------------------------------------------------------------------

/**
 * Replaces the price data with the files given (at least one): a prices file replaces every product_prices row, a
 * successors file every product_successors row, both in one transaction. Every product code must exist. Any fault
 * in either file refuses the whole import, with all faults, and changes nothing.
 */
export async function importPriceData(db: Database, files: { prices?: string; successors?: string }): Promise<PriceImportResult> {
  if (files.prices === undefined && files.successors === undefined) throw new Error("importPriceData: give a prices file, a successors file or both");
  const prices = files.prices === undefined ? undefined : readPriceCsv(files.prices);
  const successors = files.successors === undefined ? undefined : readSuccessorCsv(files.successors);
  const priceRows = prices?.rows ?? [];
  const successorRows = successors?.rows ?? [];
  const codes = [...new Set([...priceRows.map((r) => r.productCode), ...successorRows.flatMap((r) => [r.productCode, r.successorCode])])];

  return db.transaction(async (tx): Promise<PriceImportResult> => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`);
    const known = codes.length === 0 ? [] : await tx.select({ id: products.id, code: products.code }).from(products).where(inArray(products.code, codes));
    const idOf = new Map(known.map((p) => [p.code, p.id]));
    const unknown = (code: string) => `製品コード「${code}」は登録されていません`;
    const priceErrors = [...(prices?.errors ?? [])];
    for (const row of priceRows) if (!idOf.has(row.productCode)) priceErrors.push({ line: row.line, message: unknown(row.productCode) });
    const successorErrors = [...(successors?.errors ?? [])];
    for (const row of successorRows) {
      for (const c of new Set([row.productCode, row.successorCode])) if (!idOf.has(c)) successorErrors.push({ line: row.line, message: unknown(c) });
    }
    const errors = [
      ...byLine(priceErrors).map((e) => ({ file: "prices" as const, ...e })),
      ...byLine(successorErrors).map((e) => ({ file: "successors" as const, ...e })),
    ];
    if (errors.length > 0) return { ok: false, errors };

    if (prices) {
      // Every row: the file is the whole price list (DELETE, not TRUNCATE, so readers keep the old list until commit).
      await tx.delete(productPrices).where(sql`true`);
      const values = priceRows.map((r) => ({
        productId: idOf.get(r.productCode)!,
        minQuantity: r.minQuantity,
        maxQuantity: r.maxQuantity,
        unitPriceYen: r.unitPriceYen,
        validFrom: r.validFrom,
        validUntil: r.validUntil,
      }));
      for (let at = 0; at < values.length; at += INSERT_BATCH_ROWS) await tx.insert(productPrices).values(values.slice(at, at + INSERT_BATCH_ROWS));
    }
    if (successors) {
      await tx.delete(productSuccessors).where(sql`true`);
      const values = successorRows.map((r) => ({
        productId: idOf.get(r.productCode)!,
        successorProductId: idOf.get(r.successorCode)!,
        sortOrder: r.sortOrder,
      }));
      for (let at = 0; at < values.length; at += INSERT_BATCH_ROWS) await tx.insert(productSuccessors).values(values.slice(at, at + INSERT_BATCH_ROWS));
    }
    return { ok: true, prices: priceRows.length, successors: successorRows.length };
  });
}
