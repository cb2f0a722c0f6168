// Bulk scale data for `npm run bench` (shape documented in bench/README.md). Everything is generated inside
// PostgreSQL with INSERT … SELECT FROM generate_series: deterministic per contract index (hashint8), no client
// round trip per row, every constraint, foreign key and migration index left in place.
import type { Sql } from "postgres";
import { hashPassword } from "../lib/auth/password-hash";

export const SCALE_LICENSE_ID_BASE = 10_000_000;
export const BENCH_EMAIL_DOMAIN = "bench.example.jp";
export const BENCH50_EMAIL = `bench50@${BENCH_EMAIL_DOMAIN}`;
export const BENCH5000_EMAIL = `bench5000@${BENCH_EMAIL_DOMAIN}`;
export const BENCH_PASSWORD = "Demo-Passw0rd!";
export const BENCH_COMPANY_PREFIX = "ベンチ株式会社";
/** Smallest scale dataset: bench5000@ needs every other contract of the first 10,000 (see README). */
export const MIN_SCALE_CONTRACTS = 10_000;

export type ScaleOptions = { contracts: number; companies: number; log: (line: string) => void };
export type ScaleSummary = {
  contracts: number;
  companies: number;
  contacts: number;
  lines: number;
  addresses: number;
  seconds: number;
  steps: { step: string; seconds: number }[];
};

const PREFECTURES = ["東京都", "大阪府", "愛知県", "神奈川県", "福岡県", "北海道", "宮城県", "広島県", "京都府", "兵庫県", "埼玉県", "千葉県"];
const DEPARTMENTS = ["情報システム部", "総務部", "ITサポート課", "管理部", "経営企画部", "技術部"];
const PERSON_NAMES = ["ベンチ 太郎", "ベンチ 花子", "ベンチ 次郎", "ベンチ 三郎", "ベンチ 桜", "ベンチ 健"];
const BRANCHES = ["本社", "東京支社", "大阪支社", "名古屋営業所", "福岡支店"];

/** Number of c{n}@ addresses: 1.6 address/contract pairs per contract (40 % support = contract contact), ~15 contracts per address. */
export function addressCount(contracts: number): number {
  return Math.max(100, Math.round((contracts * 1.6) / 15));
}

/** Contracts already present in the scale range (license IDs from 10,000,000). */
export async function countScaleContracts(sql: Sql): Promise<number> {
  const [row] = await sql<{ n: string }[]>`SELECT count(*)::text AS n FROM license_contracts WHERE license_id >= ${SCALE_LICENSE_ID_BASE}`;
  return Number(row?.n ?? 0);
}

async function timed<T>(steps: ScaleSummary["steps"], log: (line: string) => void, step: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  const seconds = (performance.now() - start) / 1000;
  steps.push({ step, seconds });
  log(`  seed: ${step} ${seconds.toFixed(1)} s`);
  return result;
}

/** Removes an earlier (partial or differently sized) scale dataset; the demo data (IDs < 10,000,000) stays. */
export async function deleteScaleData(sql: Sql, log: (line: string) => void): Promise<void> {
  const existing = await countScaleContracts(sql);
  if (existing > 0) {
    log(`  seed: removing ${existing} earlier scale contracts`);
    await sql.begin(async (tx) => {
      // Issuance requests on scale contracts (issuance-confirm's) first: their codes refer to them, they to their lines.
      await tx.unsafe(`DELETE FROM contract_products WHERE license_id >= ${SCALE_LICENSE_ID_BASE} AND issuance_request_id IS NOT NULL`);
      await tx.unsafe(`DELETE FROM issuance_requests WHERE license_id >= ${SCALE_LICENSE_ID_BASE}`);
      await tx.unsafe(`DELETE FROM contract_products WHERE license_id >= ${SCALE_LICENSE_ID_BASE}`);
      await tx.unsafe(`DELETE FROM contract_contacts WHERE license_id >= ${SCALE_LICENSE_ID_BASE}`);
      await tx.unsafe(`DELETE FROM license_contracts WHERE license_id >= ${SCALE_LICENSE_ID_BASE}`);
    });
  }
  await sql.unsafe(
    `DELETE FROM companies c WHERE c.name LIKE '${BENCH_COMPANY_PREFIX}%' AND NOT EXISTS (SELECT 1 FROM license_contracts l WHERE l.company_id = c.id)`,
  );
}

export async function seedScale(sql: Sql, { contracts: n, companies: m, log }: ScaleOptions): Promise<ScaleSummary> {
  if (!Number.isInteger(n) || n < MIN_SCALE_CONTRACTS) throw new Error(`--contracts must be an integer >= ${MIN_SCALE_CONTRACTS}`);
  if (!Number.isInteger(m) || m < 10) throw new Error("--companies must be an integer >= 10");
  const started = performance.now();
  const steps: ScaleSummary["steps"] = [];
  const e = addressCount(n);

  await deleteScaleData(sql, log);

  // Catalog from the demo seed: visible = handled category and not individually excluded (B-0 condition 2).
  const catalog = await sql<{ id: number; prefix: string; visible: boolean }[]>`
    SELECT p.id, p.code_prefix AS prefix, (c.handled_by_site AND NOT p.excluded_from_site) AS visible
    FROM products p JOIN product_categories c ON c.id = p.category_id
    WHERE p.code_prefix IS NOT NULL ORDER BY p.id`;
  const visible = catalog.filter((p) => p.visible);
  const hidden = catalog.filter((p) => !p.visible);
  if (visible.length === 0) throw new Error("No visible product in the catalog: seed the demo data first");
  const arr = (values: (string | number)[], type: "int" | "text") =>
    `ARRAY[${values.map((v) => (type === "int" ? String(Number(v)) : `'${String(v).replace(/'/g, "''")}'`)).join(",")}]::${type}[]`;
  const vIds = arr(
    visible.map((p) => p.id),
    "int",
  );
  const vPrefixes = arr(
    visible.map((p) => p.prefix),
    "text",
  );
  const xIds = hidden.length
    ? arr(
        hidden.map((p) => p.id),
        "int",
      )
    : vIds;
  const xPrefixes = hidden.length
    ? arr(
        hidden.map((p) => p.prefix),
        "text",
      )
    : vPrefixes;
  const nv = visible.length;
  const nx = hidden.length || visible.length;

  // Companies: ids chosen here (max(id)+n) so that contracts can compute theirs; the sequence is moved past them.
  const [base] = await sql<{ id: number }[]>`SELECT coalesce(max(id), 0)::int AS id FROM companies`;
  const companyBase = base?.id ?? 0;
  await timed(steps, log, `companies (${m})`, async () => {
    await sql.unsafe(`
      INSERT INTO companies (id, name, branch_name)
      SELECT ${companyBase} + k, '${BENCH_COMPANY_PREFIX}' || k, (${arr(BRANCHES, "text")})[1 + k % ${BRANCHES.length}]
      FROM generate_series(1, ${m}) AS k`);
    await sql.unsafe(`SELECT setval(pg_get_serial_sequence('companies', 'id'), (SELECT max(id) FROM companies))`);
  });

  // One row per contract index i, every attribute derived from hashint8 of (i, salt): reproducible and cheap.
  const stride = Math.floor(n / 5000);
  const h = (salt: number) => `(hashint8(i::bigint * 16 + ${salt})::bigint & 2147483647)`;
  const gen = `
    SELECT i, ${SCALE_LICENSE_ID_BASE} + i AS license_id, special, cn, sn, end_date,
      CASE WHEN special IS NOT NULL THEN (CASE WHEN end_date >= today THEN 'active' ELSE 'expired' END)
           WHEN r_status < 3 THEN 'registering' WHEN r_status < 5 THEN 'invalid'
           WHEN end_date >= today THEN 'active' ELSE 'expired' END::contract_status AS status,
      (end_date - CASE WHEN r_term = 0 THEN interval '3 years' ELSE interval '1 year' END)::date + 1 AS start_date,
      (special IS NULL AND r_hidden < 3) AS hidden,
      CASE WHEN special IS NULL AND r_product % 100 < 2 THEN (${xIds})[1 + (r_product / 100) % ${nx}]
           ELSE (${vIds})[1 + (r_product / 100) % ${nv}] END AS product_id,
      CASE WHEN special IS NULL AND r_product % 100 < 2 THEN (${xPrefixes})[1 + (r_product / 100) % ${nx}]
           ELSE (${vPrefixes})[1 + (r_product / 100) % ${nv}] END AS prefix,
      (${vIds})[1 + r_product2 % ${nv}] AS product2_id, (${vPrefixes})[1 + r_product2 % ${nv}] AS prefix2,
      1 + r_qty % 500 AS quantity, CASE WHEN r_lines % 4 = 0 THEN 1 ELSE 0 END AS extra_lines
    FROM (
      SELECT i, today,
        CASE WHEN i % ${stride * 100} = 0 AND i / ${stride * 100} < 50 THEN 'bench50'
             WHEN i % ${stride} = 1 AND i / ${stride} < 5000 THEN 'bench5000' END AS special,
        1 + ${h(1)} % ${e} AS cn,
        CASE WHEN ${h(2)} % 10 < 4 THEN 1 + ${h(1)} % ${e} ELSE 1 + ${h(3)} % ${e} END AS sn,
        ${h(4)} % 100 AS r_status, ${h(5)} % 5 AS r_term, ${h(6)} % 100 AS r_hidden, ${h(7)} AS r_product,
        ${h(8)} AS r_product2, ${h(9)} AS r_qty, ${h(10)} AS r_lines, ${h(11)} AS r_end
      FROM generate_series($1::int, $2::int - 1) AS i, (SELECT (now() AT TIME ZONE 'Asia/Tokyo')::date AS today) AS t
    ) AS raw,
    LATERAL (SELECT CASE WHEN special IS NOT NULL THEN today - 700 + (r_end % 1800)::int
                         ELSE today - 2922 + (r_end % 4018)::int END AS end_date) AS d`;
  // Address n belongs to company ((n - 1) % m) + 1; bench50@ to company 1, bench5000@ to company 2.
  const companyOf = (n: string) => `${companyBase} + 1 + (${n} - 1) % ${m}`;
  const companyName = (n: string) => `'${BENCH_COMPANY_PREFIX}' || (1 + (${n} - 1) % ${m})`;

  // Two concurrent chunks per step: the machine has 2 cores and PostgreSQL runs one backend per connection.
  const chunks = Math.max(1, Math.min(4, (await import("node:os")).availableParallelism()));
  const ranges = Array.from({ length: chunks }, (_, k) => [Math.floor((n * k) / chunks), Math.floor((n * (k + 1)) / chunks)] as const);
  const parallel = (statement: string) => Promise.all(ranges.map(([from, to]) => sql.unsafe(statement, [from, to])));

  await timed(steps, log, `license_contracts (${n})`, () =>
    parallel(`
      INSERT INTO license_contracts (license_id, company_id, product_id, status, start_date, end_date, support_end_date, hidden_by_customer)
      SELECT license_id,
        CASE special WHEN 'bench50' THEN ${companyBase} + 1 WHEN 'bench5000' THEN ${companyBase} + 2 ELSE ${companyOf("cn")} END,
        product_id, status, start_date, end_date, end_date, hidden
      FROM (${gen}) AS g`),
  );

  const contactColumns = (role: "contract" | "support", n: string) => `
      SELECT license_id, '${role}'::contact_role,
        ${
          role === "contract"
            ? `CASE special WHEN 'bench50' THEN '${BENCH_COMPANY_PREFIX}1' WHEN 'bench5000' THEN '${BENCH_COMPANY_PREFIX}2' ELSE ${companyName(n)} END`
            : companyName(n)
        },
        (${arr(BRANCHES, "text")})[1 + ${n} % ${BRANCHES.length}],
        (${arr(DEPARTMENTS, "text")})[1 + ${n} % ${DEPARTMENTS.length}],
        (${arr(PERSON_NAMES, "text")})[1 + ${n} % ${PERSON_NAMES.length}] || ${n},
        lpad((100 + ${n} % 900)::text, 3, '0') || '-' || lpad((${n} % 10000)::text, 4, '0'),
        (${arr(PREFECTURES, "text")})[1 + ${n} % ${PREFECTURES.length}],
        'ベンチ市ベンチ町' || (1 + ${n} % 50) || '丁目' || (1 + ${n} % 30) || '番',
        '03-' || lpad((${n} % 10000)::text, 4, '0') || '-' || lpad(((${n} * 7) % 10000)::text, 4, '0'),
        ${
          role === "contract"
            ? `CASE special WHEN 'bench50' THEN '${BENCH50_EMAIL}' WHEN 'bench5000' THEN '${BENCH5000_EMAIL}' ELSE 'c' || ${n} || '@${BENCH_EMAIL_DOMAIN}' END`
            : `'c' || ${n} || '@${BENCH_EMAIL_DOMAIN}'`
        },
        now() - interval '1 year'
      FROM (${gen}) AS g`;
  await timed(steps, log, `contract_contacts (${2 * n})`, () =>
    parallel(`
      INSERT INTO contract_contacts
        (license_id, role, company_name, branch_name, department, person_name, postal_code, prefecture, address, phone, email, email_effective_at)
      ${contactColumns("contract", "(CASE special WHEN 'bench50' THEN 50 WHEN 'bench5000' THEN 5000 ELSE cn END)")}
      UNION ALL
      ${contactColumns("support", "sn")}`),
  );

  // 保有製品 lines: the contract's product, plus a second product on a quarter of the contracts. Key = prefix + 29
  // upper-case hex characters of md5(bench line id): matches ^[A-Z0-9]+$ and is unique.
  await timed(steps, log, "contract_products", () =>
    parallel(`
      INSERT INTO contract_products (license_id, product_id, quantity, start_date, end_date, support_end_date, activation_code, activation_code_key)
      SELECT license_id, line_product, quantity, start_date, end_date, end_date,
        substr(k, 1, 2) || '-' || substr(k, 3, 4) || '-' || substr(k, 7, 5) || '-' || substr(k, 12, 5)
          || '-' || substr(k, 17, 5) || '-' || substr(k, 22, 5) || '-' || substr(k, 27, 5),
        k
      FROM (
        SELECT g.*, ln,
          CASE WHEN ln = 0 THEN product_id ELSE product2_id END AS line_product,
          CASE WHEN ln = 0 THEN prefix ELSE prefix2 END || upper(substr(md5('bench-line:' || license_id || ':' || ln), 1, 29)) AS k
        FROM (${gen}) AS g JOIN (VALUES (0), (1)) AS lines (ln) ON ln <= g.extra_lines
      ) AS l`),
  );

  await timed(steps, log, "customer_accounts (bench50@, bench5000@)", () => seedBenchAccounts(sql));
  // VACUUM as well as ANALYZE: bulk-inserted pages become all-visible only when vacuumed, and until then an index-only
  // scan (B-0's contact check) still visits the heap. PostgreSQL's autovacuum does the same after large inserts in
  // production; doing it here keeps the measurement independent of when autovacuum happens to run.
  await timed(steps, log, "VACUUM ANALYZE", () => sql.unsafe("VACUUM (ANALYZE) license_contracts, contract_contacts, contract_products, companies"));
  await sql.unsafe("ANALYZE");

  const [counts] = await sql<{ contracts: string; contacts: string; lines: string }[]>`
    SELECT (SELECT count(*) FROM license_contracts WHERE license_id >= ${SCALE_LICENSE_ID_BASE})::text AS contracts,
           (SELECT count(*) FROM contract_contacts WHERE license_id >= ${SCALE_LICENSE_ID_BASE})::text AS contacts,
           (SELECT count(*) FROM contract_products WHERE license_id >= ${SCALE_LICENSE_ID_BASE})::text AS lines`;
  return {
    contracts: Number(counts?.contracts),
    companies: m,
    contacts: Number(counts?.contacts),
    lines: Number(counts?.lines),
    addresses: e,
    seconds: (performance.now() - started) / 1000,
    steps,
  };
}

/** Sign-in accounts for the two dedicated addresses (password "Demo-Passw0rd!", fresh: no forced change). */
export async function seedBenchAccounts(sql: Sql): Promise<void> {
  const hash = await hashPassword(BENCH_PASSWORD);
  await sql.begin(async (tx) => {
    for (const email of [BENCH50_EMAIL, BENCH5000_EMAIL]) {
      const [account] = await tx<{ id: number }[]>`
        INSERT INTO customer_accounts (email, password_hash, password_changed_at, must_change_password)
        VALUES (${email}, ${hash}, now(), false)
        ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, password_changed_at = now(), must_change_password = false
        RETURNING id`;
      if (!account) throw new Error(`customer_accounts upsert returned nothing for ${email}`);
      await tx`INSERT INTO password_history (customer_account_id, password_hash) VALUES (${account.id}, ${hash})`;
      await tx`INSERT INTO mail_subscriptions (customer_account_id, subscribed) VALUES (${account.id}, false) ON CONFLICT DO NOTHING`;
    }
  });
}
