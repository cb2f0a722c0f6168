import "server-only";
import { and, arrayContains, desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { mailOutbox } from "@/db/schema";

export type OutboxStatus = (typeof mailOutbox.status.enumValues)[number];

/** Staff view of the outbox (failed mails above all) and the development mailbox's source. */
export async function listOutbox(options: { to?: string; status?: OutboxStatus; limit?: number } = {}) {
  const db = await getDb();
  const filters = [];
  if (options.to) filters.push(arrayContains(mailOutbox.toAddresses, [options.to.trim().toLowerCase()]));
  if (options.status) filters.push(eq(mailOutbox.status, options.status));
  return db
    .select()
    .from(mailOutbox)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(mailOutbox.seq))
    .limit(Math.min(options.limit ?? 50, 500));
}
