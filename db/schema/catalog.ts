import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, primaryKey, serial, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAtColumn } from "./columns";

// SPEC B-0 condition 2: a category the site does not handle hides every contract of its products (MSG02/MSG07).
export const productCategories = pgTable("product_categories", {
  id: serial("id").primaryKey(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  handledBySite: boolean("handled_by_site").notNull().default(true),
  createdAt: createdAtColumn(),
});

export const products = pgTable(
  "products",
  {
    id: serial("id").primaryKey(),
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    categoryId: integer("category_id")
      .notNull()
      .references(() => productCategories.id),
    // B-0 condition 2, individually excluded product (MSG03/MSG08).
    excludedFromSite: boolean("excluded_from_site").notNull().default(false),
    // B-4 (a): only products that need renewal make the reference renewal price available.
    needsRenewal: boolean("needs_renewal").notNull().default(true),
    // B-4: マイグレートキット, マイグレート更新 never get a reference renewal price.
    excludedFromRenewalQuote: boolean("excluded_from_renewal_quote").notNull().default(false),
    // C: two-letter prefix of this product's activation codes (OS, SO, …).
    codePrefix: text("code_prefix"),
    createdAt: createdAtColumn(),
  },
  (t) => [index("products_category_idx").on(t.categoryId), check("products_code_prefix_chk", sql`${t.codePrefix} ~ '^[A-Z]{2}$'`)],
);

// B-4: the products a renewal moves to; several rows = the customer picks one.
export const productSuccessors = pgTable(
  "product_successors",
  {
    productId: productIdColumn(),
    successorProductId: integer("successor_product_id")
      .notNull()
      .references(() => products.id),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.productId, t.successorProductId] })],
);

// B-4: list prices (定価) in yen per unit, by quantity tier and validity period.
export const productPrices = pgTable(
  "product_prices",
  {
    id: serial("id").primaryKey(),
    productId: productIdColumn(),
    minQuantity: integer("min_quantity").notNull(),
    maxQuantity: integer("max_quantity"),
    unitPriceYen: integer("unit_price_yen").notNull(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validUntil: date("valid_until", { mode: "string" }),
  },
  (t) => [
    uniqueIndex("product_prices_tier_uq").on(t.productId, t.validFrom, t.minQuantity),
    check("product_prices_qty_chk", sql`${t.minQuantity} >= 1 AND (${t.maxQuantity} IS NULL OR ${t.maxQuantity} >= ${t.minQuantity})`),
    check("product_prices_price_chk", sql`${t.unitPriceYen} >= 0`),
  ],
);

export type ProductCategory = typeof productCategories.$inferSelect;
export type Product = typeof products.$inferSelect;
export type ProductPrice = typeof productPrices.$inferSelect;

/** The product a row is about; products are never deleted while a row points at them. */
export function productIdColumn() {
  return integer("product_id")
    .notNull()
    .references(() => products.id);
}
