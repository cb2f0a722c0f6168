import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentDisposition } from "@/lib/blob/content-disposition";
import { s3BlobStore } from "@/lib/blob/s3-store";
import { blobResponse, parseRange, type ServedFile } from "@/lib/blob/serve";
import { isValidBlobKey, localBlobStore, type BlobStore } from "@/lib/blob/store";
import { startS3Server, type S3TestServer } from "../support/s3-server";

// Issue 13, items 2 and 3, on both stores: the local folder, and a real S3-protocol server (s3rver, started here on
// a free port of loopback, its own folder). Upload streamed and hashed; Range (first bytes, a middle range, a suffix,
// past the end → 416, If-Range mismatch → the whole file), HEAD, the Japanese file name; on S3 the download is a
// presigned URL, fetched here for real (its Range too). What the app itself answers on S3 is the redirect: Range is
// then between the browser and the object store. s3rver knows no suffix range (bytes=-N) nor If-Range, which AWS S3,
// R2 and MinIO do; those two are checked on the local store, where the app answers them.

const BYTES = randomBytes(256 * 1024 + 123);
const SHA256 = createHash("sha256").update(BYTES).digest("hex");
const NAME = "パターンファイル 2026年12月版.zip";

let dir: string;
let s3: S3TestServer;
const stores: Record<string, BlobStore> = {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "blob-store-test-"));
  s3 = await startS3Server(path.join(dir, "s3"));
  stores.local = localBlobStore(path.join(dir, "local"));
  stores.s3 = s3BlobStore(s3.config);
});

afterAll(async () => {
  await s3?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function file(key: string): ServedFile {
  return {
    key,
    size: BYTES.length,
    sha256: SHA256,
    fileName: NAME,
    contentType: "application/zip",
  };
}

/** The answer the app gives, followed where it is a redirect (S3: the presigned URL), with the request's headers. */
async function download(store: BlobStore, key: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  const request = new Request("http://localhost/downloads/files/1", init);
  const answer = await blobResponse(request, store, file(key));
  if (answer.status !== 302) return { answer, final: answer };
  return { answer, final: await fetch(answer.headers.get("location")!, init) };
}

describe("the key grammar", () => {
  it("takes our keys and refuses anything that could leave the folder", () => {
    for (const key of ["downloads/2026/abc123.zip", "a", "x/y-z_1.2"]) expect(isValidBlobKey(key), key).toBe(true);
    for (const key of ["", "../etc/passwd", "a/../../b", "/abs", "a//b", "a/./b", "a\\b", "A.zip", "パターン.zip", "a/", "a..b", "x".repeat(201), "a\u0000b"]) {
      expect(isValidBlobKey(key), JSON.stringify(key)).toBe(false);
    }
  });

  it("is enforced by both stores", async () => {
    for (const store of Object.values(stores)) {
      await expect(store.put("../escape.txt", Readable.from([Buffer.from("x")]))).rejects.toThrow(/Invalid blob key/);
      await expect(store.read("a/../../b")).rejects.toThrow(/Invalid blob key/);
    }
    expect(fs.existsSync(path.join(dir, "escape.txt"))).toBe(false);
  });
});

describe("parseRange", () => {
  it.each([
    [null, "whole"],
    ["bytes=0-99", { start: 0, end: 99 }],
    ["bytes=100-", { start: 100, end: 999 }],
    ["bytes=-10", { start: 990, end: 999 }],
    ["bytes=-5000", { start: 0, end: 999 }],
    ["bytes=990-5000", { start: 990, end: 999 }],
    ["bytes=1000-", "unsatisfiable"],
    ["bytes=-0", "unsatisfiable"],
    ["bytes=5-1", "whole"],
    ["bytes=0-1,5-6", "whole"],
    ["items=0-1", "whole"],
    ["bytes=-", "whole"],
  ] as const)("%s of 1,000 bytes → %o", (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});

describe.each(["local", "s3"])("the %s store", (kind) => {
  const key = `downloads/test/${kind}-file.zip`;

  it("stores a streamed upload and hashes it on the way", async () => {
    const store = stores[kind]!;
    // In 8 KB pieces, as a request body arrives.
    const pieces = Array.from({ length: Math.ceil(BYTES.length / 8192) }, (_, i) => BYTES.subarray(i * 8192, (i + 1) * 8192));
    expect(
      await store.put(key, Readable.from(pieces), {
        contentType: "application/zip",
      }),
    ).toEqual({ size: BYTES.length, sha256: SHA256 });
    expect(await store.head(key)).toEqual({ size: BYTES.length });
    expect(await store.head(`${key}.missing`)).toBeUndefined();
  });

  it("serves the whole file with its length, ETag and Japanese name", async () => {
    const { answer, final } = await download(stores[kind]!, key);
    expect(answer.headers.get("cache-control")).toBe("private, no-store, no-transform");
    if (kind === "s3") expect(answer.status).toBe(302);
    expect(final.status).toBe(200);
    expect(Buffer.from(await final.arrayBuffer()).equals(BYTES)).toBe(true);
    expect(final.headers.get("content-length")).toBe(String(BYTES.length));
    expect(final.headers.get("content-disposition")).toBe(contentDisposition(NAME));
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(final.headers.get("content-disposition")!)![1]!)).toBe(NAME);
    if (kind === "local") expect(final.headers.get("etag")).toBe(`"${SHA256}"`);
  });

  it("answers the first bytes, a middle range and a suffix range with 206 and Content-Range", async () => {
    const size = BYTES.length;
    const ranges: [string, number, number][] = [
      ["bytes=0-99", 0, 99],
      ["bytes=1000-70999", 1000, 70_999],
    ];
    if (kind === "local") ranges.push(["bytes=-500", size - 500, size - 1], [`bytes=${size - 10}-`, size - 10, size - 1]);
    for (const [header, start, end] of ranges) {
      const { final } = await download(stores[kind]!, key, {
        headers: { Range: header },
      });
      expect(final.status, header).toBe(206);
      expect(final.headers.get("content-range"), header).toBe(`bytes ${start}-${end}/${size}`);
      expect(Buffer.from(await final.arrayBuffer()).equals(BYTES.subarray(start, end + 1)), header).toBe(true);
    }
  });

  it("answers 416 past the end, and the whole file when If-Range names another version", async () => {
    const { final: past } = await download(stores[kind]!, key, {
      headers: { Range: `bytes=${BYTES.length}-` },
    });
    expect(past.status).toBe(416);
    if (kind === "local") expect(past.headers.get("content-range")).toBe(`bytes */${BYTES.length}`);
    if (kind === "local") {
      const stale = (
        await download(stores.local!, key, {
          headers: { Range: "bytes=0-99", "If-Range": '"0000"' },
        })
      ).final;
      expect(stale.status).toBe(200);
      expect(Buffer.from(await stale.arrayBuffer()).equals(BYTES)).toBe(true);
      const current = (
        await download(stores.local!, key, {
          headers: { Range: "bytes=0-99", "If-Range": `"${SHA256}"` },
        })
      ).final;
      expect(current.status).toBe(206);
    }
  });

  it("answers HEAD with the headers and no body (on S3: the redirect, its presigned URL being a GET's)", async () => {
    if (kind === "s3") {
      const answer = await blobResponse(new Request("http://localhost/downloads/files/1", { method: "HEAD" }), stores.s3!, file(key));
      expect(answer.status).toBe(302);
      expect(answer.headers.get("location")).toMatch(/X-Amz-Expires=300/);
      return;
    }
    const { final } = await download(stores[kind]!, key, { method: "HEAD" });
    expect(final.status).toBe(200);
    expect(final.headers.get("content-length")).toBe(String(BYTES.length));
    expect((await final.arrayBuffer()).byteLength).toBe(0);
  });

  it("deletes", async () => {
    await stores[kind]!.delete(key);
    expect(await stores[kind]!.head(key)).toBeUndefined();
  });
});

describe("the S3 store's multipart upload (G-4 of a large file)", () => {
  it("streams 23 MiB through a multipart upload (5 MB parts), hashed on the way, and reads back the same bytes", async () => {
    const store = stores.s3!;
    const block = randomBytes(1 << 20);
    const sent = createHash("sha256");
    let produced = 0;
    // A body that makes its next MiB only when the upload pulls it, as a request body arrives.
    async function* body() {
      for (let i = 0; i < 23; i++) {
        const piece = Buffer.from(block);
        piece.writeUInt32BE(i, 0);
        sent.update(piece);
        produced += 1;
        yield piece;
      }
    }
    const stored = await store.put("downloads/test/multipart.bin", Readable.from(body()), { contentType: "application/octet-stream" });
    expect(produced).toBe(23);
    expect(stored).toEqual({ size: 23 << 20, sha256: sent.digest("hex") });
    const back = createHash("sha256");
    for await (const chunk of await store.read("downloads/test/multipart.bin")) back.update(chunk as Buffer);
    expect(back.digest("hex")).toBe(stored.sha256);
    await store.delete("downloads/test/multipart.bin");
  });
});
