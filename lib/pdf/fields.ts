import "server-only";
import type { PDFPage } from "pdf-lib";
import type { PdfFonts } from "./document";
import { pdfColors } from "./style";
import { drawText } from "./text";

/** A label and its value, e.g. ["会社名", "テストユーザ株式会社"] or ["合計", "¥110,000"]. */
export type Field = readonly [label: string, value: string];

export type FieldListOptions = {
  fonts: PdfFonts;
  /** Left edge of the labels, and the room they may take. */
  x: number;
  labelWidth: number;
  /** The values' left edge, or their right edge with valueAlign "right" (amounts); and the room they may take. */
  valueX: number;
  valueWidth: number;
  valueAlign?: "left" | "right";
  /** Baseline of the first row. */
  y: number;
  size?: number;
  rowHeight?: number;
};

/** One row per field, label (bold, muted) then value; returns the baseline below the last row. */
export function drawFields(page: PDFPage, fields: readonly Field[], options: FieldListOptions): number {
  const { fonts, size = 10, rowHeight = 17 } = options;
  let y = options.y;
  for (const [label, value] of fields) {
    drawText(page, label, { x: options.x, y, font: fonts.bold, size, width: options.labelWidth, color: pdfColors.muted });
    drawText(page, value, { x: options.valueX, y, font: fonts.regular, size, width: options.valueWidth, align: options.valueAlign });
    y -= rowHeight;
  }
  return y;
}
