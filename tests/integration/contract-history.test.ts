import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import { translator } from "@/lib/i18n";
import { describeHistoryEntry, iterateContractHistory, listContractHistory, type HistoryEntry } from "@/lib/licenses/history";
import { historyCursorSchema } from "@/lib/validation/history";
import { createContract, createCustomer, createProduct, fromToday, uniqueEmail, type CreatedContract, type CreatedCustomer } from "../support/factories";

// N-4 変更履歴 for the customer: the contract's history rows, its name changes under review and the renewal prices it
// was shown, newest first, in the catalogue's words; the vendor's staff only as 「トレンドマイクロ」 (their address is
// never read); keyset pages with neither gap nor repeat; and nothing at all of a contract the customer may not see.

const ja = translator("ja");
const en = translator("en");
const STAFF_EMAIL = "n4-history-staff@trendmicro.example";

let customer: CreatedCustomer;
let contract: CreatedContract;

async function historyRow(licenseId: number, row: Partial<typeof s.contractHistory.$inferInsert> & { at: string }) {
  const db = await getDb();
  const { at, ...values } = row;
  const [inserted] = await db
    .insert(s.contractHistory)
    .values({ licenseId, actorType: "customer", action: "contacts.changed", before: null, after: null, ...values, createdAt: sql`${at}::timestamptz` })
    .returning({ id: s.contractHistory.id });
  return inserted!.id;
}

const describeAll = (entries: HistoryEntry[], t = ja) => entries.map((entry) => ({ at: entry.at.toISOString(), ...describeHistoryEntry(t, entry) }));

beforeAll(async () => {
  const db = await getDb();
  const email = uniqueEmail("n4");
  customer = await createCustomer({ email });
  contract = await createContract({ product: await createProduct(), contractEmail: email });
  const licenseId = contract.licenseId;
  await historyRow(licenseId, {
    at: "2026-01-10T09:00:00Z",
    actorId: customer.id,
    actorEmail: customer.email,
    before: { "contract.personName": "山田 太郎" },
    after: { "contract.personName": "佐藤 花子" },
  });
  await historyRow(licenseId, {
    at: "2026-01-11T09:00:00Z",
    actorType: "staff",
    actorEmail: STAFF_EMAIL,
    action: "contacts.name_change_approved",
    before: { "contract.companyName": "旧商事株式会社", "contract.branchName": null },
    after: { "contract.companyName": "新商事株式会社", "contract.branchName": null, requestId: 7 },
  });
  await historyRow(licenseId, { at: "2026-01-12T09:00:00Z", actorType: "system", action: "import.changed", before: { quantity: 5 }, after: { quantity: 10 } });
  await db.insert(s.contactChangeRequests).values({
    licenseId,
    customerAccountId: customer.id,
    role: "support",
    requestedCompanyName: "未来物産株式会社",
    reason: "merger",
    before: { companyName: "過去物産株式会社", branchName: null },
    dueDate: "2026-01-20",
    createdAt: new Date("2026-01-13T09:00:00Z"),
  });
  await db.insert(s.renewalQuotes).values({
    licenseId,
    customerAccountId: customer.id,
    quoteDate: "2026-01-14",
    validUntil: "2026-02-14",
    customer: { companyName: "新商事株式会社", branchName: null, department: null, personName: "佐藤 花子" },
    lines: [],
    subtotalYen: 100000,
    taxRatePercent: 10,
    taxYen: 10000,
    totalYen: 110000,
    createdAt: new Date("2026-01-14T09:00:00Z"),
  });
});

describe("N-4 the contract's history for the customer", () => {
  it("lists every source newest first in Japanese, the vendor's staff and jobs as トレンドマイクロ, never a staff address", async () => {
    const page = await listContractHistory({ actor: customer, licenseId: contract.licenseId, limit: 50 });
    expect(page?.next).toBeNull();
    expect(describeAll(page!.entries)).toEqual([
      {
        at: "2026-01-14T09:00:00.000Z",
        actor: customer.email,
        action: "参考更新価格の算出",
        lines: [expect.objectContaining({ text: "参考更新価格合計（税込）：110,000円" })],
      },
      {
        at: "2026-01-13T09:00:00.000Z",
        actor: customer.email,
        action: "法人名変更の依頼（審査中）",
        lines: [
          expect.objectContaining({ text: "サポート窓口 法人名：過去物産株式会社 → 未来物産株式会社" }),
          expect.objectContaining({ text: "サポート窓口 支社名：（なし） → （なし）" }),
          expect.objectContaining({ text: "期限：2026/01/20" }),
        ],
      },
      {
        at: "2026-01-12T09:00:00.000Z",
        actor: "トレンドマイクロ",
        action: "受注データの取り込みによる変更",
        lines: [expect.objectContaining({ text: "数量：5 → 10" })],
      },
      {
        at: "2026-01-11T09:00:00.000Z",
        actor: "トレンドマイクロ",
        action: "法人名変更の承認",
        // jsonb keeps its keys shortest first: as G-6 shows the same row.
        lines: [
          expect.objectContaining({ text: "契約窓口 支社名：（なし） → （なし）" }),
          expect.objectContaining({ text: "契約窓口 法人名：旧商事株式会社 → 新商事株式会社" }),
          expect.objectContaining({ label: "依頼番号" }),
        ],
      },
      {
        at: "2026-01-10T09:00:00.000Z",
        actor: customer.email,
        action: "契約者・サポート窓口情報の変更",
        lines: [expect.objectContaining({ text: "契約窓口 担当者名：山田 太郎 → 佐藤 花子" })],
      },
    ]);
    // The staff address is not even read: not in the entries, nor in anything made of them.
    expect(JSON.stringify(page)).not.toContain(STAFF_EMAIL);
    expect(JSON.stringify(describeAll(page!.entries))).not.toContain(STAFF_EMAIL);
    expect(describeAll(page!.entries, en).map((entry) => [entry.actor, entry.action])).toEqual([
      [customer.email, "Reference renewal price calculated"],
      [customer.email, "Company name change requested (under review)"],
      ["Trend Micro", "Changed by an order import"],
      ["Trend Micro", "Company name change approved"],
      [customer.email, "Contacts changed"],
    ]);
  });

  it("pages by keyset with neither gap nor repeat, through ties in time and rows a microsecond apart", async () => {
    const email = uniqueEmail("n4-paging");
    const owner = await createCustomer({ email });
    const paged = await createContract({ product: await createProduct(), contractEmail: email });
    const db = await getDb();
    // Seven rows at one instant (one transaction's now()), five a microsecond apart, and a quote and a request at that instant.
    for (let i = 0; i < 7; i++) await historyRow(paged.licenseId, { at: "2026-02-01T00:00:00.000001Z", after: { "contract.phone": `03-0000-000${i}` } });
    for (let i = 0; i < 5; i++) await historyRow(paged.licenseId, { at: `2026-02-01T00:00:00.00000${i + 2}Z`, after: { "contract.phone": `03-1111-000${i}` } });
    await db.insert(s.renewalQuotes).values({
      licenseId: paged.licenseId,
      customerAccountId: owner.id,
      quoteDate: "2026-02-01",
      validUntil: "2026-03-01",
      customer: { companyName: "A", branchName: null, department: null, personName: "B" },
      lines: [],
      subtotalYen: 1,
      taxRatePercent: 10,
      taxYen: 0,
      totalYen: 1,
      createdAt: sql`'2026-02-01T00:00:00.000001Z'::timestamptz`,
    });
    await db.insert(s.contactChangeRequests).values({
      licenseId: paged.licenseId,
      customerAccountId: owner.id,
      role: "contract",
      requestedCompanyName: "C",
      reason: "merger",
      before: { companyName: "D", branchName: null },
      dueDate: fromToday({ days: 7 }),
      createdAt: sql`'2026-02-01T00:00:00.000001Z'::timestamptz`,
    });
    const whole = await listContractHistory({ actor: owner, licenseId: paged.licenseId, limit: 100 });
    expect(whole!.entries).toHaveLength(14);
    expect(whole!.entries.slice(0, 5).map((entry) => describeHistoryEntry(ja, entry).lines[0]!.text)).toEqual(
      [4, 3, 2, 1, 0].map((i) => `契約窓口 電話番号：03-1111-000${i}`),
    );
    for (const size of [1, 3, 4]) {
      const seen: string[] = [];
      let before: string | null | undefined;
      let pages = 0;
      do {
        const page = await listContractHistory({
          actor: owner,
          licenseId: paged.licenseId,
          limit: size,
          before: before ? historyCursorSchema.parse(before) : undefined,
        });
        seen.push(...page!.entries.map((entry) => entry.cursor));
        expect(page!.entries.length).toBeLessThanOrEqual(size);
        before = page!.next;
        pages++;
      } while (before && pages < 100);
      expect(seen, `page size ${size}`).toEqual(whole!.entries.map((entry) => entry.cursor));
      expect(new Set(seen).size).toBe(14);
    }
    const chunks: HistoryEntry[][] = [];
    for await (const chunk of iterateContractHistory({ actor: owner, licenseId: paged.licenseId, pageSize: 4 })) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.length)).toEqual([4, 4, 4, 2]);
    expect(chunks.flat().map((entry) => entry.cursor)).toEqual(whole!.entries.map((entry) => entry.cursor));
  });

  it("gives another customer nothing, and nothing of a contract hidden at the customer's request (B-0)", async () => {
    const stranger = await createCustomer();
    expect(await listContractHistory({ actor: stranger, licenseId: contract.licenseId, limit: 50 })).toBeUndefined();
    const chunks: HistoryEntry[][] = [];
    for await (const chunk of iterateContractHistory({ actor: stranger, licenseId: contract.licenseId })) chunks.push(chunk);
    expect(chunks).toEqual([]);

    const hidden = await createContract({ product: await createProduct(), contractEmail: customer.email, hidden: true });
    await historyRow(hidden.licenseId, { at: "2026-01-15T09:00:00Z", actorEmail: customer.email });
    expect(await listContractHistory({ actor: customer, licenseId: hidden.licenseId, limit: 50 })).toBeUndefined();
    // A visible contract with no history is an empty page, not a missing one.
    const quiet = await createContract({ product: await createProduct(), contractEmail: customer.email });
    expect(await listContractHistory({ actor: customer, licenseId: quiet.licenseId, limit: 50 })).toEqual({ entries: [], next: null });
  });

  it("parses only well-formed cursors", () => {
    for (const bad of ["", "x", "1_history", "1_audit_1", "1_history_0", "1_history_2147483648", "12345678901234567_history_1", "-1_quote_1", "1_quote_1 "])
      expect(historyCursorSchema.safeParse(bad).success, bad).toBe(false);
    expect(historyCursorSchema.parse("1767225600000001_request_42")).toEqual({ atMicros: "1767225600000001", source: "request", id: 42 });
  });
});
