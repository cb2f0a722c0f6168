import "server-only";
import { Readable } from "node:stream";
import { BODY_LENGTH_HEADER } from "./body-length";
import { contentDisposition } from "./content-disposition";
import type { BlobStore, ByteRange } from "./store";

// SPEC D: a download answered from the store, after the caller has authorized it. On the local store the file is
// streamed (never whole in memory) with HTTP Range — one range: 206 with Content-Range; past the end: 416; If-Range
// with another validator: the whole file — Content-Length (lib/blob/body-length.ts: Next's server would drop it),
// ETag = the SHA-256, the name by RFC 6266/5987; HEAD answers the same headers without a body. On S3 the answer is a
// redirect to a presigned GET of a few minutes (PRESIGNED_SECONDS): the app's instances never stream gigabytes.

export const PRESIGNED_SECONDS = 300;

export type ServedFile = {
  key: string;
  size: number;
  sha256: string;
  fileName: string;
  contentType: string;
};

/** The one range of a `Range` header that this server honours; "whole" when there is none it can honour. */
export function parseRange(header: string | null, size: number): ByteRange | "whole" | "unsatisfiable" {
  if (!header) return "whole";
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Another unit, several ranges or a malformed header: RFC 9110 lets a server answer the whole representation.
  if (!match || (match[1] === "" && match[2] === "")) return "whole";
  const [first, last] = [match[1]!, match[2]!];
  if (first === "") {
    const suffix = Number(last);
    if (!Number.isSafeInteger(suffix) || suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? Infinity : Number(last);
  if (!Number.isSafeInteger(start) || (last !== "" && !Number.isSafeInteger(end)) || end < start) return "whole";
  if (start >= size) return "unsatisfiable";
  return { start, end: Math.min(end, size - 1) };
}

export async function blobResponse(request: Request, store: BlobStore, file: ServedFile): Promise<Response> {
  const etag = `"${file.sha256}"`;
  const common: Record<string, string> = {
    // no-transform: nobody re-encodes the bytes whose SHA-256 the ETag is (Next's compression leaves them alone).
    "Cache-Control": "private, no-store, no-transform",
    "X-Content-Type-Options": "nosniff",
  };
  const presigned = await store.downloadUrl(file.key, {
    fileName: file.fileName,
    contentType: file.contentType,
    expiresInSeconds: PRESIGNED_SECONDS,
  });
  if (presigned)
    return new Response(null, {
      status: 302,
      headers: { ...common, Location: presigned },
    });

  const headers: Record<string, string> = {
    ...common,
    "Accept-Ranges": "bytes",
    ETag: etag,
    "Content-Type": file.contentType,
    "Content-Disposition": contentDisposition(file.fileName),
  };
  const ifRange = request.headers.get("if-range");
  // If-Range with anything but this file's (strong) ETag — another version, or a date — gets the whole file.
  const range = ifRange !== null && ifRange.trim() !== etag ? "whole" : parseRange(request.headers.get("range"), file.size);
  if (range === "unsatisfiable")
    return new Response(null, {
      status: 416,
      headers: { ...common, "Content-Range": `bytes */${file.size}` },
    });
  const head = request.method === "HEAD";
  if (range === "whole") {
    const body = head ? null : (Readable.toWeb(await store.read(file.key)) as ReadableStream<Uint8Array>);
    return new Response(body, {
      status: 200,
      headers: { ...headers, "Content-Length": String(file.size), [BODY_LENGTH_HEADER]: String(file.size) },
    });
  }
  const body = head ? null : (Readable.toWeb(await store.read(file.key, range)) as ReadableStream<Uint8Array>);
  return new Response(body, {
    status: 206,
    headers: {
      ...headers,
      "Content-Length": String(range.end - range.start + 1),
      [BODY_LENGTH_HEADER]: String(range.end - range.start + 1),
      "Content-Range": `bytes ${range.start}-${range.end}/${file.size}`,
    },
  });
}
