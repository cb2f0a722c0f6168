import { z } from "zod";
import { customerRoute, notFoundResponse, type RouteHandler } from "@/lib/auth/guards";
import { blobResponse } from "@/lib/blob/serve";
import { blobStore } from "@/lib/blob/store";
import { authorizeDownload } from "@/lib/downloads/files";
import { licenseIdSchema, serialIdSchema } from "@/lib/validation/ids";

export const dynamic = "force-dynamic";

const fileInput = z.object({
  fileId: serialIdSchema,
  // D-2's files: the contract they are downloaded under, whose entitlement is checked again on every request.
  licenseId: licenseIdSchema.optional(),
});

// SPEC D: one file, after the same checks as the page that lists it (lib/downloads/files.ts authorizeDownload): a
// withdrawn or unknown file, a D-2 file without a valid Safe Lock contract of this customer, or a malformed link all
// answer 404. The local store streams the file with Range; S3 answers with a redirect to a presigned GET.
const spec = { schema: fileInput, onInvalid: notFoundResponse };
const download: RouteHandler<typeof fileInput> = async ({ fileId, licenseId }, { actor, request }) => {
  const range = request.headers.get("range");
  // One audit row per download: not for a HEAD, nor for a Range that continues one (not from byte 0).
  const continuing = request.method === "HEAD" || (range !== null && !/^\s*bytes=0-/.test(range));
  const file = await authorizeDownload({ actor, fileId, licenseId, record: !continuing });
  if (!file) return notFoundResponse();
  return blobResponse(request, await blobStore(), {
    key: file.storageKey,
    size: file.size,
    sha256: file.sha256,
    fileName: file.fileName,
    contentType: file.contentType,
  });
};

export const GET = customerRoute(spec, download);
export const HEAD = customerRoute(spec, download);
