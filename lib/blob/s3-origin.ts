import "server-only";

// X-7, G-4 on serverless: the origin the browser PUTs the parts of a direct upload to (and is redirected to for a
// download), for the Content-Security-Policy's connect-src. No SDK here: proxy.ts asks for it on every request.

/**
 * S3_ENDPOINT's origin when set (R2, MinIO, a test server; with S3_FORCE_PATH_STYLE=1 the bucket is in the path,
 * otherwise in the host name, as the SDK addresses it), else AWS's regional virtual-host origin of the bucket.
 * Undefined when BLOB_STORE is not s3, or the settings name no usable origin.
 */
export function s3BrowserOrigin(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.BLOB_STORE !== "s3") return undefined;
  const bucket = env.S3_BUCKET ?? "";
  const pathStyle = env.S3_FORCE_PATH_STYLE === "1";
  let endpoint: URL;
  try {
    endpoint = new URL(env.S3_ENDPOINT || `https://s3.${env.S3_REGION || "us-east-1"}.amazonaws.com`);
  } catch {
    return undefined;
  }
  if (endpoint.protocol !== "https:" && endpoint.protocol !== "http:") return undefined;
  // A bucket name is lower-case letters, digits, dots and hyphens: nothing that could add to the policy.
  if (!pathStyle && /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) endpoint.hostname = `${bucket}.${endpoint.hostname}`;
  return endpoint.origin;
}
