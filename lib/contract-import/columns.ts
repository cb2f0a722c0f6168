import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { CONTACT_COLUMNS } from "./format";

// The column lists that the comparison (compare.ts) and the writes (apply.ts) both spell out, as SQL fragments built
// from this folder's constants and the aliases of the statements (never from the file's values).

/** A contact's columns in the database, under `alias` (contract_contacts). */
export const dbContact = (alias: string): SQL => sql.raw(CONTACT_COLUMNS.map((c) => `${alias}.${c}`).join(", "));
/** The same columns as staged for `role` (ci_contracts c). */
export const stagedContact = (role: "contract" | "support"): SQL => sql.raw(CONTACT_COLUMNS.map((c) => `c.${role}_${c}`).join(", "));
/** A line's values, as compared and written (contract_products or ci_lines under `alias`). */
export const lineValues = (alias: string): SQL =>
  sql.raw(`${alias}.product_id, ${alias}.quantity, ${alias}.start_date, ${alias}.end_date, ${alias}.support_end_date, ${alias}.activation_code`);

/**
 * The company of a contract: its 法人番号 (when given), 法人名 and 支社名 (of the 契約窓口), compared as equalities
 * (hashable, unlike IS NOT DISTINCT FROM). `a` and `b` are aliases with corporate_number, name and branch_name.
 */
export const sameCompany = (a: string, b: string, bName = `${b}.name`, bBranch = `${b}.branch_name`): SQL =>
  sql.raw(
    `coalesce(${a}.corporate_number, '') = coalesce(${b}.corporate_number, '')
     AND ${a}.name = ${bName} AND coalesce(${a}.branch_name, '') = coalesce(${bBranch}, '')`,
  );
