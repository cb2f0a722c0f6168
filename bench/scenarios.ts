// The benchmark scenarios, a declarative list: `npm run bench` measures `health` first (the baseline every other
// throughput is divided by), then the others in this order. Add a scenario by appending an entry:
//   - path: the URL path requested (GET unless `method`), or computed in `setup`;
//   - setup (optional): runs once before the load, e.g. signs in and returns the session cookie as a header;
//   - explain (optional): SQL whose EXPLAIN (ANALYZE, BUFFERS) plan is printed after the results table, to show
//     the plan the page's hot query gets on the scale data.
import { createHash, randomBytes, randomInt } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Sql, TransactionSql } from "postgres";
import { registrySearchKey } from "../lib/registry/normalise";
import { AUDIT_PAGE_SIZE, type AuditCursor, auditDateTimeValue, auditSearch, encodeAuditCursor } from "../lib/audit/query";
import { seedScaleAudit } from "./audit-seed";
import { seedScaleRegistry } from "./registry-seed";
import { BENCH5000_EMAIL, BENCH50_EMAIL, BENCH_EMAIL_DOMAIN, BENCH_PASSWORD, SCALE_LICENSE_ID_BASE } from "./scale-seed";
import { formPost, signIn } from "./form-client";
import { signInStaff } from "./staff-sign-in";

export { formPost, signIn };

export type ScenarioContext = {
  /** e.g. http://127.0.0.1:3400 */
  baseUrl: string;
  /** The bench database (postgres.js), e.g. to pick a license ID of the scale data. */
  sql: Sql;
  /** Scale contracts present in the database. */
  contracts: number;
  /** Dedicated sign-in addresses of the scale data (bench/README.md). */
  accounts: { bench50: string; bench5000: string; password: string };
  /** First scale license ID (10,000,000). */
  scaleLicenseIdBase: number;
  /** `--flood-accounts`: the login flood tries a new address per request (`many`, default) or always the same (`one`). */
  floodAccounts: "many" | "one";
  /** `--registry`: companies in the corporate registry for the B-6 search scenarios (seeded by their setup). */
  registry: number;
  /** `--audit-rows`: rows of the audit log for the G-7 scenarios (seeded by their setup). */
  auditRows: number;
  log: (line: string) => void;
};

export type RequestSpec = {
  path: string;
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  headers?: Record<string, string>;
  body?: string;
  /**
   * Each of these bodies is sent exactly once, in this order over the connections, instead of repeating `body` for
   * `--duration` (a request that can happen only once, e.g. a single-use token): the run ends after the last one.
   * `paths[i]` (optional) is the path of `bodies[i]`. `body` and `path` are then only the probe's request.
   */
  bodies?: string[];
  paths?: string[];
  /** The warm-up of such a run: its own bodies (and paths), each sent once; none: no warm-up. */
  warmupBodies?: string[];
  warmupPaths?: string[];
};

export type Scenario = RequestSpec & {
  name: string;
  description?: string;
  /** The status every answer must have to count as a success (default: any 2xx). A no-JS server action answers 303. */
  expectStatus?: number;
  /**
   * Also measured on the small dataset (`--compare-at`, 10,000 contracts) before the full one, and its median put
   * next to the full run's: the issue asks the list's median at 1,000,000 to stay within 1.25× of it at 10,000.
   */
  scaleCheck?: boolean;
  /** Runs once before the warm-up; what it returns overrides the request (path, method, headers, body). */
  setup?: (ctx: ScenarioContext) => Promise<Partial<RequestSpec> | void>;
  /** SQL statements (or a function of the context giving them) to EXPLAIN (ANALYZE, BUFFERS) after the run. */
  explain?: string | string[] | ((ctx: ScenarioContext) => string | string[] | Promise<string | string[]>);
  /**
   * A background load run by a second load worker during this scenario's warm-up and measured run (started first,
   * stopped when the measurement ends). Its numbers are reported next to the scenario's, never counted as errors.
   */
  flood?: (ctx: ScenarioContext) => Promise<FloodSpec>;
  /**
   * Report this scenario's p50 as a ratio to the p50 of `scenario` measured in the same run (selecting this
   * scenario also selects that one, which runs first), against `goal`.
   */
  relativeTo?: { scenario: string; goal: number };
  /** Concurrent connections of this scenario's load, instead of `--connections`. */
  connections?: number;
  /**
   * Runs after the load (before the plans): what the load did to the database, as one line printed with the results
   * table and figures stored in the JSON. `ok: false` fails the scenario.
   */
  check?: (ctx: ScenarioContext, load: { sent: number }) => Promise<ScenarioCheck>;
};

export type ScenarioCheck = { line: string; figures: Record<string, number>; ok: boolean };

export type FloodSpec = RequestSpec & {
  /** What the flood does, for the report. */
  description: string;
  connections: number;
  /** Replaced in the body by a new number on every request (a new e-mail address per try). */
  sequenceToken?: string;
  /** A new X-Forwarded-For address (10.x.y.z) on every request. */
  forwardedFor?: boolean;
  /** Upper bound of requests; the time bound is the scenario's warm-up + duration. */
  maxRequests: number;
};

/** Placeholder of the login flood's per-request number (bench/load-worker.mjs replaces it). */
export const FLOOD_SEQUENCE_TOKEN = "__FLOOD_SEQ__";
/** Never a customer account nor a contact: every try is an unknown address (the same scrypt work as a wrong password). */
export const FLOOD_EMAIL_DOMAIN = "flood.bench.example.jp";
export const FLOOD_CONNECTIONS = 16;

export const BASELINE = "health";

// B-0 as lib/licenses/visibility.ts visibleTo writes it, on `lc` (license_contracts), for the EXPLAIN plans.
function visibleSql(email: string): string {
  const e = `'${email.replaceAll("'", "''")}'`;
  const excludedIds =
    "ARRAY(SELECT p2.id FROM products p2 JOIN product_categories c2 ON c2.id = p2.category_id WHERE p2.excluded_from_site OR NOT c2.handled_by_site)";
  return `lc.license_id IN (SELECT cc.license_id FROM contract_contacts cc WHERE cc.email = ${e} AND cc.email_effective_at <= now()
          UNION ALL SELECT cc.license_id FROM contract_contacts cc WHERE cc.previous_email = ${e} AND cc.email_effective_at > now())
    AND lc.product_id <> ALL (${excludedIds})
    AND NOT EXISTS (SELECT 1 FROM contract_products cp WHERE cp.license_id = lc.license_id AND cp.product_id = ANY (${excludedIds}))
    AND lc.end_date > (current_date - interval '6 years') AND lc.status IN ('active', 'expired') AND NOT lc.hidden_by_customer`;
}

// lib/licenses/queries.ts listVisibleContracts: the first page with the whole list's total (count(*) OVER ()).
function listSql(email: string): string {
  return `SELECT lc.license_id, p.name, lc.status, lc.support_end_date, count(*) OVER () AS total
  FROM license_contracts lc JOIN products p ON p.id = lc.product_id
  WHERE ${visibleSql(email)}
  ORDER BY lc.license_id ASC LIMIT 50`;
}

// lib/licenses/queries.ts findVisibleLicenseIdByCode (B-7): the line by its code key, then B-0 on its contract.
function searchSql(email: string, codeKey: string): string {
  return `SELECT lc.license_id FROM contract_products hit JOIN license_contracts lc ON lc.license_id = hit.license_id
  WHERE hit.activation_code_key = '${codeKey.replaceAll("'", "''")}' AND ${visibleSql(email)} LIMIT 1`;
}

async function middleCodeOf(ctx: ScenarioContext, email: string): Promise<{ code: string; key: string }> {
  const [row] = await ctx.sql<{ code: string; key: string }[]>`
    SELECT cp.activation_code AS code, cp.activation_code_key AS key FROM contract_contacts cc JOIN contract_products cp ON cp.license_id = cc.license_id
    WHERE cc.email = ${email} AND cc.role = 'contract'
    ORDER BY cc.license_id, cp.id OFFSET (SELECT count(*) / 2 FROM contract_contacts WHERE email = ${email}) LIMIT 1`;
  if (!row) throw new Error(`no activation code of ${email} found`);
  return row;
}

/** A signed-in GET: the session cookie of `email` obtained once before the load. */
function signedIn(email: (ctx: ScenarioContext) => string, path: (ctx: ScenarioContext) => string | Promise<string>): Scenario["setup"] {
  return async (ctx) => ({ path: await path(ctx), headers: { cookie: await signIn(ctx.baseUrl, email(ctx), ctx.accounts.password) } });
}

/** B-1's list, first page, as the bench account of one size: the same request and plan at 50 and 5,000 contracts. */
function listScenario(name: string, account: "bench50" | "bench5000", description: string): Scenario {
  return {
    name,
    description,
    path: "/licenses",
    scaleCheck: true,
    setup: signedIn(
      (ctx) => ctx.accounts[account],
      () => "/licenses",
    ),
    explain: (ctx) => listSql(ctx.accounts[account]),
  };
}

// lib/registry/search.ts searchRegistry, as SQL for the EXPLAIN plans (the first page of 20 and the total).
/** The queries of lib/registry/search.ts for page 1 (its two tiers and the capped count of the second). */
function registrySql(name: string, filters: { prefecture?: string; postalCode?: string }): string[] {
  const key = registrySearchKey(name).replaceAll("'", "''");
  const extra = [filters.prefecture ? `prefecture = '${filters.prefecture}'` : "", filters.postalCode ? `postal_code = '${filters.postalCode}'` : ""].filter(
    Boolean,
  );
  const prefix = `(search_name LIKE '${key}%' OR search_kana LIKE '${key}%')`;
  const partial = [`(search_name LIKE '%${key}%' OR search_kana LIKE '%${key}%')`, `NOT coalesce(${prefix}, false)`, ...extra].join(" AND ");
  const columns = "corporate_number, name, name_kana, prefecture, city, street, postal_code, closed_at";
  return [
    `SELECT ${columns}, CASE WHEN search_name = '${key}' OR search_kana = '${key}' THEN 0 ELSE 1 END AS rank FROM corporate_registry ` +
      `WHERE ${[prefix, ...extra].join(" AND ")} ORDER BY rank, search_name, corporate_number LIMIT 20`,
    `SELECT count(*) FROM (SELECT 1 FROM corporate_registry WHERE ${partial} LIMIT 201) limited`,
    `SELECT ${columns} FROM corporate_registry WHERE ${partial} ORDER BY corporate_number LIMIT 20`,
  ];
}

/** The server action's id in the production build the bench server runs (.next/server/server-reference-manifest.json). */
function actionId(exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const id = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === exportedName)?.[0];
  if (!id) throw new Error(`no server action ${exportedName} in the build`);
  return id;
}

/**
 * 「法人名情報の検索」 (B-5 ③-2) as the browser calls it: the server action of the contact-change page, as bench50@,
 * after the registry has been seeded to `--registry` companies.
 */
function registrySearch(
  fields: (ctx: ScenarioContext) => Promise<{ name: string; prefecture?: string; postalCode?: string }>,
): Pick<Scenario, "setup" | "explain"> {
  return {
    setup: async (ctx) => {
      const seconds = await seedScaleRegistry(ctx.sql, ctx.registry, ctx.log);
      if (seconds > 0) ctx.log(`registry of ${ctx.registry.toLocaleString("en-US")} companies seeded in ${seconds.toFixed(1)} s`);
      const cookie = await signIn(ctx.baseUrl, ctx.accounts.bench50, ctx.accounts.password);
      const [row] = await ctx.sql<{ license_id: string }[]>`
        SELECT lc.license_id FROM license_contracts lc JOIN contract_contacts cc ON cc.license_id = lc.license_id
        WHERE cc.email = ${ctx.accounts.bench50} AND lc.status IN ('active', 'expired') AND NOT lc.hidden_by_customer ORDER BY lc.license_id LIMIT 1`;
      if (!row) throw new Error("no contract of bench50@ found");
      const { name, prefecture = "", postalCode = "" } = await fields(ctx);
      const data = new FormData();
      for (const [key, value] of Object.entries({ name, prefecture, postalCode, page: "1" })) data.append(`_1_${key}`, value);
      data.append("0", '[{"status":"idle"},"$K1"]');
      const page = `/licenses/${row.license_id}/contacts`;
      const request = new Request(new URL(page, ctx.baseUrl), { method: "POST", body: data });
      return {
        path: page,
        method: "POST",
        headers: {
          cookie,
          origin: new URL(ctx.baseUrl).origin,
          accept: "text/x-component",
          "next-action": actionId("searchRegistryAction"),
          "content-type": request.headers.get("content-type")!,
        },
        body: await request.text(),
      };
    },
    explain: async (ctx) => {
      await seedScaleRegistry(ctx.sql, ctx.registry, ctx.log);
      return registrySql(...(await fields(ctx).then((f) => [f.name, f] as const)));
    },
  };
}

// --- Confirmations of 1,000 distinct issuance requests (SPEC C-1, the mailed URL's 「発行を依頼する」) -----------

/** Requests measured (each confirmed once), and the warm-up's own (the tokens are single use). */
export const ISSUANCE_REQUESTS = 1000;
const ISSUANCE_WARMUP_REQUESTS = 100;
const ISSUANCE_CONNECTIONS = 20;
/**
 * The bench's requests are told apart by their contact e-mail (measured, warm-up, and the one the probe spends);
 * their source lines by their key: 「OS」 (VBCE_PLUS's prefix) + "BQ", which no seeded key has (hex after the prefix).
 */
const ISSUANCE_MARKS = {
  measured: `bench-issuance@${BENCH_EMAIL_DOMAIN}`,
  warmup: `bench-issuance-warmup@${BENCH_EMAIL_DOMAIN}`,
  probe: `bench-issuance-probe@${BENCH_EMAIL_DOMAIN}`,
};
const ISSUANCE_LINE_PREFIX = "OSBQ";
const CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** A line key as lib/licenses/activation-code.ts makes them (prefix + 29 of A-Z0-9), and its display form. */
function benchLineCode(): { key: string; code: string } {
  let body = "";
  while (body.length < 27) body += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  const key = `${ISSUANCE_LINE_PREFIX}${body}`;
  const groups = [key.slice(0, 2), key.slice(2, 6), ...[6, 11, 16, 21, 26].map((offset) => key.slice(offset, offset + 5))];
  return { key, code: groups.join("-") };
}

/** Removes an earlier run's requests (their tokens cascade), the codes they issued and the source lines made for them. */
async function deleteBenchIssuance(sql: TransactionSql, email: string): Promise<void> {
  const marks = Object.values(ISSUANCE_MARKS);
  await sql`DELETE FROM contract_products WHERE issuance_request_id IN (SELECT id FROM issuance_requests WHERE contact_email IN ${sql(marks)})`;
  await sql`DELETE FROM issuance_requests WHERE contact_email IN ${sql(marks)}`;
  await sql`
    DELETE FROM contract_products cp
    WHERE cp.license_id IN (SELECT cc.license_id FROM contract_contacts cc WHERE cc.email = ${email}) AND cp.source = 'order'
      AND cp.activation_code_key LIKE ${`${ISSUANCE_LINE_PREFIX}%`} AND NOT EXISTS (SELECT 1 FROM issuance_requests r WHERE r.source_line_id = cp.id)`;
}

/**
 * The state C-1's 「発行を依頼する」 leaves behind, `count` times over: for bench50@, an Apex One request (status
 * requested, one APEX_ONE of quantity 1) on a VBCE_PLUS line of quantity 1 made for it (so the entitlement rule of
 * lib/issuance/catalog.ts allows exactly that one), with a token of 72 hours whose SHA-256 alone is stored, as
 * lib/issuance/requests.ts requestIssuance writes them. bench50@ has 50 contracts: the requests go round-robin over
 * them (request k on contract k mod n), so that the connections mostly confirm on different contracts (a confirmation
 * locks its contract). Not on the contract the detail / registry scenarios open (the first) nor pdf-120's (the last):
 * B-2 lists a contract's requests. One transaction; returns the tokens in the order of `marks`.
 */
async function createIssuanceRequests(ctx: ScenarioContext, marks: string[]): Promise<string[]> {
  const email = ctx.accounts.bench50;
  return ctx.sql.begin(async (sql) => {
    await deleteBenchIssuance(sql, email);
    const [account] = await sql<{ id: number }[]>`SELECT id FROM customer_accounts WHERE email = ${email}`;
    const [catalog] = await sql<{ source: number | null; offered: number | null }[]>`
      SELECT (SELECT id FROM products WHERE code = 'VBCE_PLUS') AS source, (SELECT id FROM products WHERE code = 'APEX_ONE') AS offered`;
    if (!account || !catalog?.source || !catalog.offered) throw new Error("no bench50@ account, or no VBCE_PLUS / APEX_ONE product");
    const visible = await sql.unsafe<{ license_id: string }[]>(
      `SELECT lc.license_id FROM license_contracts lc WHERE lc.license_id >= ${ctx.scaleLicenseIdBase} AND ${visibleSql(email)} ORDER BY lc.license_id`,
    );
    const contracts = visible.slice(1, -1).map((row) => row.license_id);
    if (contracts.length === 0) throw new Error("bench50@ has no visible scale contract to request on");

    const lines = marks.map((_, k) => ({ licenseId: contracts[k % contracts.length]!, ...benchLineCode() }));
    const inserted = await sql<{ id: number; key: string }[]>`
      INSERT INTO contract_products (license_id, product_id, quantity, start_date, end_date, support_end_date, activation_code, activation_code_key, source)
      SELECT lc.license_id, ${catalog.source}, 1, lc.start_date, lc.end_date, lc.support_end_date, n.code, n.key, 'order'
      FROM unnest(
        ${sql.array(lines.map((l) => l.licenseId))}::bigint[],
        ${sql.array(lines.map((l) => l.key))}::text[],
        ${sql.array(lines.map((l) => l.code))}::text[]
      ) AS n (license_id, key, code)
      JOIN license_contracts lc ON lc.license_id = n.license_id
      RETURNING id, activation_code_key AS key`;
    const lineIds = new Map(inserted.map((row) => [row.key, row.id]));
    const sourceLineIds = lines.map((l) => lineIds.get(l.key)!);

    const items = JSON.stringify([{ productId: catalog.offered, quantity: 1 }]);
    const requests = await sql<{ id: number; source_line_id: number }[]>`
      INSERT INTO issuance_requests (kind, license_id, customer_account_id, contact_email, source_line_id, items, status)
      SELECT 'apex_one', cp.license_id, ${account.id}, n.email, cp.id, ${items}::text::jsonb, 'requested'
      FROM unnest(${sql.array(sourceLineIds)}::int[], ${sql.array(marks)}::text[]) AS n (line_id, email)
      JOIN contract_products cp ON cp.id = n.line_id
      RETURNING id, source_line_id`;
    const requestIds = new Map(requests.map((row) => [row.source_line_id, row.id]));

    // SPEC C-1: a 256-bit token in the mailed URL (base64url, 43 characters), only its SHA-256 (hex) in the database.
    const tokens = marks.map(() => randomBytes(32).toString("base64url"));
    await sql`
      INSERT INTO issuance_tokens (request_id, token_hash, expires_at)
      SELECT n.request_id, n.token_hash, now() + interval '72 hours'
      FROM unnest(
        ${sql.array(sourceLineIds.map((id) => requestIds.get(id)!))}::int[],
        ${sql.array(tokens.map((t) => createHash("sha256").update(t).digest("hex")))}::text[]
      ) AS n (request_id, token_hash)`;
    if (inserted.length !== marks.length || requests.length !== marks.length)
      throw new Error(`created ${inserted.length} lines and ${requests.length} requests for ${marks.length}`);
    return tokens;
  });
}

/**
 * The POST of 「発行を依頼する」 on the mailed URL's page as React sends it: the server action confirmIssuanceAction
 * (useActionState: the previous state `{"status":"idle"}` and the form's hidden kind and token), for each token.
 * One multipart boundary for all bodies, so that they share the Content-Type header.
 */
async function confirmRequests(
  baseUrl: string,
  cookie: string,
  tokens: string[],
): Promise<{ headers: Record<string, string>; paths: string[]; bodies: string[] }> {
  const placeholder = "__BENCH_ISSUANCE_TOKEN__";
  const data = new FormData();
  data.append("_1_kind", "apex_one");
  data.append("_1_token", placeholder);
  data.append("0", '[{"status":"idle"},"$K1"]');
  const template = new Request(new URL("/", baseUrl), { method: "POST", body: data });
  const body = await template.text();
  return {
    headers: {
      cookie,
      origin: new URL(baseUrl).origin,
      accept: "text/x-component",
      "next-action": actionId("confirmIssuanceAction"),
      "content-type": template.headers.get("content-type")!,
    },
    paths: tokens.map((token) => `/activation-codes/apex-one/issue/${token}`),
    bodies: tokens.map((token) => body.replace(placeholder, token)),
  };
}

/** After the load: every measured request issued once, one code each, and no activation code twice in the database. */
async function checkIssuance(ctx: ScenarioContext, load: { sent: number }): Promise<ScenarioCheck> {
  const [row] = await ctx.sql<
    Record<"requests" | "issued" | "stillRequested" | "cancelled" | "codes" | "issuedTwice" | "issuedWithoutCode" | "duplicateCodes" | "probeCodes", number>[]
  >`
    WITH r AS (SELECT id, status FROM issuance_requests WHERE contact_email = ${ISSUANCE_MARKS.measured}),
         issued_lines AS (SELECT cp.issuance_request_id AS id, count(*) AS n FROM contract_products cp
                          WHERE cp.issuance_request_id IN (SELECT id FROM r) GROUP BY cp.issuance_request_id)
    SELECT (SELECT count(*) FROM r)::int AS requests,
           (SELECT count(*) FROM r WHERE status = 'issued')::int AS issued,
           (SELECT count(*) FROM r WHERE status = 'requested')::int AS "stillRequested",
           (SELECT count(*) FROM r WHERE status = 'cancelled')::int AS cancelled,
           (SELECT coalesce(sum(n), 0) FROM issued_lines)::int AS codes,
           (SELECT count(*) FROM issued_lines WHERE n > 1)::int AS "issuedTwice",
           (SELECT count(*) FROM r WHERE status = 'issued' AND id NOT IN (SELECT id FROM issued_lines))::int AS "issuedWithoutCode",
           (SELECT count(activation_code_key) - count(DISTINCT activation_code_key) FROM contract_products)::int AS "duplicateCodes",
           (SELECT count(*) FROM contract_products
             WHERE issuance_request_id IN (SELECT id FROM issuance_requests WHERE contact_email = ${ISSUANCE_MARKS.probe}))::int AS "probeCodes"`;
  const f = { sent: load.sent, ...row! };
  const n = (value: number) => value.toLocaleString("en-US");
  const ok =
    f.sent === f.requests &&
    f.requests === ISSUANCE_REQUESTS &&
    f.issued === f.requests &&
    f.codes === f.requests &&
    f.stillRequested === 0 &&
    f.cancelled === 0 &&
    f.issuedTwice === 0 &&
    f.issuedWithoutCode === 0 &&
    f.duplicateCodes === 0;
  const line =
    `issuance-confirm: ${n(f.requests)} requests, ${n(f.sent)} confirmations sent (each once, ${ISSUANCE_CONNECTIONS} connections); ` +
    `${n(f.issued)} issued, ${n(f.codes)} codes issued, duplicate codes ${f.duplicateCodes}, requests issued twice ${f.issuedTwice}, ` +
    `issued without a code ${f.issuedWithoutCode}, still requested ${f.stillRequested}, cancelled ${f.cancelled}` +
    (ok ? "" : " — NOT all issued exactly once");
  return { line, figures: f, ok };
}

/** A postal code of the scale registry that a 「テクノ」 company has (the postal-code scenario narrows by both). */
async function technoPostalCode(ctx: ScenarioContext): Promise<string> {
  const [row] = await ctx.sql<{ postal_code: string }[]>`
    SELECT postal_code FROM corporate_registry
    WHERE corporate_number >= '9000000000000' AND search_name LIKE ${"%" + registrySearchKey("テクノ") + "%"} ORDER BY corporate_number LIMIT 1`;
  if (!row) throw new Error("no 「テクノ」 company in the scale registry");
  return row.postal_code;
}

// --- The G-7 audit log at --audit-rows (10,000,000) rows ----------------------------------------------

/** The 1,000th page, as the issue asks: 次へ followed 999 times. */
export const AUDIT_FAR_PAGE = 1000;
/** Rows the 1,000th page needs (--audit-rows is at least this). */
export const MIN_AUDIT_ROWS = AUDIT_FAR_PAGE * AUDIT_PAGE_SIZE;
const AUDIT_CURSOR_AT = `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const AUDIT_COLUMNS = `id, at, ${AUDIT_CURSOR_AT}, actor_type, actor_email, action, target_type, target_id, client_address, details`;
const AUDIT_ORDER = "ORDER BY at DESC NULLS LAST, id DESC NULLS LAST";

/** The cursor 次へ carries to page `page` of the unfiltered log: the last row of the page before it. Computed once, in SQL. */
async function auditCursorOfPage(ctx: ScenarioContext, page: number): Promise<AuditCursor> {
  const offset = (page - 1) * AUDIT_PAGE_SIZE - 1;
  const [row] = await ctx.sql.unsafe<{ at: string; id: string }[]>(
    `SELECT ${AUDIT_CURSOR_AT} AS at, id FROM audit_log ${AUDIT_ORDER} OFFSET ${offset} LIMIT 1`,
  );
  if (!row) throw new Error(`the audit log has no page ${page}: fewer than ${offset + 1} rows (--audit-rows)`);
  return { at: row.at, id: Number(row.id) };
}

// lib/audit/log.ts findAuditEntries as SQL for the EXPLAIN plans: a page (one row more than shown) after a cursor,
// and the loose index scan that lists the recorded actions for the form (every view runs it).
function auditPageSql(cursor: AuditCursor | null): string {
  const after = cursor ? `WHERE at <= '${cursor.at}'::text::timestamptz AND (at, id) < ('${cursor.at}'::text::timestamptz, ${cursor.id}::bigint) ` : "";
  return `SELECT ${AUDIT_COLUMNS} FROM audit_log ${after}${AUDIT_ORDER} LIMIT ${AUDIT_PAGE_SIZE + 1}`;
}
const AUDIT_ACTIONS_SQL = `WITH RECURSIVE found (action) AS ((SELECT action FROM audit_log ORDER BY action LIMIT 1) UNION ALL
  SELECT (SELECT a.action FROM audit_log a WHERE a.action > found.action ORDER BY a.action LIMIT 1) FROM found WHERE found.action IS NOT NULL)
  SELECT action FROM found WHERE action IS NOT NULL`;
/** The dashboard's sign-in locks link (lib/staff-area/dashboard.ts): two actions, one index scan each, merged. */
function auditLocksSql(from: Date): string {
  const scan = (action: string) =>
    `(SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE at >= '${from.toISOString()}' AND action = '${action}' ${AUDIT_ORDER} LIMIT ${AUDIT_PAGE_SIZE + 1})`;
  return `${scan("login.lock")} UNION ALL ${scan("staff.login.lock")} ORDER BY at DESC NULLS LAST, id DESC NULLS LAST LIMIT ${AUDIT_PAGE_SIZE + 1}`;
}
const auditLocksFrom = () => new Date(Math.floor((Date.now() - 24 * 3_600_000) / 1000) * 1000);

/**
 * Seeds the audit log up to --audit-rows (once per database), signs the demo admin (SPEC X-2: audit.read) in through
 * the bench's one staff sign-in, and returns the page's path with the session.
 */
function auditPage(path: (ctx: ScenarioContext) => Promise<string>): Scenario["setup"] {
  return async (ctx) => {
    const seconds = await seedScaleAudit(ctx.sql, ctx.auditRows, ctx.log);
    if (seconds > 0) ctx.log(`audit log of ${ctx.auditRows.toLocaleString("en-US")} rows seeded in ${seconds.toFixed(1)} s`);
    const { DEMO_STAFF, DEMO_STAFF_PASSWORD } = await import("../lib/demo/seed");
    const admin = DEMO_STAFF.find((member) => member.role === "admin")!;
    return { path: await path(ctx), headers: { cookie: await signInStaff(ctx.baseUrl, admin.email, DEMO_STAFF_PASSWORD) } };
  };
}

export const scenarios: Scenario[] = [
  {
    name: BASELINE,
    description: "GET /api/health (database reachability): the baseline",
    path: "/api/health",
  },
  {
    name: "top",
    description: "GET / signed out: service menus and the published notices (T, F-1)",
    path: "/",
    // lib/notices/queries.ts listPublishedNotices({ limit: 5 })
    explain: `SELECT id, category, title, important, publish_from FROM notices
              WHERE publish_from IS NOT NULL AND publish_from <= now() AND (publish_until IS NULL OR publish_until > now())
              ORDER BY publish_from DESC, id DESC LIMIT 5`,
  },
  listScenario("list-50", "bench50", "GET /licenses as bench50@ (50 contracts): 保有ライセンス一覧, first page (B-1)"),
  listScenario("list-5000", "bench5000", "GET /licenses as bench5000@ (5,000 contracts): first page of 50 and the total (B-1)"),
  {
    name: "overview-5000",
    description: "GET / as bench5000@ (5,000 contracts): the top page with N-1's 概要 (one statement over B-0's visible contracts)",
    path: "/",
    setup: signedIn(
      (ctx) => ctx.accounts.bench5000,
      () => "/",
    ),
  },
  {
    name: "detail",
    description: "GET /licenses/<id> as bench50@: one visible contract with contacts and lines (B-2)",
    path: "/licenses",
    setup: signedIn(
      (ctx) => ctx.accounts.bench50,
      async (ctx) => {
        const [row] = await ctx.sql<{ license_id: string }[]>`
          SELECT lc.license_id FROM license_contracts lc JOIN contract_contacts cc ON cc.license_id = lc.license_id
          WHERE cc.email = ${ctx.accounts.bench50} AND lc.status IN ('active', 'expired') AND NOT lc.hidden_by_customer ORDER BY lc.license_id LIMIT 1`;
        if (!row) throw new Error("no contract of bench50@ found");
        return `/licenses/${row.license_id}`;
      },
    ),
  },
  {
    name: "search",
    description: "POST 「ご契約内容を調べる」 as bench5000@ with one of its activation codes, without JavaScript: 303 to the detail (B-7)",
    path: "/contracts/search",
    method: "POST",
    expectStatus: 303,
    setup: async (ctx) => {
      const cookie = await signIn(ctx.baseUrl, ctx.accounts.bench5000, ctx.accounts.password);
      // A code in the middle of the customer's 5,000 contracts, pasted as a customer would: lower case, hyphens.
      const code = await middleCodeOf(ctx, ctx.accounts.bench5000);
      return { ...(await formPost(ctx.baseUrl, "/contracts/search", "query", { query: code.code.toLowerCase() }, cookie)), method: "POST" };
    },
    explain: async (ctx) => searchSql(ctx.accounts.bench5000, (await middleCodeOf(ctx, ctx.accounts.bench5000)).key),
  },
  {
    name: "pdf-120",
    description: "GET /licenses/<id>/pdf as bench50@ for a contract with 120 product lines (B-3, 4 pages)",
    path: "/licenses",
    setup: signedIn(
      (ctx) => ctx.accounts.bench50,
      async (ctx) => {
        // One of bench50@'s visible contracts gets 120 lines (idempotent: lines are topped up to 120).
        const [row] = await ctx.sql<{ license_id: string; product_id: number; lines: string }[]>`
          SELECT lc.license_id, lc.product_id, (SELECT count(*) FROM contract_products cp WHERE cp.license_id = lc.license_id) AS lines
          FROM license_contracts lc JOIN contract_contacts cc ON cc.license_id = lc.license_id
          WHERE cc.email = ${ctx.accounts.bench50} AND lc.status IN ('active', 'expired') AND NOT lc.hidden_by_customer
            AND NOT EXISTS (SELECT 1 FROM contract_products cp JOIN products p ON p.id = cp.product_id JOIN product_categories c ON c.id = p.category_id
                            WHERE cp.license_id = lc.license_id AND (p.excluded_from_site OR NOT c.handled_by_site))
            AND EXISTS (SELECT 1 FROM products p JOIN product_categories c ON c.id = p.category_id
                        WHERE p.id = lc.product_id AND NOT p.excluded_from_site AND c.handled_by_site)
            AND lc.end_date > current_date - interval '6 years'
          ORDER BY lc.license_id DESC LIMIT 1`;
        if (!row) throw new Error("no visible contract of bench50@ found");
        const missing = 120 - Number(row.lines);
        if (missing > 0) {
          await ctx.sql`
            INSERT INTO contract_products
              (license_id, product_id, quantity, start_date, end_date, support_end_date, activation_code, activation_code_key, source)
            SELECT ${row.license_id}, ${row.product_id}, 10 + i, current_date - 100, current_date + 265, current_date + 265,
                   'OS-' || substr(k, 1, 4) || '-' || substr(k, 5, 5) || '-' || substr(k, 10, 5) || '-' || substr(k, 15, 5)
                     || '-' || substr(k, 20, 5) || '-' || substr(k, 25, 5),
                   'OS' || k, 'order'
            FROM (SELECT i, upper(substr(md5('pdf120:' || ${row.license_id} || ':' || i), 1, 29)) AS k FROM generate_series(1, ${missing}) AS i) AS g`;
        }
        return `/licenses/${row.license_id}/pdf`;
      },
    ),
  },
  {
    // 16 connections post wrong passwords to the A-1 login from rotating X-Forwarded-For addresses
    // (the server under test trusts one proxy hop, TRUSTED_PROXY_HOPS=1, so each is a new client address) while the
    // list-50 request is measured. A locked account or address is refused before any hashing (lib/auth/sign-in.ts),
    // so a flood on one address or one account costs scrypt only for its first five tries; what costs a hash per try
    // is many addresses × many accounts (password spraying, credential stuffing). By default every try is a new
    // unknown address of FLOOD_EMAIL_DOMAIN (`--flood-accounts one`: always the same one, locked after five).
    name: "login-flood",
    description:
      `GET /licenses as bench50@ (the list-50 request) while ${FLOOD_CONNECTIONS} connections post wrong passwords to /login ` +
      `from rotating X-Forwarded-For addresses; p50 as a ratio to list-50's alone`,
    path: "/licenses",
    relativeTo: { scenario: "list-50", goal: 2 },
    setup: signedIn(
      (ctx) => ctx.accounts.bench50,
      () => "/licenses",
    ),
    flood: async (ctx) => {
      const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
      const email = ctx.floodAccounts === "one" ? `flood-${run}@${FLOOD_EMAIL_DOMAIN}` : `flood-${run}-${FLOOD_SEQUENCE_TOKEN}@${FLOOD_EMAIL_DOMAIN}`;
      const post = await formPost(ctx.baseUrl, "/login", "password", { email, password: "Wrong-Flood-Passw0rd!" });
      return {
        ...post,
        method: "POST",
        description:
          `${FLOOD_CONNECTIONS} connections, wrong password, a new X-Forwarded-For address per try, ` +
          (ctx.floodAccounts === "one" ? "one unknown account" : "a new unknown account per try"),
        connections: FLOOD_CONNECTIONS,
        sequenceToken: ctx.floodAccounts === "one" ? undefined : FLOOD_SEQUENCE_TOKEN,
        forwardedFor: true,
        maxRequests: 200_000,
      };
    },
  },
  {
    name: "registry-partial",
    description:
      "「法人名情報の検索」 as bench50@: 「テクノ」 anywhere in the name or フリガナ, all of Japan (1 company in 40 of --registry), " +
      "page 1 of 20 with the total (B-6)",
    path: "/",
    ...registrySearch(async () => ({ name: "テクノ" })),
  },
  {
    name: "registry-prefix",
    description: "「法人名情報の検索」 as bench50@: 「東京テクノ」 (a prefix of 1 company in 1,600, also found inside 株式会社東京テクノ…) in 東京都 (B-6)",
    path: "/",
    ...registrySearch(async () => ({ name: "東京テクノ", prefecture: "東京都" })),
  },
  {
    name: "registry-postal",
    description: "「法人名情報の検索」 as bench50@: 「テクノ」 and one 郵便番号 (B-6)",
    path: "/",
    ...registrySearch(async (ctx) => ({ name: "テクノ", postalCode: await technoPostalCode(ctx) })),
  },
  {
    // 「発行を依頼する」 of the mailed URL (C-1 confirmIssuance) for 1,000 distinct requests of bench50@, each
    // confirmed exactly once over 20 connections (single-use tokens: no duration, no repeat; the warm-up has 100 of its
    // own, the probe one). The check after the load counts what was issued: every request once, one code each, and no
    // activation code twice in the whole table. The action answers 200 (RSC) whether it issued or refused: the check
    // is what tells.
    name: "issuance-confirm",
    description:
      `POST 「発行を依頼する」 (confirmIssuanceAction) on /activation-codes/apex-one/issue/<token> as bench50@, ` +
      `${ISSUANCE_REQUESTS.toLocaleString("en-US")} distinct requests each once over ${ISSUANCE_CONNECTIONS} connections (C-1)`,
    path: "/activation-codes/apex-one/issue",
    method: "POST",
    expectStatus: 200,
    connections: ISSUANCE_CONNECTIONS,
    setup: async (ctx) => {
      const marks = [
        ...Array<string>(ISSUANCE_REQUESTS).fill(ISSUANCE_MARKS.measured),
        ...Array<string>(ISSUANCE_WARMUP_REQUESTS).fill(ISSUANCE_MARKS.warmup),
        ISSUANCE_MARKS.probe,
      ];
      const tokens = await createIssuanceRequests(ctx, marks);
      ctx.log(`issuance-confirm: ${tokens.length} requests of bench50@ created (${ISSUANCE_REQUESTS} measured, ${ISSUANCE_WARMUP_REQUESTS} warm-up, 1 probe)`);
      const cookie = await signIn(ctx.baseUrl, ctx.accounts.bench50, ctx.accounts.password);
      const { headers, paths, bodies } = await confirmRequests(ctx.baseUrl, cookie, tokens);
      const measured = ISSUANCE_REQUESTS;
      const warmup = measured + ISSUANCE_WARMUP_REQUESTS;
      return {
        method: "POST",
        headers,
        // The probe before the load spends the last token.
        path: paths[warmup],
        body: bodies[warmup],
        bodies: bodies.slice(0, measured),
        paths: paths.slice(0, measured),
        warmupBodies: bodies.slice(measured, warmup),
        warmupPaths: paths.slice(measured, warmup),
      };
    },
    check: checkIssuance,
  },
  {
    // The reference renewal quote PDF (B-4 ③) of a quote bench50@ made, opened again: the quote's lookup
    // (its account, its contract, B-0 visibility) and the render (font subset, one page).
    name: "renewal-quote-pdf",
    description: "GET /licenses/<id>/renewal/quotes/<quote> as bench50@: a recorded reference renewal quote of two lines as its PDF (B-4 ③)",
    path: "/licenses",
    setup: signedIn((ctx) => ctx.accounts.bench50, benchQuotePath),
  },
  {
    name: "audit-page-1",
    description: "GET /admin/audit as the demo admin: the newest 50 of --audit-rows (10,000,000) audit rows, with the form's suggestions (G-7)",
    path: "/admin/audit",
    setup: auditPage(async () => "/admin/audit"),
    explain: [auditPageSql(null), AUDIT_ACTIONS_SQL],
  },
  {
    // Keyset paging: the 1,000th page's address is the one 次へ leads to after 999 pages (its cursor, computed once in
    // SQL with OFFSET), so that every measured request costs what a real one does: no OFFSET in the page's query.
    name: "audit-page-1000",
    description:
      `GET /admin/audit?after=<cursor> as the demo admin: page ${AUDIT_FAR_PAGE.toLocaleString("en-US")} ` +
      `(rows ${((AUDIT_FAR_PAGE - 1) * AUDIT_PAGE_SIZE + 1).toLocaleString("en-US")}–${(AUDIT_FAR_PAGE * AUDIT_PAGE_SIZE).toLocaleString("en-US")}) ` +
      `of --audit-rows, by the cursor 次へ carries (G-7 keyset)`,
    path: "/admin/audit",
    setup: auditPage(async (ctx) => `/admin/audit${auditSearch({}, { after: encodeAuditCursor(await auditCursorOfPage(ctx, AUDIT_FAR_PAGE)) })}`),
    explain: async (ctx) => [auditPageSql(await auditCursorOfPage(ctx, AUDIT_FAR_PAGE))],
  },
  {
    name: "audit-locks",
    description:
      "GET /admin/audit?action=login.lock,staff.login.lock&from=<24 hours ago>: the dashboard's sign-in locks link (G-7 filters, one index scan per action)",
    path: "/admin/audit",
    setup: auditPage(async () => `/admin/audit${auditSearch({ action: "login.lock,staff.login.lock", from: auditDateTimeValue(auditLocksFrom()) })}`),
    explain: () => auditLocksSql(auditLocksFrom()),
  },
];

/**
 * A quote of bench50@ on its second visible contract, recorded as lib/renewal/quotes.ts createRenewalQuote writes
 * one (100012's: Apex One → Trend Vision One Endpoint Security Core and Apex Central, 120 each, the seed's prices),
 * made once and reused by later runs. Returns its PDF's path.
 */
async function benchQuotePath(ctx: ScenarioContext): Promise<string> {
  const email = ctx.accounts.bench50;
  const [account] = await ctx.sql<{ id: number }[]>`SELECT id FROM customer_accounts WHERE email = ${email}`;
  const visible = await ctx.sql.unsafe<{ license_id: string }[]>(
    `SELECT lc.license_id FROM license_contracts lc WHERE lc.license_id >= ${ctx.scaleLicenseIdBase} AND ${visibleSql(email)} ORDER BY lc.license_id LIMIT 2`,
  );
  const licenseId = visible[1]?.license_id;
  if (!account || !licenseId) throw new Error("no bench50@ account, or fewer than two visible contracts");
  const [existing] = await ctx.sql<
    { id: number }[]
  >`SELECT id FROM renewal_quotes WHERE license_id = ${licenseId} AND customer_account_id = ${account.id} ORDER BY id LIMIT 1`;
  if (existing) return `/licenses/${licenseId}/renewal/quotes/${existing.id}`;
  const lines = [
    {
      lineId: 0,
      productName: "Apex One",
      successorCode: "V1_ES_CORE",
      successorName: "Trend Vision One Endpoint Security Core",
      quantity: 120,
      tierMin: 100,
      tierMax: 499,
      unitPriceYen: 7_200,
      amountYen: 864_000,
    },
    {
      lineId: 0,
      productName: "Apex Central",
      successorCode: "APEX_CENTRAL",
      successorName: "Apex Central",
      quantity: 120,
      tierMin: 1,
      tierMax: null,
      unitPriceYen: 1_200,
      amountYen: 144_000,
    },
  ];
  const customer = { companyName: "ベンチ株式会社", branchName: "本社", department: "情報システム部", personName: "ベンチ 太郎" };
  const [quote] = await ctx.sql<{ id: number }[]>`
    INSERT INTO renewal_quotes (license_id, customer_account_id, quote_date, valid_until, customer, lines, subtotal_yen, tax_rate_percent, tax_yen, total_yen)
    VALUES (${licenseId}, ${account.id}, current_date, current_date + 30, ${JSON.stringify(customer)}::text::jsonb, ${JSON.stringify(lines)}::text::jsonb,
            1008000, 10, 100800, 1108800)
    RETURNING id`;
  return `/licenses/${licenseId}/renewal/quotes/${quote!.id}`;
}

/** Helpers for scenario definitions. */
export const benchAccounts = { bench50: BENCH50_EMAIL, bench5000: BENCH5000_EMAIL, password: BENCH_PASSWORD };
export { SCALE_LICENSE_ID_BASE };
