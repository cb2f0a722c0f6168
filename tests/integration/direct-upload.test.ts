import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, downloadFiles } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { blobStore, resetBlobStore } from "@/lib/blob/store";
import { advanceClock } from "@/lib/clock";
import {
  abortDirectUpload,
  completeDirectUpload,
  MIN_PART_SIZE,
  PART_URL_BATCH,
  signDirectUploadParts,
  startDirectUpload,
  uploadMode,
  type PartUrl,
} from "@/lib/downloads/direct-upload";
import { createStaffActor } from "../support/factories";
import { startS3Server, type S3TestServer } from "../support/s3-server";

// Issue 27, item 5: G-4's browser-direct upload on S3, against a real S3-protocol server (s3rver, on a free loopback
// port). The browser's part is played by fetch: it PUTs each part to its presigned URL and keeps the ETag. The file
// is registered only when the object read back has the declared size and the browser's SHA-256; otherwise the object
// is deleted and no row is written. The token binds the upload to its key, upload id, size and staff member.

const META = { menu: "pattern" as const, product: "直接アップロード検証", version: "1.0.0", title: "直接アップロード検証ファイル", releaseDate: "2026-12-01" };

let dir: string;
let s3: S3TestServer;
let operator: StaffActor;
let otherOperator: StaffActor;
let marketer: StaffActor;

async function staffActor(role: "operator" | "marketer" | "admin"): Promise<StaffActor> {
  return createStaffActor({ role, clientAddress: "10.27.5.1" });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "direct-upload-test-"));
  s3 = await startS3Server(dir);
  Object.assign(process.env, {
    BLOB_STORE: "s3",
    S3_BUCKET: s3.config.bucket,
    S3_REGION: s3.config.region,
    S3_ENDPOINT: s3.config.endpoint,
    S3_ACCESS_KEY_ID: s3.config.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.config.secretAccessKey,
    S3_FORCE_PATH_STYLE: "1",
  });
  resetBlobStore();
  [operator, otherOperator, marketer] = await Promise.all([staffActor("operator"), staffActor("operator"), staffActor("marketer")]);
});

afterAll(async () => {
  for (const key of ["BLOB_STORE", "S3_BUCKET", "S3_REGION", "S3_ENDPOINT", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_FORCE_PATH_STYLE"])
    delete process.env[key];
  resetBlobStore();
  await s3?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What the browser does: each part PUT to its URL (the part's bytes as `bodyOf` gives them), its ETag kept. */
async function putParts(urls: PartUrl[], bytes: Buffer, partSize: number, bodyOf = (part: Buffer) => part) {
  const parts = [];
  for (const { partNumber, url } of urls) {
    const response = await fetch(url, { method: "PUT", body: new Uint8Array(bodyOf(bytes.subarray((partNumber - 1) * partSize, partNumber * partSize))) });
    expect(response.status, `part ${partNumber}`).toBe(200);
    parts.push({ partNumber, etag: response.headers.get("etag")! });
  }
  return parts;
}

async function started(actor: StaffActor, bytes: Buffer, fileName: string) {
  const start = await startDirectUpload({ actor, meta: META, fileName, size: bytes.length });
  if (!start.ok) throw new Error(`start refused: ${start.error}`);
  return start;
}

async function rowsFor(fileName: string) {
  const db = await getDb();
  const rows = await db.select().from(downloadFiles).where(eq(downloadFiles.fileName, fileName));
  const audits = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "files.uploaded"), eq(auditLog.actorEmail, operator.email)));
  return { rows, audits: audits.filter((audit) => (audit.details as { fileName?: string } | null)?.fileName === fileName) };
}

/** The object under the token's key (the token's payload is readable, only its signature is secret). */
function keyOf(token: string): string {
  return (JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString("utf8")) as { key: string }).key;
}

describe("G-4 on S3: the browser-direct multipart upload", () => {
  it("is the form's mode on the S3 store", async () => {
    expect(await uploadMode({ actor: operator })).toBe("direct");
  });

  it("registers a 20 MiB file sent in 8 MiB parts as a draft, with its audit row, when size and SHA-256 match", async () => {
    const bytes = randomBytes(20 * 1024 * 1024 + 321);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const start = await started(operator, bytes, "direct-ok.zip");
    expect({ partSize: start.partSize, partCount: start.partCount, urls: start.parts.length }).toEqual({ partSize: MIN_PART_SIZE, partCount: 3, urls: 3 });
    expect(keyOf(start.token)).toMatch(/^files\/[0-9a-f-]{36}\.zip$/);
    const parts = await putParts(start.parts, bytes, start.partSize);

    const done = await completeDirectUpload({ actor: operator, token: start.token, sha256, parts });
    expect(done).toEqual({ ok: true, id: expect.any(Number), size: bytes.length, sha256 });
    const { rows, audits } = await rowsFor("direct-ok.zip");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      ...META,
      status: "draft",
      size: bytes.length,
      sha256,
      contentType: "application/zip",
      storageKey: keyOf(start.token),
      uploadedByStaffId: operator.accountId,
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]!.details).toEqual({ fileName: "direct-ok.zip", size: bytes.length, sha256, menu: "pattern" });
    expect(audits[0]!.targetId).toBe(String(rows[0]!.id));
    // The stored bytes are the file's.
    const chunks: Buffer[] = [];
    for await (const chunk of await (await blobStore()).read(keyOf(start.token))) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    // Sent again, the completion changes nothing (the object is the registered file's and stays).
    expect(await completeDirectUpload({ actor: operator, token: start.token, sha256, parts })).toEqual({ ok: false, error: "already_registered" });
    expect((await rowsFor("direct-ok.zip")).rows).toHaveLength(1);
    expect(await (await blobStore()).head(keyOf(start.token))).toEqual({ size: bytes.length });
  });

  it("refuses a wrong SHA-256: the object is deleted and nothing is written", async () => {
    const bytes = randomBytes(9 * 1024 * 1024);
    const start = await started(operator, bytes, "direct-bad-hash.zip");
    const parts = await putParts(start.parts, bytes, start.partSize);
    const wrong = createHash("sha256").update("something else").digest("hex");
    expect(await completeDirectUpload({ actor: operator, token: start.token, sha256: wrong, parts })).toEqual({ ok: false, error: "hash_mismatch" });
    expect(await (await blobStore()).head(keyOf(start.token))).toBeUndefined();
    expect(await rowsFor("direct-bad-hash.zip")).toEqual({ rows: [], audits: [] });
  });

  it("refuses an object of another size than declared (a short last part): deleted, nothing written", async () => {
    const bytes = randomBytes(9 * 1024 * 1024);
    const start = await started(operator, bytes, "direct-short.zip");
    // s3rver does not hold a part to its signed Content-Length (AWS S3 does): the size check after the upload catches it.
    const parts = await putParts(start.parts, bytes, start.partSize, (part) => (part.length < start.partSize ? part.subarray(1) : part));
    const sha256 = createHash("sha256")
      .update(bytes.subarray(0, bytes.length - 1))
      .digest("hex");
    expect(await completeDirectUpload({ actor: operator, token: start.token, sha256, parts })).toEqual({ ok: false, error: "size_mismatch" });
    expect(await (await blobStore()).head(keyOf(start.token))).toBeUndefined();
    expect(await rowsFor("direct-short.zip")).toEqual({ rows: [], audits: [] });
  });

  it("refuses a tampered token, another staff member's token and an expired one, before anything reaches the store", async () => {
    const bytes = randomBytes(1024);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const start = await started(operator, bytes, "direct-token.txt");
    const parts = await putParts(start.parts, bytes, start.partSize);
    const [payload, signature] = start.token.split(".") as [string, string];
    const decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
    const forged = (change: Record<string, unknown>) => `${Buffer.from(JSON.stringify({ ...decoded, ...change })).toString("base64url")}.${signature}`;
    const tampered = [
      forged({ key: "files/00000000-0000-4000-8000-000000000000.txt" }),
      forged({ size: 2048 }),
      forged({ staffId: otherOperator.accountId }),
      `${payload}.${"A".repeat(43)}`,
      start.token.slice(0, -1) + (start.token.endsWith("A") ? "B" : "A"),
    ];
    for (const token of tampered) {
      expect(await completeDirectUpload({ actor: operator, token, sha256, parts }), token).toEqual({ ok: false, error: "invalid_token" });
      expect(await signDirectUploadParts({ actor: operator, token, from: 1 })).toEqual({ ok: false, error: "invalid_token" });
      expect(await abortDirectUpload({ actor: operator, token })).toEqual({ ok: false, error: "invalid_token" });
    }
    // The right token in another operator's hands.
    expect(await completeDirectUpload({ actor: otherOperator, token: start.token, sha256, parts })).toEqual({ ok: false, error: "invalid_token" });
    expect(await abortDirectUpload({ actor: otherOperator, token: start.token })).toEqual({ ok: false, error: "invalid_token" });
    expect(await (await blobStore()).head(keyOf(start.token))).toBeUndefined();
    expect(await rowsFor("direct-token.txt")).toEqual({ rows: [], audits: [] });
    // A day later the token has expired; until then it completes.
    advanceClock(24 * 60 * 60 * 1000 + 1000);
    expect(await completeDirectUpload({ actor: operator, token: start.token, sha256, parts })).toEqual({ ok: false, error: "expired" });
  });

  it("refuses parts that are not every part once and in order", async () => {
    const bytes = randomBytes(17 * 1024 * 1024);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const start = await started(operator, bytes, "direct-parts.zip");
    const parts = await putParts(start.parts, bytes, start.partSize);
    for (const wrong of [parts.slice(1), [parts[1]!, parts[0]!, parts[2]!], [...parts, { partNumber: 4, etag: '"x"' }]]) {
      expect(await completeDirectUpload({ actor: operator, token: start.token, sha256, parts: wrong })).toEqual({ ok: false, error: "invalid_parts" });
    }
    expect(await rowsFor("direct-parts.zip")).toEqual({ rows: [], audits: [] });
    // Then the right list completes.
    expect(await completeDirectUpload({ actor: operator, token: start.token, sha256, parts })).toMatchObject({ ok: true, size: bytes.length, sha256 });
  });

  it("hands out part URLs in batches, each for its part's exact length", async () => {
    const size = 200 * 1024 * 1024 + 5;
    const start = await startDirectUpload({ actor: operator, meta: META, fileName: "direct-big.bin", size });
    if (!start.ok) throw new Error(start.error);
    expect({ partCount: start.partCount, first: start.parts.map((part) => part.partNumber) }).toEqual({
      partCount: 26,
      first: Array.from({ length: PART_URL_BATCH }, (_, i) => i + 1),
    });
    const next = await signDirectUploadParts({ actor: operator, token: start.token, from: PART_URL_BATCH + 1 });
    expect(next.ok && next.parts.map((part) => part.partNumber)).toEqual([17, 18, 19, 20, 21, 22, 23, 24, 25, 26]);
    // The length is signed into each URL (the last part is the remainder).
    const last = next.ok ? new URL(next.parts.at(-1)!.url) : null;
    expect(last?.searchParams.get("X-Amz-SignedHeaders")).toBe("content-length;host");
    expect(await signDirectUploadParts({ actor: operator, token: start.token, from: 27 })).toEqual({ ok: false, error: "invalid_parts" });
  });

  it("refuses an actor without files.publish inside each function, whatever the token", async () => {
    const bytes = randomBytes(1024);
    const start = await started(operator, bytes, "direct-marketer.txt");
    await expect(startDirectUpload({ actor: marketer, meta: META, fileName: "direct-marketer-2.txt", size: 1024 })).rejects.toThrow(/files\.publish/);
    await expect(signDirectUploadParts({ actor: marketer, token: start.token, from: 1 })).rejects.toThrow(/files\.publish/);
    await expect(
      completeDirectUpload({ actor: marketer, token: start.token, sha256: "0".repeat(64), parts: [{ partNumber: 1, etag: '"x"' }] }),
    ).rejects.toThrow(/files\.publish/);
    await expect(abortDirectUpload({ actor: marketer, token: start.token })).rejects.toThrow(/files\.publish/);
    expect((await rowsFor("direct-marketer.txt")).rows).toEqual([]);
    expect((await rowsFor("direct-marketer-2.txt")).rows).toEqual([]);
  });

  it("abort: with its own token the request reaches the store; a store unable to drop the parts is no error (s3rver lacks AbortMultipartUpload)", async () => {
    const bytes = randomBytes(1024);
    const start = await started(operator, bytes, "direct-abort.txt");
    await putParts(start.parts, bytes, start.partSize);
    // AWS S3, R2 and MinIO drop the parts; s3rver 3.7 answers 405 MethodNotAllowed to DELETE ?uploadId: the lib sent
    // AbortMultipartUpload for the token's key and upload id, and says the parts were not dropped (the bucket's
    // lifecycle rule does it) instead of failing the route with a 500.
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await abortDirectUpload({ actor: operator, token: start.token })).toEqual({ ok: true, dropped: false });
    expect(String(errors.mock.calls[0]?.[1])).toContain("MethodNotAllowed");
    errors.mockRestore();
    expect(await (await blobStore()).head(keyOf(start.token))).toBeUndefined();
    expect((await rowsFor("direct-abort.txt")).rows).toEqual([]);
  });
});
