import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, customerAccounts, renewalQuotes } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { DEMO_OTHER, DEMO_USER, seedDemo } from "@/lib/demo/seed";
import { setClock } from "@/lib/clock";
import { translator } from "@/lib/i18n";
import { renderQuotePdf } from "@/lib/renewal/quote-pdf";
import { createRenewalQuote, getRenewalEligibility, getRenewalOffer, getRenewalQuote, listMyQuotes } from "@/lib/renewal/quotes";
import { createContract, createProduct, fromToday, uniqueEmail, createCustomer, customerActor } from "../support/factories";
import { baselineDifference, pdfPageCount, pdfText, QUOTE_MASK, renderPagePng } from "../support/pdf-tools";

const ja = translator("ja");

// SPEC B-4 on the real database over the demo data at a fixed day, so that "3 months left" and the quote's
// dates, hence its rendering, are the same on every run: eligibility with its reasons, the successor choice, the
// quote recorded with its audit row, refusals that record nothing, and the PDF checked by rendering it.
const FIXED = new Date("2026-11-24T03:00:00Z"); // 2026-11-24 12:00 in Tokyo
const BASELINE = path.join("tests", "fixtures", "pdf", "renewal-quote-100012-page1.png");

let user: CustomerActor;
let other: CustomerActor;

async function actorOf(email: string): Promise<CustomerActor> {
  const db = await getDb();
  const [account] = await db.select().from(customerAccounts).where(eq(customerAccounts.email, email));
  return customerActor(account!, "10.12.0.1");
}

async function quoteCount(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(renewalQuotes);
  return Number(row!.n);
}

beforeAll(async () => {
  setClock(FIXED);
  await seedDemo(await getDb());
  [user, other] = await Promise.all([actorOf(DEMO_USER), actorOf(DEMO_OTHER)]);
});

describe("B-4 eligibility over the demo contracts (X-2)", () => {
  it.each([
    [100001, { eligible: true }],
    [100004, { eligible: false, reason: "expired" }],
    [100010, { eligible: false, reason: "more_than_a_year" }],
    [100011, { eligible: false, reason: "excluded_product" }],
    [100012, { eligible: true }],
  ] as const)("%i → %o", async (licenseId, expected) => {
    setClock(FIXED);
    expect(await getRenewalEligibility({ actor: user, licenseId })).toEqual(expected);
  });

  it("answers nothing for a contract the customer may not see", async () => {
    setClock(FIXED);
    expect(await getRenewalEligibility({ actor: other, licenseId: 100012 })).toBeUndefined();
    expect(await getRenewalOffer({ actor: user, licenseId: 200001 })).toBeUndefined();
    // Not visible at all (hidden at the customer's request, 登録中): no offer either.
    for (const licenseId of [100006, 100009]) expect(await getRenewalOffer({ actor: user, licenseId }), String(licenseId)).toBeUndefined();
  });
});

describe("B-4 ② the confirmation screen's data", () => {
  it("lists 100012's renewed lines with their quantities and successors, in order, priced by tier", async () => {
    setClock(FIXED);
    const offer = await getRenewalOffer({ actor: user, licenseId: 100012 });
    expect(offer?.quoteDate).toBe("2026-11-24");
    expect(
      offer?.lines.map((l) => ({ product: l.productName, quantity: l.quantity, options: l.options.map((o) => [o.name, o.unitPriceYen, o.amountYen]) })),
    ).toEqual([
      // 120 is in the 100–499 tier of both successors.
      {
        product: "Apex One",
        quantity: 120,
        options: [
          ["Apex One SaaS", 6_900, 828_000],
          ["Trend Vision One Endpoint Security Core", 7_200, 864_000],
        ],
      },
      { product: "Apex Central", quantity: 120, options: [["Apex Central", 1_200, 144_000]] },
    ]);
  });

  it("counts only ordered lines: a code issued by C-1..C-4 is not renewed on its own", async () => {
    setClock(FIXED);
    const email = uniqueEmail("renewal");
    const product = await createProduct({ prices: [[1, null, 1_000]] });
    const contract = await createContract({
      product,
      contractEmail: email,
      endDate: fromToday({ months: 2 }),
      lines: [{ quantity: 10 }, { quantity: 7, source: "issued" }],
    });
    const offer = await getRenewalOffer({ actor: { email }, licenseId: contract.licenseId });
    expect(offer?.lines.map((l) => [l.lineId, l.quantity])).toEqual([[contract.lines[0]!.id, 10]]);
    // Renewed to itself when the catalog lists no successor.
    expect(offer?.lines[0]!.options.map((o) => o.code)).toEqual([product.code]);
  });

  it("disables the quote when a renewed product has no list price (no_price), and for a product that needs none", async () => {
    setClock(FIXED);
    const email = uniqueEmail("renewal");
    const unpriced = await createContract({ product: await createProduct(), contractEmail: email, endDate: fromToday({ months: 2 }) });
    expect(await getRenewalEligibility({ actor: { email }, licenseId: unpriced.licenseId })).toEqual({ eligible: false, reason: "no_price" });
    const none = await createContract({ product: await createProduct({ needsRenewal: false }), contractEmail: email, endDate: fromToday({ months: 2 }) });
    expect(await getRenewalEligibility({ actor: { email }, licenseId: none.licenseId })).toEqual({ eligible: false, reason: "no_renewal_needed" });
  });
});

describe("B-4 ③ the quote", () => {
  it("records 100012 with the second successor: lines, totals worked out by hand, validity, and its audit row", async () => {
    setClock(FIXED);
    const offer = (await getRenewalOffer({ actor: user, licenseId: 100012 }))!;
    const [apexOne, central] = offer.lines;
    const result = await createRenewalQuote({ actor: user, licenseId: 100012, choices: { [apexOne!.lineId]: "V1_ES_CORE" } });
    expect(result.ok).toBe(true);
    const quote = (await getRenewalQuote({ actor: user, licenseId: 100012, quoteId: result.ok ? result.quoteId : 0 }))!;
    expect(quote.lines.map((l) => [l.lineId, l.successorName, l.quantity, l.unitPriceYen, l.amountYen])).toEqual([
      [apexOne!.lineId, "Trend Vision One Endpoint Security Core", 120, 7_200, 864_000],
      [central!.lineId, "Apex Central", 120, 1_200, 144_000],
    ]);
    // 864,000 + 144,000 = 1,008,000; tax 10 % = 100,800; total 1,108,800.
    expect([quote.subtotalYen, quote.taxRatePercent, quote.taxYen, quote.totalYen]).toEqual([1_008_000, 10, 100_800, 1_108_800]);
    // Quote date + 30 days (the contract ends 2027-02-24, later).
    expect([quote.quoteDate, quote.validUntil]).toEqual(["2026-11-24", "2026-12-24"]);
    expect(quote.customer).toEqual({ companyName: "テストユーザ株式会社", branchName: "本社", department: "情報システム部", personName: "試験 太郎" });
    const db = await getDb();
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "renewal.quoted"));
    expect(audit).toMatchObject({ actorType: "customer", actorId: user.accountId, targetType: "license", targetId: "100012" });
    expect(audit!.details).toEqual({ quoteId: quote.id, successors: `${apexOne!.lineId}:V1_ES_CORE,${central!.lineId}:APEX_CENTRAL`, totalYen: 1_108_800 });
  });

  it("refuses, recording nothing: no choice among several, a successor not offered, a line not renewed, another customer, an ineligible contract", async () => {
    setClock(FIXED);
    const offer = (await getRenewalOffer({ actor: user, licenseId: 100012 }))!;
    const [apexOne, central] = offer.lines;
    const before = await quoteCount();
    expect(await createRenewalQuote({ actor: user, licenseId: 100012, choices: {} })).toEqual({
      ok: false,
      refusal: "choice_required",
      lineIds: [apexOne!.lineId],
    });
    const refusals = [
      await createRenewalQuote({ actor: user, licenseId: 100012, choices: { [apexOne!.lineId]: "APEX_ONE" } }),
      await createRenewalQuote({ actor: user, licenseId: 100012, choices: { [apexOne!.lineId]: "APEX_ONE_SAAS", [central!.lineId]: "V1_ES_CORE" } }),
      await createRenewalQuote({ actor: user, licenseId: 100012, choices: { [apexOne!.lineId]: "APEX_ONE_SAAS", 999999: "APEX_CENTRAL" } }),
    ];
    expect(refusals).toEqual(Array(3).fill({ ok: false, refusal: "invalid_choice" }));
    expect(await createRenewalQuote({ actor: other, licenseId: 100012, choices: { [apexOne!.lineId]: "APEX_ONE_SAAS" } })).toEqual({
      ok: false,
      refusal: "not_found",
    });
    expect(await createRenewalQuote({ actor: user, licenseId: 100010, choices: {} })).toEqual({ ok: false, refusal: "ineligible", reason: "more_than_a_year" });
    expect(await quoteCount()).toBe(before);
  });

  it("shows a quote only to the account that made it, while the contract is visible to it", async () => {
    setClock(FIXED);
    const result = await createRenewalQuote({ actor: user, licenseId: 100001, choices: {} });
    if (!result.ok) throw new Error(result.refusal);
    expect(await getRenewalQuote({ actor: user, licenseId: 100001, quoteId: result.quoteId })).toBeDefined();
    expect(await getRenewalQuote({ actor: other, licenseId: 100001, quoteId: result.quoteId })).toBeUndefined();
    // The confirmation screen's list: the maker's own, newest first; nothing for anybody else.
    expect((await listMyQuotes({ actor: user, licenseId: 100001 }))[0]).toMatchObject({
      id: result.quoteId,
      quoteDate: "2026-11-24",
      validUntil: "2026-12-24",
      totalYen: 874_500,
      successors: ["ウイルスバスター コーポレートエディション Plus"],
    });
    expect(await listMyQuotes({ actor: other, licenseId: 100001 })).toEqual([]);
    // The same quote under another contract's path.
    expect(await getRenewalQuote({ actor: user, licenseId: 100012, quoteId: result.quoteId })).toBeUndefined();
    // Another account with the same contract address (a second login of the サポート窓口 address) sees no one else's.
    const support = await createCustomer({ email: "support-desk@example.co.jp" });
    expect(await getRenewalQuote({ actor: { accountId: support.id, email: support.email }, licenseId: 100001, quoteId: result.quoteId })).toBeUndefined();
  });
});

describe("B-4 ③ the quote PDF", () => {
  async function quotePdf(locale: "ja" | "en" = "ja") {
    setClock(FIXED);
    const offer = (await getRenewalOffer({ actor: user, licenseId: 100012 }))!;
    const result = await createRenewalQuote({ actor: user, licenseId: 100012, choices: { [offer.lines[0]!.lineId]: "V1_ES_CORE" } });
    if (!result.ok) throw new Error(result.refusal);
    const quote = (await getRenewalQuote({ actor: user, licenseId: 100012, quoteId: result.quoteId }))!;
    return { quote, pdf: await renderQuotePdf(quote, locale) };
  }

  it("holds the vendor, the customer, the dates, each line, the totals and the disclaimer word for word", async () => {
    const { quote, pdf } = await quotePdf();
    expect(await pdfPageCount(pdf)).toBe(1);
    const text = await pdfText(pdf);
    const flat = text.replace(/\s+/g, "");
    for (const expected of [
      "参考更新価格のご案内",
      "トレンドマイクロ",
      "テストユーザ株式会社本社御中",
      "試験太郎様",
      `見積番号RQ-${String(quote.id).padStart(8, "0")}`,
      "ライセンスID100012",
      "見積日2026/11/24",
      "有効期限2026/12/24",
      "ApexOneTrendVisionOneEndpointSecurityCore1207,200円864,000円",
      "ApexCentralApexCentral1201,200円144,000円",
      "小計1,008,000円",
      "消費税（10%）100,800円",
      "合計1,108,800円",
      "本参考更新価格の有効期限は2026/12/24までです。",
      ja("renewal.pdf.disclaimer"),
    ]) {
      expect(flat, expected).toContain(expected);
    }
    expect(flat).not.toContain("ApexOneSaaS");
  });

  it("in English: English labels, header and amounts; Japanese only in the recorded names (X-5)", async () => {
    const { quote, pdf } = await quotePdf("en");
    const text = await pdfText(pdf);
    for (const expected of ["Corporate Customer Service & Support", "License ID: 100012", "Trend Micro", "¥1,108,800"])
      expect(text, expected).toContain(expected);
    const c = quote.customer;
    const values = [
      c.companyName,
      c.branchName ?? "",
      c.department ?? "",
      c.personName,
      ...quote.lines.flatMap((line) => [line.productName, line.successorName]),
    ]
      .join("\n")
      .replace(/\s+/g, "");
    const japanese = /[\u203B\u3000-\u30FF\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+/gu;
    expect((text.match(japanese) ?? []).filter((run) => !values.includes(run))).toEqual([]);
  });

  it("renders page 1 like the kept PNG baseline (dates and the quote number masked: the e2e test compares with it too)", async () => {
    const { pdf } = await quotePdf();
    expect(baselineDifference(await renderPagePng(pdf, 1, 60, QUOTE_MASK), BASELINE)).toBeLessThan(0.002);
  });
});
