import { staffRoute } from "@/lib/auth/guards";
import { completeDirectUpload, directUploadCompleteSchema } from "@/lib/downloads/direct-upload";
import { DIRECT_UPLOAD_BODY, directUploadResponse } from "../respond";

export const dynamic = "force-dynamic";

// G-4 on S3 (X-7: uploads that work on serverless): the token, the parts' ETags and the browser's SHA-256 of the file (JSON body); the
// file is registered only when the object's size and SHA-256 match.
export const POST = staffRoute(
  { capability: "files.publish", schema: directUploadCompleteSchema, jsonBody: DIRECT_UPLOAD_BODY },
  async ({ token, sha256, parts }, { actor }) => directUploadResponse(await completeDirectUpload({ actor, token, sha256, parts }), 201),
);
