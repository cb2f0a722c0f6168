import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

// SPEC D / G-4: where download files live, behind one small interface. A local folder by default
// (embedded, no setup); any S3-compatible object store in production (AWS S3, Cloudflare R2, MinIO), chosen by
// configuration (BLOB_STORE=s3, lib/blob/s3-store.ts). Keys are ours (never a customer's input or a file's name):
// lower-case letters, digits and / . _ - only, no empty or dot segment — a key can never leave the store's folder.

export type BlobInfo = { size: number };
export type StoredBlob = { size: number; sha256: string };
/** Inclusive byte positions, as HTTP ranges count them. */
export type ByteRange = { start: number; end: number };
/** One uploaded part of a multipart upload, as CompleteMultipartUpload takes it. */
export type UploadedPart = { partNumber: number; etag: string };

/**
 * S3 only (X-7: uploads that work on serverless): a multipart upload whose parts the browser PUTs straight to the object store through
 * presigned URLs, so that no request body of a file passes through the app (Vercel refuses bodies over 4.5 MB).
 */
export interface DirectUploads {
  /** CreateMultipartUpload under a key of ours; its upload id. */
  create(key: string, options: { contentType: string }): Promise<string>;
  /** A presigned UploadPart of `expiresInSeconds` for exactly `contentLength` bytes (the length is signed). */
  partUrl(key: string, uploadId: string, part: { partNumber: number; contentLength: number; expiresInSeconds: number }): Promise<string>;
  /** CompleteMultipartUpload; "rejected" when the store refuses the parts (a wrong ETag, a missing or short part, no such upload). */
  complete(key: string, uploadId: string, parts: readonly UploadedPart[]): Promise<"completed" | "rejected">;
  /** AbortMultipartUpload (an upload that is gone already counts as aborted). */
  abort(key: string, uploadId: string): Promise<void>;
}

export interface BlobStore {
  readonly kind: "local" | "s3";
  /** Streams `body` into the store under `key`, hashing it on the way (constant memory, any size). */
  put(key: string, body: Readable, options?: { contentType?: string }): Promise<StoredBlob>;
  /** The blob's size, or undefined when there is none. */
  head(key: string): Promise<BlobInfo | undefined>;
  /** The blob's bytes (or one range of them) as a stream. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  /**
   * S3 only: a presigned GET of a few minutes that saves the file under `fileName` — the app's instances never
   * stream large files from object storage; the local store answers undefined (the app streams the file itself).
   */
  downloadUrl(
    key: string,
    options: {
      fileName: string;
      contentType: string;
      expiresInSeconds: number;
    },
  ): Promise<string | undefined>;
  delete(key: string): Promise<void>;
  /** Present on the S3 store only: uploads that go from the browser straight to the bucket. */
  readonly directUploads?: DirectUploads;
}

const KEY = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?(?:\/[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?)*$/;

/** A key the store accepts: at most 200 characters of [a-z0-9._-] segments separated by "/", no "." or ".." segment. */
export function isValidBlobKey(key: string): boolean {
  return key.length <= 200 && KEY.test(key) && !key.split("/").some((segment) => segment === "." || segment === ".." || segment.includes(".."));
}

export function assertBlobKey(key: string): void {
  if (!isValidBlobKey(key)) throw new Error(`Invalid blob key: ${JSON.stringify(key.slice(0, 80))}`);
}

/** A pass-through that counts and hashes what flows through it (SHA-256, hex). */
export function hashingStream(): Transform & { result(): StoredBlob } {
  const hash = createHash("sha256");
  let size = 0;
  let digest: string | undefined;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  }) as Transform & { result(): StoredBlob };
  stream.result = () => ({ size, sha256: (digest ??= hash.digest("hex")) });
  return stream;
}

/** The local folder store: one file per key under `root`, written to a temporary name and renamed when complete. */
export function localBlobStore(root: string): BlobStore {
  const fileOf = (key: string) => {
    assertBlobKey(key);
    const file = path.resolve(root, ...key.split("/"));
    // The key's grammar already forbids it; this is the second lock on the same door.
    if (!file.startsWith(path.resolve(root) + path.sep)) throw new Error("Blob key outside the store");
    return file;
  };
  return {
    kind: "local",
    async put(key, body) {
      const file = fileOf(key);
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      const partial = `${file}.${process.pid}.${Date.now().toString(36)}.partial`;
      const hashing = hashingStream();
      try {
        await pipeline(body, hashing, fs.createWriteStream(partial, { flags: "wx" }));
        await fs.promises.rename(partial, file);
      } catch (error) {
        await fs.promises.rm(partial, { force: true });
        throw error;
      }
      return hashing.result();
    },
    async head(key) {
      const stat = await fs.promises.stat(fileOf(key)).catch(() => undefined);
      return stat?.isFile() ? { size: stat.size } : undefined;
    },
    async read(key, range) {
      const file = fileOf(key);
      // Opened before the stream is handed out: a missing file is an error here, not in the middle of a response.
      const handle = await fs.promises.open(file, "r");
      return handle.createReadStream(range ? { start: range.start, end: range.end, autoClose: true } : { autoClose: true });
    },
    async downloadUrl() {
      return undefined;
    },
    async delete(key) {
      await fs.promises.rm(fileOf(key), { force: true });
    },
  };
}

// Not a file of the build either: without the comment, file tracing copied the folder (uploaded files) into every
// output that traced this module.
export const DEFAULT_BLOB_DIR = path.join(/*turbopackIgnore: true*/ ".data", "blobs");

/**
 * The local store's folder. BLOB_DIR is an operator's path, not a file of the build: the ignore comment keeps
 * Turbopack's file tracing from reading it as "any file of the project" (which shipped tests/, bench/ and the lock
 * file in the standalone output; X-7, lean bundles). CI fails a build whose log has that warning (scripts/deploy/vercel-build.sh, .ci/run).
 */
function localBlobDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.BLOB_DIR || DEFAULT_BLOB_DIR);
}

let configured: Promise<BlobStore> | undefined;

/**
 * The store of this process, from the environment: BLOB_STORE=local (default; BLOB_DIR, default .data/blobs) or
 * BLOB_STORE=s3 (S3_BUCKET, S3_REGION, S3_ENDPOINT for R2 / MinIO, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY,
 * S3_FORCE_PATH_STYLE=1 for MinIO-like servers).
 */
export function blobStore(): Promise<BlobStore> {
  configured ??= (async () => {
    const kind = process.env.BLOB_STORE || "local";
    if (kind === "local") return localBlobStore(localBlobDir());
    if (kind === "s3") {
      const { s3BlobStore, s3ConfigFromEnv } = await import("./s3-store");
      return s3BlobStore(s3ConfigFromEnv(process.env));
    }
    throw new Error(`BLOB_STORE must be "local" or "s3", not ${JSON.stringify(kind)}`);
  })();
  return configured;
}

/** Tests only: forget the configured store (after changing BLOB_* variables). */
export function resetBlobStore(): void {
  configured = undefined;
}
