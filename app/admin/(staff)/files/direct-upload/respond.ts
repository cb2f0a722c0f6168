import type { DirectUploadError } from "@/lib/downloads/direct-upload";

// G-4's direct-upload routes (X-7: uploads that work on serverless) answer JSON, never cached; a refusal is a 4xx with its reason, which
// the form turns into its message.
const STATUS: Record<DirectUploadError, number> = {
  // The store is the local folder: this path does not exist here.
  unavailable: 404,
  // Altered, or another staff member's: the token is no authority for this caller.
  invalid_token: 403,
  expired: 410,
  invalid_parts: 400,
  parts_rejected: 409,
  already_registered: 409,
  size_mismatch: 422,
  hash_mismatch: 422,
};

export function directUploadResponse(result: { ok: true } | { ok: false; error: DirectUploadError }, okStatus = 200): Response {
  const headers = { "Cache-Control": "no-store" };
  if (!result.ok) return Response.json({ error: result.error }, { status: STATUS[result.error], headers });
  const { ok: _ok, ...body } = result;
  return Response.json(body, { status: okStatus, headers });
}

/** A completion's body holds up to 1,000 parts (about 80 bytes each) and the token. */
export const DIRECT_UPLOAD_BODY = { maxBytes: 128 * 1024 };
