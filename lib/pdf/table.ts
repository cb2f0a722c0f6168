import "server-only";
import type { PDFFont, PDFPage } from "pdf-lib";
import type { PdfFonts } from "./document";
import { pdfColors } from "./style";
import { drawText, wrapText } from "./text";

export type TableColumn<Row> = {
  header: string;
  width: number;
  /** "right" for amounts and counts: the value ends at the column's right edge (less the padding). */
  align?: "left" | "right";
  /** Wrap onto two lines within the row rather than cut (left-aligned): for values that must stay whole, such as product names. */
  wrap?: boolean;
  /** The cell's text; `index` counts rows over the whole table, from 0. */
  value: (row: Row, index: number) => string;
};

/** Where the table goes on a page: the baseline of its header row, or after drawTable the baseline below its last row. */
export type TablePosition = { page: PDFPage; y: number };

export type TableOptions<Row> = {
  columns: readonly TableColumn<Row>[];
  rows: readonly Row[];
  fonts: PdfFonts;
  /** Left edge, and the width that the header fill and the row rules span. */
  x: number;
  width: number;
  /** Where the header row goes on the first page. */
  start: TablePosition;
  /** A new page for the rows that do not fit (the header row is repeated on it). */
  nextPage: () => TablePosition;
  /** The lowest y of the table: the last row's baseline stays a row height above it. */
  bottom: number;
  rowHeight?: number;
  fontSize?: number;
};

const ROW_HEIGHT = 17;
/** Left and right of a cell's text. */
export const TABLE_CELL_PADDING = 2;
const PADDING = TABLE_CELL_PADDING;
/** From a row's baseline down to its rule (and to the bottom of the header fill). */
const DESCENT = 5;

/** How many rows fit below a header row at `headerY`. */
export function tableRowsPerPage(headerY: number, bottom: number, rowHeight = ROW_HEIGHT): number {
  return Math.floor((headerY - rowHeight - bottom) / rowHeight);
}

/** Whole text in one row: one line (shrunk to fit) when it fits at one size smaller, else two lines of that size. */
function drawWrappedCell(page: PDFPage, text: string, x: number, y: number, font: PDFFont, size: number, width: number) {
  const lineSize = size - 1;
  if (font.widthOfTextAtSize(text, lineSize) <= width) return drawText(page, text, { x, y, font, size, width });
  const [first = "", ...rest] = wrapText(text, font, lineSize, width);
  // A third line would not fit the row: what is left goes on the second, shrunk or cut like any other cell.
  drawText(page, first, { x, y: y + size / 2, font, size: lineSize, width });
  drawText(page, rest.join(""), { x, y: y - size / 2, font, size: lineSize, width });
}

/**
 * Draws a header row and as many rows as fit, then continues on `nextPage()` until every row is drawn. An empty table
 * is its header row alone. Returns where the table ended: the next row's baseline on the last page.
 */
export function drawTable<Row>(options: TableOptions<Row>): TablePosition {
  const { columns, rows, fonts, x, width, bottom, rowHeight = ROW_HEIGHT, fontSize = 8 } = options;
  const lefts = columns.map((_, i) => columns.slice(0, i).reduce((sum, column) => sum + column.width, x));
  const fits = (position: TablePosition) => tableRowsPerPage(position.y, bottom, rowHeight);
  let position = options.start;
  // No header row alone at the foot of a page.
  if (rows.length > 0 && fits(position) < 1) position = options.nextPage();
  let index = 0;
  for (;;) {
    const { page } = position;
    const count = Math.min(fits(position), rows.length - index);
    if (rows.length > 0 && count < 1) throw new Error("drawTable: a new page has no room for a row");
    let y = position.y;
    page.drawRectangle({ x, y: y - DESCENT, width, height: rowHeight, color: pdfColors.headerFill });
    columns.forEach((column, i) => drawCell(page, column.header, lefts[i]!, column, y, fonts.bold, fontSize, false));
    y -= rowHeight;
    for (const row of rows.slice(index, index + count)) {
      columns.forEach((column, i) => drawCell(page, column.value(row, index), lefts[i]!, column, y, fonts.regular, fontSize, column.wrap));
      page.drawLine({ start: { x, y: y - DESCENT }, end: { x: x + width, y: y - DESCENT }, thickness: 0.5, color: pdfColors.rule });
      y -= rowHeight;
      index++;
    }
    if (index >= rows.length) return { page, y };
    position = options.nextPage();
  }
}

function drawCell<Row>(page: PDFPage, text: string, left: number, column: TableColumn<Row>, y: number, font: PDFFont, size: number, wrap = false) {
  const width = column.width - PADDING * 2;
  if (wrap) return drawWrappedCell(page, text, left + PADDING, y, font, size, width);
  if (column.align === "right") return drawText(page, text, { x: left + column.width - PADDING, y, font, size, width, align: "right" });
  drawText(page, text, { x: left + PADDING, y, font, size, width });
}
