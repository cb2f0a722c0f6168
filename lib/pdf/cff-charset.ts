import "server-only";

// Noto Sans JP's CFF is CID-keyed, and a subset keeps each glyph's original Adobe-Japan1 CID in its charset. pdf-lib
// writes glyph IDs as the CIDs of the text and of the width table, so readers that map CIDs through the charset as the
// PDF spec says (pdf.js, Firefox's viewer) drew the wrong glyphs. Rewriting the charset in place to one identity range
// (CID n = GID n) makes the font say what pdf-lib writes. A format-2 charset of one range takes 5 bytes, never more
// than the charset it replaces.

type Table = { offset: number; length: number };

function tables(font: Buffer): Record<string, Table> {
  const result: Record<string, Table> = {};
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const record = 12 + i * 16;
    result[font.toString("latin1", record, record + 4)] = { offset: font.readUInt32BE(record + 8), length: font.readUInt32BE(record + 12) };
  }
  return result;
}

function readIndex(font: Buffer, at: number): { items: [number, number][]; end: number } {
  const count = font.readUInt16BE(at);
  if (count === 0) return { items: [], end: at + 2 };
  const offSize = font[at + 2]!;
  const offsets: number[] = [];
  for (let i = 0; i <= count; i++) {
    let value = 0;
    for (let b = 0; b < offSize; b++) value = value * 256 + font[at + 3 + i * offSize + b]!;
    offsets.push(value);
  }
  const dataStart = at + 3 + (count + 1) * offSize - 1;
  return { items: offsets.slice(0, -1).map((o, i) => [dataStart + o, dataStart + offsets[i + 1]!]), end: dataStart + offsets[count]! };
}

/** Operators of a CFF DICT with their integer operands (reals are skipped: none of the ones read here is real). */
function readDict(font: Buffer, start: number, end: number): Map<number, number[]> {
  const ops = new Map<number, number[]>();
  let operands: number[] = [];
  let p = start;
  while (p < end) {
    const b0 = font[p]!;
    if (b0 <= 21) {
      const op = b0 === 12 ? 1200 + font[p + 1]! : b0;
      p += b0 === 12 ? 2 : 1;
      ops.set(op, operands);
      operands = [];
    } else if (b0 === 28) {
      operands.push(font.readInt16BE(p + 1));
      p += 3;
    } else if (b0 === 29) {
      operands.push(font.readInt32BE(p + 1));
      p += 5;
    } else if (b0 === 30) {
      p++;
      for (;;) {
        const nibbles = font[p++]!;
        if ((nibbles & 0x0f) === 0x0f || nibbles >> 4 === 0x0f) break;
      }
      operands.push(0);
    } else if (b0 >= 32 && b0 <= 246) {
      operands.push(b0 - 139);
      p++;
    } else if (b0 >= 247 && b0 <= 250) {
      operands.push((b0 - 247) * 256 + font[p + 1]! + 108);
      p += 2;
    } else if (b0 >= 251 && b0 <= 254) {
      operands.push(-(b0 - 251) * 256 - font[p + 1]! - 108);
      p += 2;
    } else {
      throw new Error(`Unexpected CFF DICT byte ${b0}`);
    }
  }
  return ops;
}

/** Returns a copy of an OpenType-CFF font whose CID-keyed charset maps every glyph to the CID equal to its GID. */
export function withIdentityCidCharset(input: Uint8Array): Buffer {
  const font = Buffer.from(input);
  const t = tables(font);
  const cff = t["CFF "];
  const maxp = t.maxp;
  if (!cff || !maxp) return font;
  const numGlyphs = font.readUInt16BE(maxp.offset + 4);
  const names = readIndex(font, cff.offset + font[cff.offset + 2]!);
  const top = readIndex(font, names.end).items[0];
  if (!top) throw new Error("CFF without a Top DICT");
  const dict = readDict(font, top[0], top[1]);
  // Only CID-keyed fonts (ROS, 12 30) have CIDs to fix; a name-keyed CFF is read by glyph index already.
  if (!dict.has(1230)) return font;
  const charset = dict.get(15)?.[0];
  if (!charset || numGlyphs < 2) throw new Error("CID-keyed CFF without a charset");
  const at = cff.offset + charset;
  font[at] = 2;
  font.writeUInt16BE(1, at + 1);
  font.writeUInt16BE(numGlyphs - 2, at + 3);
  return font;
}
