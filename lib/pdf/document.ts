import "server-only";
import { deflateSync } from "node:zlib";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, PDFName, PDFRawStream, type PDFFont, type PDFPage } from "pdf-lib";
import { subsetJapaneseFont } from "./japanese-font";

export const A4: [width: number, height: number] = [595.28, 841.89];

export type PdfFonts = { regular: PDFFont; bold: PDFFont };

export type PdfDocument = {
  doc: PDFDocument;
  fonts: PdfFonts;
  /** A blank A4 page. */
  addPage(): PDFPage;
  /** Embeds the fonts and serialises the document: call it once, after the last drawing. */
  save(): Promise<Uint8Array>;
};

export type PdfDocumentOptions = {
  /** Every character the document will contain: the fonts hold these glyphs only. */
  text: string;
  /** Embed the Bold weight too. Without it `fonts.bold` is the regular font: a second subset font doubles the size. */
  bold?: boolean;
  title: string;
  /** Creator and producer of the document (the site name). */
  producer: string;
  /** Creation and modification date. */
  date: Date;
};

// pdf-lib takes the CFF path only when fontkit's `cff` is set, which this fontkit never does: without this it embedded
// the OpenType-CFF subset as a TrueType font (poppler warned, pdf.js drew wrong glyphs).
// It also remembers each string's layout: pdf-lib shapes a string with fontkit (GSUB lookups) every time it measures or
// draws it, and a table measures the same product names and dates row after row (shaping was 3/4 of the render time
// of a 120-line holdings PDF). The font object lives for one document, so the memo does too.
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
    if (object instanceof PDFRawStream && object.dict.get(PDFName.of("Subtype")) === PDFName.of("CIDFontType0C"))
      object.dict.set(PDFName.of("Subtype"), PDFName.of("OpenType"));
  }
}

/** A document with Noto Sans JP subset to `text` (STACK.md: PDF with Japanese text). */
export async function createPdfDocument(options: PdfDocumentOptions): Promise<PdfDocument> {
  const [regularBytes, boldBytes] = await Promise.all([
    subsetJapaneseFont(options.text, "Regular"),
    options.bold ? subsetJapaneseFont(options.text, "Bold") : undefined,
  ]);
  const doc = await PDFDocument.create();
  doc.registerFontkit(cffAwareFontkit);
  // pdf-lib deflates the embedded font file (tens of KB) with pako, in JavaScript; Node's zlib does the same natively.
  doc.context.flateStream = (contents, dict = {}) =>
    doc.context.stream(deflateSync(typeof contents === "string" ? Buffer.from(contents, "latin1") : contents), { ...dict, Filter: "FlateDecode" });
  // Pre-subset fonts embedded whole: pdf-lib's own subsetting breaks CJK glyphs (STACK.md).
  const regular = await doc.embedFont(regularBytes, { subset: false });
  const bold = boldBytes ? await doc.embedFont(boldBytes, { subset: false }) : regular;
  doc.setTitle(options.title);
  doc.setCreator(options.producer);
  doc.setProducer(options.producer);
  doc.setCreationDate(options.date);
  doc.setModificationDate(options.date);
  return {
    doc,
    fonts: { regular, bold },
    addPage: () => doc.addPage(A4),
    async save() {
      // Embed the fonts once, after the last glyph is drawn (drawing after a flush makes save() embed them again).
      await doc.flush();
      markOpenTypeFontFiles(doc);
      return doc.save({ useObjectStreams: true });
    },
  };
}
