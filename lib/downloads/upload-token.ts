import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

// X-7, G-4 on serverless: what binds a browser-direct upload together between its start and its completion. Issued at the
// start, it names the object (a key of ours), the store's upload id, the declared size, the part size, the staff
// member, an expiry, and the file's name and details, signed with HMAC-SHA256 under a key derived from AUTH_SECRET.
// Nothing is stored: a client can neither point the completion at another object or key, nor change the size, nor
// use another staff member's upload. Format: <payload, base64url JSON>.<signature, base64url>.

const payloadSchema = z.object({
  v: z.literal(1),
  key: z.string().regex(/^files\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:\.[a-z0-9]{1,8})?$/),
  uploadId: z.string().min(1).max(1024),
  size: z.number().int().positive(),
  partSize: z.number().int().positive(),
  staffId: z.number().int().positive(),
  /** Unix seconds. */
  expiresAt: z.number().int().positive(),
  fileName: z.string().min(1).max(200),
  contentType: z.string().min(1).max(100),
  meta: z.record(z.string(), z.string()),
});
export type UploadTokenPayload = z.infer<typeof payloadSchema>;

/** A token's shape before its signature is checked (and a bound on what is read). */
export const uploadTokenSchema = z
  .string()
  .max(8000)
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);

function sign(payload: string): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: direct uploads cannot be signed");
  const key = createHmac("sha256", secret).update("files-direct-upload/v1").digest();
  return createHmac("sha256", key).update(payload).digest("base64url");
}

export function signUploadToken(payload: UploadTokenPayload): string {
  const encoded = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${encoded}.${sign(encoded)}`;
}

export type UploadTokenCheck = { ok: true; payload: UploadTokenPayload } | { ok: false; reason: "invalid" | "expired" };

/** The payload of a token this app signed for `staffId` that has not expired. Another staff member's token is invalid. */
export function verifyUploadToken(token: string, staffId: number, at: Date): UploadTokenCheck {
  const [encoded, signature] = token.split(".");
  if (!encoded || !signature) return { ok: false, reason: "invalid" };
  const expected = Buffer.from(sign(encoded));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "invalid" };
  }
  const parsed = payloadSchema.safeParse(decoded);
  if (!parsed.success || parsed.data.staffId !== staffId) return { ok: false, reason: "invalid" };
  if (parsed.data.expiresAt * 1000 <= at.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, payload: parsed.data };
}
