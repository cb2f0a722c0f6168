import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, notices } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import type { SessionState } from "@/lib/auth/sessions";
import { setClock } from "@/lib/clock";
import { toTokyoDateTimeLocal } from "@/lib/dates";
import { catalogueOf, translator } from "@/lib/i18n";
import { createNotice, deleteNotice, getNoticeForEdit, listNoticesForStaff, unpublishNotice, updateNotice } from "@/lib/notices/admin";
import { getPublishedNotice, listPublishedNotices } from "@/lib/notices/queries";
import { noticeFieldErrors, noticeInputSchema, type NoticeErrorMessages, type NoticeInput } from "@/lib/validation/notice";
import { createNotice as seedNotice, createStaff, type CreatedStaff, staffActor } from "../support/factories";

const ja = translator("ja");

// SPEC G-2 on the real database: the lib functions (each change and its audit row in one transaction; a notice that
// is not there or a change of nothing writes nothing), the schedule in Tokyo time, and the server actions themselves
// through their guard — with Next's request APIs and the session stood in for (below) — for refused input (field
// messages, nothing written) and for roles without `notices.write` (404).

// --- stand-ins ---------------------------------------------------------------------------------------------------------

/** Makes the next writeAudit calls fail, to show that the change before it is rolled back with it. */
const audit = vi.hoisted(() => ({ fail: false }));
vi.mock("@/lib/audit", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/audit")>();
  return {
    ...original,
    writeAudit: async (...args: Parameters<typeof original.writeAudit>) => {
      if (audit.fail) throw new Error("audit write failed (test)");
      return original.writeAudit(...args);
    },
  };
});

const session = vi.hoisted(() => ({ state: { state: "none" } as SessionState }));
// The session as the guard reads it (the real module reads next-auth's cookie); what else guards.ts takes from it is
// not reached by staff actions.
vi.mock("@/lib/auth/current", () => ({ getSessionState: async () => session.state, isSameOrigin: () => true, safeCallbackPath: (value: string) => value }));

class NotFound extends Error {}
class Redirect extends Error {
  constructor(readonly url: string) {
    super(`redirect ${url}`);
  }
}
const revalidated = vi.hoisted(() => [] as string[]);
vi.mock("next/cache", () => ({ revalidatePath: (path: string) => void revalidated.push(path) }));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new NotFound("not found");
  },
  redirect: (url: string) => {
    throw new Redirect(url);
  },
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-ecs-socket-address": "10.14.0.1" }), cookies: async () => ({ get: () => undefined }) }));

const { createNoticeAction, deleteNoticeAction, unpublishNoticeAction, updateNoticeAction } = await import("@/app/admin/(staff)/notices/actions");

// --- helpers -----------------------------------------------------------------------------------------------------------

let marketer: CreatedStaff;
let operator: CreatedStaff;
let actor: StaffActor;

beforeAll(async () => {
  [marketer, operator] = await Promise.all([createStaff({ role: "marketer" }), createStaff({ role: "operator" })]);
  actor = staffActor(marketer, "10.14.0.2");
});

beforeEach(() => {
  audit.fail = false;
  revalidated.length = 0;
  session.state = { state: "none" };
});

function signedInAs(staff: CreatedStaff): void {
  session.state = {
    state: "active",
    id: "test-session",
    principal: { type: "staff", accountId: staff.id },
    email: staff.email,
    role: staff.role,
    mustChangePassword: false,
    passwordExpiresAt: null,
    lastSeenAt: new Date(),
  };
}

function input(overrides: Partial<NoticeInput> = {}): NoticeInput {
  return {
    category: "support_news",
    title: `お知らせ ${Math.random().toString(36).slice(2, 8)}`,
    body: "本文です。",
    important: false,
    publishFrom: new Date("2026-06-01T00:00:00Z"),
    publishUntil: null,
    ...overrides,
  };
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

const auditsOf = async (noticeId: number, action?: string) => {
  const db = await getDb();
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetType, "notice"), eq(auditLog.targetId, String(noticeId)), action ? eq(auditLog.action, action) : undefined))
    .orderBy(auditLog.id);
};

const rowOf = async (noticeId: number) => {
  const db = await getDb();
  const [row] = await db.select().from(notices).where(eq(notices.id, noticeId));
  return row;
};

const countNotices = async () => (await (await getDb()).select({ id: notices.id }).from(notices)).length;
const countAudits = async () => (await (await getDb()).select({ id: auditLog.id }).from(auditLog)).length;

// --- the schedule ------------------------------------------------------------------------------------------------------

describe("G-2 schedule in Tokyo time", () => {
  it('reads the datetime-local value "2026-12-02T09:00" as 09:00 JST, publishes the notice from then and shows it back the same', async () => {
    const parsed = noticeInputSchema.parse({
      category: "site",
      title: "年末年始のお知らせ",
      body: "本文",
      publishFrom: "2026-12-02T09:00",
      publishUntil: "2026-12-09T18:30",
    });
    expect(parsed.publishFrom?.toISOString()).toBe("2026-12-02T00:00:00.000Z");
    expect(parsed.publishUntil?.toISOString()).toBe("2026-12-09T09:30:00.000Z");

    const { id } = await createNotice({ actor, input: parsed });
    setClock(new Date("2026-12-01T23:59:59Z")); // 08:59:59 JST
    expect((await getNoticeForEdit({ actor, noticeId: id }))?.status).toBe("scheduled");
    expect((await listPublishedNotices({ limit: 100 })).map((n) => n.id)).not.toContain(id);
    expect(await getPublishedNotice(id)).toBeUndefined();

    setClock(new Date("2026-12-02T00:00:00Z")); // 09:00 JST
    expect((await getNoticeForEdit({ actor, noticeId: id }))?.status).toBe("published");
    expect((await listPublishedNotices({ limit: 100 })).map((n) => n.id)).toContain(id);
    expect((await getPublishedNotice(id))?.title).toBe("年末年始のお知らせ");

    setClock(new Date("2026-12-09T09:30:00Z")); // 18:30 JST: the end is exclusive
    expect((await getNoticeForEdit({ actor, noticeId: id }))?.status).toBe("ended");
    expect(await getPublishedNotice(id)).toBeUndefined();

    // The edit form gets the same wall-clock values back.
    const row = (await rowOf(id))!;
    expect(toTokyoDateTimeLocal(row.publishFrom!)).toBe("2026-12-02T09:00");
    expect(toTokyoDateTimeLocal(row.publishUntil!)).toBe("2026-12-09T18:30");
    // A value with seconds is the same wall clock; the day boundary moves with it.
    expect(noticeInputSchema.parse({ category: "site", title: "t", body: "b", publishFrom: "2026-12-02T00:30:15" }).publishFrom?.toISOString()).toBe(
      "2026-12-01T15:30:15.000Z",
    );
  });

  it("lists drafts first, then by publish-from, newest first, each with its status", async () => {
    setClock(new Date("2026-07-01T00:00:00Z"));
    const draft = await seedNotice({ publishFrom: null, title: "並び順 下書き" });
    const scheduled = await seedNotice({ publishFrom: new Date("2026-08-01T00:00:00Z"), title: "並び順 予定" });
    const published = await seedNotice({ publishFrom: new Date("2026-06-01T00:00:00Z"), title: "並び順 掲載中" });
    const ended = await seedNotice({ publishFrom: new Date("2026-05-01T00:00:00Z"), publishUntil: new Date("2026-05-02T00:00:00Z"), title: "並び順 終了" });
    const mine = (await listNoticesForStaff({ actor })).filter((n) => n.title.startsWith("並び順"));
    expect(mine.map((n) => [n.id, n.status])).toEqual([
      [draft.id, "draft"],
      [scheduled.id, "scheduled"],
      [published.id, "published"],
      [ended.id, "ended"],
    ]);
  });
});

// --- the writes and their audit rows -----------------------------------------------------------------------------------

describe("G-2 create / update / unpublish / delete, each with its audit row", () => {
  it("create writes the notice and one audit row of what it holds", async () => {
    const { id } = await createNotice({ actor, input: input({ title: "作成のお知らせ", important: true, body: "x".repeat(500) }) });
    const row = (await rowOf(id))!;
    expect(row).toMatchObject({ category: "support_news", title: "作成のお知らせ", important: true, createdByStaffId: marketer.id });
    const [created, ...more] = await auditsOf(id);
    expect(more).toEqual([]);
    expect(created).toMatchObject({
      action: "notices.created",
      actorType: "staff",
      actorId: marketer.id,
      actorEmail: marketer.email,
      clientAddress: "10.14.0.2",
    });
    expect(created!.details).toEqual({
      category: "support_news",
      title: "作成のお知らせ",
      bodyLength: 500,
      important: true,
      publishFrom: "2026-06-01T00:00:00.000Z",
      publishUntil: null,
    });
  });

  it("update writes what changed, before and after; the same values or no such notice write nothing", async () => {
    const before = input({ title: "更新前" });
    const { id } = await createNotice({ actor, input: before });
    expect(await updateNotice({ actor, noticeId: id, input: before })).toBe("unchanged");
    expect(await updateNotice({ actor, noticeId: 2_000_000_000, input: before })).toBe("not_found");
    expect(await auditsOf(id, "notices.updated")).toEqual([]);

    const after = { ...before, title: "更新後", publishFrom: new Date("2026-06-02T01:00:00Z") };
    expect(await updateNotice({ actor, noticeId: id, input: after })).toBe("updated");
    expect(await rowOf(id)).toMatchObject({ title: "更新後", publishFrom: new Date("2026-06-02T01:00:00Z"), body: before.body });
    const updates = await auditsOf(id, "notices.updated");
    expect(updates.map((a) => a.details)).toEqual([
      { titleBefore: "更新前", publishFromBefore: "2026-06-01T00:00:00.000Z", titleAfter: "更新後", publishFromAfter: "2026-06-02T01:00:00.000Z" },
    ]);
  });

  it("unpublish makes the notice a draft again (off the public pages) with its audit row; a draft or no such notice writes nothing", async () => {
    setClock(new Date("2026-06-10T00:00:00Z"));
    const { id } = await createNotice({ actor, input: input({ publishUntil: new Date("2026-07-01T00:00:00Z") }) });
    expect((await getPublishedNotice(id))?.id).toBe(id);

    expect(await unpublishNotice({ actor, noticeId: id })).toBe("unpublished");
    expect(await rowOf(id)).toMatchObject({ publishFrom: null, publishUntil: null });
    expect(await getPublishedNotice(id)).toBeUndefined();
    expect((await listPublishedNotices({ limit: 100 })).map((n) => n.id)).not.toContain(id);
    const [unpublished] = await auditsOf(id, "notices.unpublished");
    expect(unpublished!.details).toEqual({
      publishFromBefore: "2026-06-01T00:00:00.000Z",
      publishUntilBefore: "2026-07-01T00:00:00.000Z",
      statusBefore: "published",
    });

    expect(await unpublishNotice({ actor, noticeId: id })).toBe("not_published");
    expect(await unpublishNotice({ actor, noticeId: 2_000_000_000 })).toBe("not_found");
    expect(await auditsOf(id, "notices.unpublished")).toHaveLength(1);
  });

  it("delete removes the notice with an audit row naming it; no such notice writes nothing", async () => {
    const { id } = await createNotice({ actor, input: input({ title: "削除するお知らせ" }) });
    expect(await deleteNotice({ actor, noticeId: id })).toBe("deleted");
    expect(await rowOf(id)).toBeUndefined();
    const [deleted] = await auditsOf(id, "notices.deleted");
    expect(deleted!.details).toMatchObject({ title: "削除するお知らせ", category: "support_news" });
    const audits = await countAudits();
    expect(await deleteNotice({ actor, noticeId: id })).toBe("not_found");
    expect(await countAudits()).toBe(audits);
  });

  it("each change and its audit row are one transaction: when the audit row cannot be written, the change is not made either", async () => {
    const { id } = await createNotice({ actor, input: input({ title: "元のタイトル" }) });
    const [notices0, audits0] = [await countNotices(), await countAudits()];
    audit.fail = true;
    await expect(createNotice({ actor, input: input({ title: "書かれないお知らせ" }) })).rejects.toThrow(/audit write failed/);
    await expect(updateNotice({ actor, noticeId: id, input: input({ title: "書かれないタイトル" }) })).rejects.toThrow(/audit write failed/);
    await expect(unpublishNotice({ actor, noticeId: id })).rejects.toThrow(/audit write failed/);
    await expect(deleteNotice({ actor, noticeId: id })).rejects.toThrow(/audit write failed/);
    audit.fail = false;
    expect(await countNotices()).toBe(notices0);
    expect(await countAudits()).toBe(audits0);
    expect(await rowOf(id)).toMatchObject({ title: "元のタイトル", publishFrom: new Date("2026-06-01T00:00:00Z") });
  });
});

// --- the actions through their guard -----------------------------------------------------------------------------------

const VALID = { category: "site", title: "アクションのお知らせ", body: "本文", publishFrom: "2026-12-02T09:00", publishUntil: "" };
const idle = { status: "idle" as const };

describe("G-2 actions: refused input gets field messages and writes nothing", () => {
  it.each<[string, Record<string, string>, Record<string, string[]>]>([
    [
      "everything missing",
      {},
      { category: [ja("admin.notices.errors.choose")], title: [ja("admin.notices.errors.required")], body: [ja("admin.notices.errors.required")] },
    ],
    [
      "blank title and body, a category of none",
      { ...VALID, category: "news", title: "   ", body: "\n\n" },
      { category: [ja("admin.notices.errors.choose")], title: [ja("admin.notices.errors.required")], body: [ja("admin.notices.errors.required")] },
    ],
    [
      "a title too long, a body too long",
      { ...VALID, title: "あ".repeat(201), body: "x".repeat(20_001) },
      { title: [ja("admin.notices.errors.titleTooLong")], body: [ja("admin.notices.errors.bodyTooLong")] },
    ],
    ["a date that does not exist", { ...VALID, publishFrom: "2026-02-30T09:00" }, { publishFrom: [ja("admin.notices.errors.dateTime")] }],
    ["24:00", { ...VALID, publishFrom: "2026-12-02T24:00" }, { publishFrom: [ja("admin.notices.errors.dateTime")] }],
    ["a date without a time", { ...VALID, publishFrom: "2026-12-02" }, { publishFrom: [ja("admin.notices.errors.dateTime")] }],
    ["an end before the start", { ...VALID, publishUntil: "2026-12-02T08:59" }, { publishUntil: [ja("admin.notices.errors.untilAfterFrom")] }],
    ["an end equal to the start", { ...VALID, publishUntil: "2026-12-02T09:00" }, { publishUntil: [ja("admin.notices.errors.untilAfterFrom")] }],
    ["an end without a start", { ...VALID, publishFrom: "", publishUntil: "2026-12-02T09:00" }, { publishUntil: [ja("admin.notices.errors.untilNeedsFrom")] }],
    ["control characters in the title", { ...VALID, title: "a\u0007b" }, { title: [ja("admin.notices.errors.invalidCharacters")] }],
    ["an importance that is not a checkbox's", { ...VALID, important: "yes" }, { important: [ja("admin.notices.errors.invalid")] }],
  ])("create: %s", async (_label, fields, expected) => {
    signedInAs(marketer);
    const [notices0, audits0] = [await countNotices(), await countAudits()];
    const state = await createNoticeAction(idle, form(fields));
    expect(state).toEqual({ status: "error", message: ja("admin.notices.refused"), fieldErrors: expected });
    expect(await countNotices()).toBe(notices0);
    expect(await countAudits()).toBe(audits0);
    expect(revalidated).toEqual([]);
  });

  it("update: the same refusals on an existing notice leave it as it was; a bad or unknown id is a missing notice", async () => {
    signedInAs(marketer);
    const notice = await seedNotice({ title: "そのままのお知らせ" });
    const before = await rowOf(notice.id);
    const audits0 = await countAudits();
    const refused = await updateNoticeAction(idle, form({ ...VALID, noticeId: String(notice.id), title: "", publishUntil: "2026-12-01T09:00" }));
    expect(refused).toEqual({
      status: "error",
      message: ja("admin.notices.refused"),
      fieldErrors: { title: [ja("admin.notices.errors.required")], publishUntil: [ja("admin.notices.errors.untilAfterFrom")] },
    });
    for (const noticeId of ["0", "1e3", "2147483648", "abc", ""])
      expect(await updateNoticeAction(idle, form({ ...VALID, noticeId })), noticeId).toEqual({ status: "error", message: ja("admin.notices.notFound") });
    expect(await updateNoticeAction(idle, form({ ...VALID, noticeId: "2147483000" }))).toEqual({ status: "error", message: ja("admin.notices.notFound") });
    expect(await unpublishNoticeAction(idle, form({ noticeId: "2147483000" }))).toEqual({ status: "error", message: ja("admin.notices.notFound") });
    // Without the confirmation's own field nothing is deleted.
    expect(await deleteNoticeAction(idle, form({ noticeId: String(notice.id) }))).toMatchObject({ status: "error" });
    expect(await rowOf(notice.id)).toEqual(before);
    expect(await countAudits()).toBe(audits0);
    expect(revalidated).toEqual([]);
  });

  it("valid input: create redirects to the new notice's page, update and unpublish answer with a message; each revalidates the public pages", async () => {
    signedInAs(marketer);
    // Title and body are kept as written, full-width characters included (not NFKC-normalised); the body's CRLF become LF.
    const redirect = await createNoticeAction(
      idle,
      form({ ...VALID, title: "  法人カスタマーサービス＆サポート（重要）  ", body: "１行目\r\n２行目", important: "on" }),
    ).catch((error: unknown) => error);
    expect(redirect).toBeInstanceOf(Redirect);
    const id = Number(/^\/admin\/notices\/(\d+)\?created=1$/.exec((redirect as Redirect).url)?.[1]);
    expect(await rowOf(id)).toMatchObject({
      title: "法人カスタマーサービス＆サポート（重要）",
      body: "１行目\n２行目",
      important: true,
      publishFrom: new Date("2026-12-02T00:00:00Z"),
      createdByStaffId: marketer.id,
    });
    expect(revalidated).toEqual(expect.arrayContaining(["/", "/notices", `/notices/${id}`, "/admin/notices"]));

    revalidated.length = 0;
    expect(await updateNoticeAction(idle, form({ ...VALID, noticeId: String(id), title: "変更後" }))).toEqual({
      status: "success",
      message: ja("admin.notices.saved"),
    });
    expect(revalidated).toEqual(expect.arrayContaining(["/", "/notices", `/notices/${id}`]));
    expect(await updateNoticeAction(idle, form({ ...VALID, noticeId: String(id), title: "変更後" }))).toEqual({
      status: "error",
      message: ja("admin.notices.unchanged"),
    });

    revalidated.length = 0;
    expect(await unpublishNoticeAction(idle, form({ noticeId: String(id) }))).toEqual({ status: "success", message: ja("admin.notices.unpublished") });
    expect(revalidated).toEqual(expect.arrayContaining(["/", "/notices", `/notices/${id}`]));

    const deleted = await deleteNoticeAction(idle, form({ noticeId: String(id), confirm: "yes" })).catch((error: unknown) => error);
    expect((deleted as Redirect).url).toBe("/admin/notices?deleted=1");
    expect(await rowOf(id)).toBeUndefined();
    expect((await auditsOf(id)).map((a) => a.action)).toEqual(["notices.created", "notices.updated", "notices.unpublished", "notices.deleted"]);
  });
});

describe("G-2 actions: only `notices.write` (marketers, admins) may call them", () => {
  it("an operator and a customer get 404 from every action, valid input or not, and nothing is written", async () => {
    const notice = await seedNotice({ title: "守られるお知らせ" });
    const before = await rowOf(notice.id);
    const [notices0, audits0] = [await countNotices(), await countAudits()];
    const calls = [
      () => createNoticeAction(idle, form(VALID)),
      () => createNoticeAction(idle, form({})),
      () => updateNoticeAction(idle, form({ ...VALID, noticeId: String(notice.id) })),
      () => unpublishNoticeAction(idle, form({ noticeId: String(notice.id) })),
      () => deleteNoticeAction(idle, form({ noticeId: String(notice.id), confirm: "yes" })),
    ];
    const customer: SessionState = {
      state: "active",
      id: "customer-session",
      principal: { type: "customer", accountId: 1 },
      email: "user@example.co.jp",
      role: null,
      mustChangePassword: false,
      passwordExpiresAt: null,
      lastSeenAt: new Date(),
    };
    for (const who of ["operator", "customer"] as const) {
      if (who === "operator") signedInAs(operator);
      else session.state = customer;
      for (const call of calls) await expect(call(), who).rejects.toBeInstanceOf(NotFound);
    }
    // The control: the marketer's call with the same input is answered by the action.
    signedInAs(marketer);
    expect(await unpublishNoticeAction(idle, form({ noticeId: String(notice.id) }))).toEqual({ status: "success", message: ja("admin.notices.unpublished") });
    await updateNotice({
      actor,
      noticeId: notice.id,
      input: {
        category: before!.category,
        title: before!.title,
        body: before!.body,
        important: before!.important,
        publishFrom: before!.publishFrom,
        publishUntil: null,
      },
    });
    expect(await countNotices()).toBe(notices0);
    expect((await auditsOf(notice.id)).map((a) => a.action)).toEqual(["notices.unpublished", "notices.updated"]);
    expect(await countAudits()).toBe(audits0 + 2);
  });
});

describe("G-2 field messages", () => {
  it("maps every code of the schema to a message of the catalogue", () => {
    const result = noticeInputSchema.safeParse({ category: 1, title: 2, body: null, important: "x", publishFrom: 3 });
    expect(result.success).toBe(false);
    const codes = Object.keys(catalogueOf("ja").admin.notices.errors) as (keyof NoticeErrorMessages)[];
    const errors = Object.fromEntries(codes.map((code) => [code, ja(`admin.notices.errors.${code}`)])) as NoticeErrorMessages;
    const messages = Object.values(noticeFieldErrors(result.error!, errors)).flat();
    expect(messages.length).toBeGreaterThanOrEqual(5);
    for (const message of messages) expect(Object.values(errors)).toContain(message);
  });
});
