import "server-only";
import { sql } from "drizzle-orm";
import { toNumber } from "@/db/sql";
import { dbContact, lineValues, sameCompany, stagedContact } from "./columns";
import type { Run } from "./stage";
import { EMPTY_COUNTS, type ContractImportCounts } from "./types";

// The file against the tables, one row per contract (ci_diff): new, or what differs; and the companies the new and
// re-assigned contracts belong to (ci_companies). Its counts are the report's, also for a dry run.

/** One row per contract of the file: new, or what differs from the tables. */
export async function compare(run: Run): Promise<ContractImportCounts> {
  await run(sql`CREATE TEMP TABLE ci_diff ON COMMIT DROP AS
    SELECT d.*,
           NOT d.is_new AND (d.contract_changed OR d.company_changed OR d.contract_contact_changed OR d.support_contact_changed
                             OR d.new_lines > 0 OR d.changed_lines > 0) AS changed
      FROM (
        SELECT c.license_id,
               lc.license_id IS NULL AS is_new,
               lc.license_id IS NOT NULL
                 AND (lc.status::text, lc.product_id, lc.start_date, lc.end_date, lc.support_end_date)
                     IS DISTINCT FROM (c.status, c.product_id, c.start_date, c.end_date, c.support_end_date) AS contract_changed,
               lc.license_id IS NOT NULL
                 AND (co.corporate_number, co.name, co.branch_name)
                     IS DISTINCT FROM (c.corporate_number, c.contract_company_name, c.contract_branch_name) AS company_changed,
               lc.license_id IS NOT NULL
                 AND (cc.license_id IS NULL OR (${dbContact("cc")}) IS DISTINCT FROM (${stagedContact("contract")})) AS contract_contact_changed,
               lc.license_id IS NOT NULL
                 AND (sc.license_id IS NULL OR (${dbContact("sc")}) IS DISTINCT FROM (${stagedContact("support")})) AS support_contact_changed,
               coalesce(ld.new_lines, 0) AS new_lines,
               coalesce(ld.changed_lines, 0) AS changed_lines
          FROM ci_contracts c
          LEFT JOIN license_contracts lc ON lc.license_id = c.license_id
          LEFT JOIN companies co ON co.id = lc.company_id
          LEFT JOIN contract_contacts cc ON cc.license_id = c.license_id AND cc.role = 'contract'
          LEFT JOIN contract_contacts sc ON sc.license_id = c.license_id AND sc.role = 'support'
          LEFT JOIN (
            SELECT l.license_id, count(*) FILTER (WHERE p.id IS NULL) AS new_lines,
                   count(*) FILTER (WHERE p.id IS NOT NULL AND (${lineValues("p")}) IS DISTINCT FROM (${lineValues("l")})) AS changed_lines
              FROM ci_lines l LEFT JOIN contract_products p ON p.activation_code_key = l.code_key
             GROUP BY l.license_id
          ) ld ON ld.license_id = c.license_id
      ) d`);
  await run(sql`CREATE INDEX ON ci_diff (license_id)`);
  await run(sql`ANALYZE ci_diff`);
  // The companies the new and re-assigned contracts belong to: an existing row of the same key, else a new one.
  await run(sql`CREATE TEMP TABLE ci_companies ON COMMIT DROP AS
    SELECT x.corporate_number, x.name, x.branch_name, m.id AS company_id
      FROM (SELECT DISTINCT c.corporate_number, c.contract_company_name AS name, c.contract_branch_name AS branch_name
              FROM ci_contracts c JOIN ci_diff d ON d.license_id = c.license_id WHERE d.is_new OR d.company_changed) x
      LEFT JOIN (SELECT coalesce(corporate_number, '') AS corporate_number, name, coalesce(branch_name, '') AS branch_name, min(id) AS id
                   FROM companies GROUP BY 1, 2, 3) m
        ON ${sameCompany("m", "x")}`);
  const [row] = await run(sql`SELECT count(*) FILTER (WHERE is_new) AS "newContracts", count(*) FILTER (WHERE changed) AS "changedContracts",
      count(*) FILTER (WHERE NOT is_new AND NOT changed) AS "unchangedContracts",
      coalesce(sum(new_lines), 0) AS "newLines", coalesce(sum(changed_lines), 0) AS "changedLines",
      count(*) FILTER (WHERE contract_contact_changed OR support_contact_changed) AS "changedContacts",
      (SELECT count(*) FROM ci_companies WHERE company_id IS NULL) AS "newCompanies"
    FROM ci_diff`);
  return Object.fromEntries(Object.keys(EMPTY_COUNTS).map((key) => [key, toNumber(row?.[key])])) as ContractImportCounts;
}
