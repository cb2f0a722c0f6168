import { execFileSync } from "node:child_process";
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
    return execFileSync("pdftotext", ["-raw", "-f", String(first), ...(last ? ["-l", String(last)] : []), "-", "-"], { input: Buffer.from(pdf), encoding: "utf8", stdio: ["pipe", "pipe", "ignore"] });
  }
  const doc = await open(pdf);
  try {
    const pages: string[] = [];
    for (let n = first; n <= (last ?? doc.numPages); n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(content.items.map((item) => ("str" in item ? item.str : "")).filter((s) => s.trim()).join("\n"));
    }
    return pages.join("\n\f");
  } finally {
    await doc.destroy();
  }
}

/** Page `page` rendered to PNG at `dpi` on a white background. */
export async function renderPagePng(pdf: Uint8Array, page: number, dpi = 60): Promise<Buffer> {
  const doc = await open(pdf);
  try {
    const p = await doc.getPage(page);
    const viewport = p.getViewport({ scale: dpi / 72 });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    await p.render({ canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise;
    return canvas.encode("png");
  } finally {
    await doc.destroy();
  }
}
