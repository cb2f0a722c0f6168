// G-7 scale data for `npm run bench`: `--audit-rows` (default 10,000,000) audit_log rows over the year before the
// seed, generated in SQL (INSERT … SELECT FROM generate_series, every attribute from hashint8 of the row number), with
// the table's indexes in place. The mix follows what the app writes (lib/auth/sign-in.ts, lib/issuance, lib/downloads,
// the staff pages): mostly customer sign-ins, sign-outs and downloads; a tenth of the rows staff work; about one row in
// a thousand a lock (login.lock, staff.login.lock). One row in ten shares its predecessor's timestamp (two rows of one
// request), so the keyset's tie-break on id is exercised. Idempotent: only the rows missing up to N are added, so a
// database keeps its audit log between runs (--reuse-data) like the registry.
import type { Sql } from "postgres";
import { BENCH_EMAIL_DOMAIN } from "./scale-seed";

/** Customers the rows are spread over (c{n}@bench.example.jp, as the contract contacts are named) and staff members. */
const CUSTOMERS = 100_000;
const STAFF = 20;
const SPAN_DAYS = 365;

type Kind = {
  action: string;
  actor: "customer" | "staff" | "anonymous" | "system";
  target?: "license" | "download_file" | "notice" | "mail" | "support_info_mail" | "customer_account";
  weight: number;
};

/** Weights per 10,000 rows. */
const MIX: Kind[] = [
  { action: "login.success", actor: "customer", weight: 2400 },
  { action: "logout", actor: "customer", weight: 1500 },
  { action: "download.file", actor: "customer", target: "download_file", weight: 2000 },
  { action: "login.failure", actor: "anonymous", weight: 600 },
  { action: "login.refused_locked", actor: "anonymous", weight: 40 },
  { action: "login.lock", actor: "anonymous", weight: 10 },
  { action: "issuance.requested", actor: "customer", target: "license", weight: 400 },
  { action: "issuance.issued", actor: "customer", target: "license", weight: 380 },
  { action: "issuance.link_resent", actor: "customer", target: "license", weight: 20 },
  { action: "contacts.changed", actor: "customer", target: "license", weight: 300 },
  { action: "renewal.quoted", actor: "customer", target: "license", weight: 300 },
  { action: "contract_search.not_shown", actor: "customer", weight: 200 },
  { action: "password.changed", actor: "customer", weight: 200 },
  { action: "password.change_refused", actor: "customer", weight: 50 },
  { action: "temporary_password.issued", actor: "customer", weight: 150 },
  { action: "temporary_password.unknown_address", actor: "anonymous", weight: 50 },
  { action: "mail.subscription", actor: "customer", target: "customer_account", weight: 100 },
  { action: "staff.login.success", actor: "staff", weight: 400 },
  { action: "staff.logout", actor: "staff", weight: 300 },
  { action: "staff.login.failure", actor: "anonymous", weight: 50 },
  { action: "staff.login.lock", actor: "anonymous", weight: 1 },
  { action: "contracts.display-changed", actor: "staff", target: "license", weight: 100 },
  { action: "notices.updated", actor: "staff", target: "notice", weight: 100 },
  { action: "notices.created", actor: "staff", target: "notice", weight: 50 },
  { action: "files.uploaded", actor: "staff", target: "download_file", weight: 30 },
  { action: "staff.outbox_retry", actor: "staff", target: "mail", weight: 30 },
  { action: "support-mail.sent", actor: "system", target: "support_info_mail", weight: 8 },
  { action: "staff.audit_export", actor: "staff", weight: 11 },
];
const SLOTS = MIX.reduce((sum, kind) => sum + kind.weight, 0);

export async function countAuditRows(sql: Sql, atLeast: number): Promise<number> {
  const [row] = await sql<{ n: string }[]>`SELECT count(*)::text AS n FROM (SELECT 1 FROM audit_log LIMIT ${atLeast}) AS present`;
  return Number(row?.n ?? 0);
}

/** Adds the rows missing up to `rows` (in chunks, two at a time: the machine has 2 cores); returns the seconds taken, 0 when none were missing. */
export async function seedScaleAudit(sql: Sql, rows: number, log: (line: string) => void): Promise<number> {
  const have = await countAuditRows(sql, rows);
  if (have >= rows) return 0;
  const started = performance.now();
  const end = new Date();
  // Slot k of SLOTS names the kind of a row whose hash falls on k: the mix above, in proportion.
  const slots = MIX.flatMap((kind, index) => Array<number>(kind.weight).fill(index + 1));
  const text = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",")}]::text[]`;
  const actions = text(MIX.map((k) => k.action));
  const actors = text(MIX.map((k) => k.actor));
  const targets = text(MIX.map((k) => k.target ?? ""));
  const h = (salt: number) => `(hashint8(i * 16 + ${salt}) & 2147483647)`;
  const staffEmails = text([
    "admin@example.com",
    "operator@example.com",
    "marketer@example.com",
    ...Array.from({ length: STAFF - 3 }, (_, n) => `staff${n + 1}@${BENCH_EMAIL_DOMAIN}`),
  ]);
  const statement = `
    INSERT INTO audit_log (at, actor_type, actor_id, actor_email, action, target_type, target_id, client_address, details)
    SELECT at,
           actor::audit_actor,
           CASE actor WHEN 'customer' THEN person WHEN 'staff' THEN 1 + person % ${STAFF} END,
           CASE actor WHEN 'staff' THEN (${staffEmails})[1 + person % ${STAFF}]
                      WHEN 'system' THEN NULL
                      WHEN 'anonymous' THEN CASE WHEN action LIKE 'staff.%' THEN (${staffEmails})[1 + person % ${STAFF}]
                                                 ELSE 'c' || person || '@${BENCH_EMAIL_DOMAIN}' END
                      ELSE 'c' || person || '@${BENCH_EMAIL_DOMAIN}' END,
           action,
           nullif(target, ''),
           CASE target WHEN 'license' THEN (10000000 + ${h(3)} % 1000000)::text WHEN 'download_file' THEN (1 + ${h(3)} % 60)::text
                       WHEN 'notice' THEN (1 + ${h(3)} % 200)::text WHEN 'mail' THEN (1 + ${h(3)} % 100000)::text
                       WHEN 'support_info_mail' THEN (1 + ${h(3)} % 50)::text WHEN 'customer_account' THEN person::text END,
           CASE WHEN actor <> 'system' THEN ('10.' || ${h(4)} % 256 || '.' || ${h(5)} % 256 || '.' || ${h(6)} % 256)::inet END,
           CASE action WHEN 'login.success' THEN '{"method":"password"}'::jsonb
                       WHEN 'login.lock' THEN jsonb_build_object('by', CASE WHEN ${h(7)} % 2 = 0 THEN 'account' ELSE 'address' END,
                                                                 'until', at + interval '15 minutes')
                       WHEN 'staff.login.lock' THEN jsonb_build_object('by', 'account', 'until', at + interval '15 minutes')
                       WHEN 'contracts.display-changed' THEN '{"hiddenBefore":false,"hiddenAfter":true}'::jsonb
                       WHEN 'mail.subscription' THEN '{"subscribed":false,"via":"settings"}'::jsonb END
    FROM (
      SELECT i, date_trunc('milliseconds', $3::timestamptz - (${rows}::bigint - t) * (interval '${SPAN_DAYS} days' / ${rows})) AS at,
             action, actor, target, 1 + ${h(2)} % ${CUSTOMERS} AS person
      FROM (SELECT i, i - CASE WHEN i % 10 = 1 THEN 1 ELSE 0 END AS t, ($4::int[])[1 + ${h(1)} % ${SLOTS}] AS kind
            FROM generate_series($1::bigint, $2::bigint) AS i) AS g,
      LATERAL (SELECT (${actions})[kind] AS action, (${actors})[kind] AS actor, (${targets})[kind] AS target) AS k
    ) AS r`;
  const chunk = 500_000;
  const ranges: [number, number][] = [];
  for (let from = have + 1; from <= rows; from += chunk) ranges.push([from, Math.min(rows, from + chunk - 1)]);
  for (let k = 0; k < ranges.length; k += 2) {
    await Promise.all(
      ranges.slice(k, k + 2).map(([from, to]) =>
        // JIT off: compiling the generator's expressions costs more than running them.
        sql.begin(async (tx) => {
          await tx`SET LOCAL jit = off`;
          await tx.unsafe(statement, [from, to, end.toISOString(), slots]);
        }),
      ),
    );
    log(`audit log: ${ranges[Math.min(k + 1, ranges.length - 1)]![1].toLocaleString("en-US")} of ${rows.toLocaleString("en-US")} rows`);
  }
  // A year-old table is vacuumed: its pages are all-visible and hinted, which the first reads would otherwise do.
  await sql`VACUUM (ANALYZE) audit_log`;
  return (performance.now() - started) / 1000;
}
