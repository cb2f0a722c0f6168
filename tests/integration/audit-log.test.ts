import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import { findAuditEntries, iterateAuditEntries, listAuditActions, listAuditTargetTypes, type AuditLogEntry, type AuditPosition } from "@/lib/audit/log";
import { auditDateTimeValue, auditSearch, decodeAuditCursor, encodeAuditCursor, formatAuditTime, parseAuditQuery, type AuditFilters } from "@/lib/audit/query";
import { dashboardFor } from "@/lib/staff-area/dashboard";
import type { StaffActor } from "@/lib/auth/actor";
import { writeAudit } from "@/lib/audit";
import { iterateAuditLog } from "@/lib/audit/export";
import { now } from "@/lib/clock";
import { createStaffActor } from "../support/factories";

// SPEC G-7: the audit log viewer's library — each filter, the range's edges in Tokyo time, keyset
// paging over ties in `at` (exact to the microsecond), tampered cursors, and the export under the page's filters.
// Each test writes rows of its own: actions under its own prefix, or times in a year no other row has.

let admin: StaffActor;

beforeAll(async () => {
  admin = await createStaffActor({ role: "admin", clientAddress: "198.51.100.20" });
});

/** Filters as the page reads them from its query string (the schema is the page's and the export's). */
function filters(query: Record<string, string | string[]>): AuditFilters {
  const parsed = parseAuditQuery(query);
  if (!parsed.ok) throw new Error(`unexpected errors ${parsed.errors.join(", ")}`);
  return parsed.filters;
}

/** Follows 次へ from the newest page to the last; returns each page's ids. */
async function walkOlder(f: AuditFilters, limit: number): Promise<number[][]> {
  const pages: number[][] = [];
  let position: AuditPosition = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await findAuditEntries(admin, f, position, limit);
    pages.push(page.rows.map((row) => row.id));
    if (!page.older) return pages;
    position = { after: page.older };
  }
  throw new Error("more than 1,000 pages");
}

type Row = {
  k: number;
  at: string;
  action?: string;
  actorType?: "customer" | "staff" | "anonymous" | "system";
  actorEmail?: string | null;
  targetType?: string | null;
  targetId?: string | null;
};

/** Inserts rows with exact timestamps (microseconds, as PostgreSQL keeps them); returns their ids by k. */
async function insertRows(rows: Row[]): Promise<Map<number, number>> {
  const db = await getDb();
  const inserted = await db
    .insert(auditLog)
    .values(
      rows.map((row) => ({
        at: sql`${row.at}::text::timestamptz`,
        actorType: row.actorType ?? "system",
        actorEmail: row.actorEmail ?? null,
        action: row.action ?? "auditlogtest.row",
        targetType: row.targetType ?? null,
        targetId: row.targetId ?? null,
        details: { k: row.k },
      })),
    )
    .returning({ id: auditLog.id, details: auditLog.details });
  return new Map(inserted.map((row) => [(row.details as { k: number }).k, row.id]));
}

describe("G-7 keyset paging", () => {
  // 250 rows in January 2031 over 84 timestamps (about three rows on each, the same microsecond), their times not in
  // the order of their ids; four timestamps within one millisecond, so a cursor rounded to milliseconds would skip rows.
  const groups = 84;
  const groupOf = (k: number) => (k * 37) % groups;
  const atOf = (group: number) =>
    new Date(Date.UTC(2031, 0, 10) + Math.floor(group / 4)).toISOString().replace("Z", `${String((group % 4) * 250).padStart(3, "0")}Z`);
  let expected: number[];

  beforeAll(async () => {
    const ids = await insertRows(Array.from({ length: 250 }, (_, i) => ({ k: i + 1, at: atOf(groupOf(i + 1)) })));
    expected = [...ids.entries()].sort(([ka, ia], [kb, ib]) => groupOf(kb) - groupOf(ka) || ib - ia).map(([, id]) => id);
  });

  const january = () => filters({ from: "2031-01-01", to: "2031-01-31" });

  it("returns every row exactly once, newest first and by id within one timestamp, whatever the page size", async () => {
    expect(expected).toHaveLength(250);
    for (const limit of [50, 7, 3]) {
      const pages = await walkOlder(january(), limit);
      expect(pages.flat(), `pages of ${limit}`).toEqual(expected);
      expect(
        pages.slice(0, -1).every((page) => page.length === limit),
        `full pages of ${limit}`,
      ).toBe(true);
      expect(pages.length).toBe(Math.ceil(250 / limit));
    }
  });

  it("goes back with 前へ to exactly the pages it came from, and the newest page has no 前へ", async () => {
    const limit = 7;
    const forward: { ids: number[]; newer: AuditLogEntry["cursor"] | null; older: AuditLogEntry["cursor"] | null }[] = [];
    let position: AuditPosition = null;
    for (;;) {
      const page = await findAuditEntries(admin, january(), position, limit);
      forward.push({ ids: page.rows.map((r) => r.id), newer: page.newer, older: page.older });
      if (!page.older) break;
      position = { after: page.older };
    }
    expect(forward[0]!.newer, "the newest page").toBeNull();
    expect(forward.slice(1).every((page) => page.newer !== null)).toBe(true);
    // From the last page back to the first, by each page's own 前へ.
    for (let index = forward.length - 1; index > 0; index--) {
      const back = await findAuditEntries(admin, january(), { before: forward[index]!.newer! }, limit);
      expect(
        back.rows.map((r) => r.id),
        `前へ from page ${index + 1}`,
      ).toEqual(forward[index - 1]!.ids);
    }
    // Fewer than a page of newer rows left (a cursor inside the first page): the newest page itself.
    const first = await findAuditEntries(admin, january(), null, limit);
    const near = await findAuditEntries(admin, january(), { before: first.rows[3]!.cursor }, limit);
    expect(near.rows.map((r) => r.id)).toEqual(forward[0]!.ids);
    expect(near.newer).toBeNull();
  });

  it("keeps the cursor exact to the microsecond, through the URL form and back", async () => {
    const page = await findAuditEntries(admin, january(), null, 5);
    const cursor = page.rows[0]!.cursor;
    expect(cursor.at).toMatch(/^2031-01-10T00:00:00\.\d{6}Z$/);
    expect(cursor.at).toBe(atOf(groups - 1));
    const token = encodeAuditCursor(cursor);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeAuditCursor(token)).toEqual(cursor);
    // The page after a row is the same whether the cursor came from the row or from its link.
    const fromLink = await findAuditEntries(admin, january(), { after: decodeAuditCursor(token)! }, 5);
    expect(fromLink.rows.map((r) => r.id)).toEqual(expected.slice(1, 6));
  });

  it("reads a tampered, truncated or impossible cursor as none, and a cursor past the end as an empty page", async () => {
    const good = encodeAuditCursor({ at: "2031-01-10T00:00:00.000250Z", id: 12 });
    const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64url");
    for (const bad of [
      undefined,
      "",
      "!!!",
      good.slice(0, -3),
      `${good}=`,
      ["a", "b"],
      12,
      "x".repeat(200),
      b64("2031-02-30T00:00:00.000000Z|12"),
      b64("2031-01-10T25:00:00.000000Z|12"),
      b64("2031-01-10T00:00:00.000Z|12"),
      b64("2031-01-10T00:00:00.000000Z|0"),
      b64("2031-01-10T00:00:00.000000Z|99999999999999999"),
      b64("2031-01-10T00:00:00.000000Z|1|2"),
      b64("'; DROP TABLE audit_log; --|1"),
    ]) {
      expect(decodeAuditCursor(bad), String(bad)).toBeNull();
    }
    expect(decodeAuditCursor(good)).toEqual({ at: "2031-01-10T00:00:00.000250Z", id: 12 });
    // A well-formed cursor that is no row's position still pages by the keyset: before every row, nothing.
    const past = await findAuditEntries(admin, january(), { after: { at: "2030-01-01T00:00:00.000000Z", id: 1 } });
    expect(past).toEqual({ rows: [], older: null, newer: null });
    const future = await findAuditEntries(admin, january(), { after: { at: "2032-01-01T00:00:00.000000Z", id: 1 } }, 50);
    expect(future.rows.map((r) => r.id)).toEqual(expected.slice(0, 50));
  });
});

describe("G-7 filters", () => {
  beforeAll(async () => {
    await insertRows([
      { k: 1, at: "2032-05-01T01:00:00.000000Z", action: "filtertest.login.success", actorType: "customer", actorEmail: "filter-one@example.test" },
      { k: 2, at: "2032-05-01T02:00:00.000000Z", action: "filtertest.login.lock", actorType: "anonymous", actorEmail: "filter-one@example.test" },
      {
        k: 3,
        at: "2032-05-01T03:00:00.000000Z",
        action: "filtertest.download",
        actorType: "customer",
        actorEmail: "filter-two@example.test",
        targetType: "filtertest_file",
        targetId: "7",
      },
      {
        k: 4,
        at: "2032-05-01T04:00:00.000000Z",
        action: "filtertest.staff.edit",
        actorType: "staff",
        actorEmail: "filter-staff@example.test",
        targetType: "filtertest_file",
        targetId: "8",
      },
      {
        k: 5,
        at: "2032-05-01T05:00:00.000000Z",
        action: "filtertest.staff.lock",
        actorType: "anonymous",
        actorEmail: "filter-staff@example.test",
        targetType: "filtertest_notice",
        targetId: "7",
      },
      { k: 6, at: "2032-05-01T06:00:00.000000Z", action: "filtertest.sent", actorType: "system", actorEmail: null },
    ]);
  });

  /** The k of every row the query finds, newest first. */
  const ks = async (query: Record<string, string | string[]>) =>
    (await findAuditEntries(admin, filters({ action: "filtertest.", ...query }))).rows.map((row) => (row.details as { k: number }).k);

  it("by 操作者: the e-mail exactly, whatever its case and width, and by type", async () => {
    expect(await ks({ actor: "filter-one@example.test" })).toEqual([2, 1]);
    expect(await ks({ actor: " FILTER-ONE@Example.Test " })).toEqual([2, 1]);
    expect(await ks({ actor: "ｆｉｌｔｅｒ－ｏｎｅ＠ｅｘａｍｐｌｅ．ｔｅｓｔ" }), "full-width, as NFKC reads it").toEqual([2, 1]);
    expect(await ks({ actor: "filter-one@example" }), "exact, not a prefix").toEqual([]);
    expect(await ks({ actorType: "anonymous" })).toEqual([5, 2]);
    expect(await ks({ actorType: "system" })).toEqual([6]);
    expect(await ks({ actor: "filter-staff@example.test", actorType: "staff" })).toEqual([4]);
  });

  it("by 操作: an exact name, a list, a prefix, and a list of prefixes and names", async () => {
    expect(await ks({ action: "filtertest.login.lock" })).toEqual([2]);
    expect(await ks({ action: "filtertest.login.lock,filtertest.staff.lock" })).toEqual([5, 2]);
    expect(await ks({ action: ["filtertest.login.lock", "filtertest.sent"] }), "a repeated parameter").toEqual([6, 2]);
    expect(await ks({ action: "filtertest.staff." })).toEqual([5, 4]);
    expect(await ks({ action: "filtertest.staff.*" })).toEqual([5, 4]);
    expect(await ks({ action: "filtertest.login., filtertest.sent" })).toEqual([6, 2, 1]);
    expect(await ks({ action: "filtertest.login" }), "exact without the dot: no such action").toEqual([]);
    expect(await ks({ action: "nosuchprefix." }), "a prefix nothing starts with").toEqual([]);
  });

  it("by 対象: a type, or a type and an id", async () => {
    expect(await ks({ targetType: "filtertest_file" })).toEqual([4, 3]);
    expect(await ks({ targetType: "filtertest_file", targetId: "7" })).toEqual([3]);
    expect(await ks({ targetType: "filtertest_notice", targetId: "7" })).toEqual([5]);
    expect(await ks({ targetType: "filtertest_file", targetId: "9" })).toEqual([]);
  });

  it("combines every filter (AND), and lists the recorded actions and target types for the form's suggestions", async () => {
    expect(await ks({ actor: "filter-staff@example.test", targetType: "filtertest_file", from: "2032-05-01T13:00", to: "2032-05-01T13:30" })).toEqual([4]);
    const [actions, types] = await Promise.all([listAuditActions(admin), listAuditTargetTypes(admin)]);
    expect(actions).toEqual(
      expect.arrayContaining([
        "filtertest.download",
        "filtertest.login.lock",
        "filtertest.login.success",
        "filtertest.sent",
        "filtertest.staff.edit",
        "filtertest.staff.lock",
      ]),
    );
    expect(actions).toEqual([...actions].sort());
    expect(new Set(actions).size).toBe(actions.length);
    expect(types).toEqual(expect.arrayContaining(["filtertest_file", "filtertest_notice"]));
    expect(types).not.toContain(null);
  });
});

describe("G-7 期間 in Tokyo time", () => {
  // 2033-03-01 in Tokyo runs from 2033-02-28T15:00:00Z to 2033-03-01T15:00:00Z.
  beforeAll(async () => {
    await insertRows([
      { k: 1, at: "2033-02-28T14:59:59.999999Z", action: "rangetest.row" },
      { k: 2, at: "2033-02-28T15:00:00.000000Z", action: "rangetest.row" },
      { k: 3, at: "2033-03-01T01:00:00.000000Z", action: "rangetest.row" },
      { k: 4, at: "2033-03-01T01:59:59.999999Z", action: "rangetest.row" },
      { k: 5, at: "2033-03-01T02:00:00.000000Z", action: "rangetest.row" },
      { k: 6, at: "2033-03-01T14:59:59.999999Z", action: "rangetest.row" },
      { k: 7, at: "2033-03-01T15:00:00.000000Z", action: "rangetest.row" },
    ]);
  });

  const ks = async (query: Record<string, string>) =>
    (await findAuditEntries(admin, filters({ action: "rangetest.row", ...query }))).rows.map((row) => (row.details as { k: number }).k);

  it("a date: from 00:00 of 開始 to the end of 終了, Tokyo days", async () => {
    expect(await ks({ from: "2033-03-01", to: "2033-03-01" })).toEqual([6, 5, 4, 3, 2]);
    expect(await ks({ from: "2033/03/01" }), "slashes, and no end").toEqual([7, 6, 5, 4, 3, 2]);
    expect(await ks({ to: "2033-02-28" }), "no start: everything to the end of the day").toEqual([1]);
  });

  it("a date and time: 開始 included, 終了 excluded, to the second", async () => {
    expect(await ks({ from: "2033-03-01T10:00", to: "2033-03-01T11:00" }), "10:00–11:00 is one hour").toEqual([4, 3]);
    expect(await ks({ from: "2033-03-01T10:00:00", to: "2033-03-01T10:59:59" })).toEqual([3]);
    expect(await ks({ from: "2033-03-01 11:00" }), "a space for the T").toEqual([7, 6, 5]);
    expect(await ks({ to: "2033-03-01T00:00" })).toEqual([1]);
  });

  it("writes the range back as the form's datetime-local values, seconds only when there are any", async () => {
    const parsed = parseAuditQuery({ from: "2033-03-01", to: "2033-03-01", action: "rangetest.row" });
    expect(parsed.ok && parsed.query).toEqual({ action: "rangetest.row", from: "2033-03-01T00:00", to: "2033-03-02T00:00" });
    const again = parseAuditQuery({ from: "2033-03-01T10:00:30", to: "2033-03-02T00:00" });
    expect(again.ok && again.query).toEqual({ from: "2033-03-01T10:00:30", to: "2033-03-02T00:00" });
    // The written-back values select exactly what the first query did.
    expect(again.ok && filters(again.query)).toEqual(again.ok && again.filters);
    expect(formatAuditTime(new Date("2033-02-28T15:00:09.999Z"))).toBe("2033/03/01 00:00:09");
  });
});

describe("G-7 bad input: a clear message, no query", () => {
  const errors = (query: Record<string, unknown>) => {
    const parsed = parseAuditQuery(query);
    return parsed.ok ? [] : parsed.errors;
  };

  it("names each bad field", () => {
    expect(errors({ from: "2033-02-30" })).toEqual(["from"]);
    expect(errors({ to: "2033-13-01T10:00" })).toEqual(["to"]);
    expect(errors({ from: "2033-03-01T24:00" })).toEqual(["from"]);
    expect(errors({ from: "yesterday" })).toEqual(["from"]);
    expect(errors({ from: "2033-03-02", to: "2033-03-01" })).toEqual(["range"]);
    expect(errors({ from: "2033-03-01T10:00", to: "2033-03-01T10:00" }), "an empty range").toEqual(["range"]);
    expect(errors({ targetId: "7" })).toEqual(["targetNeedsType"]);
    expect(errors({ targetType: "license; DROP" })).toEqual(["targetType"]);
    expect(errors({ action: "login.lock; DROP TABLE" })).toEqual(["action"]);
    expect(errors({ action: Array.from({ length: 21 }, (_, i) => `a${i}.x`).join(",") })).toEqual(["action"]);
    expect(errors({ actorType: "root" })).toEqual(["actorType"]);
    expect(errors({ actor: ["a@example.test", "b@example.test"] }), "a repeated actor").toEqual(["actor"]);
    expect(errors({ actor: "a\u0000@example.test" }), "NUL, which PostgreSQL refuses in text").toEqual(["actor"]);
    expect(errors({ targetType: "license", targetId: "1\u00002" })).toEqual(["targetId"]);
    expect(errors({ actor: `${"a".repeat(250)}@example.test` })).toEqual(["actor"]);
    expect(errors({ from: "2033-02-30", actorType: "root" }).sort()).toEqual(["actorType", "from"]);
  });

  it("reads empty fields as no filter, and gives the values as typed back to the form", () => {
    const empty = parseAuditQuery({ actor: "", actorType: "", action: " ", targetType: "", targetId: "", from: "", to: "" });
    expect(empty).toEqual({ ok: true, filters: {}, query: {} });
    const bad = parseAuditQuery({ actor: "Someone@Example.test", from: "2033-02-30", action: ["x.", "y"] });
    expect(bad).toEqual({ ok: false, errors: ["from"], values: { actor: "Someone@Example.test", from: "2033-02-30", action: "x.,y" } });
  });

  it("carries the filters in every link, in the form's order, and the cursor last", () => {
    const parsed = parseAuditQuery({ to: "2033-03-01", action: "ｌｏｇｉｎ．ｌｏｃｋ,staff.", actor: "A@Example.test" });
    expect(parsed.ok).toBe(true);
    const query = parsed.ok ? parsed.query : {};
    expect(auditSearch(query)).toBe("?actor=a%40example.test&action=login.lock%2Cstaff.&to=2033-03-02T00%3A00");
    expect(auditSearch(query, { after: "abc" })).toBe("?actor=a%40example.test&action=login.lock%2Cstaff.&to=2033-03-02T00%3A00&after=abc");
    expect(auditSearch({})).toBe("");
  });
});

describe("G-7 export under the page's filters", () => {
  // 23 rows under an action prefix of this run's, so that a repeated run (or another file) adds none of its own here.
  const prefix = `exporttest${randomBytes(4).toString("hex")}`;
  const kept = `${prefix}.kept`;

  beforeAll(async () => {
    await insertRows(
      Array.from({ length: 23 }, (_, i) => ({
        k: i + 1,
        at: `2034-01-01T00:00:${String(Math.floor(i / 2)).padStart(2, "0")}.000000Z`,
        action: i % 3 ? kept : `${prefix}.other`,
      })),
    );
  });

  it("streams exactly the page's rows in its order, in chunks, and records the export with its filters", async () => {
    const parsed = parseAuditQuery({ action: kept, from: "2034-01-01" });
    if (!parsed.ok) throw new Error("filters");
    const chunks: number[][] = [];
    for await (const rows of iterateAuditLog({ actor: admin, filters: parsed.filters, query: parsed.query, chunk: 4 })) chunks.push(rows.map((row) => row.id));
    expect(chunks.every((chunk) => chunk.length <= 4)).toBe(true);
    expect(chunks.flat()).toEqual((await walkOlder(parsed.filters, 50)).flat());
    expect(chunks.flat()).toHaveLength(15);

    const db = await getDb();
    const [recorded] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "staff.audit_export"), eq(auditLog.actorEmail, admin.email), sql`${auditLog.details}->>'action' = ${kept}`));
    expect(recorded).toMatchObject({
      actorType: "staff",
      details: { action: kept, from: "2034-01-01T00:00" },
      clientAddress: admin.clientAddress,
    });
  });

  it("iterates a list of actions over one scan per action, merged in order", async () => {
    const f = filters({ action: `${kept},${prefix}.other` });
    const chunks: AuditLogEntry[][] = [];
    for await (const rows of iterateAuditEntries(admin, f, 5)) chunks.push(rows);
    const rows = chunks.flat();
    expect(rows).toHaveLength(23);
    const keys = rows.map((row) => [row.cursor.at, row.id] as const);
    expect(keys).toEqual([...keys].sort((a, b) => (a[0] === b[0] ? b[1] - a[1] : a[0] < b[0] ? 1 : -1)));
  });
});

describe("G-7 the dashboard's sign-in locks", () => {
  it("leads an admin to the lock events of the last 24 hours, and an operator (no audit.read) nowhere", async () => {
    const [locks] = (await dashboardFor(admin)).filter((item) => item.key === "signInLocks");
    expect(locks!.href).toMatch(
      /^\/admin\/audit\?action=login\.lock%2Cstaff\.login\.lock%2Ctemporary_password\.lock&from=\d{4}-\d{2}-\d{2}T\d{2}%3A\d{2}(%3A\d{2})?$/,
    );
    expect((await dashboardFor({ ...admin, role: "operator" })).find((item) => item.key === "signInLocks")!.href).toBeNull();

    const query = Object.fromEntries(new URL(locks!.href!, "http://localhost").searchParams);
    const f = filters(query);
    expect(Math.abs(f.from!.getTime() - (now().getTime() - 24 * 3_600_000))).toBeLessThan(60_000);
    expect(query.from).toBe(auditDateTimeValue(f.from!));
    await writeAudit({
      actorType: "anonymous",
      actorEmail: "locked-dash@example.test",
      action: "login.lock",
      clientAddress: "203.0.113.5",
      details: { by: "account" },
    });
    await writeAudit({ actorType: "anonymous", actorEmail: "locked-dash@example.test", action: "login.failure", clientAddress: "203.0.113.5" });
    const page = await findAuditEntries(admin, f);
    expect(page.rows.map((row) => [row.action, row.actorEmail])).toContainEqual(["login.lock", "locked-dash@example.test"]);
    expect(page.rows.every((row) => ["login.lock", "staff.login.lock", "temporary_password.lock"].includes(row.action))).toBe(true);
  });
});
