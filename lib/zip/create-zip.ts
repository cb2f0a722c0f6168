import "server-only";
import { buffer } from "node:stream/consumers";
import { ZipFile } from "yazl";

export type ZipInput = { name: string; data: Uint8Array; compress?: boolean };

// A fixed modification time (2025-01-01 00:00, a DOS timestamp without yazl's extra UTC field): the same entries
// give the same bytes, so that seeding twice writes the same demo files (SPEC X-2) and their SHA-256 holds.
const MTIME = new Date(2025, 0, 1);

/** A zip archive in memory, entries stored unless `compress` (deflate): what every unzip tool opens. */
export async function createZip(entries: ZipInput[]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const entry of entries) zip.addBuffer(Buffer.from(entry.data), entry.name, { compress: entry.compress ?? false, mtime: MTIME, forceDosTimestamp: true });
  zip.end();
  return buffer(zip.outputStream);
}
