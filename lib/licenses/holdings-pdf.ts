import "server-only";
import { siteConfig } from "@/lib/config/site";
import { formatDate } from "@/lib/dates";
import type { Messages } from "@/lib/i18n/ja";
import { createPdfDocument } from "@/lib/pdf/document";
import { drawFields, type Field } from "@/lib/pdf/fields";
import { createPageFrame, pageLayout } from "@/lib/pdf/page-frame";
import { pdfColors } from "@/lib/pdf/style";
import { drawTable, tableRowsPerPage, type TableColumn } from "@/lib/pdf/table";
import { drawText } from "@/lib/pdf/text";
import type { ContactInfo, ContractDetail, ContractLine } from "./queries";

// SPEC B-3 保有情報をPDF出力する: page 1 = 契約者情報 and サポート窓口情報, pages 2.. = 保有製品情報 over as many pages
// as the lines need; on every page a header (site name, ライセンスID, output date) and the page number.
const ROW = 17;
const { left, right, contentWidth, top, bottom } = pageLayout;
/** Baseline of the 保有製品情報 header row, below the section title. */
const TABLE_Y = top - 28;

type Labels = Messages["licenses"];

// The activation code column is wide enough for a whole code (PP-XXXX-XXXXX-… , 37 characters) at 7 pt; the six
// columns fill the content width (515 pt).
function holdingsColumns(t: Labels): TableColumn<ContractLine>[] {
  return [
    { header: "No.", width: 22, value: (_, index) => String(index + 1) },
    { header: t.product, width: 146, wrap: true, value: (line) => line.productName },
    { header: t.quantity, width: 34, value: (line) => line.quantity.toLocaleString("ja-JP") },
    { header: t.period, width: 104, value: (line) => `${formatDate(line.startDate)}〜${formatDate(line.endDate)}` },
    { header: t.supportEndDate, width: 54, value: (line) => formatDate(line.supportEndDate) },
    { header: t.activationCode, width: 155, value: (line) => line.activationCode ?? "—" },
  ];
}

function contactRows(contact: ContactInfo, t: Labels): Field[] {
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

export function holdingsRowsPerPage(): number {
  return tableRowsPerPage(TABLE_Y, bottom, ROW);
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
  // One weight only (no `bold`): a second subset font would double the size (the 100 KB budget of the issue);
  // headings are set apart by size and colour.
  const pdf = await createPdfDocument({ text: documentText(contract, t, site.siteName, outputDate), title: `${t.pdfTitle} ${t.licenseId} ${contract.licenseId}`, producer: site.siteName, date: outputAt });
  const { fonts } = pdf;
  const frame = createPageFrame(pdf, { title: site.siteName, details: `${t.licenseId}：${contract.licenseId}　${t.outputDate}：${outputDate}` });

  // Page 1: the contract, 契約者情報 and サポート窓口情報.
  const first = frame.addPage();
  drawText(first, t.pdfTitle, { x: left, y: top, font: fonts.bold, size: 16 });
  const summary: Field[] = [
    [t.licenseId, String(contract.licenseId)],
    [t.product, contract.productName],
    [t.status, t.statusLabel[contract.status]],
    [t.period, `${formatDate(contract.startDate)}〜${formatDate(contract.endDate)}`],
    [t.supportEndDate, formatDate(contract.supportEndDate)],
  ];
  const values = { fonts, valueX: left + 115, valueWidth: contentWidth - 115 };
  let y = drawFields(first, summary, { ...values, x: left, labelWidth: 110, y: top - 28 });
  for (const [title, contact] of [
    [t.contractContact, contract.contractContact],
    [t.supportContact, contract.supportContact],
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
    drawText(page, t.holdings, { x: left, y: top, font: fonts.bold, size: 14 });
    return { page, y: TABLE_Y };
  };
  drawTable({ columns: holdingsColumns(t), rows: contract.lines, fonts, x: left, width: contentWidth, start: tablePage(), nextPage: tablePage, bottom, rowHeight: ROW });

  frame.numberPages();
  return pdf.save();
}
