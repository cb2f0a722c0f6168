import "server-only";
import { s3BrowserOrigin } from "@/lib/blob/s3-origin";
import { isHttpsRequest } from "./client-address";

// Defence in depth: the response headers proxy.ts adds to every request (next.config.ts keeps the static ones:
// nosniff, Referrer-Policy, X-Frame-Options, Permissions-Policy).

/** A fresh, unguessable value per request: 128 random bits, base64. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * The Content-Security-Policy for one response. Scripts run only with the request's nonce (Next puts it on its own
 * scripts when it finds it in the request's CSP header) or when loaded by such a script ('strict-dynamic').
 * Styles: the app's own pages need only 'self' (the Tailwind stylesheet), but 'unsafe-inline' stays for what no
 * nonce can cover: style attributes and a plain <style> in Next's built-in global error page (shown when the root
 * layout fails), and the mails of the development mailbox, whose HTML is all inline styles, in a srcdoc frame that
 * inherits this policy. Scripts are what the policy is for; a style cannot run code. No `sandbox`: it would break
 * the browser's PDF viewer for the B-3 PDF, which gets this policy too (object-src 'none' does not: Chromium's
 * viewer is no plugin of the page's).
 */
export function contentSecurityPolicy(nonce: string): string {
  const development = process.env.NODE_ENV === "development";
  // G-4 on S3 (X-7: uploads that work on serverless): the browser PUTs a file's parts straight to the bucket.
  const objectStore = s3BrowserOrigin(process.env);
  return [
    "default-src 'self'",
    // React's development build evaluates code to rebuild server stacks; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${objectStore ? ` ${objectStore}` : ""}`,
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join("; ");
}

export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** HSTS only for a site served over HTTPS: its public URL is https, or the trusted proxy says the request was. */
export function isServedOverHttps(headers: Headers): boolean {
  const publicUrl = process.env.AUTH_URL || process.env.SITE_URL || "";
  return publicUrl.startsWith("https://") || isHttpsRequest(headers);
}
