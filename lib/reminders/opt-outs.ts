import "server-only";
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { licenseContracts, products, reminderOptOuts } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { tokyoDate } from "@/lib/dates";
import { visibleTo } from "@/lib/licenses/visibility";
import { normaliseEmail } from "@/lib/security/email";

// N-3: a customer's renewal reminders at E-2 メール配信設定 — on for every contract by default (a notice about the
// customer's own contract is service information, not advertising), off for all of them or per contract, keyed on the
// login e-mail (the address the reminders go to). The contracts offered are those the customer sees (B-0) that have
// not ended: a reminder is only ever about those.

export type ReminderSettings = {
  all: boolean;
  contracts: { licenseId: number; productName: string; endDate: string; on: boolean }[];
};

export async function getReminderSettings({ actor }: { actor: Pick<CustomerActor, "email"> }): Promise<ReminderSettings> {
  const db = await getDb();
  const email = normaliseEmail(actor.email);
  const at = now();
  const [optOuts, contracts] = await Promise.all([
    db.select({ licenseId: reminderOptOuts.licenseId }).from(reminderOptOuts).where(eq(reminderOptOuts.email, email)),
    db
      .select({ licenseId: licenseContracts.licenseId, productName: products.name, endDate: licenseContracts.endDate })
      .from(licenseContracts)
      .innerJoin(products, eq(products.id, licenseContracts.productId))
      .where(and(visibleTo(email, at), gt(licenseContracts.endDate, tokyoDate(at))))
      .orderBy(asc(licenseContracts.endDate), asc(licenseContracts.licenseId)),
  ]);
  const off = new Set(optOuts.map((row) => row.licenseId));
  return { all: !off.has(null), contracts: contracts.map((c) => ({ ...c, on: !off.has(c.licenseId) })) };
}

/**
 * E-2 「OK」: the whole choice at once — all on or off, and which contracts are off — audited. A contract the customer
 * does not see is ignored (an opt-out row for it would say nothing the customer may know).
 */
export async function setReminderSettings({ actor, all, off }: { actor: CustomerActor; all: boolean; off: number[] }): Promise<void> {
  const email = normaliseEmail(actor.email);
  const db = await getDb();
  const at = now();
  await db.transaction(async (tx) => {
    const visible = off.length
      ? (
          await tx
            .select({ licenseId: licenseContracts.licenseId })
            .from(licenseContracts)
            .where(and(visibleTo(email, at), sql`${licenseContracts.licenseId} = ANY(${sql.param(off)}::bigint[])`))
        ).map((row) => row.licenseId)
      : [];
    await tx.delete(reminderOptOuts).where(eq(reminderOptOuts.email, email));
    const rows = [...(all ? [] : [{ email, licenseId: null }]), ...visible.map((licenseId) => ({ email, licenseId }))];
    if (rows.length) await tx.insert(reminderOptOuts).values(rows.map((row) => ({ ...row, createdAt: at })));
    await writeAudit(
      {
        actorType: "customer",
        actorId: actor.accountId,
        actorEmail: actor.email,
        action: "mail.reminders",
        targetType: "customer_account",
        targetId: actor.accountId,
        clientAddress: actor.clientAddress,
        details: { subscribed: all, off: visible.join(","), via: "settings" },
      },
      tx,
    );
  });
}

/** M-13's one-click link: every reminder to this address off (idempotent; audited when it changes something). */
export async function stopAllReminders(email: string, clientAddress: string | null): Promise<void> {
  const address = normaliseEmail(email);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: reminderOptOuts.id })
      .from(reminderOptOuts)
      .where(and(eq(reminderOptOuts.email, address), isNull(reminderOptOuts.licenseId)));
    if (existing) return;
    await tx.insert(reminderOptOuts).values({ email: address, licenseId: null, createdAt: now() }).onConflictDoNothing();
    await writeAudit(
      { actorType: "system", actorEmail: address, action: "mail.reminders", clientAddress, details: { subscribed: false, via: "one-click" } },
      tx,
    );
  });
}
