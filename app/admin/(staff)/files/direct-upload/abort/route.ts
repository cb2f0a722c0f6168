import { staffRoute } from "@/lib/auth/guards";
import { abortDirectUpload, directUploadAbortSchema } from "@/lib/downloads/direct-upload";
import { DIRECT_UPLOAD_BODY, directUploadResponse } from "../respond";

export const dynamic = "force-dynamic";

// G-4 on S3 (X-7: uploads that work on serverless): the form gave up on an upload; the store drops its parts (JSON body with the token).
export const POST = staffRoute({ capability: "files.publish", schema: directUploadAbortSchema, jsonBody: DIRECT_UPLOAD_BODY }, async ({ token }, { actor }) =>
  directUploadResponse(await abortDirectUpload({ actor, token })),
);
