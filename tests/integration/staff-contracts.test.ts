import { randomBytes } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, contractHistory, contractProducts, licenseContracts } from "@/db/schema";
import { dashboardFor } from "@/lib/staff-area/dashboard";
import { classifyStaffQuery, explainVisibility, findContractsForStaff, getContractForStaff, setContractHidden } from "@/lib/licenses/staff";
import type { StaffActor } from "@/lib/auth/actor";
import { DEMO_OTHER, DEMO_USER, seedDemo } from "@/lib/demo/seed";
import { listVisibleContracts } from "@/lib/licenses/queries";
import { advanceClock, setClock } from "@/lib/clock";
import { recordAttempt } from "@/lib/security/throttle";
import { createContract, createStaffActor } from "../support/factories";

// SPEC G-6 over the demo data (X-2): the staff search by each kind, B-0's verdict with the
// condition that fails, and 表示設定 with its history and audit rows (on a contract of the test's own: the demo rows
// are only read).

let operator: StaffActor;

beforeAll(async () => {
  await seedDemo(await getDb());
  operator = await createStaffActor({ role: "operator", clientAddress: "10.15.0.1" });
});

async function codeOf(licenseId: number): Promise<string> {
  const db = await getDb();
  const [line] = await db
    .select({ code: contractProducts.activationCode })
    .from(contractProducts)
    .where(eq(contractProducts.licenseId, licenseId))
    .orderBy(contractProducts.id)
    .limit(1);
  return line!.code!;
}

const ids = async (q: string) => (await findContractsForStaff({ actor: operator, query: q }))?.rows.map((r) => r.licenseId);

describe("G-6 the search", () => {
  it("reads digits as a ライセンスID, an @ as an e-mail, a well-formed code as a code, the rest as a company name", async () => {
    expect(classifyStaffQuery("１０００６")).toEqual({ kind: "licenseId", value: "10006" });
    expect(classifyStaffQuery(" User@Example.co.jp ")).toEqual({ kind: "email", value: DEMO_USER });
    const code = await codeOf(100006);
    expect(classifyStaffQuery(code.replaceAll("-", "").toLowerCase())?.kind).toBe("code");
    expect(classifyStaffQuery("テストユーザ")).toEqual({ kind: "company", value: "てすとゆーざ" });
    expect(classifyStaffQuery("   ")).toBeNull();
    expect(classifyStaffQuery("1000\u000006"), "a NUL (PostgreSQL refuses it in text) is dropped").toEqual({ kind: "licenseId", value: "100006" });
  });

  it("finds a contract by its ライセンスID and by any of its codes, hidden or not, whatever B-0 says", async () => {
    expect(await ids("100006")).toEqual([100006]);
    expect(await ids(await codeOf(100006))).toEqual([100006]);
    // Full-width, lower case, no hyphens: as B-7 reads a code.
    const wide = (await codeOf(100009))
      .replaceAll("-", "")
      .toLowerCase()
      .replace(/[a-z0-9]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    expect(await ids(wide)).toEqual([100009]);
    expect(await ids("999999")).toEqual([]);
  });

  it("finds every contract an address is a contact of, the ones B-0 hides from it too", async () => {
    const found = await ids(DEMO_USER.toUpperCase());
    expect(found).toEqual(expect.arrayContaining([100001, 100002, 100003, 100004, 100005, 100006, 100007, 100008, 100009, 100010, 100011, 100012]));
    expect(found).not.toContain(200001);
    expect(await ids(DEMO_OTHER)).toEqual([200001]);
  });

  it("matches a company name regardless of kana, width and spaces", async () => {
    for (const q of ["テストユーザ", "てすとゆーざ", "ﾃｽﾄﾕｰｻﾞ", "テスト ユーザ"]) expect(await ids(q), q).toEqual(expect.arrayContaining([100001, 100012]));
    expect(await ids("アザー工業")).toEqual([200001]);
    expect(await ids("100%_")).toEqual([]);
  });
});

describe("G-6 B-0's verdict for an e-mail", () => {
  const failing = async (licenseId: number, email: string) =>
    (await explainVisibility({ actor: operator, licenseId: licenseId, email: email }))!.conditions.filter((c) => !c.holds).map((c) => c.condition);

  it("names the condition that fails: 1 not a contact, 2 the products, 3 too old, 4 the status, 5 表示設定", async () => {
    expect(await explainVisibility({ actor: operator, licenseId: 100001, email: DEMO_USER })).toMatchObject({ visible: true });
    expect(await failing(100001, DEMO_OTHER)).toEqual([1]);
    expect(await failing(100007, DEMO_USER)).toEqual([2]);
    expect(await failing(100008, DEMO_USER)).toEqual([2]);
    expect(await failing(100005, DEMO_USER)).toEqual([3]);
    expect(await failing(100009, DEMO_USER)).toEqual([4]);
    expect(await failing(100006, DEMO_USER)).toEqual([5]);
    const category = (await explainVisibility({ actor: operator, licenseId: 100007, email: DEMO_USER }))!.conditions[1];
    expect(category).toMatchObject({ condition: 2, category: false, product: true });
    expect(await explainVisibility({ actor: operator, licenseId: 999999, email: DEMO_USER })).toBeUndefined();
  });
});

describe("G-6 表示設定", () => {
  it("clears a hidden contract's 表示設定 (as 100006's): its contact sees it; history and audit rows; a stale form and a no-op change nothing", async () => {
    const db = await getDb();
    const { licenseId, contractEmail } = await createContract({ hidden: true });
    const before = (await getContractForStaff({ actor: operator, licenseId }))!;
    expect(before.hidden).toBe(true);
    expect(await setContractHidden({ actor: operator, licenseId, hidden: false, version: before.version + 1 }), "a stale version").toBe("stale");
    expect(await setContractHidden({ actor: operator, licenseId, hidden: true, version: before.version }), "already hidden").toBe("unchanged");
    expect(await db.select().from(contractHistory).where(eq(contractHistory.licenseId, licenseId))).toEqual([]);

    expect(await setContractHidden({ actor: operator, licenseId, hidden: false, version: before.version })).toBe("changed");
    const after = (await getContractForStaff({ actor: operator, licenseId }))!;
    expect(after).toMatchObject({ hidden: false, version: before.version + 1 });
    expect(after.history).toEqual([
      expect.objectContaining({
        actorType: "staff",
        actorEmail: operator.email,
        action: "display.changed",
        before: { hiddenByCustomer: true },
        after: { hiddenByCustomer: false },
      }),
    ]);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "contracts.display-changed"), eq(auditLog.targetId, String(licenseId))))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit).toMatchObject({
      actorType: "staff",
      actorEmail: operator.email,
      targetType: "license",
      details: { hiddenBefore: true, hiddenAfter: false },
    });
    expect(await explainVisibility({ actor: operator, licenseId, email: contractEmail })).toMatchObject({ visible: true });
    const { rows } = await listVisibleContracts({ actor: { email: contractEmail }, query: { page: 1, pageSize: 50, sort: "licenseId", direction: "asc" } });
    expect(rows.map((r) => r.licenseId)).toContain(licenseId);

    // Hidden again.
    expect(await setContractHidden({ actor: operator, licenseId, hidden: true, version: after.version })).toBe("changed");
    expect(
      (await db.select({ hidden: licenseContracts.hiddenByCustomer }).from(licenseContracts).where(eq(licenseContracts.licenseId, licenseId)))[0]!.hidden,
    ).toBe(true);
    expect(await setContractHidden({ actor: operator, licenseId: 999999, hidden: true, version: 0 })).toBe("not_found");
  });

  it("shows the contract's lines with their codes and sources, its contacts, its issuance requests and quotes", async () => {
    const detail = (await getContractForStaff({ actor: operator, licenseId: 100012 }))!;
    expect(detail.contacts.map((c) => c.role)).toEqual(["contract", "support"]);
    expect(detail.lines.length).toBeGreaterThanOrEqual(2);
    expect(detail.lines.every((l) => l.activationCode && l.source === "order")).toBe(true);
    expect(await getContractForStaff({ actor: operator, licenseId: 999999 })).toBeUndefined();
  });
});

describe("G-1 the dashboard", () => {
  it("shows each role only what it may act on, with the demo's overdue name change and the sign-in locks of the last 24 hours", async () => {
    const keys = async (role: "marketer" | "operator" | "admin") => (await dashboardFor({ ...operator, role })).map((item) => item.key);
    expect(await keys("marketer")).toEqual(["supportMailsSending"]);
    expect(await keys("operator")).toEqual(["nameChangesOverdue", "nameChangesDue", "mailsFailed", "mailsStuck", "signInLocks"]);
    expect(await keys("admin")).toEqual(["nameChangesOverdue", "nameChangesDue", "mailsFailed", "mailsStuck", "signInLocks", "supportMailsSending"]);
    const figure = async (key: string) => (await dashboardFor({ ...operator, role: "admin" })).find((item) => item.key === key)!.count;
    // X-2: other@'s request for 200001 is past its due date.
    expect(await figure("nameChangesOverdue")).toBeGreaterThanOrEqual(1);
    expect(await figure("nameChangesDue")).toBeGreaterThanOrEqual(await figure("nameChangesOverdue"));

    // The lock figure counts every lock that began in the last 24 hours: the attempts below stand at a time of the
    // test's own (the clock moved past any other row) under keys of this run's, so that another file or a repeated
    // run adds nothing.
    const run = randomBytes(2);
    const account = (name: string) => `dash-${name}-${run.toString("hex")}@example.test`;
    const address = (c: number, d: number) => `10.${run[0]! % 200}.${(run[1]! % 200) + c}.${d}`;
    const fail = async (scope: "customer_login" | "temporary_password", accountKey: string, clientAddress: string, minutesApart = 1) => {
      await recordAttempt({ scope, accountKey, clientAddress }, false);
      advanceClock(minutesApart * 60_000);
    };
    // A day and more ago: an account locked then is outside the figure.
    setClock(new Date("2041-04-29T22:00:00Z"));
    for (let i = 0; i < 5; i++) await fail("customer_login", account("old"), address(3, 1));
    setClock(new Date("2041-05-01T00:00:00Z"));
    const locksBefore = await figure("signInLocks");
    // Four failures of one account: no lock; five 仮パスワード requests for unknown addresses from one address: one
    // lock (the address); the fifth failure of the first account makes a second.
    for (let i = 0; i < 4; i++) await fail("customer_login", account("one"), address(1, 1));
    expect(await figure("signInLocks"), "four failures").toBe(locksBefore);
    for (let i = 0; i < 5; i++) await fail("temporary_password", account(`unknown${i}`), address(1, 2));
    expect(await figure("signInLocks"), "an address with five").toBe(locksBefore + 1);
    await fail("customer_login", account("one"), address(1, 3));
    expect(await figure("signInLocks"), "an account with five").toBe(locksBefore + 2);
    // Five failures spread over more than the window (15 minutes) lock nothing.
    for (let i = 0; i < 5; i++) await fail("customer_login", account("slow"), address(2, i), 20);
    expect(await figure("signInLocks")).toBe(locksBefore + 2);
  });
});
