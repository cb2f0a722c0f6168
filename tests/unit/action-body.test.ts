import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT, checkActionBody } from "@/lib/security/action-body";

// lib/security/action-body.ts re-implements React's private reply encoding (the tags of
// processReply). Here every argument shape a browser sends is encoded by the React that Next ships and runs in the
// browser — the Flight client Next vendors for Turbopack, its default bundler, in both the production and the
// development build — posted as the browser posts it, and must pass; so a React upgrade that changes the encoding fails
// here instead of refusing customers' forms with a 400. Then what the proxy refuses (bodies Next would throw on) is
// refused.

type EncodeReply = (value: unknown, options?: { temporaryReferences?: unknown }) => Promise<string | FormData>;
type BrowserClient = {
  encodeReply: EncodeReply;
  createTemporaryReferenceSet(): unknown;
  createServerReference(id: string, callServer: (id: string, args: unknown[]) => Promise<unknown>): (...args: unknown[]) => Promise<unknown>;
};
/** The SSR side: what React DOM renders as hidden fields of a form whose action has bound arguments. */
type FormActionEncoder = (prefix: string) => { name: string; data: FormData | null };
type ServerClient = {
  createServerReference(id: string): ((...args: unknown[]) => unknown) & { bind: (self: null, ...args: unknown[]) => { $$FORM_ACTION: FormActionEncoder } };
};

const require = createRequire(import.meta.url);
/** The multipart parser Next's action handler runs (next/dist/compiled/busboy). */
const busboy = require("next/dist/compiled/busboy") as (options: { headers: Record<string, string> }) => NodeJS.WritableStream & {
  on(event: "error", listener: (error: Error) => void): void;
  on(event: "close", listener: () => void): void;
  on(event: "file", listener: (name: string, stream: NodeJS.ReadableStream) => void): void;
};
const flightDir = path.dirname(require.resolve("next/dist/compiled/react-server-dom-turbopack/package.json"));
const flight = (file: string) => require(path.join(flightDir, "cjs", `react-server-dom-turbopack-${file}.js`)) as unknown;
const builds = ["production", "development"] as const;

/** What processReply writes after "$": "<id>" a reference to another part; the rest, tags. */
const REPLY_TAGS = [
  "<id>",
  "@",
  "Q",
  "W",
  "i",
  "h",
  "K",
  "B",
  "A",
  "O",
  "o",
  "U",
  "S",
  "s",
  "L",
  "l",
  "G",
  "g",
  "M",
  "m",
  "V",
  "R",
  "r",
  "X",
  "x",
  "$",
  "-",
  "I",
  "N",
  "u",
  "D",
  "T",
  "n",
];

const ORIGIN = "http://localhost:3000";
const ACTION_ID = "7f3a9c2e51b04d8e6a1f2c3b4d5e6f708192a3b4c5";

/** A fetch call of a server action as Next's client makes it (server-action-reducer's fetchServerAction). */
function fetchAction(body: string | FormData | Uint8Array, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}/licenses`, {
    method: "POST",
    headers: { Accept: "text/x-component", "Next-Action": ACTION_ID, Origin: ORIGIN, ...headers },
    body: body as BodyInit,
  });
}

/** A form posted without JavaScript: multipart, no Next-Action. */
function formPost(form: FormData): Request {
  return new Request(`${ORIGIN}/licenses`, { method: "POST", headers: { Origin: ORIGIN }, body: form });
}

function form(entries: [string, string | Blob][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

function contactForm(): FormData {
  return form([
    ["companyName", "株式会社テスト　本社"],
    ["department", ""],
    ["contactName", "山田 太郎"],
    ["contactNameKana", "ヤマダ タロウ"],
    ["phone", "０３－１２３４－５６７８"],
    ["note", "改行を\r\n含む\u3000備考 🎌"],
    ["empty", ""],
  ]);
}

async function* values() {
  yield { page: 1 };
  yield "二";
}

/**
 * Argument lists a browser sends, and whether React sends them as one JSON string ("text") or as multipart
 * ("multipart"); a function, since FormData, files and streams are used up by one encoding.
 */
function argumentCases(client: BrowserClient): [string, "text" | "multipart", () => unknown[]][] {
  const shared = { licenseId: "100001" };
  return [
    ["useActionState: [prevState, FormData] with Japanese text and empty strings", "multipart", () => [{ status: "idle" }, contactForm()]],
    [
      "useActionState: [prevState with field errors, FormData]",
      "multipart",
      () => [{ status: "error", message: "入力内容を確認してください。", fieldErrors: { phone: ["電話番号の形式が正しくありません。"] } }, contactForm()],
    ],
    ["a form action: [FormData]", "multipart", () => [contactForm()]],
    [
      "a FormData with a File",
      "multipart",
      () => [
        form([
          ["title", "契約書"],
          ["file", new File(["%PDF-1.7\n…"], "契約書.pdf", { type: "application/pdf" })],
        ]),
      ],
    ],
    ["a FormData with an empty file input", "multipart", () => [form([["file", new File([], "", { type: "application/octet-stream" })]])]],
    ["a Blob", "multipart", () => [new Blob(["データ"], { type: "text/plain" })]],
    ["two Files", "multipart", () => [new File(["a"], "a.csv"), new File(["b"], "b.csv")]],
    ["no arguments", "text", () => []],
    ["strings: Japanese, empty, one that starts with $", "text", () => ["日本語の文字列", "", "$100", "$$", "$B1", "$Q0"]],
    [
      "numbers, including -0, NaN and the infinities",
      "text",
      () => [0, -0, 1.5, -42, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MAX_SAFE_INTEGER],
    ],
    ["booleans, null and undefined", "text", () => [true, false, null, undefined]],
    ["a Date", "text", () => [new Date("2026-04-01T00:00:00.000Z")]],
    ["bigints", "text", () => [0n, -123456789012345678901234567890n]],
    [
      "plain objects and arrays, nested",
      "text",
      () => [{ page: 1, filter: { prefecture: "東京都", tags: ["a", "", null], range: { from: new Date(0), to: undefined } } }, [[1, [2, [3]]]]],
    ],
    ["an object that appears twice", "text", () => [{ first: shared, second: shared }, shared]],
    [
      "a Map",
      "multipart",
      () => [
        new Map<unknown, unknown>([
          ["key", "値"],
          [1, { nested: new Date(0) }],
        ]),
      ],
    ],
    ["a Set", "multipart", () => [new Set(["a", "b", 3])]],
    ["a Map in a Set in an object", "multipart", () => [{ inner: new Set([new Map([["k", "v"]])]) }]],
    ["an iterator", "multipart", () => [["x", "y"].values()]],
    ["a Promise", "multipart", () => [Promise.resolve({ done: "済" })]],
    ["a server function", "multipart", () => [client.createServerReference("00aa11bb22cc", async () => null)]],
    ["an ArrayBuffer", "multipart", () => [new Uint8Array([1, 2, 3]).buffer]],
    ["every typed array and a DataView", "multipart", () => typedArrays()],
    ["a ReadableStream of values", "multipart", () => [new ReadableStream({ start: (c) => (c.enqueue({ a: 1 }), c.enqueue("二"), c.close()) })]],
    ["a byte stream", "multipart", () => [new ReadableStream({ type: "bytes", start: (c) => (c.enqueue(new Uint8Array([1, 2])), c.close()) })]],
    ["an async generator", "multipart", () => [values()]],
    ["an async iterable", "multipart", () => [{ [Symbol.asyncIterator]: () => values() }]],
    ["a class instance (a temporary reference)", "text", () => [new (class Opaque {})()]],
    ["1000 arguments, Next's limit", "text", () => Array.from({ length: 1000 }, (_, i) => i)],
  ];
}

function typedArrays(): unknown[] {
  const bytes = [1, 2, 3, 4, 5, 6, 7, 8];
  return [
    new Int8Array(bytes),
    new Uint8Array(bytes),
    new Uint8ClampedArray(bytes),
    new Int16Array(bytes),
    new Uint16Array(bytes),
    new Int32Array(bytes),
    new Uint32Array(bytes),
    new Float32Array(bytes),
    new Float64Array(bytes),
    new BigInt64Array(bytes.map(BigInt)),
    new BigUint64Array(bytes.map(BigInt)),
    new DataView(new Uint8Array(bytes).buffer),
  ];
}

/** React DOM's server render asks a form action for its hidden fields and, while they are encoded, waits and asks again. */
async function formFields(action: { $$FORM_ACTION: FormActionEncoder }, prefix: string) {
  for (;;) {
    try {
      return action.$$FORM_ACTION(prefix);
    } catch (pending) {
      if (!(pending instanceof Promise)) throw pending;
      await pending.catch(() => undefined);
    }
  }
}

describe.each(builds)("React's encodeReply (Next's Flight client for Turbopack, %s build)", (build) => {
  const client = flight(`client.browser.${build}`) as BrowserClient;
  const encode = (args: unknown[]) => client.encodeReply(args, { temporaryReferences: client.createTemporaryReferenceSet() });

  it.each(argumentCases(client))("passes %s", async (_name, sent, args) => {
    const body = await encode(args());
    expect(typeof body === "string" ? "text" : "multipart", "how React sends it").toBe(sent);
    expect(await checkActionBody(fetchAction(body))).toEqual({ ok: true });
  });

  it("the cases above make React write every tag of its reply format that the check knows", async () => {
    const written = new Set<string>();
    for (const [, , args] of argumentCases(client)) {
      const body = await encode(args());
      const parts = typeof body === "string" ? [body] : [...body.values()].filter((part) => typeof part === "string");
      for (const part of parts) for (const [, tag] of part.matchAll(/"\$(.)/g)) written.add(/[0-9a-f]/.test(tag!) ? "<id>" : tag!);
    }
    expect([...written].sort()).toEqual([...REPLY_TAGS].sort());
  });

  it("passes every argument shape at once, in one body", async () => {
    const all = argumentCases(client).map(([, , args]) => args());
    expect(await checkActionBody(fetchAction(await encode(all)))).toEqual({ ok: true });
  });

  it("passes a form without JavaScript whose action has bound arguments ($ACTION_REF_), and one without ($ACTION_ID_)", async () => {
    const server = flight(`client.edge.${build}`) as ServerClient;
    const bound = server.createServerReference(ACTION_ID).bind(null, "100001", { kind: "apex_one", at: new Date(0), n: 5n });
    const hidden = await formFields(bound, "0");
    expect(hidden.name).toBe("$ACTION_REF_0");
    const post = contactForm();
    post.append(hidden.name, "");
    hidden.data?.forEach((value, name) => post.append(name, value));
    // Taken, and handed on with its fields (proxy.ts reads a sign-in's e-mail from them).
    const taken = await checkActionBody(formPost(post));
    expect(taken.ok && taken.form?.get(hidden.name)).toBe("");

    const plain = contactForm();
    plain.append(`$ACTION_ID_${ACTION_ID}`, "");
    const unbound = await checkActionBody(formPost(plain));
    expect(unbound.ok && unbound.form?.has(`$ACTION_ID_${ACTION_ID}`)).toBe(true);
  });
});

describe("what the proxy refuses", () => {
  const refusedWith = (reason: string) => ({ ok: false, status: 400, reason });

  it.each([
    ["a reference to a missing part", [["0", '["$1"]']], "missing field 1"],
    ["a Map whose part is missing", [["0", '["$Q1"]']], "missing field 1"],
    ["a file reference without the file", [["0", '["$B1"]']], "missing file 1"],
    [
      "a file reference to a text part",
      [
        ["0", '["$o1"]'],
        ["1", "text"],
      ],
      "missing file 1",
    ],
    [
      "one file used twice",
      [
        ["0", '["$B1","$B1"]'],
        ["1", new Blob(["x"])],
      ],
      "file used twice",
    ],
    ["a tag React does not write", [["0", '["$Z1"]']], "bad reference"],
    ["a reference that is not hex", [["0", '["$@xyz"]']], "bad reference"],
    ["a bigint that is not a number", [["0", '["$n12a"]']], "bad bigint"],
    [
      "a part that is not JSON",
      [
        ["0", '["$1"]'],
        ["1", "{"],
      ],
      "field 1 is not JSON",
    ],
    ["no root part", [["1", "[]"]], "no arguments"],
    ["a root that is not a list", [["0", '{"a":1}']], "the arguments are not a list"],
    ["more than 1000 arguments", [["0", JSON.stringify(Array.from({ length: 1001 }, () => 0))]], "the arguments are not a list"],
    ["arguments nested deeper than 64", [["0", `${"[".repeat(70)}${"]".repeat(70)}`]], "nested too deeply"],
  ] as [string, [string, string | Blob][], string][])("refuses %s (multipart)", async (_name, entries, reason) => {
    expect(await checkActionBody(fetchAction(form(entries)))).toEqual(refusedWith(reason));
  });

  it.each([
    ["not JSON", "[", "field 0 is not JSON"],
    ["an object", "{}", "the arguments are not a list"],
    ["a reference, where a text body has no other part", '["$1"]', "missing field 1"],
    ["an empty body", "", "field 0 is not JSON"],
  ])("refuses a text body that is %s", async (_name, body, reason) => {
    expect(await checkActionBody(fetchAction(body))).toEqual(refusedWith(reason));
  });

  it("refuses a multipart body that does not parse", async () => {
    const request = fetchAction("--nope\r\nnot a part", { "Content-Type": "multipart/form-data; boundary=elsewhere" });
    expect(await checkActionBody(request)).toEqual(refusedWith("malformed multipart body"));
  });

  // Next parses multipart action bodies with the busboy it vendors, which throws "Malformed part header" (a 500) on a
  // part header it cannot read: each body here is first shown to make busboy throw, then to be refused.
  const BOUNDARY = "----formdata-undici-0123456789";
  const multipart = (headers: Buffer) => Buffer.concat([Buffer.from(`--${BOUNDARY}\r\n`), headers, Buffer.from(`\r\n\r\n["x"]\r\n--${BOUNDARY}--\r\n`)]);
  const multipartType = `multipart/form-data; boundary=${BOUNDARY}`;
  const busboyReads = (body: Buffer) =>
    new Promise<boolean>((resolve) => {
      const parser = busboy({ headers: { "content-type": multipartType } });
      parser.on("error", () => resolve(false));
      parser.on("file", (_name, stream) => stream.resume());
      parser.on("close", () => resolve(true));
      parser.end(body);
    });
  const latin1 = (text: string) => Buffer.from(text, "latin1");

  it.each([
    ["a NUL in a part's name", 'Content-Disposition: form-data; name="_1_a\x00b"'],
    ["a control character (0x01) in a part's name", 'Content-Disposition: form-data; name="0\x01"'],
    ["an escape (0x1b) in a file name", 'Content-Disposition: form-data; name="1"; filename="a\x1b[31m.txt"'],
    ["a DEL (0x7f) in a part's name", 'Content-Disposition: form-data; name="0\x7f"'],
    ["a vertical tab in a part's content type", 'Content-Disposition: form-data; name="0"\r\nContent-Type: text/plain\x0b'],
    ["a header name with a space", 'Content-Disposition: form-data; name="0"\r\nBad Name: x'],
    ["a part without headers", ""],
    ["headers over 16 KiB", `Content-Disposition: form-data; name="0"\r\nX-Pad: ${"a".repeat(16 * 1024)}`],
  ])("refuses %s (busboy throws on it)", async (_name, headers) => {
    const body = multipart(latin1(headers));
    expect(await busboyReads(body)).toBe(false);
    expect(await checkActionBody(fetchAction(body, { "Content-Type": multipartType }))).toEqual(refusedWith("malformed part header"));
    const withoutJavaScript = new Request(`${ORIGIN}/licenses`, { method: "POST", headers: { Origin: ORIGIN, "Content-Type": multipartType }, body });
    expect(await checkActionBody(withoutJavaScript)).toEqual(refusedWith("malformed part header"));
  });

  it("refuses every generated part header busboy throws on, and passes the ones a browser writes", async () => {
    // Headers drawn from bytes that matter to the grammar (controls, separators, high bytes, CR and LF) around a real
    // Content-Disposition: a seeded generator, so a failure repeats.
    const bytes = [0, 1, 9, 10, 13, 27, 32, 34, 45, 58, 59, 61, 65, 97, 0x7f, 0x80, 0xe9, 0xff, ...latin1("Content-Disposition: form-data; name=")];
    let seed = 20261207;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
    let refusedByBoth = 0;
    for (let n = 0; n < 4000; n++) {
      const noise = Buffer.from(Array.from({ length: Math.floor(next() * 24) }, () => bytes[Math.floor(next() * bytes.length)]!));
      const headers = next() < 0.5 ? Buffer.concat([latin1('Content-Disposition: form-data; name="0"\r\n'), noise]) : noise;
      const body = multipart(headers);
      if (await busboyReads(body)) continue;
      const verdict = await checkActionBody(fetchAction(body, { "Content-Type": multipartType }));
      expect(verdict, JSON.stringify(headers.toString("latin1"))).toMatchObject({ ok: false, status: 400 });
      refusedByBoth++;
    }
    expect(refusedByBoth).toBeGreaterThan(1000);
    const browser = multipart(Buffer.from('Content-Disposition: form-data; name="0"\r\nContent-Type: text/plain; charset=utf-8'));
    expect(await busboyReads(browser)).toBe(true);
    expect(await checkActionBody(fetchAction(browser, { "Content-Type": multipartType }))).toEqual({ ok: true });
  });

  it("refuses a form post whose bound arguments are missing or name no action", async () => {
    expect(await checkActionBody(formPost(form([["$ACTION_REF_0", ""]])))).toEqual(refusedWith("no arguments"));
    expect(
      await checkActionBody(
        formPost(
          form([
            ["$ACTION_REF_0", ""],
            ["$ACTION_0:0", '{"bound":null}'],
          ]),
        ),
      ),
    ).toEqual(refusedWith("no action"));
  });

  it("refuses a body over 1 MB with 413, declared or read", async () => {
    const declared = fetchAction("[]", { "Content-Length": String(ACTION_BODY_LIMIT + 1) });
    expect(await checkActionBody(declared)).toEqual({ ok: false, status: 413, reason: "too large" });
    const undeclared = fetchAction(JSON.stringify(["x".repeat(ACTION_BODY_LIMIT)]));
    expect(undeclared.headers.get("content-length")).toBeNull();
    expect(await checkActionBody(undeclared)).toEqual({ ok: false, status: 413, reason: "too large" });
    expect(await checkActionBody(fetchAction(JSON.stringify(["x".repeat(ACTION_BODY_LIMIT - 10)])))).toEqual({ ok: true });
  });

  it("leaves URL-encoded posts and requests that are no action alone", async () => {
    const urlencoded = new Request(`${ORIGIN}/licenses`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "%%%" });
    expect(await checkActionBody(urlencoded)).toEqual({ ok: true });
    expect(await checkActionBody(new Request(`${ORIGIN}/licenses`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "[" }))).toEqual({
      ok: true,
    });
    expect(await checkActionBody(new Request(`${ORIGIN}/licenses`))).toEqual({ ok: true });
  });
});
