// The benchmark scenarios, a declarative list: `npm run bench` measures `health` first (the baseline every other
// throughput is divided by), then the others in this order. Add a scenario by appending an entry:
//   - path: the URL path requested (GET unless `method`), or computed in `setup`;
//   - setup (optional): runs once before the load, e.g. signs in and returns the session cookie as a header;
//   - explain (optional): SQL whose EXPLAIN (ANALYZE, BUFFERS) plan is printed after the results table, to show
//     the plan the page's hot query gets on the scale data.
import type { Sql } from "postgres";
import { BENCH5000_EMAIL, BENCH50_EMAIL, BENCH_PASSWORD, SCALE_LICENSE_ID_BASE } from "./scale-seed";

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
  log: (line: string) => void;
};

export type RequestSpec = {
  path: string;
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  headers?: Record<string, string>;
  body?: string;
};

export type Scenario = RequestSpec & {
  name: string;
  description?: string;
  /** Runs once before the warm-up; what it returns overrides the request (path, method, headers, body). */
  setup?: (ctx: ScenarioContext) => Promise<Partial<RequestSpec> | void>;
  /** SQL (or a function of the context giving SQL) to EXPLAIN (ANALYZE, BUFFERS) after the run. */
  explain?: string | ((ctx: ScenarioContext) => string | Promise<string>);
};

export const BASELINE = "health";

// Mirrors lib/licenses/queries.ts listVisibleContracts with lib/licenses/visibility.ts visibleTo (B-0), first page;
// the count(*) for the total runs the same WHERE.
function listSql(email: string): string {
  const e = `'${email.replaceAll("'", "''")}'`;
  const excluded = (p: string, c: string) => `(${p}.excluded_from_site OR NOT ${c}.handled_by_site)`;
  return `SELECT lc.license_id, p.name, lc.status, lc.support_end_date
  FROM license_contracts lc JOIN products p ON p.id = lc.product_id
  WHERE lc.license_id IN (SELECT cc.license_id FROM contract_contacts cc WHERE cc.email = ${e} AND cc.email_effective_at <= now()
          UNION ALL SELECT cc.license_id FROM contract_contacts cc WHERE cc.previous_email = ${e} AND cc.email_effective_at > now())
    AND NOT EXISTS (SELECT 1 FROM products p2 JOIN product_categories c2 ON c2.id = p2.category_id WHERE p2.id = lc.product_id AND ${excluded("p2", "c2")})
    AND NOT EXISTS (SELECT 1 FROM contract_products cp JOIN products p3 ON p3.id = cp.product_id JOIN product_categories c3 ON c3.id = p3.category_id
          WHERE cp.license_id = lc.license_id AND ${excluded("p3", "c3")})
    AND lc.end_date > (current_date - interval '6 years') AND lc.status IN ('active', 'expired') AND NOT lc.hidden_by_customer
  ORDER BY lc.license_id ASC LIMIT 50`;
}

/** A signed-in GET: the session cookie of `email` obtained once before the load. */
function signedIn(email: (ctx: ScenarioContext) => string, path: (ctx: ScenarioContext) => string | Promise<string>): Scenario["setup"] {
  return async (ctx) => ({ path: await path(ctx), headers: { cookie: await signIn(ctx.baseUrl, email(ctx), ctx.accounts.password) } });
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
  {
    name: "list-50",
    description: "GET /licenses as bench50@ (50 contracts): 保有ライセンス一覧, first page (B-1)",
    path: "/licenses",
    setup: signedIn((ctx) => ctx.accounts.bench50, () => "/licenses"),
    explain: (ctx) => listSql(ctx.accounts.bench50),
  },
  {
    name: "list-5000",
    description: "GET /licenses as bench5000@ (5,000 contracts): first page of 50 and the total (B-1)",
    path: "/licenses",
    setup: signedIn((ctx) => ctx.accounts.bench5000, () => "/licenses"),
    explain: (ctx) => listSql(ctx.accounts.bench5000),
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
            AND EXISTS (SELECT 1 FROM products p JOIN product_categories c ON c.id = p.category_id WHERE p.id = lc.product_id AND NOT p.excluded_from_site AND c.handled_by_site)
            AND lc.end_date > current_date - interval '6 years'
          ORDER BY lc.license_id DESC LIMIT 1`;
        if (!row) throw new Error("no visible contract of bench50@ found");
        const missing = 120 - Number(row.lines);
        if (missing > 0) {
          await ctx.sql`
            INSERT INTO contract_products (license_id, product_id, quantity, start_date, end_date, support_end_date, activation_code, activation_code_key, source)
            SELECT ${row.license_id}, ${row.product_id}, 10 + i, current_date - 100, current_date + 265, current_date + 265,
                   'OS-' || substr(k, 1, 4) || '-' || substr(k, 5, 5) || '-' || substr(k, 10, 5) || '-' || substr(k, 15, 5) || '-' || substr(k, 20, 5) || '-' || substr(k, 25, 5),
                   'OS' || k, 'order'
            FROM (SELECT i, upper(substr(md5('pdf120:' || ${row.license_id} || ':' || i), 1, 29)) AS k FROM generate_series(1, ${missing}) AS i) AS g`;
        }
        return `/licenses/${row.license_id}/pdf`;
      },
    ),
  },
];

/**
 * Signs a customer in the way a browser without JavaScript does: GET /login, then POST the login form (its
 * hidden server-action fields plus email and password) as multipart/form-data with the site's Origin. Returns the
 * `Cookie` header value holding the session, for scenarios behind login (list of bench50@ / bench5000@, detail, PDF).
 */
export async function signIn(baseUrl: string, email: string, password: string, loginPath = "/login"): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair?.indexOf("=") ?? -1;
      if (pair && at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const page = await fetch(new URL(loginPath, baseUrl), { redirect: "manual" });
  keep(page);
  const html = await page.text();
  if (!page.ok) throw new Error(`sign-in: GET ${loginPath} answered HTTP ${page.status}`);
  const form = [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)].map((m) => m[0]).find((f) => /name="password"/.test(f));
  if (!form) throw new Error(`sign-in: no form with a password field on ${loginPath}`);
  const body = new FormData();
  for (const [input] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = attribute(input, "name");
    if (!name || name === "email" || name === "password") continue;
    if (/type="(hidden)"/.test(input)) body.append(name, attribute(input, "value") ?? "");
  }
  body.append("email", email);
  body.append("password", password);
  const response = await fetch(new URL(loginPath, baseUrl), {
    method: "POST",
    redirect: "manual",
    headers: { origin: new URL(baseUrl).origin, ...(jar.size ? { cookie: cookie() } : {}) },
    body,
  });
  keep(response);
  await response.arrayBuffer();
  if (![...jar.keys()].some((k) => /session/i.test(k))) throw new Error(`sign-in as ${email} failed (HTTP ${response.status}, no session cookie)`);
  return cookie();
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match?.[1]?.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** Helpers for scenario definitions. */
export const benchAccounts = { bench50: BENCH50_EMAIL, bench5000: BENCH5000_EMAIL, password: BENCH_PASSWORD };
export { SCALE_LICENSE_ID_BASE };
