import "server-only";
import { and, eq, exists, gt, inArray, not, or, sql, type SQL } from "drizzle-orm";
import { contractContacts, contractProducts, licenseContracts, productCategories, products } from "@/db/schema";
import { contactEmailMatches, normaliseEmail } from "@/lib/auth/login-email";
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

/** B-0 (1): the login e-mail is a current contact of the contract. */
export function isContactOf(email: string, at: Date): SQL {
  return exists(
    sql`(SELECT 1 FROM ${contractContacts} WHERE ${contractContacts.licenseId} = ${licenseContracts.licenseId} AND ${contactEmailMatches(normaliseEmail(email), at)})`,
  );
}

/**
 * B-0 (2): no product of the contract — its own nor any line's — is outside the site: in a category the site does
 * not handle, or individually excluded. B-8 asks for either half alone to tell MSG02 from MSG03.
 */
export function hasOnlySiteProducts(check: { category: boolean; product: boolean } = { category: true, product: true }): SQL {
  const excluded = or(check.product ? eq(products.excludedFromSite, true) : undefined, check.category ? eq(productCategories.handledBySite, false) : undefined);
  return and(
    not(exists(sql`(SELECT 1 FROM ${products} JOIN ${productCategories} ON ${productCategories.id} = ${products.categoryId} WHERE ${products.id} = ${licenseContracts.productId} AND ${excluded})`)),
    not(
      exists(
        sql`(SELECT 1 FROM ${contractProducts} JOIN ${products} ON ${products.id} = ${contractProducts.productId} JOIN ${productCategories} ON ${productCategories.id} = ${products.categoryId} WHERE ${contractProducts.licenseId} = ${licenseContracts.licenseId} AND ${excluded})`,
      ),
    ),
  )!;
}

/** All five conditions of B-0, for a WHERE on license_contracts. */
export function visibleTo(email: string, at: Date): SQL {
  return and(
    isContactOf(email, at),
    hasOnlySiteProducts(),
    gt(licenseContracts.endDate, oldestVisibleEndDate(at)),
    inArray(licenseContracts.status, [...VISIBLE_STATUSES]),
    eq(licenseContracts.hiddenByCustomer, false),
  )!;
}
