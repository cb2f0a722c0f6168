import "server-only";
import { addToIsoDate } from "@/lib/dates";

// SPEC B-4 参考更新価格: the pricing rules, as pure functions over the price data (no database, no clock), so that
// tests/unit/renewal.test.ts can work the arithmetic out by hand. Every amount is an integer number of yen.

/** One row of a product's price list (product_prices): a quantity tier of a list valid from `validFrom`. */
export type PriceTier = { minQuantity: number; maxQuantity: number | null; unitPriceYen: number; validFrom: string; validUntil: string | null };

/** 消費税 (consumption tax), in percent. */
export const TAX_RATE_PERCENT = 10;

/** A quote is valid through its date + this many days (issued 12/02 → valid through 01/01). */
export const QUOTE_VALIDITY_DAYS = 30;

/**
 * The list in effect on `on` (ISO date): a new list price applies from its valid-from date, so the list with the
 * latest valid-from on or before `on` wins (and a list with a valid-until has ended after that day).
 */
export function listInEffect(tiers: readonly PriceTier[], on: string): PriceTier[] {
  const started = tiers.filter((t) => t.validFrom <= on && (t.validUntil === null || t.validUntil >= on));
  if (started.length === 0) return [];
  const latest = started.reduce((max, t) => (t.validFrom > max ? t.validFrom : max), started[0]!.validFrom);
  return started.filter((t) => t.validFrom === latest);
}

/** The tier a quantity falls in: the whole line's quantity decides its unit price (no split over tiers). */
export function tierFor(tiers: readonly PriceTier[], quantity: number): PriceTier | undefined {
  return tiers.find((t) => quantity >= t.minQuantity && (t.maxQuantity === null || quantity <= t.maxQuantity));
}

function safe(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Amount out of range: ${n}`);
  return n;
}

export type PricedLine = { unitPriceYen: number; amountYen: number; tierMin: number; tierMax: number | null };

/** unit price (of the quantity's tier, in the list in effect on `on`) × 数量; undefined when no price applies. */
export function priceLine(tiers: readonly PriceTier[], quantity: number, on: string): PricedLine | undefined {
  const tier = tierFor(listInEffect(tiers, on), quantity);
  if (!tier) return undefined;
  return { unitPriceYen: tier.unitPriceYen, amountYen: safe(tier.unitPriceYen * quantity), tierMin: tier.minQuantity, tierMax: tier.maxQuantity };
}

/**
 * Rounding rule (stated here, as SPEC B-4 asks): the consumption tax is computed once, on the quote's subtotal, and
 * fractions of a yen are cut off (切り捨て) — the rule of a qualified invoice (one rounding per tax rate per
 * document), never per line. In integers: ⌊subtotal × 10 / 100⌋.
 */
export function consumptionTax(subtotalYen: number): number {
  return Math.floor(safe(safe(subtotalYen) * TAX_RATE_PERCENT) / 100);
}

export function quoteTotals(amountsYen: readonly number[]): { subtotalYen: number; taxYen: number; totalYen: number } {
  const subtotalYen = safe(amountsYen.reduce((sum, a) => sum + safe(a), 0));
  const taxYen = consumptionTax(subtotalYen);
  return { subtotalYen, taxYen, totalYen: safe(subtotalYen + taxYen) };
}

/** The first date after `after` on which a new list of these prices takes effect, if any. */
export function nextPriceChange(tiers: readonly PriceTier[], after: string): string | undefined {
  return tiers
    .map((t) => t.validFrom)
    .filter((d) => d > after)
    .sort()[0];
}

/**
 * 有効期限 of a quote (the SPEC's validity note; the rule is ours): the quote date + 30 days, but no later than the
 * day before a quoted product's next list price takes effect (the quote would no longer be at list price), nor than
 * the contract's end date (after it, a renewal is no longer possible: an expired contract gets no quote).
 */
export function quoteValidUntil(quoteDate: string, contractEndDate: string, priceChanges: readonly (string | undefined)[]): string {
  const candidates = [
    addToIsoDate(quoteDate, { days: QUOTE_VALIDITY_DAYS }),
    contractEndDate,
    ...priceChanges.filter((d): d is string => d !== undefined).map((d) => addToIsoDate(d, { days: -1 })),
  ];
  return candidates.sort()[0]!;
}

// --- eligibility (B-4 (a)–(c) and the excluded products) ----------------------------------------------------------

/** Why 「参考更新価格算出」 is disabled, in the order they are checked. */
export type RenewalRefusal = "expired" | "excluded_product" | "no_renewal_needed" | "more_than_a_year" | "no_price";

export type EligibilityInput = {
  status: "active" | "expired";
  /** The contract's end date (ISO). */
  endDate: string;
  /** The contract's ordered lines (source = order: codes issued by C-1..C-4 are not renewed on their own). */
  lines: readonly { needsRenewal: boolean; excludedFromRenewalQuote: boolean; priced: boolean }[];
};

/**
 * B-4: enabled only when the contract (c) is not expired — 有効 and its end date today or later —, has no excluded
 * product (マイグレートキット, マイグレート更新), (a) has a product that needs renewal, and (b) has one year or less
 * left: its end date is no later than today + 1 year on the calendar (exactly one year left is enabled: the SPEC's
 * "one year or less"; the manual's 「残りが１年以上ある場合」 is read as more than that). `today` is the Tokyo date.
 * Last, every renewed line must have a list price (else the sales desk answers: a data gap, not the customer's).
 */
export function renewalEligibility(input: EligibilityInput, today: string): { eligible: true } | { eligible: false; reason: RenewalRefusal } {
  if (input.status !== "active" || input.endDate < today) return { eligible: false, reason: "expired" };
  if (input.lines.some((l) => l.excludedFromRenewalQuote)) return { eligible: false, reason: "excluded_product" };
  const renewed = input.lines.filter((l) => l.needsRenewal);
  if (renewed.length === 0) return { eligible: false, reason: "no_renewal_needed" };
  if (input.endDate > addToIsoDate(today, { years: 1 })) return { eligible: false, reason: "more_than_a_year" };
  if (renewed.some((l) => !l.priced)) return { eligible: false, reason: "no_price" };
  return { eligible: true };
}
