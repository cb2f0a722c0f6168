import { staffRoute } from "@/lib/auth/guards";
import { directUploadStartSchema, startDirectUpload } from "@/lib/downloads/direct-upload";
import { directUploadResponse } from "../respond";

export const dynamic = "force-dynamic";

// G-4 on S3 (X-7: uploads that work on serverless): the file's details and size in the query string, as for the streamed upload; answers
// the upload's token, its part size and count, and the first batch of presigned part URLs.
export const POST = staffRoute({ capability: "files.publish", schema: directUploadStartSchema }, async ({ fileName, size, ...meta }, { actor }) =>
  directUploadResponse(await startDirectUpload({ actor, meta, fileName, size }), 201),
);
