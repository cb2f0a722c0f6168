import "server-only";
import fs from "node:fs";
import { PassThrough, Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { openPromise, type ZipFile } from "yauzl";

// B-6: the publisher ships each file as a .zip holding one .csv. yauzl reads the central directory (ZIP64 included)
// by random access from the file and gives each entry's method, sizes and data offset; the entry is then streamed
// from that offset through zlib's raw inflate, so that the import can report progress in compressed bytes, and is
// checked against its size and CRC-32 (yauzl checks neither on this path). Stored and deflated entries; no encryption.

export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipFormatError";
  }
}

export type ZipEntry = {
  name: string;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the entry's data starts (after its local header). */
  dataOffset: number;
};

export function hasZipSignature(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The entries of a zip file, from its central directory. */
export async function listZipEntries(file: string): Promise<ZipEntry[]> {
  let zip: ZipFile;
  try {
    zip = await openPromise(file, { autoClose: false });
  } catch (error) {
    throw new ZipFormatError(`not a zip archive (${messageOf(error)})`);
  }
  try {
    const entries: ZipEntry[] = [];
    for await (const entry of zip.eachEntry()) {
      if (entry.isEncrypted()) throw new ZipFormatError(`${entry.fileName} is encrypted`);
      const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
      entries.push({
        name: entry.fileName,
        method: entry.compressionMethod,
        crc32: entry.crc32,
        compressedSize: entry.compressedSize,
        uncompressedSize: entry.uncompressedSize,
        dataOffset: fileDataStart,
      });
    }
    return entries;
  } catch (error) {
    if (error instanceof ZipFormatError) throw error;
    throw new ZipFormatError(`damaged zip archive (${messageOf(error)})`);
  } finally {
    zip.close();
  }
}

/** The one .csv of a publisher's zip. */
export async function findCsvEntry(file: string): Promise<ZipEntry> {
  // macOS's archiver adds __MACOSX/._name resource forks next to the real entry.
  const csv = (await listZipEntries(file)).filter((entry) => /\.csv$/i.test(entry.name) && !entry.name.startsWith("__MACOSX/"));
  if (csv.length !== 1) throw new ZipFormatError(csv.length === 0 ? "the zip holds no .csv file" : `the zip holds ${csv.length} .csv files; expected one`);
  return csv[0]!;
}

/**
 * The entry's uncompressed bytes, streamed. `onCompressedBytes` reports progress through the archive itself. The
 * size is checked as the bytes come and with the CRC-32 at the end: a truncated or damaged archive is an error, not
 * a shorter file.
 */
export async function* readZipEntry(file: string, entry: ZipEntry, onCompressedBytes?: (bytes: number) => void): AsyncGenerator<Buffer> {
  if (entry.method !== 0 && entry.method !== 8)
    throw new ZipFormatError(`${entry.name} uses compression method ${entry.method}; only stored (0) and deflate (8) are supported`);
  const raw =
    entry.compressedSize > 0
      ? fs.createReadStream(file, { start: entry.dataOffset, end: entry.dataOffset + entry.compressedSize - 1, highWaterMark: 64 * 1024 })
      : Readable.from([]);
  if (onCompressedBytes) raw.on("data", (chunk: Buffer | string) => onCompressedBytes(chunk.length));
  const output = entry.method === 8 ? zlib.createInflateRaw({ chunkSize: 64 * 1024 }) : new PassThrough();
  // The pipeline's own error (a read error) is reported after the loop; inflate errors surface in the loop.
  const piped = pipeline(raw, output).then(
    () => undefined,
    (error: unknown) => error,
  );
  let crc = 0;
  let size = 0;
  let completed = false;
  try {
    for await (const chunk of output as AsyncIterable<Buffer>) {
      crc = zlib.crc32(chunk, crc);
      size += chunk.length;
      // A zip bomb declares a small size: stop at the first byte past it rather than inflate the rest.
      if (size > entry.uncompressedSize) throw new ZipFormatError(`${entry.name} is damaged (size or CRC-32 does not match)`);
      yield chunk;
    }
    completed = true;
  } catch (error) {
    if (error instanceof ZipFormatError) throw error;
    throw new ZipFormatError(`${entry.name} is damaged (${messageOf(error)})`);
  } finally {
    // The consumer stopped early (a malformed line): close the file.
    if (!completed) {
      raw.destroy();
      output.destroy();
    }
  }
  const error = await piped;
  if (error) throw new ZipFormatError(`${entry.name} could not be read (${messageOf(error)})`);
  if (size !== entry.uncompressedSize || crc >>> 0 !== entry.crc32 >>> 0) throw new ZipFormatError(`${entry.name} is damaged (size or CRC-32 does not match)`);
}
