import "server-only";
import { isUtf8 } from "node:buffer";
import { contractJsonSchema, normaliseJson } from "./format";
import { addIssues, checkPrefix, productOf, type ReadContext } from "./faults";

// The JSON Lines format (format.ts): one contract with its lines per line of the file.

/** A JSON line longer than this (bytes) is refused: a contract of MAX_LINES_PER_CONTRACT lines fits. */
const MAX_JSON_LINE_BYTES = 16 << 20;

type JsonLine = { line: number; text: string } | { line: number; fault: "encoding" | "lineTooLong" };

/**
 * JSON Lines as byte lines: a line feed (0x0A) never occurs inside a UTF-8 sequence, so each line is decoded whole
 * and a bad byte is named with its line. A trailing CR is dropped (CRLF files).
 */
async function* readJsonLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<JsonLine[]> {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  let carry: Buffer | null = null;
  let line = 1;
  let first = true;
  const decode = (bytes: Buffer, at: number): JsonLine => {
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === 0x0d) end--;
    const body = bytes.subarray(0, end);
    return isUtf8(body) ? { line: at, text: decoder.decode(body) } : { line: at, fault: "encoding" };
  };
  for await (const chunk of chunks) {
    let bytes: Buffer = carry ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (first && bytes.length >= 3) {
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      first = false;
    }
    const out: JsonLine[] = [];
    let start = 0;
    for (let lf = bytes.indexOf(0x0a, start); lf !== -1; lf = bytes.indexOf(0x0a, start)) {
      out.push(decode(bytes.subarray(start, lf), line++));
      start = lf + 1;
    }
    // A copy: the rest must not keep the whole chunk alive.
    carry = start < bytes.length ? Buffer.from(bytes.subarray(start)) : null;
    if (carry && carry.length > MAX_JSON_LINE_BYTES) {
      out.push({ line, fault: "lineTooLong" });
      yield out;
      return;
    }
    if (out.length > 0) yield out;
  }
  if (carry) yield [decode(carry, line)];
}

export async function readJson(chunks: AsyncIterable<Uint8Array>, { catalog, stage, faults, counts, progress }: ReadContext) {
  for await (const lines of readJsonLines(chunks)) {
    for (const item of lines) {
      if ("fault" in item) {
        faults.add({ line: item.line, code: item.fault, params: { max: MAX_JSON_LINE_BYTES } });
        if (item.fault === "lineTooLong") {
          faults.fatal = true;
          return;
        }
        continue;
      }
      if (item.text.trim() === "") continue;
      counts.rows++;
      let value: unknown;
      try {
        value = JSON.parse(item.text);
      } catch (error) {
        faults.add({ line: item.line, code: "json", params: { detail: error instanceof Error ? error.message : String(error) } });
        continue;
      }
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        faults.add({ line: item.line, code: "notObject" });
        continue;
      }
      const normalised = normaliseJson(value);
      const parsed = contractJsonSchema.safeParse(normalised);
      if (!parsed.success) {
        addIssues(faults, parsed.error, item.line, "jsonl", normalised);
        continue;
      }
      const { lines: lineInputs, ...head } = parsed.data;
      const product = productOf(catalog, head.product_code, faults, item.line, "product_code", "product_code");
      const lineProducts = lineInputs.map((input, index) => {
        const column = `lines[${index}]`;
        const p = productOf(catalog, input.product_code, faults, item.line, `${column}.product_code`, "line_product_code");
        return p && checkPrefix(p, input, input.product_code, faults, item.line, `${column}.activation_code`) ? p : undefined;
      });
      if (!product || lineProducts.some((p) => !p)) continue;
      await stage.contract(item.line, head, product.id);
      for (const [index, input] of lineInputs.entries()) await stage.line(item.line, head.license_id, head, input, lineProducts[index]!.id);
    }
    progress();
  }
}
