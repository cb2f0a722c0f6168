import "server-only";
import { deflateSync } from "node:zlib";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, PDFName, PDFRawStream, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { siteConfig } from "@/lib/config/site";
import { formatDate } from "@/lib/dates";
import type { Messages } from "@/lib/i18n/ja";
import { subsetJapaneseFont } from "@/lib/pdf/japanese-font";
import type { ContactInfo, ContractDetail } from "./queries";

// SPEC B-3 保有情報をPDF出力する: page 1 = 契約者情報 and サポート窓口情報, pages 2.. = 保有製品情報 over as many pages
// as the lines need; on every page a header (site name, ライセンスID, output date) and the page number.
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 40;
const HEADER_Y = A4[1] - MARGIN;
const CONTENT_TOP = HEADER_Y - 36;
const FOOTER_Y = 24;
const ROW = 17;
const INK = rgb(0.12, 0.14, 0.16);
const MUTED = rgb(0.34, 0.38, 0.42);
const LINE = rgb(0.8, 0.84, 0.87);
const BRAND = rgb(0.78, 0.06, 0.18);

// 保有製品情報 columns: x offset and width within the content width (515 pt).
// The activation code column is wide enough for a whole code (PP-XXXX-XXXXX-… , 37 characters) at 7 pt.
const COLUMNS = [
  { key: "no", x: 0, width: 22 },
  { key: "product", x: 22, width: 146 },
  { key: "quantity", x: 168, width: 34 },
  { key: "period", x: 202, width: 104 },
  { key: "supportEnd", x: 306, width: 54 },
  { key: "code", x: 360, width: 155 },
] as const;

type Fonts = { regular: PDFFont; bold: PDFFont };
type Labels = Messages["licenses"];

function fit(text: string, font: PDFFont, size: number, width: number): { text: string; size: number } {
  // Shrink down to 6.5 pt before cutting, so that long product names and codes stay whole when they can.
  for (let s = size; s >= 6.5; s -= 0.5) if (font.widthOfTextAtSize(text, s) <= width) return { text, size: s };
  let cut = text;
  while (cut.length > 1 && font.widthOfTextAtSize(`${cut}…`, 6.5) > width) cut = cut.slice(0, -1);
  return { text: `${cut}…`, size: 6.5 };
}

function draw(page: PDFPage, text: string, x: number, y: number, font: PDFFont, size: number, width?: number, color = INK) {
  const fitted = width ? fit(text, font, size, width) : { text, size };
  page.drawText(fitted.text, { x, y, font, size: fitted.size, color });
}

/** Up to two lines within the row (7 pt): product names must stay whole on a holdings document. */
function drawWrapped(page: PDFPage, text: string, x: number, y: number, font: PDFFont, size: number, width: number) {
  if (font.widthOfTextAtSize(text, 7) <= width) return draw(page, text, x, y, font, size, width);
  const lines: string[] = [""];
  for (const ch of text) {
    const current = lines[lines.length - 1]!;
    if (font.widthOfTextAtSize(current + ch, 7) > width && current) lines.push(ch.trim() ? ch : "");
    else lines[lines.length - 1] = current + ch;
  }
  const [first, ...rest] = lines;
  draw(page, first!, x, y + 4, font, 7, width);
  draw(page, rest.join(""), x, y - 4, font, 7, width);
}

function contactRows(contact: ContactInfo, t: Labels): [string, string][] {
  return [
    [t.companyName, contact.companyName],
    [t.branchName, contact.branchName ?? "—"],
    [t.department, contact.department ?? "—"],
    [t.personName, contact.personName],
    [t.postalCode, contact.postalCode ? `〒${contact.postalCode}` : "—"],
    [t.prefecture, contact.prefecture ?? "—"],
    [t.address, contact.address ?? "—"],
    [t.phone, contact.phone ?? "—"],
    [t.email, contact.email],
  ];
}

// pdf-lib takes the CFF path only when fontkit's `cff` is set, which this fontkit never does: without this it embedded
// the OpenType-CFF subset as a TrueType font (poppler warned, pdf.js drew wrong glyphs).
// It also remembers each string's layout: pdf-lib shapes a string with fontkit (GSUB lookups) every time it measures or
// draws it, and a holdings table measures the same product names and dates row after row (shaping was 3/4 of the
// render time of a 120-line PDF). The font object lives for one document, so the memo does too.
const cffAwareFontkit = {
  create(...args: Parameters<typeof fontkit.create>) {
    const font = fontkit.create(...args) as ReturnType<typeof fontkit.create> & { cff?: unknown; directory?: { tables: Record<string, unknown> } };
    if (!font.cff && font.directory?.tables["CFF "]) Object.defineProperty(font, "cff", { value: true });
    type Layout = typeof font.layout;
    const layout = font.layout.bind(font);
    const layouts = new Map<string, ReturnType<Layout>>();
    font.layout = (text: Parameters<Layout>[0], features?: Parameters<Layout>[1]) => {
      if (features !== undefined) return layout(text, features);
      let run = layouts.get(text);
      if (!run) layouts.set(text, (run = layout(text)));
      return run;
    };
    return font;
  },
} as typeof fontkit;

/** The whole OpenType file is embedded, so its stream is /OpenType (PDF 1.6), not bare CFF (/CIDFontType0C). */
function markOpenTypeFontFiles(doc: PDFDocument) {
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFRawStream && object.dict.get(PDFName.of("Subtype")) === PDFName.of("CIDFontType0C")) object.dict.set(PDFName.of("Subtype"), PDFName.of("OpenType"));
  }
}

export function holdingsRowsPerPage(): number {
  return Math.floor((CONTENT_TOP - 28 - ROW - (FOOTER_Y + 20)) / ROW);
}

/** Every character the document will contain, so that the font subset has each glyph. */
function documentText(contract: ContractDetail, t: Labels, siteName: string, outputDate: string): string {
  const parts = [siteName, t.pdfTitle, t.outputDate, t.pdfPage, t.licenseId, t.product, t.status, t.period, t.supportEndDate, t.contractContact, t.supportContact, t.holdings, t.quantity, t.activationCode, outputDate, "No.", ...Object.values(t.statusLabel)];
  parts.push(String(contract.licenseId), contract.productName, formatDate(contract.startDate), formatDate(contract.endDate), formatDate(contract.supportEndDate));
  for (const c of [contract.contractContact, contract.supportContact]) for (const [label, value] of contactRows(c, t)) parts.push(label, value);
  for (const line of contract.lines) parts.push(line.productName, line.quantity.toLocaleString("ja-JP"), formatDate(line.startDate), formatDate(line.endDate), formatDate(line.supportEndDate), line.activationCode ?? "—");
  return parts.join("");
}

export async function renderHoldingsPdf(contract: ContractDetail, t: Labels, outputAt: Date): Promise<Uint8Array> {
  const site = siteConfig();
  const outputDate = formatDate(outputAt);
  const text = documentText(contract, t, site.siteName, outputDate);
  // One weight only: a second subset font would double the size (the 100 KB budget of the issue); headings are set
  // apart by size and colour.
  const regularBytes = await subsetJapaneseFont(text, "Regular");
  const doc = await PDFDocument.create();
  doc.registerFontkit(cffAwareFontkit);
  // pdf-lib deflates the embedded font file (tens of KB) with pako, in JavaScript; Node's zlib does the same natively.
  doc.context.flateStream = (contents, dict = {}) =>
    doc.context.stream(deflateSync(typeof contents === "string" ? Buffer.from(contents, "latin1") : contents), { ...dict, Filter: "FlateDecode" });
  // Pre-subset fonts embedded whole: pdf-lib's own subsetting breaks CJK glyphs (STACK.md).
  const regular = await doc.embedFont(regularBytes, { subset: false });
  const fonts: Fonts = { regular, bold: regular };
  doc.setTitle(`${t.pdfTitle} ${t.licenseId} ${contract.licenseId}`);
  doc.setCreator(site.siteName);
  doc.setProducer(site.siteName);
  doc.setCreationDate(outputAt);
  doc.setModificationDate(outputAt);

  const contentWidth = A4[0] - MARGIN * 2;
  const pages: PDFPage[] = [];
  const newPage = () => {
    const page = doc.addPage(A4);
    pages.push(page);
    draw(page, site.siteName, MARGIN, HEADER_Y, fonts.bold, 10, undefined, BRAND);
    const right = `${t.licenseId}：${contract.licenseId}　${t.outputDate}：${outputDate}`;
    draw(page, right, A4[0] - MARGIN - fonts.regular.widthOfTextAtSize(right, 9), HEADER_Y, fonts.regular, 9, undefined, MUTED);
    page.drawLine({ start: { x: MARGIN, y: HEADER_Y - 8 }, end: { x: A4[0] - MARGIN, y: HEADER_Y - 8 }, thickness: 1.5, color: BRAND });
    return page;
  };

  // Page 1: the contract, 契約者情報 and サポート窓口情報.
  const first = newPage();
  let y = CONTENT_TOP;
  draw(first, t.pdfTitle, MARGIN, y, fonts.bold, 16);
  y -= 28;
  const summary: [string, string][] = [
    [t.licenseId, String(contract.licenseId)],
    [t.product, contract.productName],
    [t.status, t.statusLabel[contract.status]],
    [t.period, `${formatDate(contract.startDate)}〜${formatDate(contract.endDate)}`],
    [t.supportEndDate, formatDate(contract.supportEndDate)],
  ];
  for (const [label, value] of summary) {
    draw(first, label, MARGIN, y, fonts.bold, 10, 110, MUTED);
    draw(first, value, MARGIN + 115, y, fonts.regular, 10, contentWidth - 115);
    y -= ROW;
  }
  for (const [title, contact] of [
    [t.contractContact, contract.contractContact],
    [t.supportContact, contract.supportContact],
  ] as const) {
    y -= 14;
    draw(first, title, MARGIN, y, fonts.bold, 12);
    y -= 6;
    first.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness: 0.75, color: LINE });
    y -= ROW;
    for (const [label, value] of contactRows(contact, t)) {
      draw(first, label, MARGIN + 4, y, fonts.bold, 10, 100, MUTED);
      draw(first, value, MARGIN + 115, y, fonts.regular, 10, contentWidth - 115);
      y -= ROW;
    }
  }

  // Pages 2..: 保有製品情報, as many pages as the lines need.
  const perPage = holdingsRowsPerPage();
  const headers: Record<(typeof COLUMNS)[number]["key"], string> = { no: "No.", product: t.product, quantity: t.quantity, period: t.period, supportEnd: t.supportEndDate, code: t.activationCode };
  for (let start = 0; start < Math.max(contract.lines.length, 1); start += perPage) {
    const page = newPage();
    let rowY = CONTENT_TOP;
    draw(page, t.holdings, MARGIN, rowY, fonts.bold, 14);
    rowY -= 28;
    page.drawRectangle({ x: MARGIN, y: rowY - 5, width: contentWidth, height: ROW, color: rgb(0.965, 0.973, 0.98) });
    for (const column of COLUMNS) draw(page, headers[column.key], MARGIN + column.x + 2, rowY, fonts.bold, 8, column.width - 4);
    rowY -= ROW;
    contract.lines.slice(start, start + perPage).forEach((line, index) => {
      const values: Record<(typeof COLUMNS)[number]["key"], string> = {
        no: String(start + index + 1),
        product: line.productName,
        quantity: line.quantity.toLocaleString("ja-JP"),
        period: `${formatDate(line.startDate)}〜${formatDate(line.endDate)}`,
        supportEnd: formatDate(line.supportEndDate),
        code: line.activationCode ?? "—",
      };
      for (const column of COLUMNS) {
        if (column.key === "product") drawWrapped(page, values.product, MARGIN + column.x + 2, rowY, fonts.regular, 8, column.width - 4);
        else draw(page, values[column.key], MARGIN + column.x + 2, rowY, fonts.regular, 8, column.width - 4);
      }
      page.drawLine({ start: { x: MARGIN, y: rowY - 5 }, end: { x: A4[0] - MARGIN, y: rowY - 5 }, thickness: 0.5, color: LINE });
      rowY -= ROW;
    });
  }

  pages.forEach((page, index) => {
    const label = `${index + 1} / ${pages.length}`;
    draw(page, label, (A4[0] - fonts.regular.widthOfTextAtSize(label, 9)) / 2, FOOTER_Y, fonts.regular, 9, undefined, MUTED);
  });
  // Embed the font once, after the last glyph is drawn (drawing after a flush makes save() embed it again).
  await doc.flush();
  markOpenTypeFontFiles(doc);
  return doc.save({ useObjectStreams: true });
}
