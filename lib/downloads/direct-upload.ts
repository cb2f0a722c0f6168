import "server-only";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { downloadFiles } from "@/db/schema";
import { isUniqueViolation } from "@/db/sql";
import type { StaffActor } from "@/lib/auth/actor";
import { authorizeStaff } from "@/lib/auth/permissions";
import { blobStore, hashingStream, type DirectUploads, type UploadedPart } from "@/lib/blob/store";
import { now } from "@/lib/clock";
import { contentTypeOf, fileMetaSchema, fileNameSchema, registerUploadedFile, storageKeyFor } from "./admin";
import { signUploadToken, uploadTokenSchema, verifyUploadToken, type UploadTokenPayload } from "./upload-token";

// G-4 on S3: uploads that work on serverless. Vercel refuses a request body over 4.5 MB before the
// function runs, so on the S3 store the file never passes through the app: the start creates a multipart upload under
// a key of ours and hands out presigned UploadPart URLs; the browser PUTs the parts straight to the bucket while it
// computes the file's SHA-256; the completion assembles the parts, reads the object back (streamed, constant memory)
// and registers the file only when its size and SHA-256 are the declared ones — otherwise the object is deleted and
// nothing else is written. A signed token (upload-token.ts) carries the upload from start to completion.
// The local store keeps its streamed POST (app/admin/(staff)/files/upload/route.ts).

const MiB = 1024 * 1024;
/** 8 MiB parts (S3's minimum is 5 MiB), larger for files over 8,000 MiB so that no upload has more than 1,000. */
export const MIN_PART_SIZE = 8 * MiB;
export const MAX_PARTS = 1000;
/** S3's largest part is 5 GiB, so: 1,000 × 5 GiB. */
export const MAX_DIRECT_UPLOAD_SIZE = MAX_PARTS * 5 * 1024 * MiB;
/**
 * Part URLs are handed out in batches, each URL valid for 15 minutes from when it is asked for: a leaked URL is
 * short-lived, and a slow upload of a large file (hours) never meets an URL that expired while it waited its turn.
 * 16 parts are at least 128 MiB, one request per batch.
 */
export const PART_URL_BATCH = 16;
const PART_URL_SECONDS = 15 * 60;
/** The whole upload, start to completion (the bucket's lifecycle rule removes what is abandoned after a day). */
const TOKEN_SECONDS = 24 * 60 * 60;

export function partSizeFor(size: number): number {
  return Math.max(MIN_PART_SIZE, Math.ceil(size / MAX_PARTS / MiB) * MiB);
}

function partCountOf({ size, partSize }: Pick<UploadTokenPayload, "size" | "partSize">): number {
  return Math.ceil(size / partSize);
}

export const directUploadStartSchema = fileMetaSchema.extend({ fileName: fileNameSchema, size: z.coerce.number().int().min(1).max(MAX_DIRECT_UPLOAD_SIZE) });
export const directUploadPartsSchema = z.object({ token: uploadTokenSchema, from: z.number().int().min(1).max(MAX_PARTS) });
export const directUploadCompleteSchema = z.object({
  token: uploadTokenSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  parts: z
    .array(z.object({ partNumber: z.number().int().min(1).max(MAX_PARTS), etag: z.string().regex(/^"?[\x21\x23-\x7e]{1,200}"?$/) }))
    .min(1)
    .max(MAX_PARTS),
});
export const directUploadAbortSchema = z.object({ token: uploadTokenSchema });

export type PartUrl = { partNumber: number; url: string };
type TokenError = "invalid_token" | "expired" | "unavailable";
export type DirectUploadError = TokenError | "invalid_parts" | "parts_rejected" | "size_mismatch" | "hash_mismatch" | "already_registered";
type Refused<E extends DirectUploadError> = { ok: false; error: E };

/** Which upload path G-4's form takes: straight to the bucket on S3, the streamed POST on the local store. */
export async function uploadMode({ actor }: { actor: StaffActor }): Promise<"direct" | "stream"> {
  authorizeStaff(actor, "files.publish");
  return (await blobStore()).directUploads ? "direct" : "stream";
}

/** The guards check the capability; these functions check it again, since they act on the store for the caller. */
async function directStoreFor(actor: StaffActor): Promise<DirectUploads | undefined> {
  authorizeStaff(actor, "files.publish");
  return (await blobStore()).directUploads;
}

async function openUpload(actor: StaffActor, token: string): Promise<{ ok: true; payload: UploadTokenPayload; store: DirectUploads } | Refused<TokenError>> {
  const store = await directStoreFor(actor);
  if (!store) return { ok: false, error: "unavailable" };
  const check = verifyUploadToken(token, actor.accountId, now());
  if (!check.ok) return { ok: false, error: check.reason === "expired" ? "expired" : "invalid_token" };
  return { ok: true, payload: check.payload, store };
}

/** Presigned URLs for parts `from` … (a batch), each for exactly its part's length. */
async function partUrls(store: DirectUploads, payload: UploadTokenPayload, from: number): Promise<PartUrl[]> {
  const count = partCountOf(payload);
  const urls: PartUrl[] = [];
  for (let partNumber = from; partNumber <= Math.min(count, from + PART_URL_BATCH - 1); partNumber++) {
    const contentLength = partNumber < count ? payload.partSize : payload.size - payload.partSize * (count - 1);
    urls.push({ partNumber, url: await store.partUrl(payload.key, payload.uploadId, { partNumber, contentLength, expiresInSeconds: PART_URL_SECONDS }) });
  }
  return urls;
}

export type DirectUploadStart = { ok: true; token: string; partSize: number; partCount: number; parts: PartUrl[] };

/** Creates the multipart upload under a new key of ours; the token and the first batch of part URLs. */
export async function startDirectUpload({
  actor,
  meta,
  fileName,
  size,
}: {
  actor: StaffActor;
  meta: z.infer<typeof fileMetaSchema>;
  fileName: string;
  size: number;
}): Promise<DirectUploadStart | Refused<"unavailable">> {
  const store = await directStoreFor(actor);
  if (!store) return { ok: false, error: "unavailable" };
  const key = storageKeyFor(fileName);
  const contentType = contentTypeOf(fileName);
  const uploadId = await store.create(key, { contentType });
  const payload: UploadTokenPayload = {
    v: 1,
    key,
    uploadId,
    size,
    partSize: partSizeFor(size),
    staffId: actor.accountId,
    expiresAt: Math.floor(now().getTime() / 1000) + TOKEN_SECONDS,
    fileName,
    contentType,
    meta,
  };
  return { ok: true, token: signUploadToken(payload), partSize: payload.partSize, partCount: partCountOf(payload), parts: await partUrls(store, payload, 1) };
}

/** The next batch of part URLs, from part `from`. */
export async function signDirectUploadParts({
  actor,
  token,
  from,
}: {
  actor: StaffActor;
  token: string;
  from: number;
}): Promise<{ ok: true; parts: PartUrl[] } | Refused<TokenError | "invalid_parts">> {
  const opened = await openUpload(actor, token);
  if (!opened.ok) return opened;
  if (from > partCountOf(opened.payload)) return { ok: false, error: "invalid_parts" };
  return { ok: true, parts: await partUrls(opened.store, opened.payload, from) };
}

async function isRegistered(key: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ id: downloadFiles.id }).from(downloadFiles).where(eq(downloadFiles.storageKey, key));
  return Boolean(row);
}

/**
 * Assembles the parts, reads the object back to measure its size and SHA-256, and registers the file (a draft row and
 * its audit row `files.uploaded`) when both are what the token and the browser said. On a mismatch the object is
 * deleted and nothing else is written.
 */
export async function completeDirectUpload({
  actor,
  token,
  sha256,
  parts,
}: {
  actor: StaffActor;
  token: string;
  sha256: string;
  parts: readonly UploadedPart[];
}): Promise<{ ok: true; id: number; size: number; sha256: string } | Refused<Exclude<DirectUploadError, "unavailable"> | "unavailable">> {
  const opened = await openUpload(actor, token);
  if (!opened.ok) return opened;
  const { payload, store } = opened;
  // Every part once, in order: the store would refuse anything else, but the answer is clearer from here.
  if (parts.length !== partCountOf(payload) || parts.some((part, index) => part.partNumber !== index + 1)) return { ok: false, error: "invalid_parts" };
  // A completion sent twice: the object is the registered file's, and stays.
  if (await isRegistered(payload.key)) return { ok: false, error: "already_registered" };
  if ((await store.complete(payload.key, payload.uploadId, parts)) === "rejected") return { ok: false, error: "parts_rejected" };

  const blobs = await blobStore();
  const measured = hashingStream();
  await pipeline(await blobs.read(payload.key), measured, new Writable({ write: (_chunk, _encoding, callback) => callback() }));
  const stored = measured.result();
  const mismatch = stored.size !== payload.size ? "size_mismatch" : stored.sha256 !== sha256 ? "hash_mismatch" : null;
  if (mismatch) {
    await blobs.delete(payload.key);
    return { ok: false, error: mismatch };
  }
  try {
    return {
      ok: true,
      ...(await registerUploadedFile({
        actor,
        meta: fileMetaSchema.parse(payload.meta),
        fileName: payload.fileName,
        contentType: payload.contentType,
        key: payload.key,
        stored,
      })),
    };
  } catch (error) {
    if (isUniqueViolation(error, "download_files_storage_key_uq")) return { ok: false, error: "already_registered" };
    throw error;
  }
}

/** The form gives up (a part failed, the page is left): the store drops the parts already sent. */
export async function abortDirectUpload({ actor, token }: { actor: StaffActor; token: string }): Promise<{ ok: true; dropped: boolean } | Refused<TokenError>> {
  const opened = await openUpload(actor, token);
  if (!opened.ok) return opened;
  try {
    await opened.store.abort(opened.payload.key, opened.payload.uploadId);
  } catch (error) {
    // Best effort: the form has given up either way, and the bucket's lifecycle rule (README) drops what is left.
    console.error(
      "[files] the store did not drop an abandoned upload; its lifecycle rule will:",
      error instanceof Error ? `${error.name}: ${error.message}` : error,
    );
    return { ok: true, dropped: false };
  }
  return { ok: true, dropped: true };
}
