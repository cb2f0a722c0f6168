import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PNG } from "pngjs";
import { createCanvas } from "@napi-rs/canvas";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

// Real PDF checks, by rendering (STACK.md): pdf.js — the engine of Firefox's viewer, and the stricter reader of CID
// fonts — renders pages through @napi-rs/canvas (a binary shipped in its npm package), so the checks run wherever
// npm does. Text comes from pdftotext (poppler-utils, installed by .ci/run) where it is installed, else from pdf.js.

async function open(pdf: Uint8Array) {
  return getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
}

export async function pdfPageCount(pdf: Uint8Array): Promise<number> {
  const doc = await open(pdf);
  try {
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

let popplerAvailable: boolean | undefined;
function hasPdftotext(): boolean {
  if (popplerAvailable === undefined) {
    try {
      execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
      popplerAvailable = true;
    } catch {
      popplerAvailable = false;
    }
  }
  return popplerAvailable;
}

/** Text of pages first..last (1-based, inclusive): each drawn string on its own line, in drawing order. */
export async function pdfText(pdf: Uint8Array, first = 1, last?: number): Promise<string> {
  if (hasPdftotext()) {
    return execFileSync("pdftotext", ["-raw", "-f", String(first), ...(last ? ["-l", String(last)] : []), "-", "-"], {
      input: Buffer.from(pdf),
      encoding: "utf8",
      stdio: ["pipe", "pipe", "ignore"],
    });
  }
  const doc = await open(pdf);
  try {
    const pages: string[] = [];
    for (let n = first; n <= (last ?? doc.numPages); n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(
        content.items
          .map((item) => ("str" in item ? item.str : ""))
          .filter((s) => s.trim())
          .join("\n"),
      );
    }
    return pages.join("\n\f");
  } finally {
    await doc.destroy();
  }
}

/**
 * Page `page` rendered to PNG at `dpi` on a white background. `mask` whites out every drawn string it matches (the
 * string's box, a little enlarged): what changes from day to day (dates, numbers), so that a served document can be
 * compared with a kept baseline on any day.
 */
export async function renderPagePng(pdf: Uint8Array, page: number, dpi = 60, mask?: RegExp): Promise<Buffer> {
  const doc = await open(pdf);
  try {
    const p = await doc.getPage(page);
    const viewport = p.getViewport({ scale: dpi / 72 });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    await p.render({ canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise;
    if (mask) {
      const content = await p.getTextContent();
      context.fillStyle = "#ffffff";
      for (const item of content.items) {
        if (!("str" in item) || !mask.test(item.str)) continue;
        const [x, y] = [item.transform[4] as number, item.transform[5] as number];
        const [x1, y1, x2, y2] = viewport.convertToViewportRectangle([x, y - item.height * 0.3, x + item.width, y + item.height]) as number[];
        context.fillRect(Math.min(x1!, x2!) - 2, Math.min(y1!, y2!) - 2, Math.abs(x2! - x1!) + 4, Math.abs(y2! - y1!) + 4);
      }
    }
    return canvas.encode("png");
  } finally {
    await doc.destroy();
  }
}

/**
 * The share of pixels of `png` that differ visibly from the baseline file (written first when UPDATE_PDF_BASELINE=1).
 * Anti-aliasing may differ by a few pixels between builds; a layout change moves thousands (callers expect < 0.2 %).
 */
export function baselineDifference(png: Buffer, baselinePath: string): number {
  if (process.env.UPDATE_PDF_BASELINE === "1") {
    fs.mkdirSync(path.dirname(baselinePath), { recursive: true });
    fs.writeFileSync(baselinePath, png);
  }
  const actual = PNG.sync.read(png);
  const expected = PNG.sync.read(fs.readFileSync(baselinePath));
  if (actual.width !== expected.width || actual.height !== expected.height) return 1;
  let different = 0;
  for (let i = 0; i < actual.data.length; i += 4) {
    const delta =
      Math.abs(actual.data[i]! - expected.data[i]!) +
      Math.abs(actual.data[i + 1]! - expected.data[i + 1]!) +
      Math.abs(actual.data[i + 2]! - expected.data[i + 2]!);
    if (delta > 48) different++;
  }
  return different / (actual.width * actual.height);
}

/** What a reference renewal quote (B-4) prints that changes with the day and the database: dates and 見積番号. */
export const QUOTE_MASK = /\d{4}\/\d{2}\/\d{2}|RQ-\d+/;
