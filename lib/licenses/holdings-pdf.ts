import "server-only";
import type { PDFFont } from "pdf-lib";
import { siteConfig } from "@/lib/config/site";
import { formatDate } from "@/lib/dates";
import { formatterOf, translator, type Locale } from "@/lib/i18n";
import { createPdfDocument } from "@/lib/pdf/document";
import { drawFields, type Field } from "@/lib/pdf/fields";
import { createPageFrame, pageLayout } from "@/lib/pdf/page-frame";
import { pdfColors } from "@/lib/pdf/style";
import { drawTable, TABLE_CELL_PADDING, tableRowsPerPage, type TableColumn } from "@/lib/pdf/table";
import { drawText, MIN_FIT_SIZE } from "@/lib/pdf/text";
import { CODE_GROUPS } from "./activation-code";
import type { ContactInfo, ContractDetail, ContractLine } from "./queries";

// SPEC B-3 保有情報をPDF出力する: page 1 = 契約者情報 and サポート窓口情報, pages 2.. = 保有製品情報 over as many pages
// as the lines need; on every page a header (site name, ライセンスID, output date) and the page number.
const ROW = 17;
const { left, right, contentWidth, top, bottom } = pageLayout;
/** Baseline of the 保有製品情報 header row, below the section title. */
const TABLE_Y = top - 28;

type Labels = ReturnType<typeof translator<"licenses">>;

// The activation code column is as wide as the widest code there can be (every letter a W) at the smallest size
// fitText shrinks to, so that no code is ever cut: a customer copies it from this page. Noto Sans JP is proportional;
// an average code needs about 183 pt at 8 pt, and one of many Ms and Ws did not fit the 155 pt this column once had.
// The product column takes what is left of the content width (515 pt) and wraps onto two lines.
const WIDEST_CODE = ["WW", ...CODE_GROUPS.map((size) => "W".repeat(size))].join("-");
const FIXED_WIDTHS = { no: 22, quantity: 34, period: 104, supportEndDate: 54 };

function holdingsColumns(t: Labels, font: PDFFont, number: (value: number) => string): TableColumn<ContractLine>[] {
  const code = Math.ceil(font.widthOfTextAtSize(WIDEST_CODE, MIN_FIT_SIZE)) + 2 * TABLE_CELL_PADDING;
  const product = contentWidth - code - Object.values(FIXED_WIDTHS).reduce((a, b) => a + b, 0);
  return [
    { header: t("pdfNo"), width: FIXED_WIDTHS.no, value: (_, index) => String(index + 1) },
    { header: t("product"), width: product, wrap: true, value: (line) => line.productName },
    { header: t("quantity"), width: FIXED_WIDTHS.quantity, value: (line) => number(line.quantity) },
    {
      header: t("period"),
      width: FIXED_WIDTHS.period,
      value: (line) => t("periodRange", { start: formatDate(line.startDate), end: formatDate(line.endDate) }),
    },
    { header: t("supportEndDate"), width: FIXED_WIDTHS.supportEndDate, value: (line) => formatDate(line.supportEndDate) },
    { header: t("activationCode"), width: code, value: (line) => line.activationCode ?? "—" },
  ];
}

function contactRows(contact: ContactInfo, t: Labels): Field[] {
  return [
    [t("companyName"), contact.companyName],
    [t("branchName"), contact.branchName ?? "—"],
    [t("department"), contact.department ?? "—"],
    [t("personName"), contact.personName],
    [t("postalCode"), contact.postalCode ? t("postalCodeValue", { code: contact.postalCode }) : "—"],
    [t("prefecture"), contact.prefecture ?? "—"],
    [t("address"), contact.address ?? "—"],
    [t("phone"), contact.phone ?? "—"],
    [t("email"), contact.email],
  ];
}

export function holdingsRowsPerPage(): number {
  return tableRowsPerPage(TABLE_Y, bottom, ROW);
}

/** Every character the document will contain, so that the font subset has each glyph. */
function documentText(contract: ContractDetail, t: Labels, siteName: string, details: string, number: (value: number) => string): string {
  const parts = [
    siteName,
    t("pdfTitle"),
    t("outputDate"),
    t("pdfPage"),
    t("licenseId"),
    t("product"),
    t("status"),
    t("period"),
    t("supportEndDate"),
    t("contractContact"),
    t("supportContact"),
    t("holdings"),
    t("quantity"),
    t("activationCode"),
    details,
    t("pdfNo"),
    t("statusLabel.active"),
    t("statusLabel.expired"),
  ];
  // The W the code column is measured with (holdingsColumns), so its width is known even when no code has one.
  parts.push(WIDEST_CODE);
  parts.push(
    String(contract.licenseId),
    contract.productName,
    t("periodRange", { start: formatDate(contract.startDate), end: formatDate(contract.endDate) }),
    formatDate(contract.supportEndDate),
  );
  for (const c of [contract.contractContact, contract.supportContact]) for (const [label, value] of contactRows(c, t)) parts.push(label, value);
  for (const line of contract.lines)
    parts.push(
      line.productName,
      number(line.quantity),
      t("periodRange", { start: formatDate(line.startDate), end: formatDate(line.endDate) }),
      formatDate(line.supportEndDate),
      line.activationCode ?? "—",
    );
  return parts.join("");
}

/**
 * The PDF in the visitor's language: every label, the header and the punctuation from the catalogue (messages/*
 * /licenses.ts), so the English one has English labels and half-width colons; the contract's own data is as stored.
 * Dates are YYYY/MM/DD in both languages (lib/dates.ts).
 */
export async function renderHoldingsPdf(contract: ContractDetail, locale: Locale, outputAt: Date): Promise<Uint8Array> {
  const site = siteConfig();
  const siteName = locale === "en" ? site.siteNameEn : site.siteName;
  const t = translator(locale, "licenses");
  const number = (value: number) => formatterOf(locale).number(value);
  const details = t("pdfDetails", { licenseId: String(contract.licenseId), date: formatDate(outputAt) });
  // One weight only (no `bold`): a second subset font would double the size (the 100 KB budget of the issue);
  // headings are set apart by size and colour.
  const pdf = await createPdfDocument({
    text: documentText(contract, t, siteName, details, number),
    title: `${t("pdfTitle")} ${t("licenseId")} ${contract.licenseId}`,
    producer: siteName,
    date: outputAt,
  });
  const { fonts } = pdf;
  const frame = createPageFrame(pdf, { title: siteName, details });

  // Page 1: the contract, 契約者情報 and サポート窓口情報.
  const first = frame.addPage();
  drawText(first, t("pdfTitle"), { x: left, y: top, font: fonts.bold, size: 16 });
  const summary: Field[] = [
    [t("licenseId"), String(contract.licenseId)],
    [t("product"), contract.productName],
    [t("status"), t(`statusLabel.${contract.status}`)],
    [t("period"), t("periodRange", { start: formatDate(contract.startDate), end: formatDate(contract.endDate) })],
    [t("supportEndDate"), formatDate(contract.supportEndDate)],
  ];
  const values = { fonts, valueX: left + 115, valueWidth: contentWidth - 115 };
  let y = drawFields(first, summary, { ...values, x: left, labelWidth: 110, y: top - 28 });
  for (const [title, contact] of [
    [t("contractContact"), contract.contractContact],
    [t("supportContact"), contract.supportContact],
  ] as const) {
    y -= 14;
    drawText(first, title, { x: left, y, font: fonts.bold, size: 12 });
    y -= 6;
    first.drawLine({ start: { x: left, y }, end: { x: right, y }, thickness: 0.75, color: pdfColors.rule });
    y = drawFields(first, contactRows(contact, t), { ...values, x: left + 4, labelWidth: 100, y: y - ROW });
  }

  // Pages 2..: 保有製品情報, as many pages as the lines need, each under the section title.
  const tablePage = () => {
    const page = frame.addPage();
    drawText(page, t("holdings"), { x: left, y: top, font: fonts.bold, size: 14 });
    return { page, y: TABLE_Y };
  };
  drawTable({
    columns: holdingsColumns(t, fonts.regular, number),
    rows: contract.lines,
    fonts,
    x: left,
    width: contentWidth,
    start: tablePage(),
    nextPage: tablePage,
    bottom,
    rowHeight: ROW,
  });

  frame.numberPages();
  return pdf.save();
}
