import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import {
  contractContacts,
  contractProducts,
  licenseContracts,
  productPrices,
  products,
  productSuccessors,
  renewalQuotes,
  type RenewalQuote,
  type RenewalQuoteLine,
} from "@/db/schema";
import type { CustomerActor, VisibilityActor } from "@/lib/auth/actor";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { tokyoDate } from "@/lib/dates";
import { visibleTo } from "@/lib/licenses/visibility";
import {
  nextPriceChange,
  priceLine,
  quoteTotals,
  quoteValidUntil,
  renewalEligibility,
  TAX_RATE_PERCENT,
  type PricedLine,
  type PriceTier,
  type RenewalRefusal,
} from "./pricing";

// SPEC B-4 参考更新価格を見る: what the detail page's button, the confirmation screen and the quote PDF read and
// write. The contract is looked up visible to the actor (B-0) in the same query, as everywhere; a contract the
// customer may not see is `undefined` (a 404 to the caller). The prices are those in effect on the Tokyo date.

export type SuccessorOption = PricedLine & { code: string; name: string };
/** A line to renew (更新対象): the product and 数量 as held, and its successors with their prices (更新後製品). */
export type RenewalLine = { lineId: number; productName: string; quantity: number; options: SuccessorOption[] };
export type RenewalOffer = {
  licenseId: number;
  productName: string;
  endDate: string;
  quoteDate: string;
  eligibility: { eligible: true } | { eligible: false; reason: RenewalRefusal };
  lines: RenewalLine[];
};

/** A list price as pricing.ts reads it (a PriceTier): one quantity band of a product, from and until a date. */
const tierColumns = {
  minQuantity: productPrices.minQuantity,
  maxQuantity: productPrices.maxQuantity,
  unitPriceYen: productPrices.unitPriceYen,
  validFrom: productPrices.validFrom,
  validUntil: productPrices.validUntil,
};

/**
 * The renewal of one visible contract, with the eligibility on `today` (Tokyo). Only ordered lines count (issued
 * codes, source = issued, come with the contract and are not renewed on their own); a line's product renews to its
 * successors (product_successors, in their order), or to itself when none is listed.
 */
async function loadOffer(db: Executor, actor: VisibilityActor, licenseId: number, at: Date): Promise<RenewalOffer | undefined> {
  const today = tokyoDate(at);
  const [contract] = await db
    .select({ licenseId: licenseContracts.licenseId, productName: products.name, status: licenseContracts.status, endDate: licenseContracts.endDate })
    .from(licenseContracts)
    .innerJoin(products, eq(products.id, licenseContracts.productId))
    .where(and(eq(licenseContracts.licenseId, licenseId), visibleTo(actor.email, at)))
    .limit(1);
  if (!contract) return undefined;
  const lines = await db
    .select({
      lineId: contractProducts.id,
      productId: contractProducts.productId,
      productName: products.name,
      quantity: contractProducts.quantity,
      needsRenewal: products.needsRenewal,
      excluded: products.excludedFromRenewalQuote,
    })
    .from(contractProducts)
    .innerJoin(products, eq(products.id, contractProducts.productId))
    .where(and(eq(contractProducts.licenseId, licenseId), eq(contractProducts.source, "order")))
    .orderBy(asc(contractProducts.id));
  const renewed = lines.filter((l) => l.needsRenewal && !l.excluded);
  const productIds = [...new Set(renewed.map((l) => l.productId))];
  const successors = productIds.length
    ? await db
        .select({ productId: productSuccessors.productId, id: products.id, code: products.code, name: products.name })
        .from(productSuccessors)
        .innerJoin(products, eq(products.id, productSuccessors.successorProductId))
        .where(inArray(productSuccessors.productId, productIds))
        .orderBy(asc(productSuccessors.sortOrder), asc(products.id))
    : [];
  const own = productIds.length
    ? await db.select({ id: products.id, code: products.code, name: products.name }).from(products).where(inArray(products.id, productIds))
    : [];
  const optionsOf = (productId: number) => {
    const listed = successors.filter((s) => s.productId === productId);
    return listed.length ? listed : own.filter((p) => p.id === productId);
  };
  const pricedIds = [...new Set(renewed.flatMap((l) => optionsOf(l.productId).map((o) => o.id)))];
  const prices = pricedIds.length
    ? await db
        .select({ productId: productPrices.productId, ...tierColumns })
        .from(productPrices)
        .where(inArray(productPrices.productId, pricedIds))
    : [];
  const tiersOf = (productId: number): PriceTier[] => prices.filter((p) => p.productId === productId);
  const renewalLines: RenewalLine[] = renewed.map((line) => ({
    lineId: line.lineId,
    productName: line.productName,
    quantity: line.quantity,
    options: optionsOf(line.productId).flatMap((o) => {
      const priced = priceLine(tiersOf(o.id), line.quantity, today);
      return priced ? [{ code: o.code, name: o.name, ...priced }] : [];
    }),
  }));
  const eligibility = renewalEligibility(
    {
      status: contract.status === "active" ? "active" : "expired",
      endDate: contract.endDate,
      lines: lines.map((l) => ({
        needsRenewal: l.needsRenewal,
        excludedFromRenewalQuote: l.excluded,
        priced: !l.needsRenewal || l.excluded || (renewalLines.find((r) => r.lineId === l.lineId)?.options.length ?? 0) > 0,
      })),
    },
    today,
  );
  return { licenseId: contract.licenseId, productName: contract.productName, endDate: contract.endDate, quoteDate: today, eligibility, lines: renewalLines };
}

/** B-2 and B-4 ②: the renewal of a visible contract (undefined when the customer may not see it). */
export async function getRenewalOffer({ actor, licenseId }: { actor: VisibilityActor; licenseId: number }): Promise<RenewalOffer | undefined> {
  return loadOffer(await getDb(), actor, licenseId, now());
}

/** B-2: only whether 「参考更新価格算出」 is enabled, and why not. */
export async function getRenewalEligibility({
  actor,
  licenseId,
}: {
  actor: VisibilityActor;
  licenseId: number;
}): Promise<RenewalOffer["eligibility"] | undefined> {
  return (await getRenewalOffer({ actor, licenseId }))?.eligibility;
}

export type QuoteRefusal =
  | { refusal: "not_found" | "invalid_choice" }
  /** The lines with several successors that were given none (the form marks each). */
  | { refusal: "choice_required"; lineIds: number[] }
  | { refusal: "ineligible"; reason: RenewalRefusal };

/**
 * B-4 ③ 「参考更新価格表示」: the customer's successor for each line (by the line's id; a line with one option may be
 * left out) → a quote, recorded with its audit row in one transaction (G-7, N-4). The quantities are the
 * contract's: nothing of the request but the choices is read. A choice of a product that is not offered, a line that
 * is not renewed, or a missing choice where there are several refuses the whole request and records nothing.
 */
export async function createRenewalQuote({
  actor,
  licenseId,
  choices,
}: {
  actor: CustomerActor;
  licenseId: number;
  choices: Record<number, string>;
}): Promise<{ ok: true; quoteId: number } | ({ ok: false } & QuoteRefusal)> {
  const db = await getDb();
  const at = now();
  return db.transaction(async (tx) => {
    const offer = await loadOffer(tx, actor, licenseId, at);
    if (!offer) return { ok: false, refusal: "not_found" } as const;
    if (!offer.eligibility.eligible) return { ok: false, refusal: "ineligible", reason: offer.eligibility.reason } as const;
    const lineIds = new Set(offer.lines.map((l) => l.lineId));
    if (Object.keys(choices).some((id) => !lineIds.has(Number(id)))) return { ok: false, refusal: "invalid_choice" } as const;
    const unchosen = offer.lines.filter((line) => choices[line.lineId] === undefined && line.options.length > 1).map((line) => line.lineId);
    if (unchosen.length) return { ok: false, refusal: "choice_required", lineIds: unchosen } as const;
    const picked: { line: RenewalLine; option: SuccessorOption }[] = [];
    for (const line of offer.lines) {
      const code = choices[line.lineId];
      const option = code === undefined ? (line.options.length === 1 ? line.options[0] : undefined) : line.options.find((o) => o.code === code);
      if (!option) return { ok: false, refusal: "invalid_choice" } as const;
      picked.push({ line, option });
    }
    const quoteLines: RenewalQuoteLine[] = picked.map(({ line, option }) => ({
      lineId: line.lineId,
      productName: line.productName,
      successorCode: option.code,
      successorName: option.name,
      quantity: line.quantity,
      tierMin: option.tierMin,
      tierMax: option.tierMax,
      unitPriceYen: option.unitPriceYen,
      amountYen: option.amountYen,
    }));
    const totals = quoteTotals(quoteLines.map((l) => l.amountYen));
    const changes = await nextChangesOf(
      tx,
      picked.map((p) => p.option.code),
      offer.quoteDate,
    );
    const [contact] = await tx
      .select({
        companyName: contractContacts.companyName,
        branchName: contractContacts.branchName,
        department: contractContacts.department,
        personName: contractContacts.personName,
      })
      .from(contractContacts)
      .where(and(eq(contractContacts.licenseId, licenseId), eq(contractContacts.role, "contract")))
      .limit(1);
    const [quote] = await tx
      .insert(renewalQuotes)
      .values({
        licenseId,
        customerAccountId: actor.accountId,
        quoteDate: offer.quoteDate,
        validUntil: quoteValidUntil(offer.quoteDate, offer.endDate, changes),
        customer: contact!,
        lines: quoteLines,
        ...totals,
        taxRatePercent: TAX_RATE_PERCENT,
        createdAt: at,
      })
      .returning({ id: renewalQuotes.id });
    await writeAudit(
      {
        actorType: "customer",
        actorId: actor.accountId,
        actorEmail: actor.email,
        action: "renewal.quoted",
        targetType: "license",
        targetId: licenseId,
        clientAddress: actor.clientAddress,
        details: { quoteId: quote!.id, successors: quoteLines.map((l) => `${l.lineId}:${l.successorCode}`).join(","), totalYen: totals.totalYen },
      },
      tx,
    );
    return { ok: true, quoteId: quote!.id } as const;
  });
}

/** The next list-price change of each quoted product after the quote date (it caps the quote's validity). */
async function nextChangesOf(db: Executor, codes: string[], after: string): Promise<(string | undefined)[]> {
  const rows = await db
    .select({ code: products.code, ...tierColumns })
    .from(productPrices)
    .innerJoin(products, eq(products.id, productPrices.productId))
    .where(inArray(products.code, codes));
  return codes.map((code) =>
    nextPriceChange(
      rows.filter((r) => r.code === code),
      after,
    ),
  );
}

export type QuoteView = Pick<
  RenewalQuote,
  "id" | "licenseId" | "quoteDate" | "validUntil" | "customer" | "lines" | "subtotalYen" | "taxRatePercent" | "taxYen" | "totalYen" | "createdAt"
>;

const quoteColumns = {
  id: renewalQuotes.id,
  licenseId: renewalQuotes.licenseId,
  quoteDate: renewalQuotes.quoteDate,
  validUntil: renewalQuotes.validUntil,
  customer: renewalQuotes.customer,
  lines: renewalQuotes.lines,
  subtotalYen: renewalQuotes.subtotalYen,
  taxRatePercent: renewalQuotes.taxRatePercent,
  taxYen: renewalQuotes.taxYen,
  totalYen: renewalQuotes.totalYen,
  createdAt: renewalQuotes.createdAt,
};

/**
 * The quote PDF: a quote of this contract made by this customer account, while the contract is still visible to
 * them. Anybody else's quote, or one of a contract they no longer see, is undefined (a 404).
 */
export async function getRenewalQuote({
  actor,
  licenseId,
  quoteId,
}: {
  actor: Pick<CustomerActor, "accountId" | "email">;
  licenseId: number;
  quoteId: number;
}): Promise<QuoteView | undefined> {
  const db = await getDb();
  const [quote] = await db
    .select(quoteColumns)
    .from(renewalQuotes)
    .innerJoin(licenseContracts, eq(licenseContracts.licenseId, renewalQuotes.licenseId))
    .where(
      and(
        eq(renewalQuotes.id, quoteId),
        eq(renewalQuotes.licenseId, licenseId),
        eq(renewalQuotes.customerAccountId, actor.accountId),
        visibleTo(actor.email, now()),
      ),
    )
    .limit(1);
  return quote;
}

/** A quote as B-4 ② lists it: with the 更新後製品 of each of its lines, in the quote's order (which successor it used). */
export type QuoteSummary = Pick<RenewalQuote, "id" | "quoteDate" | "validUntil" | "totalYen"> & { successors: string[] };

/**
 * B-4 ②: the quotes this account made for this contract, newest first (to open again), while it sees the contract.
 * The successors come from the lines the quote kept as printed (renewal_quotes.lines); a line without a name (none
 * was ever written so, but the column is JSON) shows its product code.
 */
export async function listMyQuotes({
  actor,
  licenseId,
  limit = 20,
}: {
  actor: Pick<CustomerActor, "accountId" | "email">;
  licenseId: number;
  limit?: number;
}): Promise<QuoteSummary[]> {
  const db = await getDb();
  const rows = await db
    .select({
      id: renewalQuotes.id,
      quoteDate: renewalQuotes.quoteDate,
      validUntil: renewalQuotes.validUntil,
      totalYen: renewalQuotes.totalYen,
      lines: renewalQuotes.lines,
    })
    .from(renewalQuotes)
    .innerJoin(licenseContracts, eq(licenseContracts.licenseId, renewalQuotes.licenseId))
    .where(and(eq(renewalQuotes.licenseId, licenseId), eq(renewalQuotes.customerAccountId, actor.accountId), visibleTo(actor.email, now())))
    .orderBy(desc(renewalQuotes.id))
    .limit(limit);
  return rows.map(({ lines, ...quote }) => ({
    ...quote,
    successors: (lines ?? []).map((line) => line.successorName || line.successorCode).filter((name): name is string => Boolean(name)),
  }));
}
