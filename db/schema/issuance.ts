import { index, integer, jsonb, pgEnum, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { customerAccountIdColumn } from "./accounts";
import { contractProducts, licenseIdColumn } from "./contracts";
import { createdAtColumn } from "./columns";

export const issuanceKind = pgEnum("issuance_kind", ["apex_one", "virus_buster", "apex_central", "offline"]);
export const issuanceStatus = pgEnum("issuance_status", ["requested", "issued", "cancelled"]);

// C-1..C-4: a request is issued exactly once (status moves requested → issued in one locked transaction).
export const issuanceRequests = pgTable(
  "issuance_requests",
  {
    id: serial("id").primaryKey(),
    kind: issuanceKind("kind").notNull(),
    licenseId: licenseIdColumn(),
    customerAccountId: customerAccountIdColumn(),
    contactEmail: text("contact_email").notNull(),
    // The contract's line the request is based on (② of C-1, C-2, C-4; the Apex Central line of C-3): the quantity
    // rule (lib/issuance/entitlement.ts) counts what was issued against it.
    sourceLineId: integer("source_line_id").references(() => contractProducts.id),
    // The products and quantities asked for: [{ productId, quantity }].
    items: jsonb("items").$type<{ productId: number; quantity: number }[]>().notNull(),
    status: issuanceStatus("status").notNull().default("requested"),
    issuedAt: timestamp("issued_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("issuance_requests_license_idx").on(t.licenseId),
    index("issuance_requests_account_idx").on(t.customerAccountId),
    index("issuance_requests_source_idx").on(t.sourceLineId),
  ],
);

// The mailed issuance URL's token: ≥ 128 bits, only its SHA-256 stored, single use, 72 hours.
export const issuanceTokens = pgTable(
  "issuance_tokens",
  {
    id: serial("id").primaryKey(),
    requestId: integer("request_id")
      .notNull()
      .references(() => issuanceRequests.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex("issuance_tokens_hash_uq").on(t.tokenHash), index("issuance_tokens_request_idx").on(t.requestId)],
);

export type IssuanceRequest = typeof issuanceRequests.$inferSelect;
