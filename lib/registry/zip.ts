import "server-only";
import fs from "node:fs";
import { PassThrough, Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";

// B-6: the publisher ships each file as a .zip holding one .csv. Reading it needs no library: the central directory
// (at the end of the file) gives the entry's method, sizes and offset; the entry is then streamed through
// zlib's raw inflate and checked against its CRC-32. Stored and deflated entries, ZIP64 sizes; no encryption.

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

const EOCD = 0x06054b50;
const ZIP64_EOCD = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const UINT32_MAX = 0xffffffff;
const UINT16_MAX = 0xffff;

export function hasZipSignature(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

async function readAt(handle: fs.promises.FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** The entries of a zip file, from its central directory. */
export async function listZipEntries(file: string): Promise<ZipEntry[]> {
  const handle = await fs.promises.open(file, "r");
  try {
    const size = (await handle.stat()).size;
    // The end-of-central-directory record is 22 bytes plus a comment of up to 65,535 bytes.
    const tailLength = Math.min(size, 22 + UINT16_MAX);
    const tail = await readAt(handle, size - tailLength, tailLength);
    let eocd = -1;
    for (let at = tail.length - 22; at >= 0; at--) {
      if (tail.readUInt32LE(at) === EOCD) {
        eocd = at;
        break;
      }
    }
    if (eocd < 0) throw new ZipFormatError("not a zip archive (no end of central directory)");
    let count = tail.readUInt16LE(eocd + 10);
    let directorySize = tail.readUInt32LE(eocd + 12);
    let directoryOffset = tail.readUInt32LE(eocd + 16);
    if (count === UINT16_MAX || directorySize === UINT32_MAX || directoryOffset === UINT32_MAX) {
      const locatorAt = eocd - 20;
      if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== ZIP64_LOCATOR) throw new ZipFormatError("ZIP64 archive without its locator");
      const zip64At = Number(tail.readBigUInt64LE(locatorAt + 8));
      const zip64 = await readAt(handle, zip64At, 56);
      if (zip64.length < 56 || zip64.readUInt32LE(0) !== ZIP64_EOCD) throw new ZipFormatError("ZIP64 end of central directory not found");
      count = Number(zip64.readBigUInt64LE(32));
      directorySize = Number(zip64.readBigUInt64LE(40));
      directoryOffset = Number(zip64.readBigUInt64LE(48));
    }
    const directory = await readAt(handle, directoryOffset, directorySize);
    const entries: ZipEntry[] = [];
    let at = 0;
    for (let index = 0; index < count; index++) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL) throw new ZipFormatError("damaged central directory");
      const flags = directory.readUInt16LE(at + 8);
      const method = directory.readUInt16LE(at + 10);
      const crc32 = directory.readUInt32LE(at + 16);
      let compressedSize = directory.readUInt32LE(at + 20);
      let uncompressedSize = directory.readUInt32LE(at + 24);
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      let localOffset = directory.readUInt32LE(at + 42);
      // Bit 11: the name is UTF-8; the publisher's names are ASCII either way.
      const name = directory.toString(flags & 0x800 ? "utf8" : "latin1", at + 46, at + 46 + nameLength);
      const extra = directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
      // ZIP64 extended information (0x0001) holds, in this order, the fields whose 32-bit value is 0xFFFFFFFF.
      for (let e = 0; e + 4 <= extra.length;) {
        const id = extra.readUInt16LE(e);
        const length = extra.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let field = e + 4;
          const next = () => {
            const value = Number(extra.readBigUInt64LE(field));
            field += 8;
            return value;
          };
          if (uncompressedSize === UINT32_MAX) uncompressedSize = next();
          if (compressedSize === UINT32_MAX) compressedSize = next();
          if (localOffset === UINT32_MAX) localOffset = next();
        }
        e += 4 + length;
      }
      if (flags & 0x1) throw new ZipFormatError(`${name} is encrypted`);
      const local = await readAt(handle, localOffset, 30);
      if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw new ZipFormatError(`damaged local header of ${name}`);
      const dataOffset = localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      entries.push({ name, method, crc32, compressedSize, uncompressedSize, dataOffset });
      at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    await handle.close();
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
 * CRC-32 and the size are checked at the end: a truncated or damaged archive is an error, not a shorter file.
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
      yield chunk;
    }
    completed = true;
  } catch (error) {
    throw new ZipFormatError(`${entry.name} is damaged (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    // The consumer stopped early (a malformed line): close the file.
    if (!completed) {
      raw.destroy();
      output.destroy();
    }
  }
  const error = await piped;
  if (error) throw new ZipFormatError(`${entry.name} could not be read (${error instanceof Error ? error.message : String(error)})`);
  if (size !== entry.uncompressedSize || crc >>> 0 !== entry.crc32 >>> 0) throw new ZipFormatError(`${entry.name} is damaged (size or CRC-32 does not match)`);
}
