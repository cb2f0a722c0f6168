import "server-only";
import { isUtf8 } from "node:buffer";

// B-6: an incremental RFC 4180 reader for the national corporate-number files (millions of rows): it takes byte
// chunks, never the whole file, and yields the complete records of each chunk. Strict on purpose — a file that is
// not what the publisher writes is refused with its line number rather than half understood.

export type CsvRecord = { fields: string[]; line: number };

/** A malformed file: `line` is the physical line (1-based) where the offending record or byte is. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "CsvSyntaxError";
  }
}

export type CsvReadOptions = {
  /** A record longer than this (characters) is refused: it is an unterminated quote, and it would fill memory. */
  maxRecordChars?: number;
};

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const DEFAULT_MAX_RECORD_CHARS = 1 << 20;

/** Reads records from byte chunks (a file stream, an inflated zip entry); one array of records per chunk. */
export async function* readCsvRecords(source: AsyncIterable<Uint8Array>, options: CsvReadOptions = {}): AsyncGenerator<CsvRecord[]> {
  const maxRecordChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  const decoder = new Utf8ChunkDecoder();
  // `rest` is the unfinished record at the end of what has been read so far; it starts on line `restLine`.
  let rest = "";
  let restLine = 1;
  let first = true;
  const lineAtRestEnd = () => restLine + countLineFeeds(rest, 0, rest.length);

  for await (const chunk of source) {
    let text = decoder.decode(chunk, lineAtRestEnd);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    checkNoNul(text, lineAtRestEnd);
    const parsed = parseRecords(rest + text, restLine, false);
    rest = parsed.rest;
    restLine = parsed.restLine;
    if (rest.length > maxRecordChars) {
      throw new CsvSyntaxError(`a record longer than ${maxRecordChars} characters starts here (an unterminated quote?)`, restLine);
    }
    if (parsed.records.length > 0) yield parsed.records;
  }
  decoder.end(lineAtRestEnd);
  const parsed = parseRecords(rest, restLine, true);
  if (parsed.records.length > 0) yield parsed.records;
}

function countLineFeeds(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf("\n", from); at !== -1 && at < to; at = text.indexOf("\n", at + 1)) count++;
  return count;
}

function checkNoNul(text: string, lineAtStart: () => number) {
  const at = text.indexOf("\0");
  // PostgreSQL text cannot hold U+0000; the publisher's files never contain it.
  if (at !== -1) throw new CsvSyntaxError("a NUL character (U+0000)", lineAtStart() + countLineFeeds(text, 0, at));
}

type Parsed = { records: CsvRecord[]; rest: string; restLine: number };

/**
 * Parses the complete records of `text` (which starts at a record boundary on `line`). Unless `final`, a record
 * that may continue in the next chunk is left in `rest`, to be parsed again with the next chunk prepended.
 */
function parseRecords(text: string, line: number, final: boolean): Parsed {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let currentLine = line;

  records: while (i < n) {
    const recordStart = i;
    const recordLine = currentLine;
    const fields: string[] = [];
    // Line feeds inside quoted fields of this record (unquoted fields end at one).
    let innerLineFeeds = 0;
    // Where the last quoted field opened, and whether it ran over a line end (for the message of a stray quote).
    let quoteAt = -1;
    let quotedLines = false;

    for (;;) {
      if (i >= n) {
        // Only after a comma: the last field is empty.
        if (!final) return { records, rest: text.slice(recordStart), restLine: recordLine };
        fields.push("");
        records.push({ fields, line: recordLine });
        break records;
      }
      if (text.charCodeAt(i) === QUOTE) {
        quoteAt = i;
        let value = "";
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q === -1) {
            if (!final) return { records, rest: text.slice(recordStart), restLine: recordLine };
            const quoteLine = recordLine + countLineFeeds(text, recordStart, quoteAt);
            throw new CsvSyntaxError(`unterminated quoted field (the quote opens on line ${quoteLine})`, quoteLine);
          }
          if (q + 1 >= n && !final) return { records, rest: text.slice(recordStart), restLine: recordLine };
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          i = q + 1;
          break;
        }
        quotedLines = value.indexOf("\n") !== -1;
        if (quotedLines) innerLineFeeds += countLineFeeds(value, 0, value.length);
        fields.push(value);
      } else {
        let j = i;
        for (; j < n; j++) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE)
            throw new CsvSyntaxError(
              "a double quote inside an unquoted field (quote the field and double the quote)",
              recordLine + countLineFeeds(text, recordStart, j),
            );
        }
        if (j >= n && !final) return { records, rest: text.slice(recordStart), restLine: recordLine };
        fields.push(text.slice(i, j));
        i = j;
      }

      if (i >= n) {
        records.push({ fields, line: recordLine });
        break records;
      }
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      if (c === CR) {
        if (i + 1 >= n) {
          if (!final) return { records, rest: text.slice(recordStart), restLine: recordLine };
          i++;
        } else if (text.charCodeAt(i + 1) === LF) {
          i += 2;
        } else {
          throw new CsvSyntaxError("a carriage return that does not end the line (CR without LF)", recordLine + countLineFeeds(text, recordStart, i));
        }
      } else if (c === LF) {
        i++;
      } else if (quotedLines && quoteAt >= recordStart) {
        // A quote that never closed swallows the line end and closes at the next field's opening quote.
        const quoteLine = recordLine + countLineFeeds(text, recordStart, quoteAt);
        throw new CsvSyntaxError(
          `unterminated quoted field (the quote opens on line ${quoteLine} and runs on into line ${recordLine + countLineFeeds(text, recordStart, i)})`,
          quoteLine,
        );
      } else {
        throw new CsvSyntaxError("text after a closing quote (expected a comma or the end of the line)", recordLine + countLineFeeds(text, recordStart, i));
      }
      records.push({ fields, line: recordLine });
      currentLine = recordLine + innerLineFeeds + 1;
      continue records;
    }
  }
  return { records, rest: "", restLine: currentLine };
}

/**
 * UTF-8 bytes → text, chunk by chunk: a character split between two chunks waits for the next one, and an invalid
 * sequence is refused with its line (TextDecoder's fatal mode would say neither where nor which line).
 */
class Utf8ChunkDecoder {
  private carry: Buffer | undefined;
  // Already validated by isUtf8; TextDecoder is faster than Buffer#toString for mostly Japanese text.
  private readonly decoder = new TextDecoder("utf-8", { ignoreBOM: true });

  decode(chunk: Uint8Array, lineAtStart: () => number): string {
    let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let head = "";
    if (this.carry) {
      // Complete the character split at the previous chunk's end without copying the whole chunk.
      const missing = sequenceLength(this.carry[0]!) - this.carry.length;
      if (bytes.length < missing) {
        this.carry = Buffer.concat([this.carry, bytes]);
        return "";
      }
      const joined = Buffer.concat([this.carry, bytes.subarray(0, missing)]);
      this.carry = undefined;
      if (!isUtf8(joined))
        throw new CsvSyntaxError(
          `invalid UTF-8 (byte 0x${joined[0]!.toString(16).padStart(2, "0")}); the file must be the Unicode (UTF-8) edition`,
          lineAtStart(),
        );
      head = this.decoder.decode(joined);
      bytes = bytes.subarray(missing);
    }
    const end = completeLength(bytes);
    this.carry = end < bytes.length ? Buffer.from(bytes.subarray(end)) : undefined;
    const body = bytes.subarray(0, end);
    if (!isUtf8(body)) {
      const at = firstInvalidUtf8(body);
      throw new CsvSyntaxError(
        `invalid UTF-8 (byte 0x${body[at]!.toString(16).padStart(2, "0")}); the file must be the Unicode (UTF-8) edition`,
        lineAtStart() + countByte(body, LF, at),
      );
    }
    return head + this.decoder.decode(body);
  }

  end(lineAtEnd: () => number) {
    if (this.carry) throw new CsvSyntaxError("invalid UTF-8 (the file ends inside a character)", lineAtEnd());
  }
}

/** Bytes of the UTF-8 sequence that `lead` starts (4 for an invalid lead: the check refuses it then). */
function sequenceLength(lead: number): number {
  return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
}

/** Length of `bytes` without a trailing, possibly incomplete multi-byte sequence. */
function completeLength(bytes: Buffer): number {
  const n = bytes.length;
  let lead = n - 1;
  while (lead >= 0 && n - lead <= 3 && (bytes[lead]! & 0xc0) === 0x80) lead--;
  if (lead < 0) return n;
  return sequenceLength(bytes[lead]!) > n - lead ? lead : n;
}

function countByte(bytes: Buffer, byte: number, to: number): number {
  let count = 0;
  for (let at = bytes.indexOf(byte); at !== -1 && at < to; at = bytes.indexOf(byte, at + 1)) count++;
  return count;
}

/** Offset of the first byte that does not start a valid UTF-8 sequence (only called once isUtf8 said no). */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}
