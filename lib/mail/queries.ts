import "server-only";
import { and, arrayContains, desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { authorizeStaff } from "@/lib/auth/permissions";

export type OutboxStatus = (typeof mailOutbox.status.enumValues)[number];

/** The development mailbox's source (open only where isDevMailboxOpenTo allows; no actor), and the staff view's below. */
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

/** SPEC M, the staff view of the outbox (failed mails above all): `outbox.read`. */
export async function listOutboxForStaff({ actor, ...options }: { actor: StaffActor; status?: OutboxStatus; limit?: number }) {
  authorizeStaff(actor, "outbox.read");
  return listOutbox(options);
}
