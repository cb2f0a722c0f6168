import "server-only";
import type { PDFPage } from "pdf-lib";
import { A4, type PdfDocument } from "./document";
import { pdfColors } from "./style";
import { drawText } from "./text";

const MARGIN = 40;
const HEADER_Y = A4[1] - MARGIN;
const FOOTER_Y = 24;

/** Where content goes on a framed A4 page: between `top` (first baseline) and `bottom`, from `left` to `right`. */
export const pageLayout = {
  width: A4[0],
  height: A4[1],
  left: MARGIN,
  right: A4[0] - MARGIN,
  contentWidth: A4[0] - MARGIN * 2,
  top: HEADER_Y - 36,
  /** Above the page number. */
  bottom: FOOTER_Y + 20,
} as const;

export type PageHeader = {
  /** Left, in the brand colour: the site name. */
  title: string;
  /** Right: what the document is about and when it was made, e.g. "ライセンスID：100001　出力日：2026/11/24". */
  details: string;
};

export type PageFrame = {
  /** A new page with the header drawn. */
  addPage(): PDFPage;
  readonly pages: readonly PDFPage[];
  /** "n / N" at the foot of every page: call it once, after the last page is added. */
  numberPages(): void;
};

/** Pages that all carry the same header and, at the end, their page numbers. */
export function createPageFrame(pdf: PdfDocument, header: PageHeader): PageFrame {
  const { regular, bold } = pdf.fonts;
  const pages: PDFPage[] = [];
  return {
    pages,
    addPage() {
      const page = pdf.addPage();
      pages.push(page);
      drawText(page, header.title, { x: pageLayout.left, y: HEADER_Y, font: bold, size: 10, color: pdfColors.brand });
      drawText(page, header.details, { x: pageLayout.right, y: HEADER_Y, font: regular, size: 9, align: "right", color: pdfColors.muted });
      page.drawLine({ start: { x: pageLayout.left, y: HEADER_Y - 8 }, end: { x: pageLayout.right, y: HEADER_Y - 8 }, thickness: 1.5, color: pdfColors.brand });
      return page;
    },
    numberPages() {
      pages.forEach((page, index) => {
        drawText(page, `${index + 1} / ${pages.length}`, {
          x: pageLayout.width / 2,
          y: FOOTER_Y,
          font: regular,
          size: 9,
          align: "center",
          color: pdfColors.muted,
        });
      });
    },
  };
}
