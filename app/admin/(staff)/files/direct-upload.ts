import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

// G-4 on S3, the browser's half (X-7, uploads that work on serverless; the server's is lib/downloads/direct-upload.ts). The file goes
// straight to the bucket: start → PUT each part to its presigned URL (XMLHttpRequest, for the progress; ETag kept)
// → complete with the ETags and the file's SHA-256. WebCrypto has no incremental digest, so the hash is
// @noble/hashes' SHA-256, fed part by part as each is read; the bytes hashed are the bytes sent. A few parts are in
// flight at once; on any failure the upload is aborted, so the bucket keeps no parts.

type PartUrl = { partNumber: number; url: string };
type Start = { token: string; partSize: number; partCount: number; parts: PartUrl[] };

/** Why an upload failed: the server's refusal ("hash_mismatch", "size_mismatch", "expired", …) or "network". */
export class DirectUploadFailed extends Error {
  constructor(readonly reason: string) {
    super(`direct upload failed: ${reason}`);
  }
}

const IN_FLIGHT = 3;
const BASE = "/admin/files/direct-upload";

async function post<T>(path: string, body?: object): Promise<T> {
  const response = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: body ? JSON.stringify(body) : undefined }).catch(
    () => null,
  );
  if (!response) throw new DirectUploadFailed("network");
  const answer = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw new DirectUploadFailed(answer.error ?? `status_${response.status}`);
  return answer;
}

function putPart(url: string, bytes: Uint8Array<ArrayBuffer>, onProgress: (loaded: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("PUT", url);
    request.upload.onprogress = (event) => onProgress(event.loaded);
    request.onload = () => {
      // The bucket's CORS rule exposes ETag; without it the header reads as null.
      const etag = request.getResponseHeader("ETag");
      if (request.status === 200 && etag) {
        onProgress(bytes.length);
        resolve(etag);
      } else reject(new DirectUploadFailed(`part_status_${request.status}`));
    };
    request.onerror = () => reject(new DirectUploadFailed("network"));
    request.send(bytes);
  });
}

/** Uploads `file` with the details in `query`; the SHA-256 the server verified. */
export async function uploadDirect(
  file: File,
  query: URLSearchParams,
  onProgress: (percent: number) => void,
  onVerifying: () => void,
): Promise<{ sha256: string }> {
  const start = await post<Start>(`${BASE}/start?${query}&size=${file.size}`);
  const urls = new Map(start.parts.map((part) => [part.partNumber, part.url]));
  const loaded = new Map<number, number>();
  const report = (partNumber: number, bytes: number) => {
    loaded.set(partNumber, bytes);
    onProgress(Math.floor(([...loaded.values()].reduce((sum, value) => sum + value, 0) / file.size) * 100));
  };
  try {
    const hash = sha256.create();
    const etags: { partNumber: number; etag: string }[] = [];
    const running = new Set<Promise<void>>();
    let failure: unknown = null;
    for (let partNumber = 1; partNumber <= start.partCount && !failure; partNumber++) {
      if (!urls.has(partNumber))
        for (const part of (await post<{ parts: PartUrl[] }>(`${BASE}/parts`, { token: start.token, from: partNumber })).parts)
          urls.set(part.partNumber, part.url);
      const offset = (partNumber - 1) * start.partSize;
      const bytes = new Uint8Array(await file.slice(offset, offset + start.partSize).arrayBuffer());
      hash.update(bytes);
      while (running.size >= IN_FLIGHT) await Promise.race(running);
      const number = partNumber;
      const task: Promise<void> = putPart(urls.get(number)!, bytes, (sent) => report(number, sent))
        .then(
          (etag) => void (etags[number - 1] = { partNumber: number, etag }),
          (error: unknown) => void (failure ??= error),
        )
        .finally(() => running.delete(task));
      running.add(task);
    }
    await Promise.all(running);
    if (failure) throw failure;
    onVerifying();
    return await post<{ sha256: string }>(`${BASE}/complete`, { token: start.token, sha256: bytesToHex(hash.digest()), parts: etags });
  } catch (error) {
    // A refused completion has nothing left to abort (the object was deleted, or is the registered file's).
    const refused = error instanceof DirectUploadFailed && ["hash_mismatch", "size_mismatch", "already_registered"].includes(error.reason);
    if (!refused) await post(`${BASE}/abort`, { token: start.token }).catch(() => undefined);
    throw error;
  }
}
