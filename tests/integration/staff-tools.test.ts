import { createElement } from "react";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, mailOutbox } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { writeAudit } from "@/lib/audit";
import { iterateAuditLog } from "@/lib/audit/export";
import { enqueueMail } from "@/lib/mail/outbox";
import { retryFailedMail } from "@/lib/mail/retry";
import { createStaffActor } from "../support/factories";

async function staffActor(role: StaffActor["role"]): Promise<StaffActor> {
  return createStaffActor({ role, clientAddress: "198.51.100.7" });
}

async function failedMail(): Promise<string> {
  const db = await getDb();
  const id = await db.transaction((tx) =>
    enqueueMail(tx, {
      template: "test",
      from: "eCustomer@example.test",
      to: ["full-mailbox@example.test"],
      subject: "件名",
      body: createElement("p", null, "本文"),
    }),
  );
  await db.update(mailOutbox).set({ status: "failed", attempts: 8, lastError: "550 mailbox full" }).where(eq(mailOutbox.id, id));
  return id;
}

describe("SPEC M: a failed mail back in the queue (outbox retry)", () => {
  it("moves a failed mail to pending once, audited; a second try and a mail that has not failed change nothing", async () => {
    const actor = await staffActor("operator");
    const id = await failedMail();
    expect(await retryFailedMail({ actor, mailId: id })).toEqual({ ok: true });
    const db = await getDb();
    const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(row).toMatchObject({ status: "pending", attempts: 0, lastError: null });
    // Exactly once per failure: a double click, or a second operator at the same time, does nothing more.
    expect(await retryFailedMail({ actor, mailId: id })).toEqual({ ok: false, reason: "not_failed" });
    expect(await retryFailedMail({ actor, mailId: "no-such-mail" })).toEqual({ ok: false, reason: "not_failed" });
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "staff.outbox_retry"), eq(auditLog.targetId, id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "staff", actorEmail: actor.email, targetType: "mail" });
  });
});

describe("G-7: the audit log export", () => {
  it("reads every row newest first in keyset chunks, and records the export itself", async () => {
    // G-7: the audit log is for admins (`audit.read`).
    const actor = await staffActor("admin");
    for (let i = 0; i < 7; i++) await writeAudit({ actorType: "system", action: "support-mail.sent", details: { enqueued: i } });
    const chunks: number[][] = [];
    for await (const rows of iterateAuditLog({ actor, chunk: 3 })) chunks.push(rows.map((r) => r.id));
    const ids = chunks.flat();
    expect(chunks.every((chunk) => chunk.length <= 3)).toBe(true);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);
    const db = await getDb();
    expect(ids.length).toBe((await db.select({ id: auditLog.id }).from(auditLog)).length);
    const [newest] = await db.select().from(auditLog).where(eq(auditLog.id, ids[0]!));
    expect(newest).toMatchObject({ action: "staff.audit_export", actorEmail: actor.email });
  });
});
