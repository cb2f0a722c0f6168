import "server-only";
import { and, eq, exists, gt, inArray, lte, not, or, sql, type SQL } from "drizzle-orm";
import { contractContacts, contractProducts, licenseContracts, productCategories, products } from "@/db/schema";
import { normaliseEmail } from "@/lib/security/email";
import { addToIsoDate, tokyoDate } from "@/lib/dates";

// SPEC B-0 表示契約: a customer sees a contract only if ALL hold —
//   1. the login e-mail is the current 契約窓口 or サポート窓口 address (A-9 aware);
//   2. its products are corporate products the site handles (no line, nor the contract's product, in an excluded
//      category or individually excluded);
//   3. it ended less than 6 years ago (過去６年まで), counted on the Tokyo calendar;
//   4. its status is 有効 or 期限切れ (never 登録中 or 無効);
//   5. it is not hidden at the customer's request (表示設定).
// One condition for every read — list, detail, search, PDF, CSV, issuance, downloads — applied inside the WHERE.

export const VISIBLE_STATUSES = ["active", "expired"] as const;

/** The earliest end date that is still shown (exclusive bound), as an ISO date. */
export function oldestVisibleEndDate(at: Date): string {
  return addToIsoDate(tokyoDate(at), { years: -6 });
}

/**
 * B-0 (1): the login e-mail is a current contact of the contract (A-9: a changed address from its effective time,
 * the previous one until then). Written as IN (… UNION ALL …) rather than one OR, so that each half uses its own
 * index (contract_contacts_email_idx, and the partial index on previous_email): an OR made PostgreSQL walk the
 * whole contacts table in license order at a million contracts.
 */
export function isContactOf(email: string, at: Date): SQL {
  const address = normaliseEmail(email);
  // Drizzle's operators bind the Date through the column's type (postgres.js refuses a raw Date parameter).
  const current = and(eq(contractContacts.email, address), lte(contractContacts.emailEffectiveAt, at));
  const previous = and(eq(contractContacts.previousEmail, address), gt(contractContacts.emailEffectiveAt, at));
  return sql`${licenseContracts.licenseId} IN (
    SELECT ${contractContacts.licenseId} FROM ${contractContacts} WHERE ${current}
    UNION ALL SELECT ${contractContacts.licenseId} FROM ${contractContacts} WHERE ${previous})`;
}

/**
 * B-0 (2): no product of the contract — its own nor any line's — is outside the site: in a category the site does
 * not handle, or individually excluded. B-8 asks for either half alone to tell MSG02 from MSG03.
 *
 * The catalog's excluded products are read once per query (an uncorrelated ARRAY(…) is an InitPlan), and each contract
 * is checked against that short list: its own product on its row, its lines through an index-only probe of
 * contract_products (license_id, product_id). Joining products and categories per contract instead cost two more
 * lookups for each of a large customer's contracts.
 */
export function hasOnlySiteProducts(check: { category: boolean; product: boolean } = { category: true, product: true }): SQL {
  const excluded = or(check.product ? eq(products.excludedFromSite, true) : undefined, check.category ? eq(productCategories.handledBySite, false) : undefined);
  const excludedIds = sql`ARRAY(
    SELECT ${products.id} FROM ${products} JOIN ${productCategories} ON ${productCategories.id} = ${products.categoryId} WHERE ${excluded})`;
  return and(
    sql`${licenseContracts.productId} <> ALL (${excludedIds})`,
    not(
      exists(
        sql`(SELECT 1 FROM ${contractProducts}
          WHERE ${contractProducts.licenseId} = ${licenseContracts.licenseId} AND ${contractProducts.productId} = ANY (${excludedIds}))`,
      ),
    ),
  )!;
}

/** B-0 (2) to (5): what the contract itself must be, whoever looks, for a WHERE on license_contracts. */
export function contractIsShown(at: Date): SQL {
  return and(
    hasOnlySiteProducts(),
    gt(licenseContracts.endDate, oldestVisibleEndDate(at)),
    inArray(licenseContracts.status, [...VISIBLE_STATUSES]),
    eq(licenseContracts.hiddenByCustomer, false),
  )!;
}

/** All five conditions of B-0, for a WHERE on license_contracts. */
export function visibleTo(email: string, at: Date): SQL {
  return and(isContactOf(email, at), contractIsShown(at))!;
}

/**
 * B-0 (1) read the other way round, for a row of contract_contacts: the address that is this contact at `at` (A-9: a
 * changed e-mail from its effective time, the previous one until then; null when a change has no previous address).
 * With contractIsShown, the addresses a contract is visible to — what visibleTo(address) would say for each, in one
 * pass over the contracts (the reminder job, N-3; tests/integration/reminders.test.ts checks both agree).
 */
export function currentContactAddress(at: Date): SQL<string | null> {
  return sql<string | null>`CASE WHEN ${contractContacts.emailEffectiveAt} <= ${at.toISOString()}::timestamptz
    THEN ${contractContacts.email} ELSE ${contractContacts.previousEmail} END`;
}
