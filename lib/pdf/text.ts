import "server-only";
import type { Color, PDFFont, PDFPage } from "pdf-lib";
import { pdfColors } from "./style";

export type TextAlign = "left" | "right" | "center";

export type TextOptions = {
  /** The anchor: the left edge, the right edge (align "right") or the centre (align "center") of the text. */
  x: number;
  /** The baseline. */
  y: number;
  font: PDFFont;
  size: number;
  /** The room the text may take: longer text is shrunk, then cut (see fitText). */
  width?: number;
  align?: TextAlign;
  color?: Color;
};

/** The smallest size fitText shrinks to before it cuts. */
export const MIN_FIT_SIZE = 6.5;

/** `text` at `size`, or smaller in 0.5 pt steps, or cut with "…" at `minSize`: whichever first fits in `width`. */
export function fitText(text: string, font: PDFFont, size: number, width: number, minSize = MIN_FIT_SIZE): { text: string; size: number } {
  // Shrinking comes before cutting, so that long product names and codes stay whole when they can.
  for (let s = size; s >= minSize; s -= 0.5) if (font.widthOfTextAtSize(text, s) <= width) return { text, size: s };
  const characters = [...text];
  while (characters.length > 1 && font.widthOfTextAtSize(`${characters.join("")}…`, minSize) > width) characters.pop();
  return { text: `${characters.join("")}…`, size: minSize };
}

export function drawText(page: PDFPage, text: string, options: TextOptions): void {
  const { font, width, align = "left", color = pdfColors.ink } = options;
  const fitted = width ? fitText(text, font, options.size, width) : { text, size: options.size };
  let x = options.x;
  if (align !== "left") {
    const drawn = font.widthOfTextAtSize(fitted.text, fitted.size);
    x = align === "right" ? x - drawn : x - drawn / 2;
  }
  page.drawText(fitted.text, { x, y: options.y, font, size: fitted.size, color });
}

/**
 * `text` broken into lines no wider than `width` at `size`. Lines break between any two characters (Japanese has no
 * spaces to break at) and at "\n"; a space at a break is dropped. Nothing else is lost: joined, the lines are the text.
 */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [""];
  for (const ch of text) {
    const current = lines[lines.length - 1]!;
    if (ch === "\n") lines.push("");
    else if (current && font.widthOfTextAtSize(current + ch, size) > width) lines.push(ch.trim() ? ch : "");
    else lines[lines.length - 1] = current + ch;
  }
  return lines;
}

export type ParagraphOptions = Omit<TextOptions, "width" | "align"> & {
  width: number;
  /** Baseline to baseline; 1.5 × size unless given. */
  leading?: number;
};

/** Every line of the wrapped text, downwards from the baseline `y`; returns the baseline of the line after the last. */
export function drawParagraph(page: PDFPage, text: string, options: ParagraphOptions): number {
  const { font, size, width, leading = size * 1.5, color = pdfColors.ink } = options;
  let y = options.y;
  for (const line of wrapText(text, font, size, width)) {
    if (line) page.drawText(line, { x: options.x, y, font, size, color });
    y -= leading;
  }
  return y;
}
