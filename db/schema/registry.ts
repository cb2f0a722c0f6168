import { sql } from "drizzle-orm";
import { date, index, integer, jsonb, pgEnum, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { customerAccountIdColumn, staffAccounts } from "./accounts";
import { licenseIdColumn } from "./contracts";
import { createdAtColumn, updatedAtColumn } from "./columns";

// B-6: the public corporate-number (法人番号) basic-information data, searchable by name, prefecture, postal code.
export const corporateRegistry = pgTable(
  "corporate_registry",
  {
    corporateNumber: text("corporate_number").primaryKey(),
    name: text("name").notNull(),
    nameKana: text("name_kana"),
    // lib/registry/normalise.ts (NFKC, katakana folded to hiragana, spaces and middle dots removed, lower case): what
    // B-6's kana- and width-insensitive search compares — the name's key, and the フリガナ's.
    searchName: text("search_name").notNull(),
    searchKana: text("search_kana"),
    // 法人種別 (101 国の機関 … 301 株式会社 …) and the 登記記録の閉鎖等の事由 as published.
    kind: text("kind"),
    closedReason: text("closed_reason"),
    prefecture: text("prefecture"),
    city: text("city"),
    street: text("street"),
    postalCode: text("postal_code"),
    closedAt: date("closed_at", { mode: "string" }),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    // Prefix search on a btree, partial search on a trigram index (pg_trgm, on PGlite and PostgreSQL alike).
    index("corporate_registry_search_prefix_idx").on(sql`${t.searchName} text_pattern_ops`),
    index("corporate_registry_search_trgm_idx").using("gin", sql`${t.searchName} gin_trgm_ops`),
    index("corporate_registry_kana_prefix_idx").on(sql`${t.searchKana} text_pattern_ops`),
    index("corporate_registry_kana_trgm_idx").using("gin", sql`${t.searchKana} gin_trgm_ops`),
    index("corporate_registry_postal_idx").on(t.postalCode),
    index("corporate_registry_pref_postal_idx").on(t.prefecture, t.postalCode),
  ],
);

export const changeRequestStatus = pgEnum("change_request_status", ["pending", "approved", "rejected"]);

// B-5 / G-3: a company-name change waits for an operator's review; other fields are applied at once.
export const contactChangeRequests = pgTable(
  "contact_change_requests",
  {
    id: serial("id").primaryKey(),
    licenseId: licenseIdColumn("cascade"),
    customerAccountId: customerAccountIdColumn(),
    role: text("role").notNull(),
    corporateNumber: text("corporate_number"),
    requestedCompanyName: text("requested_company_name").notNull(),
    requestedBranchName: text("requested_branch_name"),
    reason: text("reason").notNull(),
    // The contact's 法人名 / 支社名 when the request was made (what the review shows as "before").
    before: jsonb("before").notNull(),
    status: changeRequestStatus("status").notNull().default("pending"),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    reviewedByStaffId: integer("reviewed_by_staff_id").references(() => staffAccounts.id),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewNote: text("review_note"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("contact_change_requests_queue_idx").on(t.status, t.dueDate),
    index("contact_change_requests_license_idx").on(t.licenseId),
    // One name change under review per contact at a time: a second one waits until the first is decided.
    uniqueIndex("contact_change_requests_pending_uq")
      .on(t.licenseId, t.role)
      .where(sql`${t.status} = 'pending'`),
  ],
);
