import { describe, expect, it } from "vitest";
import { addToIsoDate } from "@/lib/dates";
import { DEMO_DEFINITIONS } from "@/lib/demo/seed";
import { consumptionTax, priceLine, quoteTotals, quoteValidUntil, renewalEligibility, type EligibilityInput, type PriceTier } from "@/lib/renewal/pricing";

// SPEC B-4 as pure rules (lib/renewal/pricing.ts): when 「参考更新価格算出」 is enabled, and the quote's arithmetic —
// tiers, a price change, the tax and its rounding — with every figure worked out by hand below.

const TODAY = "2026-12-02";
const line = (over: Partial<EligibilityInput["lines"][number]> = {}) => ({ needsRenewal: true, excludedFromRenewalQuote: false, priced: true, ...over });

describe("B-4 eligibility", () => {
  it("over the demo contracts (X-2), each with its reason", () => {
    const product = (code: string) => DEMO_DEFINITIONS.products.find((p) => p.code === code)!;
    const eligibility = (licenseId: number) => {
      const c = DEMO_DEFINITIONS.contracts.find((x) => x.licenseId === licenseId)!;
      const lines = [{ product: c.product }, ...(c.extraLines ?? [])].map((l) => {
        const p = product(l.product);
        return {
          needsRenewal: p.needsRenewal ?? !p.excludedFromRenewalQuote,
          excludedFromRenewalQuote: p.excludedFromRenewalQuote ?? false,
          priced: (p.prices?.length ?? 0) > 0,
        };
      });
      return renewalEligibility({ status: c.status === "active" ? "active" : "expired", endDate: addToIsoDate(TODAY, c.end), lines }, TODAY);
    };
    expect(Object.fromEntries([100001, 100004, 100010, 100011, 100012].map((id) => [id, eligibility(id)]))).toEqual({
      100001: { eligible: true }, // ~6 months left
      100004: { eligible: false, reason: "expired" }, // 期限切れ two years ago
      100010: { eligible: false, reason: "more_than_a_year" }, // two years left
      100011: { eligible: false, reason: "excluded_product" }, // マイグレートキット
      100012: { eligible: true }, // ~3 months left, two successors
    });
  });

  it.each([
    ["exactly one year left", "2027-12-02", "active", { eligible: true }],
    ["one year and a day left", "2027-12-03", "active", { eligible: false, reason: "more_than_a_year" }],
    ["the last day", TODAY, "active", { eligible: true }],
    ["the day after the end, status not yet moved to 期限切れ", "2026-12-01", "active", { eligible: false, reason: "expired" }],
    ["期限切れ", "2026-11-01", "expired", { eligible: false, reason: "expired" }],
  ] as const)("%s (ends %s, %s)", (_label, endDate, status, expected) => {
    expect(renewalEligibility({ status, endDate, lines: [line()] }, TODAY)).toEqual(expected);
  });

  it("checks the excluded products, a product that needs no renewal and a missing price, in that order", () => {
    const base = { status: "active" as const, endDate: "2027-03-01" };
    expect(renewalEligibility({ ...base, lines: [line(), line({ needsRenewal: false, excludedFromRenewalQuote: true })] }, TODAY)).toEqual({
      eligible: false,
      reason: "excluded_product",
    });
    expect(renewalEligibility({ ...base, lines: [line({ needsRenewal: false })] }, TODAY)).toEqual({ eligible: false, reason: "no_renewal_needed" });
    expect(renewalEligibility({ ...base, lines: [] }, TODAY)).toEqual({ eligible: false, reason: "no_renewal_needed" });
    // A line that needs no renewal is left out; the one that does decides.
    expect(renewalEligibility({ ...base, lines: [line(), line({ needsRenewal: false })] }, TODAY)).toEqual({ eligible: true });
    expect(renewalEligibility({ ...base, lines: [line(), line({ priced: false })] }, TODAY)).toEqual({ eligible: false, reason: "no_price" });
  });

  it("counts a year on the calendar across a leap day", () => {
    // 2028-02-29 + 1 year is 2029-03-01 (there is no 2029-02-29).
    expect(renewalEligibility({ status: "active", endDate: "2029-03-01", lines: [line()] }, "2028-02-29")).toEqual({ eligible: true });
    expect(renewalEligibility({ status: "active", endDate: "2029-03-02", lines: [line()] }, "2028-02-29")).toEqual({
      eligible: false,
      reason: "more_than_a_year",
    });
  });
});

// ウイルスバスター コーポレートエディション Plus in the demo: 1–99 ¥6,100, 100–499 ¥5,300, 500– ¥4,600; and a new
// list from 2027-01-01: 1–99 ¥6,400, 100– ¥5,600.
const tier = (
  minQuantity: number,
  maxQuantity: number | null,
  unitPriceYen: number,
  validFrom = "2019-07-20",
  validUntil: string | null = null,
): PriceTier => ({ minQuantity, maxQuantity, unitPriceYen, validFrom, validUntil });
const VBCE_PLUS = [tier(1, 99, 6_100), tier(100, 499, 5_300), tier(500, null, 4_600), tier(1, 99, 6_400, "2027-01-01"), tier(100, null, 5_600, "2027-01-01")];

describe("B-4 arithmetic", () => {
  it("prices the whole quantity at its tier's unit price, on both sides of each boundary", () => {
    const at = (quantity: number) => priceLine(VBCE_PLUS, quantity, TODAY);
    expect(at(1)).toEqual({ unitPriceYen: 6_100, amountYen: 6_100, tierMin: 1, tierMax: 99 });
    expect(at(99)).toEqual({ unitPriceYen: 6_100, amountYen: 603_900, tierMin: 1, tierMax: 99 }); // 6,100 × 99
    expect(at(100)).toEqual({ unitPriceYen: 5_300, amountYen: 530_000, tierMin: 100, tierMax: 499 }); // 5,300 × 100
    expect(at(499)).toEqual({ unitPriceYen: 5_300, amountYen: 2_644_700, tierMin: 100, tierMax: 499 }); // 5,300 × 499
    expect(at(500)).toEqual({ unitPriceYen: 4_600, amountYen: 2_300_000, tierMin: 500, tierMax: null }); // 4,600 × 500
  });

  it("applies a new list price from its date, and not a day before", () => {
    expect(priceLine(VBCE_PLUS, 150, "2026-12-31")?.unitPriceYen).toBe(5_300);
    expect(priceLine(VBCE_PLUS, 150, "2027-01-01")).toEqual({ unitPriceYen: 5_600, amountYen: 840_000, tierMin: 100, tierMax: null }); // 5,600 × 150
    // The new list has no 500+ tier: 500 falls in its 100– tier.
    expect(priceLine(VBCE_PLUS, 500, "2027-01-01")?.unitPriceYen).toBe(5_600);
    // A list with an end date stops after it; none before the first list.
    const ended = [tier(1, null, 1_000, "2020-01-01", "2026-12-01")];
    expect(priceLine(ended, 1, "2026-12-01")?.unitPriceYen).toBe(1_000);
    expect(priceLine(ended, 1, "2026-12-02")).toBeUndefined();
    expect(priceLine(VBCE_PLUS, 1, "2019-07-19")).toBeUndefined();
  });

  it("taxes the subtotal once at 10 %, cutting off fractions of a yen", () => {
    expect(consumptionTax(12_345)).toBe(1_234); // 1,234.5 → 1,234
    expect(consumptionTax(9)).toBe(0); // 0.9 → 0
    expect(consumptionTax(19)).toBe(1); // 1.9 → 1
    expect(consumptionTax(1_008_000)).toBe(100_800);
    // Per line it would be ⌊0.5⌋ + ⌊0.5⌋ = 0; on the subtotal 10 → 1.
    expect(quoteTotals([5, 5])).toEqual({ subtotalYen: 10, taxYen: 1, totalYen: 11 });
    // 100012 with its second successor: 120 × 7,200 + 120 × 1,200 = 864,000 + 144,000 = 1,008,000; + 100,800.
    expect(quoteTotals([864_000, 144_000])).toEqual({ subtotalYen: 1_008_000, taxYen: 100_800, totalYen: 1_108_800 });
    // 603,900 + 2,644,700 + 6,173 = 3,254,773; tax 325,477.3 → 325,477; total 3,580,250.
    expect(quoteTotals([603_900, 2_644_700, 6_173])).toEqual({ subtotalYen: 3_254_773, taxYen: 325_477, totalYen: 3_580_250 });
  });

  it("refuses amounts beyond exact integers instead of rounding them", () => {
    expect(() => quoteTotals([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
    expect(() => priceLine([tier(1, null, 2 ** 40)], 2 ** 20, TODAY)).toThrow(RangeError);
  });

  it("is valid for 30 days, but not past the contract's end nor into a new list price", () => {
    expect(quoteValidUntil("2026-12-02", "2027-03-01", [undefined])).toBe("2027-01-01");
    expect(quoteValidUntil("2026-12-02", "2026-12-20", [undefined])).toBe("2026-12-20");
    expect(quoteValidUntil("2026-12-15", "2027-03-01", ["2027-01-01", undefined])).toBe("2026-12-31");
  });
});
