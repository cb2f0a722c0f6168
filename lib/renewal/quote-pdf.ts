import "server-only";
import { siteConfig, siteContact } from "@/lib/config/site";
import { formatDate } from "@/lib/dates";
import { formatterOf, translator, type Locale } from "@/lib/i18n";
import { createPdfDocument } from "@/lib/pdf/document";
import { drawFields, type Field } from "@/lib/pdf/fields";
import { createPageFrame, pageLayout } from "@/lib/pdf/page-frame";
import { pdfColors } from "@/lib/pdf/style";
import { drawTable, type TableColumn } from "@/lib/pdf/table";
import { drawParagraph, drawText } from "@/lib/pdf/text";
import type { RenewalQuoteLine } from "@/db/schema";
import { quoteNumber } from "./quote-number";
import type { QuoteView } from "./quotes";

// SPEC B-4 ③ the reference renewal quote (参考更新価格), on the shared PDF module of the holdings PDF (B-3): the
// vendor and the customer, ライセンスID, 見積番号, 見積日 and 有効期限, one line per renewed product (更新後製品, 数量,
// the tier's unit price, amount), 小計, 消費税 10%, 合計, the validity note and the SPEC's disclaimer word for word.
// Drawn from the recorded quote only (lib/renewal/quotes.ts), so that opening it again shows what was shown.
const { left, right, contentWidth, top, bottom } = pageLayout;
const ROW = 18;

type Labels = ReturnType<typeof translator<"renewal">>;

/** An amount in yen as the locale writes it: 「1,069,200円」, "¥1,069,200". */
export function formatYen(amount: number, t: Labels): string {
  return t("yen", { amount });
}

function columns(t: Labels, number: (value: number) => string): TableColumn<RenewalQuoteLine>[] {
  return [
    { header: t("pdf.no"), width: 24, value: (_, index) => String(index + 1) },
    { header: t("pdf.currentProduct"), width: 112, wrap: true, value: (line) => line.productName },
    { header: t("pdf.successorProduct"), width: 175, wrap: true, value: (line) => line.successorName },
    { header: t("quantity"), width: 40, align: "right", value: (line) => number(line.quantity) },
    { header: t("unitPrice"), width: 76, align: "right", value: (line) => formatYen(line.unitPriceYen, t) },
    { header: t("amount"), width: 88, align: "right", value: (line) => formatYen(line.amountYen, t) },
  ];
}

function customerLines(quote: QuoteView, t: Labels): [string, string] {
  const c = quote.customer;
  return [
    [c.companyName, c.branchName, t("pdf.companySuffix")].filter(Boolean).join(" "),
    [c.department, c.personName, t("pdf.personSuffix")].filter(Boolean).join(" "),
  ];
}

/** The quote in the visitor's language (the catalogue's renewal namespace); the recorded names as stored. */
export async function renderQuotePdf(quote: QuoteView, locale: Locale): Promise<Uint8Array> {
  const site = siteConfig();
  const t = translator(locale, "renewal");
  const contact = siteContact(locale);
  const siteName = locale === "en" ? site.siteNameEn : site.siteName;
  const number = quoteNumber(quote.id);
  const quoteDate = formatDate(quote.quoteDate);
  const validUntil = formatDate(quote.validUntil);
  const header = t("pdf.details", { licenseId: String(quote.licenseId), date: quoteDate });
  const infoFields: Field[] = [
    [t("pdf.quoteNumber"), number],
    [t("licenseId"), String(quote.licenseId)],
    [t("pdf.quoteDate"), quoteDate],
    [t("pdf.validUntil"), validUntil],
  ];
  const totals: Field[] = [
    [t("pdf.subtotal"), formatYen(quote.subtotalYen, t)],
    [t("pdf.tax", { rate: String(quote.taxRatePercent) }), formatYen(quote.taxYen, t)],
    [t("pdf.total"), formatYen(quote.totalYen, t)],
  ];
  const vendor = [locale === "en" ? site.vendorNameEn : site.vendorName, t("pdf.vendorContact", { windowName: contact.windowName, phone: contact.phone })];
  const notes = [t("pdf.validityNote", { date: validUntil }), t("pdf.fixedNote"), t("pdf.disclaimer")];
  const notePrefix = t("pdf.notePrefix");
  const title = t("pdf.title");
  const grandTotal = t("pdf.grandTotal");
  const customer = customerLines(quote, t);
  const rows = columns(t, (value) => formatterOf(locale).number(value));
  const text = [
    siteName,
    header,
    title,
    grandTotal,
    ...customer,
    ...vendor,
    ...infoFields.flat(),
    ...totals.flat(),
    notePrefix,
    ...notes,
    ...rows.map((c) => c.header),
    ...quote.lines.flatMap((line, i) => rows.map((c) => c.value(line, i))),
    "0123456789/ ",
  ].join("");

  const pdf = await createPdfDocument({ text, title: `${title} ${number}`, producer: siteName, date: quote.createdAt });
  const { fonts } = pdf;
  const frame = createPageFrame(pdf, { title: siteName, details: header });
  const page = frame.addPage();
  drawText(page, title, { x: left + contentWidth / 2, y: top, font: fonts.bold, size: 18, align: "center" });

  // The customer on the left; the quote's number and dates, and the vendor, on the right.
  let y = top - 40;
  drawText(page, customer[0], { x: left, y, font: fonts.bold, size: 12, width: 290 });
  drawText(page, customer[1], { x: left, y: y - 20, font: fonts.regular, size: 10, width: 290 });
  page.drawLine({ start: { x: left, y: y - 26 }, end: { x: left + 290, y: y - 26 }, thickness: 0.75, color: pdfColors.ink });
  const infoX = right - 195;
  const below = drawFields(page, infoFields, {
    fonts,
    x: infoX,
    labelWidth: 70,
    valueX: right,
    valueWidth: 120,
    valueAlign: "right",
    y,
    size: 9,
    rowHeight: 15,
  });
  vendor.forEach((line, i) =>
    drawText(page, line, {
      x: right,
      y: below - 8 - i * 14,
      font: i === 0 ? fonts.bold : fonts.regular,
      size: i === 0 ? 11 : 8,
      align: "right",
      width: 195,
      color: i === 0 ? pdfColors.ink : pdfColors.muted,
    }),
  );

  // The total, set apart.
  y = below - 60;
  page.drawRectangle({ x: left, y: y - 8, width: 300, height: 26, color: pdfColors.headerFill, borderColor: pdfColors.rule, borderWidth: 0.75 });
  drawText(page, grandTotal, { x: left + 8, y, font: fonts.bold, size: 11 });
  drawText(page, formatYen(quote.totalYen, t), { x: left + 292, y, font: fonts.bold, size: 13, align: "right" });

  // One line per renewed product; more lines than a page holds continue on the next (the header row repeated).
  const nextPage = () => ({ page: frame.addPage(), y: top });
  let end = drawTable({
    columns: rows,
    rows: quote.lines,
    fonts,
    x: left,
    width: contentWidth,
    start: { page, y: y - 40 },
    nextPage,
    bottom,
    rowHeight: ROW,
    fontSize: 8.5,
  });

  // 小計, 消費税, 合計 under the amounts, then the notes; on a new page when they do not fit below the table.
  const needed = totals.length * 16 + 110;
  if (end.y - needed < bottom) end = nextPage();
  const totalsY = drawFields(end.page, totals, {
    fonts,
    x: right - 200,
    labelWidth: 100,
    valueX: right - 2,
    valueWidth: 100,
    valueAlign: "right",
    y: end.y - 6,
    size: 10,
    rowHeight: 16,
  });
  end.page.drawLine({ start: { x: right - 200, y: totalsY + 11 }, end: { x: right, y: totalsY + 11 }, thickness: 0.75, color: pdfColors.ink });
  let noteY = totalsY - 14;
  for (const note of notes)
    noteY = drawParagraph(end.page, `${notePrefix}${note}`, { x: left, y: noteY, font: fonts.regular, size: 9, width: contentWidth, color: pdfColors.ink });

  frame.numberPages();
  return pdf.save();
}
