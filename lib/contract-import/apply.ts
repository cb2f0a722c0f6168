import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { dropSecondaryIndexes, type DroppedIndexes, type Query } from "@/db/copy";
import { toNumber } from "@/db/sql";
import { emailHandoverSql } from "@/lib/licenses/email-handover";
import { lineValues, sameCompany, stagedContact } from "./columns";
import { CONTACT_COLUMNS } from "./format";
import type { Run } from "./stage";
import type { ContractImportCounts } from "./types";

// The writes of an import, set-based, after the comparison (compare.ts): the new companies, the history of the changed
// contracts, the contracts, their contacts (A-9 for a changed e-mail, as B-5) and their lines. Never a delete.

const CAMEL_CONTACT = ["companyName", "branchName", "department", "personName", "postalCode", "prefecture", "address", "phone", "email"];
const contactJson = (role: "contract" | "support", source: (column: string) => string): SQL =>
  sql.raw(`jsonb_build_object(${CONTACT_COLUMNS.map((c, i) => `'${role}.${CAMEL_CONTACT[i]}', ${source(c)}`).join(", ")})`);
const lineJson = (product: string, alias: string): SQL =>
  sql.raw(
    `jsonb_build_object('product', ${product}.code, 'quantity', ${alias}.quantity, 'startDate', ${alias}.start_date, 'endDate', ${alias}.end_date,
                       'supportEndDate', ${alias}.support_end_date, 'code', ${alias}.activation_code)`,
  );
const COMPANY_JOIN = sql`ci_companies x ON ${sameCompany("x", "c", "c.contract_company_name", "c.contract_branch_name")}`;

/** Who the history and audit rows name: the staff member of the upload page, or the command ("system"). */
export type ImportActor = { type: "staff" | "system"; id: number | null; email: string | null };

/** A bulk load's writes into `table`: from this many, and a quarter of the table, its secondary indexes are rebuilt. */
async function dropIndexesForBulk(
  run: Run,
  query: Query,
  table: string,
  writes: number,
  from: number,
  step: (name: string) => void,
): Promise<DroppedIndexes | null> {
  if (writes < from) return null;
  const [row] = await run(sql`SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = ${table}::regclass`);
  if (writes * 4 < toNumber(row?.n)) return null;
  step(`dropping the secondary indexes of ${table} for the bulk load`);
  return dropSecondaryIndexes(query, table);
}

/** The writes; `query` is the transaction's raw connection, for db/copy.ts's index rebuild. Returns the indexes rebuilt. */
export async function apply(
  run: Run,
  query: Query,
  counts: ContractImportCounts,
  actor: ImportActor,
  at: Date,
  rebuildFrom: number,
  step: (name: string) => void,
): Promise<number> {
  const stamp = sql`${at.toISOString()}::timestamptz`;
  step("creating the new companies");
  await run(
    sql`WITH created AS (
      INSERT INTO companies (corporate_number, name, branch_name, created_at)
      SELECT corporate_number, name, branch_name, ${stamp} FROM ci_companies WHERE company_id IS NULL
      RETURNING id, corporate_number, name, branch_name
    )
    UPDATE ci_companies x SET company_id = created.id FROM created
     WHERE ${sameCompany("created", "x")}`,
  );

  step("writing the history of the changed contracts");
  // Before any update: the rows as they are now → the file's, the keys that differ only (B-5 (5), as its history rows).
  await run(
    sql`INSERT INTO contract_history (license_id, actor_type, actor_id, actor_email, action, before, after, created_at)
    SELECT s.license_id, ${actor.type}::change_actor, ${actor.id}::integer, ${actor.email}::text, 'import.changed', k.before, k.after, ${stamp}
      FROM (
        SELECT c.license_id,
               jsonb_build_object('status', lc.status::text, 'product', p0.code, 'startDate', lc.start_date, 'endDate', lc.end_date,
                                  'supportEndDate', lc.support_end_date,
                                  'company.corporateNumber', co.corporate_number, 'company.name', co.name, 'company.branchName', co.branch_name)
                 || ${contactJson("contract", (column) => `cc.${column}`)} || ${contactJson("support", (column) => `sc.${column}`)}
                 || coalesce(ln.before, '{}'::jsonb) AS before,
               jsonb_build_object('status', c.status, 'product', p1.code, 'startDate', c.start_date, 'endDate', c.end_date,
                                  'supportEndDate', c.support_end_date,
                                  'company.corporateNumber', c.corporate_number, 'company.name', c.contract_company_name,
                                  'company.branchName', c.contract_branch_name)
                 || ${contactJson("contract", (column) => `c.contract_${column}`)} || ${contactJson("support", (column) => `c.support_${column}`)}
                 || coalesce(ln.after, '{}'::jsonb) AS after
          FROM ci_contracts c
          JOIN ci_diff d ON d.license_id = c.license_id AND d.changed
          JOIN license_contracts lc ON lc.license_id = c.license_id
          JOIN products p0 ON p0.id = lc.product_id
          JOIN products p1 ON p1.id = c.product_id
          LEFT JOIN companies co ON co.id = lc.company_id
          LEFT JOIN contract_contacts cc ON cc.license_id = c.license_id AND cc.role = 'contract'
          LEFT JOIN contract_contacts sc ON sc.license_id = c.license_id AND sc.role = 'support'
          LEFT JOIN LATERAL (
            SELECT jsonb_object_agg('line.' || l.activation_code, ${lineJson("lp", "l")}) AS after,
                   jsonb_object_agg('line.' || l.activation_code, ${lineJson("pp", "p")}) FILTER (WHERE p.id IS NOT NULL) AS before
              FROM ci_lines l JOIN products lp ON lp.id = l.product_id
              LEFT JOIN contract_products p ON p.activation_code_key = l.code_key LEFT JOIN products pp ON pp.id = p.product_id
             WHERE l.license_id = c.license_id
          ) ln ON true
      ) s
      CROSS JOIN LATERAL (
        SELECT jsonb_object_agg(a.key, coalesce(b.value, 'null'::jsonb)) AS before, jsonb_object_agg(a.key, a.value) AS after
          FROM jsonb_each(s.after) a LEFT JOIN jsonb_each(s.before) b ON b.key = a.key
         WHERE b.value IS DISTINCT FROM a.value
      ) k`,
  );

  // A first load of many contracts (a new portal, the bench): the indexes are rebuilt afterwards (db/copy.ts).
  const dropped: DroppedIndexes[] = [];
  for (const [table, writes] of [
    ["license_contracts", counts.newContracts],
    ["contract_contacts", 2 * counts.newContracts + counts.changedContacts],
    ["contract_products", counts.newLines],
  ] as const) {
    const indexes = await dropIndexesForBulk(run, query, table, writes, rebuildFrom, step);
    if (indexes) dropped.push(indexes);
  }

  step("updating the changed contracts");
  // B-5: every change counts the version up, so that a contact form opened before the import is refused.
  await run(
    sql`UPDATE license_contracts lc
       SET status = c.status::contract_status, product_id = c.product_id, start_date = c.start_date, end_date = c.end_date,
           support_end_date = c.support_end_date,
           company_id = CASE WHEN d.company_changed THEN x.company_id ELSE lc.company_id END, version = lc.version + 1, updated_at = ${stamp}
      FROM ci_contracts c JOIN ci_diff d ON d.license_id = c.license_id AND d.changed LEFT JOIN ${COMPANY_JOIN}
     WHERE lc.license_id = c.license_id`,
  );

  step("inserting the new contracts");
  await run(
    sql`INSERT INTO license_contracts (license_id, company_id, product_id, status, start_date, end_date, support_end_date, created_at, updated_at)
    SELECT c.license_id, x.company_id, c.product_id, c.status::contract_status, c.start_date, c.end_date, c.support_end_date, ${stamp}, ${stamp}
      FROM ci_contracts c JOIN ci_diff d ON d.license_id = c.license_id AND d.is_new JOIN ${COMPANY_JOIN}
     ORDER BY c.license_id`,
  );

  step("writing the contacts");
  // A-9, as B-5 applies it (lib/licenses/email-handover.ts): the row as it is (cc) and the file's address (excluded).
  const handover = emailHandoverSql(
    { email: sql.raw("cc.email"), previousEmail: sql.raw("cc.previous_email"), emailEffectiveAt: sql.raw("cc.email_effective_at") },
    sql.raw("excluded.email"),
    at,
  );
  const contactSelect = (role: "contract" | "support") =>
    sql`SELECT c.license_id, ${role}::contact_role, ${stagedContact(role)}, ${stamp}, ${stamp}
       FROM ci_contracts c JOIN ci_diff d ON d.license_id = c.license_id WHERE d.is_new OR d.${sql.raw(`${role}_contact_changed`)}`;
  await run(
    sql`INSERT INTO contract_contacts AS cc (license_id, role, ${sql.raw(CONTACT_COLUMNS.join(", "))}, email_effective_at, updated_at)
    ${contactSelect("contract")} UNION ALL ${contactSelect("support")}
    ON CONFLICT (license_id, role) DO UPDATE SET ${sql.raw(CONTACT_COLUMNS.map((c) => `${c} = excluded.${c}`).join(", "))},
      previous_email = ${handover.previousEmail},
      email_effective_at = ${handover.emailEffectiveAt},
      updated_at = ${stamp}`,
  );

  step("writing the product lines");
  await run(
    sql`INSERT INTO contract_products AS p
           (license_id, product_id, quantity, start_date, end_date, support_end_date, activation_code, activation_code_key, source, created_at)
    SELECT l.license_id, l.product_id, l.quantity, l.start_date, l.end_date, l.support_end_date, l.activation_code, l.code_key, 'order', ${stamp}
      FROM ci_lines l JOIN ci_diff d ON d.license_id = l.license_id AND (d.new_lines > 0 OR d.changed_lines > 0)
    ON CONFLICT (activation_code_key) DO UPDATE
      SET product_id = excluded.product_id, quantity = excluded.quantity, start_date = excluded.start_date, end_date = excluded.end_date,
      support_end_date = excluded.support_end_date, activation_code = excluded.activation_code
     WHERE p.license_id = excluded.license_id AND p.source = 'order' AND (${lineValues("p")}) IS DISTINCT FROM (${lineValues("excluded")})`,
  );
  for (const indexes of dropped) await indexes.recreate(step);
  return dropped.reduce((n, indexes) => n + indexes.names.length, 0);
}
