import { createElement } from "react";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as cronGet, POST as cronPost } from "@/app/api/cron/outbox/route";
import { GET as mailboxGet } from "@/app/api/dev/mailbox/route";
import { GET as healthGet } from "@/app/api/health/route";
import { getDb } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { enqueueMail } from "@/lib/mail/outbox";
import { startFakeResend } from "../support/fake-resend";

let fake: Awaited<ReturnType<typeof startFakeResend>>;
beforeAll(async () => {
  fake = await startFakeResend();
  const db = await getDb();
  await db.transaction((tx) =>
    enqueueMail(tx, { template: "test", from: "eCustomer@example.test", to: ["box@example.test"], subject: "件名A", body: createElement("p", null, "本文A") }),
  );
});
afterAll(() => fake.close());
afterEach(() => {
  for (const key of ["CRON_SECRET", "RESEND_API_KEY", "RESEND_BASE_URL", "DEV_MAILBOX"]) delete process.env[key];
});

describe("/api/health", () => {
  it("reports the database as up", async () => {
    const res = await healthGet();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: "up" });
  });
});

describe("/api/dev/mailbox (SPEC M)", () => {
  // What the server's socket stamp (lib/security/socket-stamp.ts) writes: the request came from this machine, and the
  // Host a browser sends for http://localhost:3000.
  const request = (query: string, headers: Record<string, string> = { "x-ecs-socket-address": "127.0.0.1" }) =>
    new Request(`http://localhost/api/dev/mailbox${query}`, { headers: { host: "localhost:3000", ...headers } });

  it("does not exist without DEV_MAILBOX=1", async () => {
    expect((await mailboxGet(request("?to=box@example.test"))).status).toBe(404);
  });

  it("does not exist when a Resend key is configured, even with DEV_MAILBOX=1", async () => {
    process.env.DEV_MAILBOX = "1";
    process.env.RESEND_API_KEY = "re_live_key";
    expect((await mailboxGet(request("?to=box@example.test"))).status).toBe(404);
  });

  it("lists a recipient's mails newest first with the SPEC's fields, and refuses a bad address", async () => {
    process.env.DEV_MAILBOX = "1";
    const res = await mailboxGet(request("?to=BOX@example.test"));
    expect(res.status).toBe(200);
    const [mail] = (await res.json()) as Record<string, unknown>[];
    expect(Object.keys(mail!)).toEqual(expect.arrayContaining(["id", "to", "from", "subject", "text", "html", "createdAt"]));
    expect(mail).toMatchObject({ to: ["box@example.test"], from: "eCustomer@example.test", subject: "件名A" });
    expect((await mailboxGet(request("?to=not-an-address"))).status).toBe(400);
    expect((await mailboxGet(request(""))).status).toBe(400);
  });

  it("answers 404 to anyone but this machine, whatever X-Forwarded-For says", async () => {
    process.env.DEV_MAILBOX = "1";
    expect((await mailboxGet(request("?to=box@example.test", { "x-ecs-socket-address": "::ffff:127.0.0.1" }))).status).toBe(200);
    expect((await mailboxGet(request("?to=box@example.test", { "x-ecs-socket-address": "203.0.113.5" }))).status).toBe(404);
    expect((await mailboxGet(request("?to=box@example.test", { "x-ecs-socket-address": "203.0.113.5", "x-forwarded-for": "127.0.0.1" }))).status).toBe(404);
    // From this machine, but under another site's name (DNS rebinding: a page of that site in the local browser).
    expect((await mailboxGet(request("?to=box@example.test", { "x-ecs-socket-address": "127.0.0.1", host: "rebound.example:3000" }))).status).toBe(404);
    // A local reverse proxy in front of the app: the client it names is elsewhere.
    expect((await mailboxGet(request("?to=box@example.test", { "x-ecs-socket-address": "127.0.0.1", "x-forwarded-for": "198.51.100.20" }))).status).toBe(404);
    // No stamp (not our server): unknown, so closed.
    expect((await mailboxGet(request("?to=box@example.test", {}))).status).toBe(404);
  });
});

describe("/api/cron/outbox", () => {
  const call = (auth?: string, method: "GET" | "POST" = "GET") =>
    (method === "GET" ? cronGet : cronPost)(new Request("http://localhost/api/cron/outbox", { method, headers: auth ? { authorization: auth } : {} }));

  it("does not exist without CRON_SECRET and refuses a wrong secret", async () => {
    expect((await call("Bearer anything")).status).toBe(404);
    process.env.CRON_SECRET = "s3cret-value";
    expect((await call()).status).toBe(401);
    expect((await call("Bearer wrong-value")).status).toBe(401);
  });

  it("delivers the outbox with the right secret (Vercel Cron GET, container POST)", async () => {
    process.env.CRON_SECRET = "s3cret-value";
    process.env.RESEND_API_KEY = "re_test_key";
    process.env.RESEND_BASE_URL = fake.baseUrl;
    const res = await call("Bearer s3cret-value", "POST");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await (await call("Bearer s3cret-value")).json()).toMatchObject({ claimed: 0 });
    const db = await getDb();
    const rows = await db
      .select({ status: mailOutbox.status })
      .from(mailOutbox)
      .where(sql`'box@example.test' = ANY(${mailOutbox.toAddresses})`);
    expect(rows).toEqual([{ status: "sent" }]);
  });
});
