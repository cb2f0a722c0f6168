import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { formPost, signIn } from "../../bench/form-client";
import { signInStaff } from "../../bench/staff-sign-in";
import { DEMO_FIRST, DEMO_PASSWORD, DEMO_STAFF_PASSWORD, DEMO_USER } from "@/lib/demo/seed";
import {
  assembledDir,
  AUTH_SECRET,
  CRON_SECRET,
  createDatabase,
  freshCopy,
  pdfFonts,
  productionEnv,
  runsAs,
  seedDemo,
  startEdgeServices,
  startInstance,
  until,
  type EdgeServices,
  type Instance,
} from "./support";

// X-7, issue 27 item 2: the container's run stage, as the Dockerfile assembles it, on the production environment of
// the README: PostgreSQL migrated at start, files in an S3-protocol store, mail through (the fake) Resend, its own
// background worker; then the embedded default (no DATABASE_URL) in the image's layout.

/** pdffonts' line for the subset of Noto Sans JP the PDF carries: a CFF CIDFont, embedded ("emb" yes). */
const EMBEDDED_NOTO = /NotoSansJP-Regular-\w+\s+CID Type 0C \(OT\)\s+Identity-H\s+yes\s/;

async function get(app: Instance, pathname: string, cookie?: string): Promise<Response> {
  return fetch(new URL(pathname, app.url), { redirect: "manual", headers: cookie ? { cookie } : {} });
}

describe("the container's run stage on PostgreSQL, s3rver and Resend", () => {
  let edge: EdgeServices;
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let app: Instance;
  let cookie: string;

  beforeAll(async () => {
    edge = await startEdgeServices();
    database = await createDatabase("deploy_smoke");
    // Like a container, whose server listens on an address that is not "localhost" (0.0.0.0, its own name): here a
    // loopback address localhost does not reach, so a request the server sent to itself would fail (see below).
    app = await startInstance(
      "container",
      freshCopy(assembledDir(), "container"),
      productionEnv(database.url, edge, { BACKGROUND_WORKER_SECONDS: "1" }),
      "127.0.0.2",
    );
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
    await edge?.stop();
  });

  test(`runs as ${runsAs()} and migrates the empty database at start (DATABASE_MIGRATE_ON_START=1)`, async () => {
    const journal = JSON.parse(fs.readFileSync(path.join(app.dir, "db/migrations/meta/_journal.json"), "utf8")) as { entries: unknown[] };
    const [applied] = await database.sql<{ count: number }[]>`SELECT count(*)::int AS count FROM drizzle.__drizzle_migrations`;
    expect(applied!.count).toBe(journal.entries.length);
    const owner = fs.statSync(path.join(app.dir, "server.js")).uid;
    expect(fs.statSync(path.join(app.dir, ".data")).uid === owner).toBe(runsAs() !== "nobody");
    // The demo customers and staff, as an operator would load them (npm run db:seed), files into the object store.
    await seedDemo(database.url, edge);
  });

  test("health answers 200 on PostgreSQL", async () => {
    const response = await get(app, "/api/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: "up", engine: "postgres" });
  });

  test("a path that is not valid UTF-8, and the framework's error page by name, are the site's 404 page, served in-process", async () => {
    // proxy.ts answers them with a 404 page of its own (lib/security/standalone-pages.ts). A rewrite to the app's
    // not-found page was taken for an external one (the proxy's URL said localhost, the server compared with its own
    // address) and proxied over HTTP to localhost: a 500 when the reused socket was reset, and here, where localhost
    // does not reach the server, every time.
    for (const pathname of ["/licenses/%FF", "/admin/files/%FF", "/%E0%A4%A", "/_global-error"]) {
      const response = await get(app, pathname);
      expect(response.status, pathname).toBe(404);
      expect(await response.text(), pathname).toContain("<h1>ページが見つかりません</h1>");
    }
    expect(app.output.join("\n")).not.toContain("Failed to proxy");
  });

  test("a customer signs in and sees the list, a contract and the CSV", async () => {
    cookie = await signIn(app.url, DEMO_USER, DEMO_PASSWORD);
    const list = await get(app, "/licenses", cookie);
    expect(list.status).toBe(200);
    expect(await list.text()).toContain("100001");
    const detail = await get(app, "/licenses/100001", cookie);
    expect(detail.status).toBe(200);
    expect(await detail.text()).toContain("ウイルスバスター");
    const csv = await get(app, "/licenses/export", cookie);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain("100001");
    // Another customer's contract is not there for this one.
    expect((await get(app, "/licenses/200001", cookie)).status).toBe(404);
  });

  test("both PDFs are drawn with the Japanese font embedded (pdffonts)", async () => {
    const holdings = await get(app, "/licenses/100001/pdf", cookie);
    expect(holdings.status).toBe(200);
    expect(holdings.headers.get("content-type")).toBe("application/pdf");
    const holdingsFonts = pdfFonts(new Uint8Array(await holdings.arrayBuffer()));
    expect(holdingsFonts).toMatch(EMBEDDED_NOTO);

    const quote = await formPost(app.url, "/licenses/100001/renewal", "licenseId", {}, cookie);
    const created = await fetch(new URL(quote.path, app.url), { method: "POST", redirect: "manual", headers: quote.headers, body: quote.body });
    expect(created.status).toBe(200);
    const [row] = await database.sql<{ id: number }[]>`SELECT id FROM renewal_quotes WHERE license_id = 100001 ORDER BY id DESC LIMIT 1`;
    expect(row).toBeDefined();
    const pdf = await get(app, `/licenses/100001/renewal/quotes/${row!.id}`, cookie);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdfFonts(new Uint8Array(await pdf.arrayBuffer()))).toMatch(EMBEDDED_NOTO);
  });

  test("a download goes through a presigned redirect to the object store, bytes intact", async () => {
    const [file] = await database.sql<
      { id: number; sha256: string; size: number }[]
    >`SELECT id, sha256, size FROM download_files WHERE status = 'published' AND menu = 'pattern' ORDER BY id LIMIT 1`;
    expect(file).toBeDefined();
    const redirect = await get(app, `/downloads/files/${file!.id}`, cookie);
    expect([302, 303, 307]).toContain(redirect.status);
    const location = redirect.headers.get("location")!;
    expect(location.startsWith(edge.s3.config.endpoint!)).toBe(true);
    expect(location).toContain("X-Amz-Signature=");
    const body = new Uint8Array(await (await fetch(location)).arrayBuffer());
    expect(body.length).toBe(Number(file!.size));
    expect(createHash("sha256").update(body).digest("hex")).toBe(file!.sha256);
    // Signed out, no redirect to the store.
    const anonymous = await get(app, `/downloads/files/${file!.id}`);
    expect(anonymous.headers.get("location") ?? "").not.toContain("X-Amz-Signature");
  });

  test("a staff member signs in with the TOTP step", async () => {
    const staff = await signInStaff(app.url, "admin@example.com", DEMO_STAFF_PASSWORD);
    const dashboard = await get(app, "/admin", staff);
    expect(dashboard.status).toBe(200);
    expect((await get(app, "/admin")).status).not.toBe(200);
  });

  test("the temporary-password mail (A-3) reaches the provider once", async () => {
    const before = edge.resend.deliveries.length;
    const form = await formPost(app.url, "/password/temporary", "email", { email: DEMO_FIRST });
    const response = await fetch(new URL(form.path, app.url), {
      method: "POST",
      redirect: "manual",
      headers: { ...form.headers, "x-forwarded-for": "198.51.100.7" },
      body: form.body,
    });
    expect(response.status).toBeLessThan(400);
    const mail = await until("the temporary-password mail at the provider", () => edge.resend.deliveries.slice(before).find((m) => m.to.includes(DEMO_FIRST)));
    expect(mail.subject).toContain("仮パスワード");
    const [outbox] = await database.sql<
      { count: number }[]
    >`SELECT count(*)::int AS count FROM mail_outbox WHERE ${DEMO_FIRST} = ANY(to_addresses) AND status = 'sent'`;
    expect(outbox!.count).toBe(1);
    expect(edge.resend.deliveries.filter((m) => m.to.includes(DEMO_FIRST))).toHaveLength(1);
  });

  test("the cron route: 200 with its bearer, 401 without", async () => {
    const withBearer = await fetch(`${app.url}/api/cron/outbox`, { method: "POST", headers: { authorization: `Bearer ${CRON_SECRET}` } });
    expect(withBearer.status).toBe(200);
    expect(await withBearer.json()).toMatchObject({ failed: 0 });
    expect((await fetch(`${app.url}/api/cron/outbox`, { method: "POST" })).status).toBe(401);
    expect((await fetch(`${app.url}/api/cron/outbox`, { headers: { authorization: `Bearer ${AUTH_SECRET}` } })).status).toBe(401);
  });

  test("the icons are drawn without sharp (next/og)", async () => {
    const icon = await get(app, "/brand/favicon.png");
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toBe("image/png");
    expect(fs.existsSync(path.join(app.dir, "node_modules/sharp"))).toBe(false);
  });
});

describe("the embedded default in the image's layout (no DATABASE_URL)", () => {
  let app: Instance;

  beforeAll(async () => {
    app = await startInstance("embedded", freshCopy(assembledDir(), "embedded"), { AUTH_SECRET, PASSWORD_SCRYPT_LOG_N: "14", TRUSTED_PROXY_HOPS: "1" });
  });
  afterAll(async () => {
    await app?.stop();
  });

  test("keeps its database and files in the writable .data folder and serves the demo", async () => {
    const health = await get(app, "/api/health");
    expect(await health.json()).toMatchObject({ status: "ok", engine: "pglite" });
    expect(fs.existsSync(path.join(app.dir, ".data/pglite/PG_VERSION"))).toBe(true);
    expect(fs.existsSync(path.join(app.dir, ".data/pglite.lock"))).toBe(true);
    expect(fs.readdirSync(path.join(app.dir, ".data/blobs")).length).toBeGreaterThan(0);
    const cookie = await signIn(app.url, DEMO_USER, DEMO_PASSWORD);
    expect((await get(app, "/licenses/100001", cookie)).status).toBe(200);
    const pdf = await get(app, "/licenses/100001/pdf", cookie);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
  });
});
