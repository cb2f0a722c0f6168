import "server-only";
import type { ContractImportFormat } from "./types";

/** The format of a file that does not say: JSON Lines when its first character (after a BOM, white space) is `{`. */
export async function sniff(chunks: AsyncIterable<Uint8Array>): Promise<{ format: ContractImportFormat; chunks: AsyncIterable<Uint8Array> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let format: ContractImportFormat | undefined;
  while (!format) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    for (let i = 0; i < next.value.length && !format; i++) {
      const byte = next.value[i]!;
      // BOM bytes and ASCII white space are skipped; anything else decides.
      if (byte === 0xef || byte === 0xbb || byte === 0xbf || byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
      format = byte === 0x7b ? "jsonl" : "csv";
    }
  }
  async function* replay() {
    yield* head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { format: format ?? "csv", chunks: replay() };
}

export async function* countingBytes(chunks: AsyncIterable<Uint8Array>, onBytes: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    onBytes(chunk.byteLength);
    yield chunk;
  }
}
