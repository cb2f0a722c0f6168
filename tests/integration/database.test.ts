import { count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { databaseEngine, getDb } from "@/db/client";
import * as s from "@/db/schema";
import { DEMO_LARGE_CONTRACTS, DEMO_LARGE_FIRST_ID, DEMO_STAFF, DEMO_USER, demoCodeFor, seedDemo, seedDemoIfEmpty } from "@/lib/demo/seed";
import { verifyPassword } from "@/lib/auth/password-hash";
import { isUniqueViolation, pgConstraint, pgErrorCode, rowsOf, toNumber } from "@/db/sql";

beforeAll(async () => {
  await seedDemo(await getDb());
});

describe(`one query layer on ${databaseEngine()}`, () => {
  it("applies every migration, including pg_trgm for the registry search", async () => {
    const db = await getDb();
    const ext = rowsOf<{ extname: string }>(await db.execute(sql`SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'`));
    expect(ext).toHaveLength(1);
    const similar = rowsOf<{ sim: unknown }>(await db.execute(sql`SELECT similarity('テストユーザ', 'テストユーザー') AS sim`));
    expect(Number(similar[0]?.sim)).toBeGreaterThan(0.5);
  });

  it("reports a unique violation the same way on both engines", async () => {
    const db = await getDb();
    const { key } = demoCodeFor(100001);
    const [line] = await db.select().from(s.contractProducts).where(eq(s.contractProducts.activationCodeKey, key));
    expect(line?.licenseId).toBe(100001);
    const error = await db
      .insert(s.contractProducts)
      .values({ ...line!, id: undefined })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(pgErrorCode(error)).toBe("23505");
    expect(pgConstraint(error)).toBe("contract_products_code_key_uq");
    expect(isUniqueViolation(error, "contract_products_code_key_uq")).toBe(true);
  });

  it("reads raw results and bigints alike", async () => {
    const db = await getDb();
    const rows = rowsOf<{ n: unknown }>(await db.execute(sql`SELECT count(*)::bigint AS n FROM license_contracts`));
    expect(toNumber(rows[0]?.n)).toBe(17 + DEMO_LARGE_CONTRACTS);
  });

  it("rolls a failed transaction back completely", async () => {
    const db = await getDb();
    await expect(
      db.transaction(async (tx) => {
        await tx.update(s.licenseContracts).set({ hiddenByCustomer: true }).where(eq(s.licenseContracts.licenseId, 100001));
        await tx.execute(sql`SELECT 1/0`);
      }),
    ).rejects.toThrow();
    const [row] = await db.select().from(s.licenseContracts).where(eq(s.licenseContracts.licenseId, 100001));
    expect(row?.hiddenByCustomer).toBe(false);
  });
});

describe("SPEC X-2 demo data", () => {
  it("holds the demo contracts, accounts and staff", async () => {
    const db = await getDb();
    const ids = (await db.select({ id: s.licenseContracts.licenseId }).from(s.licenseContracts)).map((r) => r.id).sort();
    const large = Array.from({ length: DEMO_LARGE_CONTRACTS }, (_, i) => DEMO_LARGE_FIRST_ID + i);
    expect(ids).toEqual([
      100001,
      100002,
      100003,
      100004,
      100005,
      100006,
      100007,
      100008,
      100009,
      100010,
      100011,
      100012,
      100013,
      100014,
      100015,
      200001,
      300001,
      ...large,
    ]);
    const [user] = await db.select().from(s.customerAccounts).where(eq(s.customerAccounts.email, DEMO_USER));
    expect(await verifyPassword("Demo-Passw0rd!", user!.passwordHash!)).toBe(true);
    const first = await db.select().from(s.customerAccounts).where(eq(s.customerAccounts.email, "first@example.co.jp"));
    expect(first).toHaveLength(0);
    const staff = await db.select({ email: s.staffAccounts.email, role: s.staffAccounts.role }).from(s.staffAccounts);
    expect(staff.map((m) => m.email).sort()).toEqual(DEMO_STAFF.map((m) => m.email).sort());
  });

  it("keeps the dates relative to the seed day and the codes fixed", async () => {
    const db = await getDb();
    const [c] = await db.select().from(s.licenseContracts).where(eq(s.licenseContracts.licenseId, 100005));
    expect(Number(c!.endDate.slice(0, 4))).toBe(new Date().getUTCFullYear() - 7);
    expect(demoCodeFor(100001).code).toMatch(/^OS-/);
    expect(demoCodeFor(100002).code).toMatch(/^SO-/);
  });

  it("seeds only once", async () => {
    const db = await getDb();
    expect(await seedDemoIfEmpty(db)).toBe(false);
    const [{ n }] = (await db.select({ n: count() }).from(s.products)) as [{ n: number }];
    // 15 catalog products of SPEC X-2 and the four that the C forms issue (lib/issuance/catalog.ts).
    expect(n).toBe(19);
  });
});
