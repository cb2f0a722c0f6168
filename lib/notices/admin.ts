import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { notices, type Notice } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { authorizeStaff } from "@/lib/auth/permissions";
import { staffAuditEvent, writeAudit, type AuditEvent } from "@/lib/audit";
import type { AuditAction } from "@/lib/audit/actions";
import { now } from "@/lib/clock";
import type { NoticeInput } from "@/lib/validation/notice";

// SPEC G-2: the marketers' notices (capability `notices.write`: marketers and admins; the guards check it before any
// of these is called, and each function again itself). Every change and its audit row are written in one transaction,
// the row locked meanwhile; a notice that is not there, or a change that changes nothing, writes nothing.
//
// No migration: the F-1 columns already say everything. "Unpublished" (a draft) is publishFrom NULL; 「公開を停止」
// clears the window, so the notice is a draft again and may be scheduled anew.

export type NoticeStatus = "draft" | "scheduled" | "published" | "ended";

export type StaffNotice = Pick<Notice, "id" | "category" | "title" | "body" | "important" | "publishFrom" | "publishUntil" | "createdAt" | "updatedAt"> & {
  status: NoticeStatus;
};

/** Where a notice stands at `at`: the same window as the public pages' (lib/notices/queries.ts). */
export function statusOf(notice: Pick<Notice, "publishFrom" | "publishUntil">, at: Date = now()): NoticeStatus {
  if (!notice.publishFrom) return "draft";
  if (notice.publishFrom.getTime() > at.getTime()) return "scheduled";
  if (notice.publishUntil && notice.publishUntil.getTime() <= at.getTime()) return "ended";
  return "published";
}

/** What an edit can change: the columns of a Snapshot. */
const snapshotColumns = {
  category: notices.category,
  title: notices.title,
  body: notices.body,
  important: notices.important,
  publishFrom: notices.publishFrom,
  publishUntil: notices.publishUntil,
};

const columns = { id: notices.id, ...snapshotColumns, createdAt: notices.createdAt, updatedAt: notices.updatedAt };

/** Every notice for the staff list: drafts first, then by publish-from, newest first. */
export async function listNoticesForStaff({ actor }: { actor: StaffActor }): Promise<StaffNotice[]> {
  authorizeStaff(actor, "notices.write");
  const db = await getDb();
  const rows = await db
    .select(columns)
    .from(notices)
    .orderBy(sql`${notices.publishFrom} DESC NULLS FIRST`, desc(notices.id));
  const at = now();
  return rows.map((row) => ({ ...row, status: statusOf(row, at) }));
}

export async function getNoticeForEdit({ actor, noticeId }: { actor: StaffActor; noticeId: number }): Promise<StaffNotice | null> {
  authorizeStaff(actor, "notices.write");
  const db = await getDb();
  const [row] = await db.select(columns).from(notices).where(eq(notices.id, noticeId));
  return row ? { ...row, status: statusOf(row) } : null;
}

type Snapshot = Pick<Notice, "category" | "title" | "body" | "important" | "publishFrom" | "publishUntil">;
const FIELDS = ["category", "title", "body", "important", "publishFrom", "publishUntil"] as const satisfies readonly (keyof Snapshot)[];

const iso = (value: Date | null) => value?.toISOString() ?? null;
const same = (a: Snapshot[keyof Snapshot], b: Snapshot[keyof Snapshot]) =>
  a instanceof Date || b instanceof Date ? iso(a as Date | null) === iso(b as Date | null) : a === b;

/**
 * Audit details are flat scalars: dates as ISO strings; the body only by its length (a notice's text can be 20,000
 * characters, and the row itself keeps the current one).
 */
function describe(snapshot: Partial<Snapshot>, suffix = ""): Record<string, string | number | boolean | null> {
  const details: Record<string, string | number | boolean | null> = {};
  for (const key of FIELDS) {
    if (!(key in snapshot)) continue;
    const value = snapshot[key];
    if (key === "body") details[`bodyLength${suffix}`] = (value as string).length;
    else details[`${key}${suffix}`] = value instanceof Date ? value.toISOString() : ((value ?? null) as string | boolean | null);
  }
  return details;
}

function auditOf(actor: StaffActor, action: AuditAction, noticeId: number, details: AuditEvent["details"]): AuditEvent {
  return staffAuditEvent(actor, action, { type: "notice", id: noticeId }, details);
}

export async function createNotice({ actor, input }: { actor: StaffActor; input: NoticeInput }): Promise<{ id: number }> {
  authorizeStaff(actor, "notices.write");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const at = now();
    const [row] = await tx
      .insert(notices)
      .values({ ...input, createdByStaffId: actor.accountId, createdAt: at, updatedAt: at })
      .returning({ id: notices.id });
    await writeAudit(auditOf(actor, "notices.created", row!.id, describe(input)), tx);
    return { id: row!.id };
  });
}

export async function updateNotice({
  actor,
  noticeId,
  input,
}: {
  actor: StaffActor;
  noticeId: number;
  input: NoticeInput;
}): Promise<"updated" | "unchanged" | "not_found"> {
  authorizeStaff(actor, "notices.write");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx.select(snapshotColumns).from(notices).where(eq(notices.id, noticeId)).for("update");
    if (!before) return "not_found";
    const changed = FIELDS.filter((key) => !same(before[key], input[key]));
    if (!changed.length) return "unchanged";
    await tx
      .update(notices)
      .set({ ...input, updatedAt: now() })
      .where(eq(notices.id, noticeId));
    const pick = (snapshot: Snapshot) => Object.fromEntries(changed.map((key) => [key, snapshot[key]])) as Partial<Snapshot>;
    await writeAudit(auditOf(actor, "notices.updated", noticeId, { ...describe(pick(before), "Before"), ...describe(pick(input), "After") }), tx);
    return "updated";
  });
}

/** 「公開を停止」: back to a draft (no window). A draft already is left alone. */
export async function unpublishNotice({ actor, noticeId }: { actor: StaffActor; noticeId: number }): Promise<"unpublished" | "not_published" | "not_found"> {
  authorizeStaff(actor, "notices.write");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ publishFrom: notices.publishFrom, publishUntil: notices.publishUntil })
      .from(notices)
      .where(eq(notices.id, noticeId))
      .for("update");
    if (!before) return "not_found";
    if (!before.publishFrom) return "not_published";
    await tx.update(notices).set({ publishFrom: null, publishUntil: null, updatedAt: now() }).where(eq(notices.id, noticeId));
    await writeAudit(auditOf(actor, "notices.unpublished", noticeId, { ...describe(before, "Before"), statusBefore: statusOf(before) }), tx);
    return "unpublished";
  });
}

export async function deleteNotice({ actor, noticeId }: { actor: StaffActor; noticeId: number }): Promise<"deleted" | "not_found"> {
  authorizeStaff(actor, "notices.write");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx.delete(notices).where(eq(notices.id, noticeId)).returning();
    if (!row) return "not_found";
    // What was deleted, so that the audit log can say which notice it was.
    await writeAudit(auditOf(actor, "notices.deleted", noticeId, describe(row)), tx);
    return "deleted";
  });
}
