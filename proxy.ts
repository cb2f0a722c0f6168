import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, createNonce, isServedOverHttps, STRICT_TRANSPORT_SECURITY } from "@/lib/security/csp";

// Issue 9, items 4 and 5. This is no gate: who may do what is decided per page, action and route handler by the
// request guards (lib/auth/guards.ts). Here, before Next's router and action handler see a request, only what they
// would answer with a 500:
//   - a path segment that is not valid percent-encoded UTF-8 (Next throws decoding it), or Next's global error page
//     asked for by name → 404, as a page that does not exist;
//   - a server action (a POST with Next-Action, or a form post) from another origin → 403, over the body limit
//     → 413, with a body that is not a well-formed React reply → 400 (Next's action handler throws on each);
// and every response gets the Content-Security-Policy with a fresh nonce (lib/security/csp.ts), HSTS over HTTPS.

/** Next's default `serverActions.bodySizeLimit` ("1 MB"): the action handler refuses more, with a 500. */
const ACTION_BODY_LIMIT = 1024 * 1024;
/** Next refuses more action arguments than this (SERVER_ACTION_ARGS_LIMIT in its action handler). */
const ACTION_ARGS_LIMIT = 1000;
/** Deeper than any argument of this app's actions; React revives replies recursively. */
const REPLY_DEPTH_LIMIT = 64;

export async function proxy(request: NextRequest): Promise<NextResponse> {
  if (isPossibleServerAction(request)) {
    const refused = await refuseBadAction(request);
    if (refused) return refused;
  }
  // Rendered by the app's not-found page (with its status, 404), under this policy like every page.
  if (!isDecodablePath(request.nextUrl.pathname) || isFrameworkErrorPage(request.nextUrl.pathname)) return withPolicy(request, (init) => NextResponse.rewrite(new URL("/_not-found", request.url), init));
  return withPolicy(request, (init) => NextResponse.next(init));
}

export const config = {
  // Everything but the build's static files (their URLs are generated, and they are not documents) and G-4's upload:
  // a proxy makes Next copy a request body and pass only its first 10 MB on (app/admin/(staff)/files/upload/route.ts).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|admin/files/upload).*)"],
};

// --- headers ---------------------------------------------------------------------------------------------------------

function withPolicy(request: NextRequest, respond: (init: { request: { headers: Headers } }) => NextResponse): NextResponse {
  const policy = contentSecurityPolicy(createNonce());
  // Next reads the nonce from the request's policy and puts it on its scripts.
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = respond({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  if (isServedOverHttps(request.headers)) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

function refusal(status: 400 | 403 | 413, text: string): NextResponse {
  return new NextResponse(`${text}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

// --- paths -----------------------------------------------------------------------------------------------------------

/** Next's global error page answers 500 when asked for by its own name; it is no page of the site. */
function isFrameworkErrorPage(pathname: string): boolean {
  return pathname === "/_global-error" || pathname.startsWith("/_global-error/");
}

function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

// --- server actions --------------------------------------------------------------------------------------------------

type Kind = "fetch" | "multipart" | "urlencoded";

/** What Next's action handler takes for a server action (getServerActionRequestMetadata), route handlers aside. */
function actionKind(request: NextRequest): Kind | null {
  if (request.method !== "POST") return null;
  if (request.headers.has("next-action")) return "fetch";
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) return "multipart";
  if (type === "application/x-www-form-urlencoded") return "urlencoded";
  return null;
}

/**
 * Route handlers that take form posts from anywhere, the token in the URL being their whole check (publicRoute with
 * `crossOrigin: "allowed"`): RFC 8058's one-click unsubscribe, which the mail provider POSTs as a form. A route
 * handler runs no server action, so such a post is no action; one with a Next-Action header is still checked.
 */
const CROSS_ORIGIN_FORM_ROUTES = new Set(["/api/mail/unsubscribe"]);

function isPossibleServerAction(request: NextRequest): boolean {
  const kind = actionKind(request);
  if (kind === "urlencoded" || kind === "multipart") return !CROSS_ORIGIN_FORM_ROUTES.has(request.nextUrl.pathname);
  return kind !== null;
}

/** Next's CSRF rule for actions, answered with 403 instead of its 500: an Origin, if sent, names this host. */
function isForeignOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return false;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  try {
    return origin === "null" || !host || new URL(origin).host !== host;
  } catch {
    return true;
  }
}

async function refuseBadAction(request: NextRequest): Promise<NextResponse | null> {
  const kind = actionKind(request)!;
  if (isForeignOrigin(request.headers)) return refusal(403, "Forbidden: cross-origin request.");
  const declared = request.headers.get("content-length");
  if (declared !== null && !(Number(declared) <= ACTION_BODY_LIMIT)) return refusal(413, "Payload Too Large.");
  const body = await readAtMost(request, ACTION_BODY_LIMIT);
  if (body === "too-large") return refusal(413, "Payload Too Large.");
  // Next answers URL-encoded posts itself (it takes them for no action): nothing of theirs is decoded.
  if (kind === "urlencoded") return null;
  const problem = await bodyProblem(kind, request.headers.get("content-type") ?? "", body);
  return problem ? refusal(400, `Bad Request: ${problem}.`) : null;
}

/** The body (Next hands the proxy a copy and replays the original), or "too-large" past `limit` bytes. */
async function readAtMost(request: NextRequest, limit: number): Promise<Uint8Array | "too-large"> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return "too-large";
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

type Fields = { get(name: string): FormDataEntryValue | null };

async function bodyProblem(kind: Kind, contentType: string, body: Uint8Array): Promise<string | null> {
  if (!contentType.startsWith("multipart/form-data")) {
    // A fetch action whose arguments React encoded as one JSON string (encodeReply without files or forms).
    const text = new TextDecoder("utf-8", { fatal: false }).decode(body);
    return replyProblem({ get: (name) => (name === "0" ? text : null) }, "", "arguments");
  }
  let form: FormData;
  try {
    form = await new Request("http://body.invalid/", { method: "POST", headers: { "content-type": contentType }, body: body as BodyInit }).formData();
  } catch {
    return "malformed multipart body";
  }
  if (kind === "fetch") return replyProblem(form, "", "arguments");
  // A form posted without JavaScript: `$ACTION_ID_<id>` (an action without bound arguments) needs nothing more;
  // `$ACTION_REF_<n>` is an action with bound arguments, encoded as a reply under the prefix `$ACTION_<n>:`.
  for (const key of form.keys()) {
    if (!key.startsWith("$ACTION_REF_")) continue;
    const problem = replyProblem(form, `$ACTION_${key.slice("$ACTION_REF_".length)}:`, "action");
    if (problem) return problem;
  }
  return null;
}

/**
 * React's reply encoding (decodeReply): the field `<prefix>0` is the root, JSON; a string "$…" inside is a
 * reference — "$<hex>", "$@<hex>", "$Q…", "$W…", "$i…", "$h…" to another JSON field, "$B<hex>" and the typed arrays
 * to a file field. Next's action handler throws on a missing or broken field (a 500): whatever would, is refused.
 */
function replyProblem(fields: Fields, prefix: string, root: "arguments" | "action"): string | null {
  const seen = new Set<number>();
  const blobs = new Set<number>();
  const pending = [0];
  let nodes = 0;
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const raw = fields.get(`${prefix}${id}`);
    if (typeof raw !== "string") return id === 0 ? "no arguments" : `missing field ${id}`;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return `field ${id} is not JSON`;
    }
    if (id === 0 && root === "arguments" && !(Array.isArray(value) && value.length <= ACTION_ARGS_LIMIT)) return "the arguments are not a list";
    if (id === 0 && root === "action" && !(isRecord(value) && typeof value.id === "string")) return "no action";
    const stack: [unknown, number][] = [[value, 0]];
    while (stack.length > 0) {
      const [node, depth] = stack.pop()!;
      if (++nodes > 100_000) return "too many values";
      if (depth > REPLY_DEPTH_LIMIT) return "nested too deeply";
      if (typeof node === "string") {
        const problem = referenceProblem(node, fields, prefix, pending, blobs);
        if (problem) return problem;
      } else if (Array.isArray(node)) {
        for (const child of node) stack.push([child, depth + 1]);
      } else if (isRecord(node)) {
        for (const child of Object.values(node)) stack.push([child, depth + 1]);
      }
    }
  }
  return null;
}

const MODEL_TAGS = new Set(["@", "Q", "W", "i", "h"]);
const BLOB_TAGS = new Set(["B", "A", "O", "o", "U", "S", "s", "L", "l", "G", "g", "M", "m", "V"]);
const STREAM_TAGS = new Set(["R", "r", "X", "x"]);
const VALUE_TAGS = new Set(["$", "I", "-", "N", "u", "D", "H", "T", "K"]);

function referenceProblem(value: string, fields: Fields, prefix: string, pending: number[], blobs: Set<number>): string | null {
  if (value[0] !== "$") return null;
  const tag = value[1] ?? "";
  if (VALUE_TAGS.has(tag)) return null;
  if (tag === "n") return isBigInt(value.slice(2)) ? null : "bad bigint";
  const hex = MODEL_TAGS.has(tag) || BLOB_TAGS.has(tag) || STREAM_TAGS.has(tag) ? value.slice(2) : value.slice(1);
  const id = referenceId(hex);
  if (id === null) return "bad reference";
  if (STREAM_TAGS.has(tag)) return null;
  if (BLOB_TAGS.has(tag)) {
    if (blobs.has(id)) return "file used twice";
    blobs.add(id);
    return fields.get(`${prefix}${id}`) instanceof Blob ? null : `missing file ${id}`;
  }
  pending.push(id);
  return null;
}

function referenceId(reference: string): number | null {
  const head = reference.split(":")[0] ?? "";
  if (!/^[0-9a-f]{1,8}$/i.test(head)) return null;
  return parseInt(head, 16);
}

function isBigInt(digits: string): boolean {
  if (digits.length > 300) return false;
  try {
    BigInt(digits);
    return true;
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
