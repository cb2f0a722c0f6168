import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { productIdColumn } from "./catalog";
import { issuanceRequests } from "./issuance";
import { createdAtColumn, updatedAtColumn } from "./columns";

// The customer organisation a contract belongs to (the 契約窓口's company at the time of the order).
export const companies = pgTable(
  "companies",
  {
    id: serial("id").primaryKey(),
    corporateNumber: text("corporate_number"),
    name: text("name").notNull(),
    branchName: text("branch_name"),
    createdAt: createdAtColumn(),
  },
  (t) => [index("companies_corporate_number_idx").on(t.corporateNumber)],
);

// 契約状況: 有効 / 期限切れ are shown; 登録中 and 無効 (統合廃棄) never are (B-0 condition 4).
export const contractStatus = pgEnum("contract_status", ["active", "expired", "registering", "invalid"]);

export const licenseContracts = pgTable(
  "license_contracts",
  {
    // ライセンスID: the vendor's numeric id, not generated here.
    licenseId: bigint("license_id", { mode: "number" }).primaryKey(),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    // The contract's product as shown in B-1; its lines are in contract_products.
    productId: productIdColumn(),
    status: contractStatus("status").notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }).notNull(),
    supportEndDate: date("support_end_date", { mode: "string" }).notNull(),
    // B-0 condition 5: 表示設定 — hidden at the customer's request (MSG01/MSG06).
    hiddenByCustomer: boolean("hidden_by_customer").notNull().default(false),
    // B-5: every change of the contract or its contacts counts it up; the change form carries the version
    // it was based on, so that a second confirmation of the same starting point is refused, never applied over the first.
    version: integer("version").notNull().default(0),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    index("license_contracts_company_idx").on(t.companyId),
    index("license_contracts_product_idx").on(t.productId),
    // N-3: the reminder job reads the contracts ending in the next ~100 days (lib/reminders/job.ts).
    index("license_contracts_end_date_idx").on(t.endDate),
    check("license_contracts_dates_chk", sql`${t.endDate} >= ${t.startDate}`),
  ],
);

export const contactRole = pgEnum("contact_role", ["contract", "support"]);

// 契約窓口 / サポート窓口 of a contract, one current row per role. A-9: a changed e-mail can sign in from
// emailEffectiveAt (next day 00:00 JST); until then previousEmail keeps its access.
export const contractContacts = pgTable(
  "contract_contacts",
  {
    id: serial("id").primaryKey(),
    licenseId: licenseIdColumn("cascade"),
    role: contactRole("role").notNull(),
    companyName: text("company_name").notNull(),
    branchName: text("branch_name"),
    department: text("department"),
    personName: text("person_name").notNull(),
    postalCode: text("postal_code"),
    prefecture: text("prefecture"),
    address: text("address"),
    phone: text("phone"),
    // Stored lower-cased: the login e-mail comparison is case-insensitive.
    email: text("email").notNull(),
    emailEffectiveAt: timestamp("email_effective_at", { withTimezone: true }).notNull().defaultNow(),
    previousEmail: text("previous_email"),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    uniqueIndex("contract_contacts_role_uq").on(t.licenseId, t.role),
    // Hot path: every customer read starts from "contracts where my e-mail is a contact" (B-0 (1)). The effective
    // time is the last key column so that the A-9 check is answered from the index (an index-only scan): with it in
    // the heap, a customer with 5,000 contracts cost 5,000 scattered heap visits per page view at a million contracts.
    index("contract_contacts_email_idx").on(t.email, t.licenseId, t.emailEffectiveAt),
    index("contract_contacts_previous_email_idx")
      .on(t.previousEmail, t.licenseId, t.emailEffectiveAt)
      .where(sql`${t.previousEmail} IS NOT NULL`),
    check("contract_contacts_email_lower_chk", sql`${t.email} = lower(${t.email})`),
  ],
);

export const lineSource = pgEnum("contract_product_source", ["order", "issued"]);

// 保有製品 lines: what the contract holds, with their activation codes (B-2, B-3) and codes issued by C-1..C-4.
export const contractProducts = pgTable(
  "contract_products",
  {
    id: serial("id").primaryKey(),
    licenseId: licenseIdColumn("cascade"),
    productId: productIdColumn(),
    quantity: integer("quantity").notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }).notNull(),
    supportEndDate: date("support_end_date", { mode: "string" }).notNull(),
    // Display form with hyphens, e.g. OS-XXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX.
    activationCode: text("activation_code"),
    // Upper-case without hyphens: the lookup key for B-7, unique across the database (SPEC C).
    activationCodeKey: text("activation_code_key"),
    source: lineSource("source").notNull().default("order"),
    issuanceRequestId: integer("issuance_request_id").references((): AnyPgColumn => issuanceRequests.id),
    createdAt: createdAtColumn(),
  },
  (t) => [
    // With the product id, B-0 (2)'s "no line of an excluded product" is an index-only anti-join.
    index("contract_products_license_idx").on(t.licenseId, t.productId),
    uniqueIndex("contract_products_code_key_uq").on(t.activationCodeKey),
    check("contract_products_qty_chk", sql`${t.quantity} >= 1`),
    check("contract_products_code_key_chk", sql`${t.activationCodeKey} ~ '^[A-Z0-9]+$'`),
  ],
);

export const changeActor = pgEnum("change_actor", ["customer", "staff", "system"]);

// B-5 (5): every change of a contract is kept — who, when, before/after.
export const contractHistory = pgTable(
  "contract_history",
  {
    id: serial("id").primaryKey(),
    licenseId: licenseIdColumn("cascade"),
    actorType: changeActor("actor_type").notNull(),
    actorId: integer("actor_id"),
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    createdAt: createdAtColumn(),
  },
  (t) => [index("contract_history_license_idx").on(t.licenseId, t.createdAt)],
);

export type Company = typeof companies.$inferSelect;
export type LicenseContract = typeof licenseContracts.$inferSelect;
export type ContractContact = typeof contractContacts.$inferSelect;
export type ContractProduct = typeof contractProducts.$inferSelect;

/** The contract a row belongs to (ライセンスID). "cascade": the row goes with the contract; without it, the contract cannot be deleted while the row exists. */
export function licenseIdColumn(onDelete?: "cascade") {
  return bigint("license_id", { mode: "number" })
    .notNull()
    .references(() => licenseContracts.licenseId, onDelete && { onDelete });
}
