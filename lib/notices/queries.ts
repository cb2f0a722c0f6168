import "server-only";
import { and, desc, eq, gt, isNotNull, isNull, lte, or } from "drizzle-orm";
import { getDb } from "@/db/client";
import { notices } from "@/db/schema";
import { now } from "@/lib/clock";

export type NoticeSummary = { id: number; category: "support_news" | "site"; title: string; important: boolean; publishedAt: Date };
export type NoticeDetail = NoticeSummary & { body: string };

// F-1: only published notices whose publish window includes now.
function publishedNow(at: Date) {
  return and(isNotNull(notices.publishFrom), lte(notices.publishFrom, at), or(isNull(notices.publishUntil), gt(notices.publishUntil, at)));
}

const summaryColumns = { id: notices.id, category: notices.category, title: notices.title, important: notices.important, publishedAt: notices.publishFrom };

export async function listPublishedNotices({ limit = 20, offset = 0 }: { limit?: number; offset?: number } = {}): Promise<NoticeSummary[]> {
  const db = await getDb();
  const rows = await db
    .select(summaryColumns)
    .from(notices)
    .where(publishedNow(now()))
    .orderBy(desc(notices.publishFrom), desc(notices.id))
    .limit(Math.min(Math.max(limit, 1), 100))
    .offset(Math.max(offset, 0));
  return rows.map((r) => ({ ...r, publishedAt: r.publishedAt! }));
}

export async function getPublishedNotice(id: number): Promise<NoticeDetail | undefined> {
  const db = await getDb();
  const [row] = await db
    .select({ ...summaryColumns, body: notices.body })
    .from(notices)
    .where(and(eq(notices.id, id), publishedNow(now())))
    .limit(1);
  return row ? { ...row, publishedAt: row.publishedAt! } : undefined;
}
