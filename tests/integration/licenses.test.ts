import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import { DEMO_OTHER, DEMO_USER, demoCodeFor, seedDemo } from "@/lib/demo/seed";
import { advanceClock, now, setClock } from "@/lib/clock";
import { addToIsoDate, startOfTokyoDay, tokyoDate } from "@/lib/dates";
import {
  diagnoseAccess,
  endsWithin,
  findVisibleLicenseIdByCode,
  getVisibleContract,
  iterateVisibleContractLines,
  listVisibleContracts,
  listVisibleProducts,
  type LicenseLineRow,
  type LicenseListQuery,
} from "@/lib/licenses/queries";
import { addContractLine, createContract, createProduct, fromToday, uniqueEmail, type CreatedContract } from "../support/factories";

const SPEC_VISIBLE_TO_USER = [100001, 100002, 100003, 100004, 100010, 100011, 100012, 100013, 100014, 100015];
const query = (overrides: Partial<LicenseListQuery> = {}): LicenseListQuery => ({ sort: "licenseId", direction: "asc", page: 1, pageSize: 50, ...overrides });

beforeAll(async () => {
  await seedDemo(await getDb());
});

async function visibleIds(email: string, overrides: Partial<LicenseListQuery> = {}) {
  return (await listVisibleContracts({ actor: { email }, query: query(overrides) })).rows.map((r) => r.licenseId);
}

describe("B-0 visibility on the demo contracts", () => {
  it("shows user@ exactly the SPEC's list", async () => {
    expect(await visibleIds(DEMO_USER)).toEqual(SPEC_VISIBLE_TO_USER);
    expect((await listVisibleContracts({ actor: { email: DEMO_USER }, query: query() })).total).toBe(SPEC_VISIBLE_TO_USER.length);
    expect(await visibleIds(DEMO_OTHER)).toEqual([200001]);
    expect(await visibleIds("User@Example.co.jp")).toEqual(SPEC_VISIBLE_TO_USER);
  });

  it.each([
    [100005, "too_old"],
    [100006, "hidden"],
    [100007, "category"],
    [100008, "excluded_product"],
    [100009, "status"],
    [200001, "not_contact"],
    [999999, "not_contact"],
    [100001, "visible"],
    [100002, "visible"],
  ] as const)("diagnoses %i for user@ as %s", async (licenseId, expected) => {
    expect(await diagnoseAccess({ actor: { email: DEMO_USER }, target: { licenseId } })).toBe(expected);
  });

  it("never shows 100005 or the other hidden contracts by any read", async () => {
    for (const licenseId of [100005, 100006, 100007, 100008, 100009, 200001]) {
      expect(await getVisibleContract({ actor: { email: DEMO_USER }, licenseId: licenseId }), String(licenseId)).toBeUndefined();
      expect(await visibleIds(DEMO_USER, { licenseId }), String(licenseId)).toEqual([]);
      expect(await findVisibleLicenseIdByCode({ actor: { email: DEMO_USER }, codeKey: demoCodeFor(licenseId).key }), String(licenseId)).toBeUndefined();
    }
  });

  it("diagnoses a search by code the same way, and a code of somebody else's contract as not_contact", async () => {
    expect(await diagnoseAccess({ actor: { email: DEMO_USER }, target: { codeKey: demoCodeFor(100006).key } })).toBe("hidden");
    expect(await diagnoseAccess({ actor: { email: DEMO_USER }, target: { codeKey: demoCodeFor(100009).key } })).toBe("status");
    expect(await diagnoseAccess({ actor: { email: DEMO_USER }, target: { codeKey: demoCodeFor(200001).key } })).toBe("not_contact");
    expect(await diagnoseAccess({ actor: { email: DEMO_USER }, target: { codeKey: "OSNOSUCHCODE0000000000000000000" } })).toBe("not_contact");
    expect(await findVisibleLicenseIdByCode({ actor: { email: DEMO_USER }, codeKey: demoCodeFor(100001).key })).toBe(100001);
    expect(await findVisibleLicenseIdByCode({ actor: { email: DEMO_OTHER }, codeKey: demoCodeFor(100001).key })).toBeUndefined();
  });
});

describe("B-0 conditions, on contracts of their own", () => {
  it("condition 1: the サポート窓口 counts as much as the 契約窓口, and a changed e-mail moves at the next Tokyo midnight (A-9)", async () => {
    const db = await getDb();
    const { licenseId, contractEmail, supportEmail } = await createContract({ supportEmail: uniqueEmail("desk") });
    const [support] = await db
      .select()
      .from(s.contractContacts)
      .where(and(eq(s.contractContacts.licenseId, licenseId), eq(s.contractContacts.role, "support")));
    expect(support!.email).toBe(supportEmail);
    expect(supportEmail).not.toBe(contractEmail);
    expect(await visibleIds(supportEmail, { licenseId })).toEqual([licenseId]);

    const newDesk = uniqueEmail("new-desk");
    const tomorrow = startOfTokyoDay(addToIsoDate(tokyoDate(now()), { days: 1 }));
    await db
      .update(s.contractContacts)
      .set({ previousEmail: supportEmail, email: newDesk, emailEffectiveAt: tomorrow })
      .where(eq(s.contractContacts.id, support!.id));
    expect(await visibleIds(supportEmail, { licenseId })).toEqual([licenseId]);
    expect(await visibleIds(newDesk)).toEqual([]);
    setClock(new Date(tomorrow.getTime() + 1000));
    expect(await visibleIds(supportEmail, { licenseId })).toEqual([]);
    expect(await visibleIds(newDesk)).toEqual([licenseId]);
  });

  it("condition 2: one excluded line hides the whole contract", async () => {
    const db = await getDb();
    const { licenseId, contractEmail } = await createContract();
    const line = await addContractLine(licenseId, { product: await createProduct({ excludedFromSite: true }), quantity: 1 });
    expect(await diagnoseAccess({ actor: { email: contractEmail }, target: { licenseId } })).toBe("excluded_product");
    expect(await visibleIds(contractEmail)).not.toContain(licenseId);
    await db.delete(s.contractProducts).where(eq(s.contractProducts.id, line.id));
    expect(await visibleIds(contractEmail)).toContain(licenseId);
  });

  it("condition 3: the 6-year window is counted in Tokyo days", async () => {
    const db = await getDb();
    const { licenseId, contractEmail } = await createContract({ endDate: fromToday({ years: -2 }) });
    const [c] = await db.select().from(s.licenseContracts).where(eq(s.licenseContracts.licenseId, licenseId));
    // It ended two years ago: move the clock to the last Tokyo day on which it is still shown.
    const lastShownDay = addToIsoDate(c!.endDate, { years: 6, days: -1 });
    setClock(new Date(startOfTokyoDay(lastShownDay).getTime() + 23 * 3600_000));
    expect(await visibleIds(contractEmail, { licenseId })).toEqual([licenseId]);
    advanceClock(3600_000);
    expect(await visibleIds(contractEmail, { licenseId })).toEqual([]);
    expect(await diagnoseAccess({ actor: { email: contractEmail }, target: { licenseId } })).toBe("too_old");
  });
});

// Each condition alone: one change to a contract of its own, visible to its contract e-mail, hides it from every
// read — list, detail, search by code — and undoing it shows it again. A condition that did nothing would fail its row.
describe("B-0: each of the five conditions alone hides a visible contract", () => {
  type Db = Awaited<ReturnType<typeof getDb>>;
  const contractOf = (target: CreatedContract) => eq(s.licenseContracts.licenseId, target.licenseId);
  const cases: [string, (db: Db, target: CreatedContract) => Promise<() => Promise<unknown>>][] = [
    [
      "1. the login e-mail is neither contact",
      async (db, target) => {
        await db
          .update(s.contractContacts)
          .set({ email: uniqueEmail("someone-else") })
          .where(eq(s.contractContacts.licenseId, target.licenseId));
        return () => db.update(s.contractContacts).set({ email: target.contractEmail }).where(eq(s.contractContacts.licenseId, target.licenseId));
      },
    ],
    [
      "2. its product's category is not handled by the site",
      async (db, target) => {
        const [row] = await db
          .select({ categoryId: s.products.categoryId })
          .from(s.licenseContracts)
          .innerJoin(s.products, eq(s.products.id, s.licenseContracts.productId))
          .where(contractOf(target));
        await db.update(s.productCategories).set({ handledBySite: false }).where(eq(s.productCategories.id, row!.categoryId));
        return () => db.update(s.productCategories).set({ handledBySite: true }).where(eq(s.productCategories.id, row!.categoryId));
      },
    ],
    [
      "2. its product is individually excluded",
      async (db, target) => {
        const [row] = await db.select({ productId: s.licenseContracts.productId }).from(s.licenseContracts).where(contractOf(target));
        await db.update(s.products).set({ excludedFromSite: true }).where(eq(s.products.id, row!.productId));
        return () => db.update(s.products).set({ excludedFromSite: false }).where(eq(s.products.id, row!.productId));
      },
    ],
    [
      "3. it ended 6 years ago (Tokyo today)",
      async (db, target) => {
        const [row] = await db.select().from(s.licenseContracts).where(contractOf(target));
        const ended = addToIsoDate(tokyoDate(now()), { years: -6 });
        await db
          .update(s.licenseContracts)
          .set({ startDate: addToIsoDate(ended, { years: -1 }), endDate: ended, status: "expired" })
          .where(contractOf(target));
        return () => db.update(s.licenseContracts).set({ startDate: row!.startDate, endDate: row!.endDate, status: row!.status }).where(contractOf(target));
      },
    ],
    [
      "4. its status is 登録中",
      async (db, target) => {
        await db.update(s.licenseContracts).set({ status: "registering" }).where(contractOf(target));
        return () => db.update(s.licenseContracts).set({ status: "active" }).where(contractOf(target));
      },
    ],
    [
      "4. its status is 無効",
      async (db, target) => {
        await db.update(s.licenseContracts).set({ status: "invalid" }).where(contractOf(target));
        return () => db.update(s.licenseContracts).set({ status: "active" }).where(contractOf(target));
      },
    ],
    [
      "5. the customer asked for it to be hidden (表示設定)",
      async (db, target) => {
        await db.update(s.licenseContracts).set({ hiddenByCustomer: true }).where(contractOf(target));
        return () => db.update(s.licenseContracts).set({ hiddenByCustomer: false }).where(contractOf(target));
      },
    ],
  ];

  async function reads({ licenseId, contractEmail: email, codes }: CreatedContract) {
    return {
      list: (await visibleIds(email)).includes(licenseId),
      filtered: (await visibleIds(email, { licenseId })).length > 0,
      detail: (await getVisibleContract({ actor: { email }, licenseId })) !== undefined,
      code: (await findVisibleLicenseIdByCode({ actor: { email }, codeKey: codes[0]!.key })) === licenseId,
    };
  }
  const everywhere = { list: true, filtered: true, detail: true, code: true };
  const nowhere = { list: false, filtered: false, detail: false, code: false };

  it.each(cases)("%s", async (_label, hide) => {
    const db = await getDb();
    const target = await createContract();
    expect(await reads(target)).toEqual(everywhere);
    const undo = await hide(db, target);
    expect(await reads(target)).toEqual(nowhere);
    await undo();
    expect(await reads(target)).toEqual(everywhere);
  });
});

describe("B-1 filters, sorting and paging", () => {
  it("filters by status, license ID and support end date range", async () => {
    expect(await visibleIds(DEMO_USER, { status: "expired" })).toEqual([100004]);
    expect(await visibleIds(DEMO_USER, { status: "active" })).toEqual(SPEC_VISIBLE_TO_USER.filter((id) => id !== 100004));
    const today = tokyoDate(now());
    expect(await visibleIds(DEMO_USER, { supportEndFrom: today, supportEndTo: addToIsoDate(today, { months: 4 }) })).toEqual([
      100011, 100012, 100013, 100014, 100015,
    ]);
  });

  it("sorts by each column both ways and pages without gaps or repeats", async () => {
    const bySupportEnd = (await listVisibleContracts({ actor: { email: DEMO_USER }, query: query({ sort: "supportEndDate", direction: "desc" }) })).rows.map(
      (r) => r.supportEndDate,
    );
    expect(bySupportEnd).toEqual([...bySupportEnd].sort().reverse());
    const byProduct = (await listVisibleContracts({ actor: { email: DEMO_USER }, query: query({ sort: "product" }) })).rows.map((r) => r.productName);
    expect(byProduct).toEqual([...byProduct].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const pages = [];
    for (let page = 1; page <= Math.ceil(SPEC_VISIBLE_TO_USER.length / 3); page++)
      pages.push(
        ...(await listVisibleContracts({ actor: { email: DEMO_USER }, query: query({ pageSize: 3, page, sort: "status" }) })).rows.map((r) => r.licenseId),
      );
    expect([...pages].sort()).toEqual(SPEC_VISIBLE_TO_USER);
  });

  it("gives the whole list's total with every page, a page past the end and a filtered list included", async () => {
    const n = SPEC_VISIBLE_TO_USER.length;
    for (const page of [1, 2, 3, 4]) {
      const result = await listVisibleContracts({ actor: { email: DEMO_USER }, query: query({ pageSize: 3, page }) });
      expect(result.total, `page ${page}`).toBe(n);
      expect(result.rows.length, `page ${page}`).toBe(Math.max(0, Math.min(3, n - (page - 1) * 3)));
    }
    const active = await listVisibleContracts({ actor: { email: DEMO_USER }, query: query({ status: "active", pageSize: 2 }) });
    const activeIds = (await listVisibleContracts({ actor: { email: DEMO_USER }, query: query({ status: "active" }) })).rows.map((r) => r.licenseId);
    expect(active.total).toBe(activeIds.length);
    expect(active.rows.length).toBe(Math.min(2, activeIds.length));
    expect((await listVisibleContracts({ actor: { email: DEMO_OTHER }, query: query({ licenseId: 100001 }) })).total).toBe(0);
  });

  it("gives the detail with both contacts and every product line", async () => {
    const detail = await getVisibleContract({ actor: { email: DEMO_USER }, licenseId: 100012 });
    expect(detail).toMatchObject({
      licenseId: 100012,
      productName: "Apex One",
      status: "active",
      contractContact: { companyName: "テストユーザ株式会社", email: DEMO_USER },
      supportContact: { email: "support-desk@example.co.jp" },
    });
    expect(detail!.lines.map((l) => l.productName)).toEqual(["Apex One", "Apex Central"]);
    expect(detail!.lines[0]!.activationCode).toBe(demoCodeFor(100012).code);
    expect(await getVisibleContract({ actor: { email: DEMO_OTHER }, licenseId: 100012 })).toBeUndefined();
  });
});

describe("N-2: the list's product and 'support ends within N days' filters, and the CSV's product lines", () => {
  it("offers the products of the visible contracts only, and filters by one", async () => {
    const offered = await listVisibleProducts({ actor: { email: DEMO_USER } });
    // The products of 100001–100015 that B-0 shows (not VB_CLOUD 100007, TPS 100008, nor VBCE of 100005).
    expect(offered.map((p) => p.code).sort()).toEqual(["APEX_CENTRAL", "APEX_ONE", "DDI", "MIGRATE_KIT", "SAFE_LOCK", "VBCE_PLUS"]);
    expect((await listVisibleProducts({ actor: { email: DEMO_OTHER } })).map((p) => p.code)).toEqual(["VBCE_PLUS"]);
    expect(await visibleIds(DEMO_USER, { product: "APEX_CENTRAL" })).toEqual([100003, 100013]);
    expect(await visibleIds(DEMO_USER, { product: "VB_CLOUD" })).toEqual([]);
    expect(await visibleIds(DEMO_OTHER, { product: "APEX_CENTRAL" })).toEqual([]);
  });

  it("'within N days' takes サポート終了日 from today to today + N on the Tokyo calendar, both ends included", async () => {
    const product = await createProduct();
    const email = uniqueEmail("within");
    const ids = new Map<number, number>();
    for (const days of [-1, 0, 30, 31, 60, 61, 90, 91])
      ids.set(days, (await createContract({ product, contractEmail: email, supportEndDate: fromToday({ days }) })).licenseId);
    const expected = (limit: number) => [0, 30, 31, 60, 61, 90].filter((days) => days <= limit).map((days) => ids.get(days)!);
    for (const within of [30, 60, 90]) {
      expect(await visibleIds(email, { endingWithinDays: within }), `${within}`).toEqual(expected(within));
      const today = tokyoDate(now());
      for (const [days] of ids) expect(endsWithin(fromToday({ days }), today, within), `${days} within ${within}`).toBe(days >= 0 && days <= within);
    }
    // The demo: 100013 ends in 20 days, 100014 in 45, 100015 in 75.
    expect(await visibleIds(DEMO_USER, { endingWithinDays: 30 })).toEqual([100013]);
    expect(await visibleIds(DEMO_USER, { endingWithinDays: 60 })).toEqual([100013, 100014]);
    expect(await visibleIds(DEMO_USER, { endingWithinDays: 90 })).toEqual([100013, 100014, 100015]);
    expect(await visibleIds(DEMO_OTHER, { endingWithinDays: 90 })).toEqual([]);
  });

  async function csvRows(email: string, overrides: Partial<LicenseListQuery> = {}, chunk?: number): Promise<LicenseLineRow[]> {
    const rows: LicenseLineRow[] = [];
    for await (const part of iterateVisibleContractLines({ actor: { email }, query: query(overrides), chunk })) rows.push(...part);
    return rows;
  }

  it("the CSV's rows: one per product line, both contacts, in the list's order, whatever the chunk", async () => {
    const rows = await csvRows(DEMO_USER);
    expect([...new Set(rows.map((r) => r.licenseId))]).toEqual(SPEC_VISIBLE_TO_USER);
    const of100012 = rows.filter((r) => r.licenseId === 100012);
    expect(of100012.map((r) => [r.line?.productName, r.line?.quantity])).toEqual([
      ["Apex One", 120],
      ["Apex Central", 120],
    ]);
    expect(of100012[0]).toMatchObject({
      contract: { companyName: "テストユーザ株式会社", email: DEMO_USER },
      support: { email: "support-desk@example.co.jp" },
    });
    const detail = await getVisibleContract({ actor: { email: DEMO_USER }, licenseId: 100012 });
    expect(of100012.map((r) => [r.line?.startDate, r.line?.endDate, r.line?.supportEndDate])).toEqual(
      detail!.lines.map((l) => [l.startDate, l.endDate, l.supportEndDate]),
    );
    for (const chunk of [1, 2, 3, 7]) expect(await csvRows(DEMO_USER, {}, chunk), `chunk ${chunk}`).toEqual(rows);
    const bySupportEnd = await csvRows(DEMO_USER, { sort: "supportEndDate", direction: "desc" }, 4);
    const listOrder = (await listVisibleContracts({ actor: { email: DEMO_USER }, query: query({ sort: "supportEndDate", direction: "desc" }) })).rows;
    expect([...new Set(bySupportEnd.map((r) => r.licenseId))]).toEqual(listOrder.map((r) => r.licenseId));
    expect([...new Set((await csvRows(DEMO_USER, { endingWithinDays: 60 })).map((r) => r.licenseId))]).toEqual([100013, 100014]);
    expect((await csvRows(DEMO_OTHER)).map((r) => r.licenseId)).toEqual([200001]);
    expect(await csvRows("nobody@example.com")).toEqual([]);
  });
});
