import fs from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeAll, describe, expect, it } from "vitest";
import { createPdfDocument } from "@/lib/pdf/document";
import { drawFields } from "@/lib/pdf/fields";
import { createPageFrame, pageLayout } from "@/lib/pdf/page-frame";
import { drawTable, tableRowsPerPage, type TableColumn } from "@/lib/pdf/table";
import { drawParagraph, drawText } from "@/lib/pdf/text";
import { pdfPageCount, pdfText } from "../support/pdf-tools";

// lib/pdf/table.ts and lib/pdf/page-frame.ts, composed the way a second document (the reference renewal quote:
// header, lines with amounts right-aligned, totals, a disclaimer) would compose them.

type QuoteLine = { name: string; quantity: number; amount: number };

const SITE = "法人カスタマーサービス＆サポート";
const DETAILS = "見積番号：Q-2026-0001　発行日：2026/11/24";
const DISCLAIMER =
  "本見積書は参考見積です。価格は発行日時点の標準価格であり、正式なご注文の際には販売店より改めてお見積りいたします。有効期限を過ぎた見積書は無効です。";
const LONG_NAME = "ウイルスバスター コーポレートエディション Plus マルチプラットフォーム対応版";
const yen = (n: number) => `¥${n.toLocaleString("ja-JP")}`;
const label = (i: number) => `行${String(i + 1).padStart(3, "0")}`;

const COLUMNS: TableColumn<QuoteLine>[] = [
  { header: "No.", width: 30, value: (_, index) => label(index) },
  { header: "品名", width: 245, wrap: true, value: (line) => line.name },
  { header: "数量", width: 60, align: "right", value: (line) => line.quantity.toLocaleString("ja-JP") },
  { header: "金額", width: 180, align: "right", value: (line) => yen(line.amount) },
];
/** Right edge of the 金額 column; cells end 2 pt inside it. */
const AMOUNT_RIGHT = pageLayout.left + 30 + 245 + 60 + 180;
const TITLE_GAP = 100;

function quoteLines(count: number, name = (i: number) => `Apex One SaaS ${i + 1}`): QuoteLine[] {
  return Array.from({ length: count }, (_, i) => ({ name: name(i), quantity: (i % 7) + 1, amount: (i + 1) * 1234 * ((i % 5) + 1) ** 3 }));
}

/** The whole document in as little code as the parts allow. */
async function renderQuote(lines: QuoteLine[], startY = pageLayout.top - TITLE_GAP) {
  const totals = [
    ["小計", yen(lines.reduce((sum, line) => sum + line.amount, 0))],
    ["消費税（10%）", yen(Math.floor(lines.reduce((sum, line) => sum + line.amount, 0) * 0.1))],
  ] as const;
  const text = [
    SITE,
    DETAILS,
    DISCLAIMER,
    "参考見積書",
    ...COLUMNS.map((c) => c.header),
    ...totals.flat(),
    ...lines.flatMap((l, i) => [label(i), l.name, l.quantity.toLocaleString("ja-JP"), yen(l.amount)]),
  ].join("");
  const pdf = await createPdfDocument({ text, title: "参考見積書", producer: SITE, date: new Date("2026-11-24T03:00:00Z") });
  const frame = createPageFrame(pdf, { title: SITE, details: DETAILS });
  const first = frame.addPage();
  drawText(first, "参考見積書", { x: pageLayout.left, y: pageLayout.top, font: pdf.fonts.bold, size: 16 });
  const end = drawTable({
    columns: COLUMNS,
    rows: lines,
    fonts: pdf.fonts,
    x: pageLayout.left,
    width: AMOUNT_RIGHT - pageLayout.left,
    start: { page: first, y: startY },
    nextPage: () => ({ page: frame.addPage(), y: pageLayout.top }),
    bottom: pageLayout.bottom,
  });
  const y = drawFields(end.page, totals, {
    fonts: pdf.fonts,
    x: AMOUNT_RIGHT - 240,
    labelWidth: 100,
    valueX: AMOUNT_RIGHT - 2,
    valueWidth: 130,
    valueAlign: "right",
    y: end.y - 6,
  });
  drawParagraph(end.page, DISCLAIMER, { x: pageLayout.left, y: y - 12, font: pdf.fonts.regular, size: 8, width: pageLayout.contentWidth });
  frame.numberPages();
  return pdf.save();
}

type Item = { str: string; x: number; y: number; width: number; size: number };

/** The drawn strings of a page with their positions in PDF points (pdf.js; its inserted spaces left out). */
async function textItems(pdf: Uint8Array, pageNumber: number): Promise<Item[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const content = await (await doc.getPage(pageNumber)).getTextContent();
    return content.items.flatMap((item) =>
      "str" in item && item.str.trim() ? [{ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width, size: item.transform[0] }] : [],
    );
  } finally {
    await doc.destroy();
  }
}

const rowLabels = (text: string) => [...text.matchAll(/行(\d{3})/g)].map((m) => Number(m[1]));

/** One table on a document without a page frame: at x 40 from y 700, continued from y 700 on each new page. */
async function tableOnBarePage<Row>(text: string, columns: TableColumn<Row>[], rows: Row[], width: number) {
  const doc = await createPdfDocument({ text, title: "t", producer: SITE, date: new Date() });
  const page = doc.addPage();
  const end = drawTable({
    columns,
    rows,
    fonts: doc.fonts,
    x: 40,
    width,
    start: { page, y: 700 },
    nextPage: () => ({ page: doc.addPage(), y: 700 }),
    bottom: 44,
  });
  return { doc, page, end };
}

describe("drawTable with a page frame", () => {
  let quote120: Uint8Array;
  beforeAll(async () => {
    quote120 = await renderQuote(quoteLines(120));
  });

  it("breaks 120 rows over the pages they need, header row and page header on each, numbered n / N", async () => {
    const firstPageRows = tableRowsPerPage(pageLayout.top - TITLE_GAP, pageLayout.bottom);
    const perPage = tableRowsPerPage(pageLayout.top, pageLayout.bottom);
    // 665.89 pt and 765.89 pt down to 44 pt at 17 pt a row (less the header row).
    expect([firstPageRows, perPage]).toEqual([35, 41]);
    expect(await pdfPageCount(quote120)).toBe(4);
    const expected: [from: number, to: number][] = [
      [1, 35],
      [36, 76],
      [77, 117],
      [118, 120],
    ];
    for (const [index, [from, to]] of expected.entries()) {
      const page = index + 1;
      const text = await pdfText(quote120, page, page);
      expect(rowLabels(text), `page ${page}`).toEqual(Array.from({ length: to - from + 1 }, (_, i) => from + i));
      for (const header of [SITE, "見積番号：Q-2026-0001", "品名", "金額"]) expect(text, `page ${page}`).toContain(header);
      expect(text).toMatch(new RegExp(`^\\s*${page}\\s*/\\s*4\\s*$`, "m"));
    }
    // Totals and the disclaimer follow the last row, on the last page only.
    expect(await pdfText(quote120, 1, 3)).not.toContain("小計");
    const last = await pdfText(quote120, 4, 4);
    expect(last).toContain("小計");
    expect(last.replace(/\s+/g, "")).toContain(DISCLAIMER);
  });

  it("keeps every row above the page number, which is centred at the foot", async () => {
    for (let page = 1; page <= 4; page++) {
      const items = await textItems(quote120, page);
      const rows = items.filter((item) => /^行\d{3}$/.test(item.str));
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.y).toBeGreaterThanOrEqual(pageLayout.bottom + 17);
      const number = items.find((item) => item.str === `${page} / 4`);
      expect(number?.y).toBe(24);
      expect(number!.x + number!.width / 2).toBeCloseTo(pageLayout.width / 2, 1);
    }
  });

  it("ends right-aligned amounts and the totals at the column edge, whatever their length", async () => {
    const lines = quoteLines(12);
    const pdf = await renderQuote(lines);
    const items = await textItems(pdf, 1);
    const amounts = lines.map((line) => items.find((item) => item.str === yen(line.amount))!);
    expect(amounts.every(Boolean)).toBe(true);
    for (const amount of amounts) expect(amount.x + amount.width).toBeCloseTo(AMOUNT_RIGHT - 2, 1);
    // Different lengths, so different starts: a left-aligned column would fail the line above.
    expect(new Set(amounts.map((a) => a.str.length)).size).toBeGreaterThan(1);
    const total = items.find((item) => item.str === yen(lines.reduce((sum, line) => sum + line.amount, 0)))!;
    expect(total.x + total.width).toBeCloseTo(AMOUNT_RIGHT - 2, 1);
    // Left-aligned cells start 2 pt inside their column.
    for (const row of items.filter((item) => /^行\d{3}$/.test(item.str))) expect(row.x).toBeCloseTo(pageLayout.left + 2, 6);
    // Headers of right-aligned columns are right-aligned too.
    const header = items.find((item) => item.str === "金額")!;
    expect(header.x + header.width).toBeCloseTo(AMOUNT_RIGHT - 2, 1);
    // The page header's details end at the right margin (pdf.js reads them as two strings, split at the "　").
    const details = items.find((item) => item.str.startsWith("発行日"))!;
    expect(details.x + details.width).toBeCloseTo(pageLayout.right, 1);
  });

  it("wraps a long name in a wrap column onto two lines of its row, whole, and keeps the disclaimer within the margins", async () => {
    const pdf = await renderQuote(quoteLines(3, (i) => (i === 1 ? LONG_NAME : `Apex One ${i}`)));
    const items = await textItems(pdf, 1);
    const row = items.find((item) => item.str === label(1))!;
    const halves = items.filter((item) => item.x === pageLayout.left + 32 && Math.abs(item.y - row.y) === 4);
    expect(halves.map((h) => h.y - row.y)).toEqual([4, -4]);
    expect(
      halves
        .map((h) => h.str)
        .join("")
        .replace(/\s/g, ""),
    ).toBe(LONG_NAME.replace(/\s/g, ""));
    for (const half of halves) expect(half.x + half.width).toBeLessThanOrEqual(pageLayout.left + 30 + 245 - 2);
    const text = await pdfText(pdf, 1, 1);
    expect(text).not.toContain("…");
    const disclaimer = items.filter((item) => DISCLAIMER.includes(item.str) && item.size === 8);
    expect(disclaimer.length).toBeGreaterThan(1);
    for (const line of disclaimer) expect(line.x + line.width).toBeLessThanOrEqual(pageLayout.right + 0.01);
  });

  it("cuts a long name with … in a column that does not wrap", async () => {
    const { doc } = await tableOnBarePage(`${LONG_NAME}品名`, [{ header: "品名", width: 120, value: (name: string) => name }], [LONG_NAME], 120);
    const items = await textItems(await doc.save(), 1);
    const cell = items.find((item) => item.str.endsWith("…"))!;
    expect(LONG_NAME.startsWith(cell.str.slice(0, -1))).toBe(true);
    expect(cell.x + cell.width).toBeLessThanOrEqual(40 + 120 - 2);
  });

  it("starts on the next page rather than leave a header row alone at the foot of a page", async () => {
    const pdf = await renderQuote(quoteLines(2), pageLayout.bottom + 20);
    expect(await pdfPageCount(pdf)).toBe(2);
    expect(await pdfText(pdf, 1, 1)).not.toContain("品名");
    expect(rowLabels(await pdfText(pdf, 2, 2))).toEqual([1, 2]);
  });

  it("draws an empty table as its header row, and returns the baseline below it", async () => {
    const { doc, page, end } = await tableOnBarePage("No.品名数量金額", COLUMNS, [], 515);
    expect(end).toEqual({ page, y: 683 });
    const pdf = await doc.save();
    expect(await pdfPageCount(pdf)).toBe(1);
    expect((await textItems(pdf, 1)).map((item) => item.str)).toEqual(["No.", "品名", "数量", "金額"]);
  });

  it("fits 45 lines, totals and the disclaimer on two pages in under 100 KB (PDF_PREVIEW_DIR=… keeps it for a look)", async () => {
    const pdf = await renderQuote(quoteLines(45, (i) => (i === 2 ? LONG_NAME : `Apex One SaaS ${i + 1}`)));
    if (process.env.PDF_PREVIEW_DIR) fs.writeFileSync(`${process.env.PDF_PREVIEW_DIR}/quote.pdf`, pdf);
    expect(await pdfPageCount(pdf)).toBe(2);
    expect(pdf.byteLength).toBeLessThan(100 * 1024);
  });
});
