import { staffRoute } from "@/lib/auth/guards";
import { directUploadPartsSchema, signDirectUploadParts } from "@/lib/downloads/direct-upload";
import { DIRECT_UPLOAD_BODY, directUploadResponse } from "../respond";

export const dynamic = "force-dynamic";

// G-4 on S3 (X-7: uploads that work on serverless): the next batch of presigned part URLs, from part `from` (JSON body with the token).
export const POST = staffRoute(
  { capability: "files.publish", schema: directUploadPartsSchema, jsonBody: DIRECT_UPLOAD_BODY },
  async ({ token, from }, { actor }) => directUploadResponse(await signDirectUploadParts({ actor, token, from })),
);
