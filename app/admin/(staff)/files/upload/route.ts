import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { staffRoute } from "@/lib/auth/guards";
import { fileMetaSchema, fileNameSchema, uploadDownloadFile } from "@/lib/downloads/admin";

export const dynamic = "force-dynamic";

const uploadInput = fileMetaSchema.extend({ fileName: fileNameSchema });

// G-4 upload: POST the file's bytes as the request body (any type; the metadata in the query
// string), streamed into the blob store and hashed on the way — constant memory for files of several GB. Not a server
// action (its body limit, and its body is parsed whole), and kept out of proxy.ts's matcher: with a proxy, Next
// copies a request body for it and hands the route only the first 10 MB (experimental.proxyClientMaxBodySize).
export const POST = staffRoute({ capability: "files.publish", schema: uploadInput }, async ({ fileName, ...meta }, { actor, request }) => {
  if (!request.body) return Response.json({ error: "empty_body" }, { status: 400 });
  const body = Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>);
  const uploaded = await uploadDownloadFile({ actor, meta, fileName, body });
  return Response.json(uploaded, {
    status: 201,
    headers: { "Cache-Control": "no-store" },
  });
});
