import { bigint, date, index, integer, jsonb, pgTable, serial } from "drizzle-orm/pg-core";
import { customerAccountIdColumn } from "./accounts";
import { licenseIdColumn } from "./contracts";
import { createdAtColumn } from "./columns";

/** One line of a reference renewal quote, as it was printed (names and prices frozen at the quote's time). */
export type RenewalQuoteLine = {
  /** contract_products.id of the renewed line. */
  lineId: number;
  productName: string;
  successorCode: string;
  successorName: string;
  quantity: number;
  /** The tier the quantity fell in: minQuantity..maxQuantity (null = and more). */
  tierMin: number;
  tierMax: number | null;
  unitPriceYen: number;
  amountYen: number;
};

/** Who the quote was made out to: the 契約窓口 of the contract when it was made. */
export type RenewalQuoteCustomer = { companyName: string; branchName: string | null; department: string | null; personName: string };

// B-4: every reference renewal quote a customer was shown — the successor chosen for each line,
// the prices and totals as printed — so that the vendor's sales desk can see it and the PDF can be opened again
// exactly as it was. A quote is never changed after it is made.
export const renewalQuotes = pgTable(
  "renewal_quotes",
  {
    id: serial("id").primaryKey(),
    licenseId: licenseIdColumn("cascade"),
    customerAccountId: customerAccountIdColumn(),
    quoteDate: date("quote_date", { mode: "string" }).notNull(),
    validUntil: date("valid_until", { mode: "string" }).notNull(),
    customer: jsonb("customer").$type<RenewalQuoteCustomer>().notNull(),
    lines: jsonb("lines").$type<RenewalQuoteLine[]>().notNull(),
    subtotalYen: bigint("subtotal_yen", { mode: "number" }).notNull(),
    taxRatePercent: integer("tax_rate_percent").notNull(),
    taxYen: bigint("tax_yen", { mode: "number" }).notNull(),
    totalYen: bigint("total_yen", { mode: "number" }).notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [index("renewal_quotes_license_idx").on(t.licenseId, t.createdAt), index("renewal_quotes_account_idx").on(t.customerAccountId)],
);

export type RenewalQuote = typeof renewalQuotes.$inferSelect;
