import "server-only";

// X-3 (bad input, never a 500): whether the body of a server action is one that Next's action handler can take.
// The handler throws (a 500) on a body over its limit and on one that is not a well-formed React reply; proxy.ts asks
// here first and answers 413 or 400 instead. The reply format is React's private encoding (processReply on the client,
// decodeReply on the server): tests/unit/action-body.test.ts encodes real arguments with the React that Next ships, so
// an upgrade that changes the encoding fails that test rather than refusing customers' forms.

/** Next's default `serverActions.bodySizeLimit` ("1 MB"): the action handler refuses more, with a 500. */
export const ACTION_BODY_LIMIT = 1024 * 1024;
/** Next refuses more action arguments than this (SERVER_ACTION_ARGS_LIMIT in its action handler). */
const ACTION_ARGS_LIMIT = 1000;
/** Deeper than any argument of this app's actions; React revives replies recursively. */
const REPLY_DEPTH_LIMIT = 64;

export type ActionKind = "fetch" | "multipart" | "urlencoded";

/** A form posted without JavaScript comes with its fields (proxy.ts answers a locked sign-in from them). */
export type ActionBodyVerdict = { ok: true; form?: FormData } | { ok: false; status: 413 | 400; reason: string };

/** What Next's action handler takes for a server action (getServerActionRequestMetadata), route handlers aside. */
export function actionKind(request: Request): ActionKind | null {
  if (request.method !== "POST") return null;
  if (request.headers.has("next-action")) return "fetch";
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) return "multipart";
  if (type === "application/x-www-form-urlencoded") return "urlencoded";
  return null;
}

/**
 * Reads the body of a request that `actionKind` takes for a server action (Next hands the proxy a copy and replays the
 * original) and says whether Next's action handler would take it: over ACTION_BODY_LIMIT → 413, a body it would throw
 * on → 400 with the reason. A request that is no action is not read.
 */
export async function checkActionBody(request: Request): Promise<ActionBodyVerdict> {
  const kind = actionKind(request);
  if (kind === null) return { ok: true };
  const declared = request.headers.get("content-length");
  if (declared !== null && !(Number(declared) <= ACTION_BODY_LIMIT)) return { ok: false, status: 413, reason: "too large" };
  const body = await readAtMost(request, ACTION_BODY_LIMIT);
  if (body === "too-large") return { ok: false, status: 413, reason: "too large" };
  // Next answers URL-encoded posts itself (it takes them for no action): nothing of theirs is decoded.
  if (kind === "urlencoded") return { ok: true };
  const checked = await bodyProblem(kind, request.headers.get("content-type") ?? "", body);
  if (typeof checked === "string") return { ok: false, status: 400, reason: checked };
  return kind === "multipart" && checked ? { ok: true, form: checked } : { ok: true };
}

/** The body, or "too-large" past `limit` bytes. */
async function readAtMost(request: Request, limit: number): Promise<Uint8Array | "too-large"> {
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

/** The problem of a body, or (none) its form when it is multipart. */
async function bodyProblem(kind: ActionKind, contentType: string, body: Uint8Array): Promise<string | FormData | null> {
  if (!contentType.startsWith("multipart/form-data")) {
    // A fetch action whose arguments React encoded as one JSON string (encodeReply without files or forms).
    const text = new TextDecoder("utf-8", { fatal: false }).decode(body);
    return replyProblem({ get: (name) => (name === "0" ? text : null) }, "", "arguments");
  }
  const header = partHeaderProblem(contentType, body);
  if (header) return header;
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
  return form;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const CRLF = Buffer.from("\r\n");
const HEADERS_END = Buffer.from("\r\n\r\n");
/** busboy reads at most 16 KiB of one part's headers. */
const PART_HEADERS_LIMIT = 16 * 1024;

/**
 * The part headers as Next's multipart parser (busboy) reads them, which throws "Malformed part header" (a 500) on a
 * header that is not `token ":" field-value` (RFC 9110: tab, visible ASCII and bytes from 0x80; a line opening with a
 * space or tab continues the one before). A control character (0x00–0x1f but tab, 0x7f) in a part's name, file name
 * or any header of it is such a header, and so are headers over 16 KiB. tests/unit/action-body.test.ts checks this against busboy itself.
 */
function partHeaderProblem(contentType: string, body: Uint8Array): string | null {
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) return "malformed multipart body";
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let from = 0;
  for (let at = bytes.indexOf(delimiter); at !== -1; at = bytes.indexOf(delimiter, from)) {
    from = at + delimiter.length;
    if (at !== 0 && !(bytes[at - 2] === 0x0d && bytes[at - 1] === 0x0a)) continue;
    const lineEnd = bytes.indexOf(CRLF, from);
    if (lineEnd === -1 || bytes[from] === 0x2d) return null;
    const headersEnd = bytes.indexOf(HEADERS_END, lineEnd);
    if (headersEnd === -1) return null;
    if (headersEnd + 4 - (lineEnd + 2) > PART_HEADERS_LIMIT) return "malformed part header";
    if (!validHeaderLines(bytes.subarray(lineEnd + 2, headersEnd).toString("latin1"))) return "malformed part header";
    from = headersEnd + 2;
  }
  return null;
}

function validHeaderLines(headers: string): boolean {
  return headers.split("\r\n").every((line, index) => {
    if (/[^\t\x20-\x7e\x80-\xff]/.test(line)) return false;
    if (line[0] === " " || line[0] === "\t") return index > 0;
    const colon = line.indexOf(":");
    return colon > 0 && TOKEN.test(line.slice(0, colon));
  });
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
