import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import { now } from "@/lib/clock";
import { DEMO_OTHER, DEMO_USER, seedDemo } from "@/lib/demo/seed";
import { getOverview } from "@/lib/licenses/overview";
import { listVisibleContracts, type LicenseListQuery } from "@/lib/licenses/queries";
import { addContractLine, createContract, createCustomer, createProduct, fromToday, uniqueEmail } from "../support/factories";

// N-1 概要: the counts are the list's own (B-0 in SQL, the same filters), and nothing of a contract the customer may
// not see is counted or listed — not its codes, its name change under review, nor its waiting issuance link.

const query = (overrides: Partial<LicenseListQuery> = {}): LicenseListQuery => ({ sort: "licenseId", direction: "asc", page: 1, pageSize: 50, ...overrides });
const total = async (email: string, overrides: Partial<LicenseListQuery>) => (await listVisibleContracts({ actor: { email }, query: query(overrides) })).total;

async function accountOf(email: string) {
  const db = await getDb();
  const [account] = await db.select({ id: s.customerAccounts.id }).from(s.customerAccounts).where(eq(s.customerAccounts.email, email));
  return { email, accountId: account!.id };
}

async function pendingNameChange(licenseId: number, accountId: number, name: string) {
  const db = await getDb();
  await db.insert(s.contactChangeRequests).values({
    licenseId,
    customerAccountId: accountId,
    role: "contract",
    requestedCompanyName: name,
    reason: "merger",
    before: { companyName: "前の法人名", branchName: null },
    dueDate: fromToday({ days: 7 }),
  });
}

async function waitingIssuance(licenseId: number, accountId: number, email: string, expiresInHours: number, used = false) {
  const db = await getDb();
  const [request] = await db
    .insert(s.issuanceRequests)
    .values({ kind: "apex_one", licenseId, customerAccountId: accountId, contactEmail: email, items: [] })
    .returning({ id: s.issuanceRequests.id });
  await db.insert(s.issuanceTokens).values({
    requestId: request!.id,
    tokenHash: randomBytes(32).toString("hex"),
    expiresAt: new Date(now().getTime() + expiresInHours * 3_600_000),
    usedAt: used ? now() : null,
  });
  return request!.id;
}

beforeAll(async () => {
  await seedDemo(await getDb());
});

describe("N-1 overview", () => {
  it("counts user@'s contracts as the list does: by 契約状況 and by support ending within 30/60/90 days", async () => {
    const overview = await getOverview({ actor: await accountOf(DEMO_USER) });
    expect(overview.active).toBe(await total(DEMO_USER, { status: "active" }));
    expect(overview.expired).toBe(await total(DEMO_USER, { status: "expired" }));
    expect(overview.expired).toBe(1);
    for (const days of [30, 60, 90] as const) expect(overview.endingWithin[days], `${days}`).toBe(await total(DEMO_USER, { endingWithinDays: days }));
    expect(overview.endingWithin[30]).toBe(1);
    expect(overview.endingWithin[60]).toBe(2);
    const other = await getOverview({ actor: await accountOf(DEMO_OTHER) });
    expect(other).toMatchObject({ active: 1, expired: 0, endingWithin: { 30: 0, 60: 0, 90: 0 } });
  });

  it("lists the newest issued codes, the name changes under review and the unused links of visible contracts only", async () => {
    const product = await createProduct();
    const email = uniqueEmail("overview");
    const customer = await createCustomer({ email });
    const visible = await createContract({ product, contractEmail: email, supportEndDate: fromToday({ days: 10 }) });
    const hidden = await createContract({ product, contractEmail: email, hidden: true });
    const notMine = await createContract({ product });
    for (const contract of [visible, hidden, notMine]) {
      await addContractLine(contract.licenseId, { product, quantity: 3, source: "issued" });
      await pendingNameChange(contract.licenseId, customer.id, `新社名 ${contract.licenseId}`);
      await waitingIssuance(contract.licenseId, customer.id, email, 24);
    }
    // Neither a used link nor an expired one is waiting.
    await waitingIssuance(visible.licenseId, customer.id, email, 24, true);
    await waitingIssuance(visible.licenseId, customer.id, email, -1);
    const overview = await getOverview({ actor: { email, accountId: customer.id } });
    expect(overview).toMatchObject({ active: 1, expired: 0, endingWithin: { 30: 1, 60: 1, 90: 1 }, nameChangeCount: 1, waitingIssuanceCount: 1 });
    expect(overview.recentCodes.map((c) => [c.licenseId, c.quantity])).toEqual([[visible.licenseId, 3]]);
    expect(overview.recentCodes[0]!.activationCode).toMatch(/^[A-Z]{2}-/);
    expect(overview.nameChanges.map((r) => [r.licenseId, r.requestedCompanyName])).toEqual([[visible.licenseId, `新社名 ${visible.licenseId}`]]);
    expect(overview.waitingIssuances.map((r) => r.licenseId)).toEqual([visible.licenseId]);
    expect(overview.waitingIssuances[0]!.expiresAt.getTime()).toBeGreaterThan(now().getTime());
    // Another login sees none of it, even on the same contract's link (the link is the requester's own).
    const colleague = await createCustomer({ email: uniqueEmail("colleague") });
    const theirs = await getOverview({ actor: { email: colleague.email, accountId: colleague.id } });
    expect(theirs).toMatchObject({
      active: 0,
      expired: 0,
      recentCodes: [],
      nameChanges: [],
      nameChangeCount: 0,
      waitingIssuances: [],
      waitingIssuanceCount: 0,
    });
  });

  it("keeps the newest codes first, at most five, and counts every open request beyond the ones it lists", async () => {
    const product = await createProduct();
    const email = uniqueEmail("many");
    const customer = await createCustomer({ email });
    const lines = [];
    for (let n = 0; n < 7; n++) {
      const contract = await createContract({ product, contractEmail: email });
      lines.push(await addContractLine(contract.licenseId, { product, quantity: n + 1, source: "issued" }));
      await pendingNameChange(contract.licenseId, customer.id, `新社名 ${n}`);
    }
    const overview = await getOverview({ actor: { email, accountId: customer.id } });
    expect(overview.recentCodes.map((c) => c.quantity)).toEqual([7, 6, 5, 4, 3]);
    expect(overview.nameChanges).toHaveLength(5);
    expect(overview.nameChangeCount).toBe(7);
  });
});
