import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { formPost, signIn } from "../../bench/form-client";
import { signInStaff } from "../../bench/staff-sign-in";
import { DEMO_OTHER, DEMO_PASSWORD, DEMO_STAFF_PASSWORD, DEMO_USER } from "@/lib/demo/seed";
import {
  assembledDir,
  createDatabase,
  freshCopy,
  productionEnv,
  seedDemo,
  startEdgeServices,
  startInstance,
  submitFormContaining,
  until,
  type EdgeServices,
  type Instance,
} from "./support";

// X-7, issue 27 item 7: where one machine is outgrown, more app instances run on one PostgreSQL and one object store.
// Two instances of the assembled run stage (each its own folder, its own background worker every second) share one
// database, one s3rver and the fake Resend; each has its own Resend key, so the provider sees who sent what.

const KEYS = { a: "re_instance_a", b: "re_instance_b" } as const;

describe("two instances on one database and one store", () => {
  let edge: EdgeServices;
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    // 20 ms per provider request: the two workers' rounds overlap, as they would against the real provider.
    edge = await startEdgeServices({ resendDelayMs: 20 });
    database = await createDatabase("deploy_two");
    const source = assembledDir();
    // Both start at once on the empty database, each told to migrate it (the migration takes a lock: db/client.ts).
    [a, b] = await Promise.all([
      startInstance("instance-a", freshCopy(source, "a"), productionEnv(database.url, edge, { BACKGROUND_WORKER_SECONDS: "1", RESEND_API_KEY: KEYS.a })),
      startInstance("instance-b", freshCopy(source, "b"), productionEnv(database.url, edge, { BACKGROUND_WORKER_SECONDS: "1", RESEND_API_KEY: KEYS.b })),
    ]);
    await seedDemo(database.url, edge);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
    await edge?.stop();
  });

  const sentBy = (key: string) => edge.resend.deliveries.filter((mail) => mail.authorization === `Bearer ${key}`).length;

  test("a session made on one is valid on the other, and a logout on one revokes it on both", async () => {
    const cookie = await signIn(a.url, DEMO_USER, DEMO_PASSWORD);
    expect((await fetch(`${b.url}/licenses`, { redirect: "manual", headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${a.url}/licenses`, { redirect: "manual", headers: { cookie } })).status).toBe(200);
    const logout = await submitFormContaining(b.url, "/licenses", "ログアウト", cookie);
    expect(logout.status).toBeLessThan(400);
    for (const instance of [a, b]) {
      const after = await fetch(`${instance.url}/licenses`, { redirect: "manual", headers: { cookie } });
      expect(after.status, instance.name).not.toBe(200);
      expect(after.headers.get("location") ?? "", instance.name).toContain("/login");
    }
  });

  test("both workers drain one outbox backlog: every mail delivered exactly once, by both instances", async () => {
    const before = edge.resend.deliveries.length;
    const rows = 600;
    await database.sql`
      INSERT INTO mail_outbox (id, template, from_address, to_addresses, subject, html, text)
      SELECT 'backlog-' || n, 'smoke', 'eCustomer@example.com', ARRAY['backlog' || n || '@example.net'], 'backlog ' || n, '<p>' || n || '</p>', n::text
      FROM generate_series(1, ${rows}) AS n`;
    await until(
      "the backlog sent",
      async () => {
        const [left] = await database.sql<{ count: number }[]>`SELECT count(*)::int AS count FROM mail_outbox WHERE id LIKE 'backlog-%' AND status <> 'sent'`;
        return left!.count === 0;
      },
      90_000,
    );
    const delivered = edge.resend.deliveries.slice(before).filter((mail) => mail.subject.startsWith("backlog "));
    expect(delivered).toHaveLength(rows);
    const perRecipient = new Map<string, number>();
    for (const mail of delivered) for (const to of mail.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    expect(perRecipient.size).toBe(rows);
    expect([...perRecipient.values()].every((count) => count === 1)).toBe(true);
    const byA = delivered.filter((mail) => mail.authorization === `Bearer ${KEYS.a}`).length;
    const byB = delivered.filter((mail) => mail.authorization === `Bearer ${KEYS.b}`).length;
    console.log(`[two-instances] backlog of ${rows}: instance A sent ${byA}, instance B ${byB}, each recipient exactly 1`);
    expect(byA).toBeGreaterThan(0);
    expect(byB).toBeGreaterThan(0);
  });

  test("a G-5 send started on one completes once with both running the job: one mail per subscriber", async () => {
    // 1,500 subscribers besides the demo's: three chunks of the send job (500 each) and 15 batches of 100.
    await database.sql`
      WITH made AS (
        INSERT INTO customer_accounts (email) SELECT 'subscriber' || n || '@example.org' FROM generate_series(1, 1500) AS n RETURNING id
      )
      INSERT INTO mail_subscriptions (customer_account_id, subscribed) SELECT id, true FROM made`;
    const [subscribers] = await database.sql<{ total: number }[]>`SELECT count(*)::int AS total FROM mail_subscriptions WHERE subscribed`;
    const total = subscribers!.total;
    const staff = await signInStaff(a.url, "marketer@example.com", DEMO_STAFF_PASSWORD);
    const draft = await formPost(
      a.url,
      "/admin/support-mails/new",
      "title",
      { title: "二台構成の送信テスト", body: "Support Information の本文です。" },
      staff,
    );
    const created = await fetch(new URL(draft.path, a.url), { method: "POST", redirect: "manual", headers: draft.headers, body: draft.body });
    expect(created.status).toBeLessThan(400);
    const [mail] = await database.sql<{ id: number }[]>`SELECT id FROM support_info_mails WHERE title = '二台構成の送信テスト'`;
    expect(mail).toBeDefined();
    const start = await formPost(b.url, `/admin/support-mails/${mail!.id}`, "confirm", { confirm: "on" }, staff);
    const started = await fetch(new URL(start.path, b.url), { method: "POST", redirect: "manual", headers: start.headers, body: start.body });
    expect(started.status).toBeLessThan(400);
    await until(
      "every Support Information mail at the provider",
      async () => {
        const [row] = await database.sql<{ status: string; left: number }[]>`
          SELECT m.status, (SELECT count(*)::int FROM support_info_deliveries d JOIN mail_outbox o ON o.id = d.outbox_id
                            WHERE d.mail_id = m.id AND o.status <> 'sent') AS left
          FROM support_info_mails m WHERE m.id = ${mail!.id}`;
        return row!.status === "sent" && row!.left === 0;
      },
      90_000,
    );
    const [deliveries] = await database.sql<
      { rows: number; people: number }[]
    >`SELECT count(*)::int AS rows, count(DISTINCT customer_account_id)::int AS people FROM support_info_deliveries WHERE mail_id = ${mail!.id}`;
    expect(deliveries).toEqual({ rows: total, people: total });
    const atProvider = edge.resend.deliveries.filter((m) => m.subject.includes("二台構成の送信テスト"));
    const sentWith = (key: string) => atProvider.filter((m) => m.authorization === `Bearer ${key}`).length;
    const perRecipient = new Map<string, number>();
    for (const m of atProvider) for (const to of m.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    expect(perRecipient.size).toBe(total);
    expect([...perRecipient.values()].every((count) => count === 1)).toBe(true);
    console.log(
      `[two-instances] G-5 to ${total} subscribers: ${atProvider.length} mails at the provider, each subscriber exactly 1 ` +
        `(sent by A ${sentWith(KEYS.a)}, by B ${sentWith(KEYS.b)})`,
    );
  });

  test("50 concurrent confirmations of one issuance link, spread over both, issue one set of codes", async () => {
    const cookie = await signIn(a.url, DEMO_USER, DEMO_PASSWORD);
    const [line] = await database.sql<{ code: string }[]>`SELECT activation_code AS code FROM contract_products WHERE license_id = 100001 ORDER BY id LIMIT 1`;
    const [account] = await database.sql<{ id: number }[]>`SELECT id FROM customer_accounts WHERE email = ${DEMO_USER}`;
    const before = edge.resend.deliveries.length;
    // The request (C-1's last step, a client-side form) through the lib layer on the same database; its mail goes out
    // through the instances' workers like any other. What is tested here is the mailed link's confirmation.
    process.env.DATABASE_URL = database.url;
    process.env.AUTH_URL = a.url;
    const { requestIssuance } = await import("@/lib/issuance/requests");
    const { closeDb } = await import("@/db/client");
    const actor = {
      type: "customer" as const,
      accountId: account!.id,
      email: DEMO_USER,
      sessionId: "deploy-smoke",
      mustChangePassword: false,
      clientAddress: null,
    };
    const created = await requestIssuance({ actor, kind: "apex_one", licenseId: "100001", code: line!.code, contactEmail: DEMO_USER });
    await closeDb();
    expect(created.ok).toBe(true);
    const linkMail = await until("the issuance URL mail (M-5) at the provider", () =>
      edge.resend.deliveries.slice(before).find((m) => m.text.includes("/activation-codes/apex-one/issue/")),
    );
    const link = new URL(/https?:\/\/\S+\/activation-codes\/apex-one\/issue\/[A-Za-z0-9_-]+/.exec(linkMail.text)![0]);
    const confirm = await formPost(a.url, link.pathname, "token", {}, cookie);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const target = i % 2 === 0 ? a : b;
        return fetch(new URL(confirm.path, target.url), {
          method: "POST",
          redirect: "manual",
          headers: { ...confirm.headers, origin: new URL(target.url).origin },
          body: confirm.body,
        }).then((r) => r.status);
      }),
    );
    expect(answers.every((status) => status === 200)).toBe(true);
    const [issued] = await database.sql<{ requests: number; codes: number }[]>`
      SELECT count(DISTINCT r.id)::int AS requests, count(p.id)::int AS codes
      FROM issuance_requests r LEFT JOIN contract_products p ON p.issuance_request_id = r.id
      WHERE r.license_id = 100001 AND r.kind = 'apex_one' AND r.status = 'issued'`;
    expect(issued!.requests).toBe(1);
    const [offered] = await database.sql<
      { items: number }[]
    >`SELECT jsonb_array_length(items)::int AS items FROM issuance_requests WHERE license_id = 100001 AND kind = 'apex_one' AND status = 'issued'`;
    expect(issued!.codes).toBe(offered!.items);
    const done = await until("the completion mail (M-6)", () => {
      const mails = edge.resend.deliveries.slice(before).filter((m) => m !== linkMail && m.to.includes(DEMO_USER));
      return mails.length >= 1 && mails;
    });
    expect(done).toHaveLength(1);
  });

  test("the A-8 counters are shared: failures split over both lock the account on either", async () => {
    const client = { "x-forwarded-for": "203.0.113.50" };
    const attempt = async (instance: Instance, password: string) => {
      const post = await formPost(instance.url, "/login", "password", { email: DEMO_OTHER, password });
      const response = await fetch(new URL(post.path, instance.url), {
        method: "POST",
        redirect: "manual",
        headers: { ...post.headers, ...client },
        body: post.body,
      });
      const session = response.headers.getSetCookie().some((c) => /session=[^;]/.test(c));
      // A locked account is refused at the door (proxy.ts): a 303 to the login page, which says why.
      const location = response.status === 303 ? response.headers.get("location") : null;
      if (!location) return { session, html: await response.text() };
      expect(location).toContain("reason=locked");
      return { session, html: await (await fetch(new URL(location, instance.url), { headers: client })).text() };
    };
    for (let i = 0; i < 5; i++) expect((await attempt(i % 2 === 0 ? a : b, "Wrong-Passw0rd!")).session).toBe(false);
    for (const instance of [a, b]) {
      const right = await attempt(instance, DEMO_PASSWORD);
      expect(right.session, instance.name).toBe(false);
      expect(right.html, instance.name).toContain("一時的にご利用を制限しています");
    }
    expect(sentBy(KEYS.a) + sentBy(KEYS.b)).toBe(edge.resend.deliveries.length);
  });
});
