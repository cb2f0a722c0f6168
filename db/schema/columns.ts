import { timestamp } from "drizzle-orm/pg-core";

// Columns many tables share, written once so that every table states them alike. Each call makes a new column
// builder (Drizzle binds a builder to one table). The foreign keys live beside the table they point at
// (licenseIdColumn in contracts.ts, customerAccountIdColumn in accounts.ts, productIdColumn in catalog.ts).

/** When the row was written: timestamptz, set by the database. */
export function createdAtColumn() {
  return timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
}

/** When the row last changed: timestamptz; writers set it, the database fills it on insert. */
export function updatedAtColumn() {
  return timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
}
