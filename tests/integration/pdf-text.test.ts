import { PDFDict, PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { createPdfDocument, type PdfDocument } from "@/lib/pdf/document";
import { MIN_FIT_SIZE, drawParagraph, fitText, wrapText } from "@/lib/pdf/text";
import { pdfText } from "../support/pdf-tools";

// lib/pdf/document.ts and lib/pdf/text.ts with the real subset Noto Sans JP: widths are the font's, not a mock's.
const LONG_NAME = "ウイルスバスター コーポレートエディション Plus マルチプラットフォーム対応版";
const PARAGRAPH =
  "本見積書は参考見積です。価格は発行日時点のものであり、正式なご注文の際には販売店より改めてお見積りいたします。\n有効期限を過ぎた見積書は無効です。";
const TEXT = `${LONG_NAME}${PARAGRAPH}見積書 ABCDEFGHIJKLMNOPQRSTUVWXYZ`;

const DATE = new Date("2026-11-24T03:00:00Z");
let pdf: PdfDocument;

beforeAll(async () => {
  pdf = await createPdfDocument({ text: TEXT, title: "見積書", producer: "テストサイト", date: DATE });
});

function fontFiles(doc: PDFDocument) {
  const dicts = doc.context
    .enumerateIndirectObjects()
    .map(([, o]) => (o instanceof PDFDict ? o : o instanceof PDFRawStream ? o.dict : undefined))
    .filter((d): d is PDFDict => d !== undefined);
  return {
    descriptors: dicts.filter((d) => d.get(PDFName.of("Type"))?.toString() === "/FontDescriptor"),
    openType: dicts.filter((d) => d.get(PDFName.of("Subtype"))?.toString() === "/OpenType"),
    baseFonts: dicts.filter((d) => d.get(PDFName.of("Subtype"))?.toString() === "/CIDFontType0").map((d) => d.get(PDFName.of("BaseFont"))!.toString()),
  };
}

describe("createPdfDocument", () => {
  it("embeds one regular OpenType font unless bold is asked for, with the document's metadata", async () => {
    const one = await createPdfDocument({ text: "見積書", title: "参考見積書 100001", producer: "テストサイト", date: DATE });
    expect(one.fonts.bold).toBe(one.fonts.regular);
    one.addPage().drawText("見積書", { x: 40, y: 700, font: one.fonts.bold, size: 12 });
    const saved = await PDFDocument.load(await one.save(), { updateMetadata: false });
    const files = fontFiles(saved);
    expect(files.descriptors).toHaveLength(1);
    expect(files.openType).toHaveLength(1);
    expect(files.baseFonts).toEqual([expect.stringMatching(/NotoSansJP-Regular/)]);
    expect(saved.getPageCount()).toBe(1);
    expect(saved.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
    expect(saved.getTitle()).toBe("参考見積書 100001");
    expect(saved.getProducer()).toBe("テストサイト");
    expect(saved.getCreationDate()?.toISOString()).toBe(DATE.toISOString());
  });

  it("embeds a real Bold subset when bold is asked for, and draws with both", async () => {
    const two = await createPdfDocument({ text: "見積書合計", bold: true, title: "見積書", producer: "テストサイト", date: DATE });
    expect(two.fonts.bold).not.toBe(two.fonts.regular);
    const page = two.addPage();
    page.drawText("見積書", { x: 40, y: 700, font: two.fonts.bold, size: 12 });
    page.drawText("合計", { x: 40, y: 680, font: two.fonts.regular, size: 12 });
    const bytes = await two.save();
    const files = fontFiles(await PDFDocument.load(bytes));
    expect(files.descriptors).toHaveLength(2);
    expect(files.openType).toHaveLength(2);
    expect(files.baseFonts.sort()).toEqual([expect.stringMatching(/NotoSansJP-Bold/), expect.stringMatching(/NotoSansJP-Regular/)]);
    expect((await pdfText(bytes)).replace(/\s+/g, "")).toBe("見積書合計");
  });
});

describe("fitText", () => {
  it("keeps a text that fits as it is", () => {
    const font = pdf.fonts.regular;
    const width = font.widthOfTextAtSize("見積書", 10);
    expect(fitText("見積書", font, 10, width)).toEqual({ text: "見積書", size: 10 });
  });

  it("shrinks in 0.5 pt steps before it cuts", () => {
    const font = pdf.fonts.regular;
    // Room for 8.6 pt: 9 pt and more do not fit, 8.5 pt does.
    const width = font.widthOfTextAtSize(LONG_NAME, 8.6);
    expect(fitText(LONG_NAME, font, 10, width)).toEqual({ text: LONG_NAME, size: 8.5 });
  });

  it("cuts with … at the smallest size only when shrinking is not enough, and stays within the width", () => {
    const font = pdf.fonts.regular;
    const width = font.widthOfTextAtSize(LONG_NAME, MIN_FIT_SIZE) / 2;
    const fitted = fitText(LONG_NAME, font, 10, width);
    expect(fitted.size).toBe(MIN_FIT_SIZE);
    expect(fitted.text.endsWith("…")).toBe(true);
    expect(LONG_NAME.startsWith(fitted.text.slice(0, -1))).toBe(true);
    expect(font.widthOfTextAtSize(fitted.text, fitted.size)).toBeLessThanOrEqual(width);
    // The longest such cut: one more character would not fit.
    const longer = `${LONG_NAME.slice(0, fitted.text.length)}…`;
    expect(font.widthOfTextAtSize(longer, MIN_FIT_SIZE)).toBeGreaterThan(width);
  });
});

describe("wrapText", () => {
  it("keeps a long name whole over as many lines as it needs, each within the width", () => {
    const font = pdf.fonts.regular;
    const width = 100;
    const lines = wrapText(LONG_NAME, font, 7, width);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(font.widthOfTextAtSize(line, 7)).toBeLessThanOrEqual(width);
    // Only the spaces at the breaks are dropped.
    expect(lines.join("").replace(/\s/g, "")).toBe(LONG_NAME.replace(/\s/g, ""));
    expect(lines.join("").length).toBeGreaterThanOrEqual(LONG_NAME.length - (lines.length - 1));
    for (const line of lines) expect(line).toBe(line.trimStart());
  });

  it("returns one line for a text that fits, and breaks at newlines", () => {
    const font = pdf.fonts.regular;
    expect(wrapText("見積書", font, 10, 1000)).toEqual(["見積書"]);
    expect(wrapText("見積書\n合計", font, 10, 1000)).toEqual(["見積書", "合計"]);
  });
});

describe("drawParagraph", () => {
  it("draws every wrapped line downwards and returns the baseline after the last", async () => {
    const doc = await createPdfDocument({ text: TEXT, title: "見積書", producer: "テストサイト", date: DATE });
    const page = doc.addPage();
    const options = { x: 40, y: 400, font: doc.fonts.regular, size: 9, width: 200 };
    const lines = wrapText(PARAGRAPH, doc.fonts.regular, 9, 200);
    expect(lines.length).toBeGreaterThan(3);
    expect(drawParagraph(page, PARAGRAPH, options)).toBeCloseTo(400 - lines.length * 13.5, 6);
    expect(drawParagraph(page, "見積書", { ...options, y: 100, leading: 12 })).toBeCloseTo(88, 6);
    const text = await pdfText(await doc.save());
    for (const line of lines) expect(text).toContain(line);
    expect(text.replace(/\s+/g, "")).toBe(`${PARAGRAPH}見積書`.replace(/\s+/g, ""));
  });
});
