import "server-only";
import { and, count, eq, lt, lte, or } from "drizzle-orm";
import { getDb } from "@/db/client";
import { contactChangeRequests, mailOutbox, supportInfoMails } from "@/db/schema";
import type { StaffRole } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { authorizeStaff, can, type Capability } from "@/lib/auth/permissions";
import { auditDateTimeValue, auditSearch } from "@/lib/audit/query";
import { now } from "@/lib/clock";
import { tokyoDate } from "@/lib/dates";
import { reminderDay } from "@/lib/reminders/job";
import { countSignInLocksSince } from "@/lib/security/throttle";

// G-1, the dashboard: what needs a person now, per role — each figure only for a role whose capability its page needs
// (lib/auth/permissions.ts), each a link to that page.

/** A mail still pending or sending this long after it was due is stuck (the worker retries within minutes). */
export const STUCK_MAIL_MINUTES = 30;
export const LOCK_LOOKBACK_HOURS = 24;

export type DashboardItem = {
  key: "nameChangesDue" | "nameChangesOverdue" | "mailsFailed" | "mailsStuck" | "signInLocks" | "supportMailsSending";
  count: number;
  href: string | null;
};

/**
 * The sign-in locks (lib/security/throttle.ts: the locks that began in the last 24 hours) lead to G-7's audit log
 * filtered to the lock events (`login.lock`, `staff.login.lock` and `temporary_password.lock`, written when an
 * account or address reaches an A-8 limit) of the last 24 hours — for an admin: the
 * audit log is `audit.read`, which operators do not have, so for them the figure stays without a link.
 */
function signInLocksHref(role: StaffRole, at: Date): string | null {
  if (!can(role, "audit.read")) return null;
  const from = auditDateTimeValue(new Date(at.getTime() - LOCK_LOOKBACK_HOURS * 3_600_000));
  return `/admin/audit${auditSearch({ action: "login.lock,staff.login.lock,temporary_password.lock", from })}`;
}

const ITEMS: { key: DashboardItem["key"]; capability: Capability; href: string | ((role: StaffRole, at: Date) => string | null) }[] = [
  { key: "nameChangesOverdue", capability: "name-change.review", href: "/admin/name-changes" },
  { key: "nameChangesDue", capability: "name-change.review", href: "/admin/name-changes" },
  { key: "mailsFailed", capability: "outbox.read", href: "/admin/outbox" },
  { key: "mailsStuck", capability: "outbox.read", href: "/admin/outbox" },
  { key: "signInLocks", capability: "sign-in-locks.read", href: signInLocksHref },
  { key: "supportMailsSending", capability: "support-mail.send", href: "/admin/support-mails" },
];

export async function dashboardFor(actor: StaffActor): Promise<DashboardItem[]> {
  authorizeStaff(actor, "staff-area.enter");
  const { role } = actor;
  const db = await getDb();
  const at = now();
  const today = tokyoDate(at);
  const stuckBefore = new Date(at.getTime() - STUCK_MAIL_MINUTES * 60_000);
  const figures: Record<DashboardItem["key"], () => Promise<number>> = {
    nameChangesDue: async () => (await db.select({ n: count() }).from(contactChangeRequests).where(eq(contactChangeRequests.status, "pending")))[0]!.n,
    nameChangesOverdue: async () =>
      (
        await db
          .select({ n: count() })
          .from(contactChangeRequests)
          .where(and(eq(contactChangeRequests.status, "pending"), lt(contactChangeRequests.dueDate, today)))
      )[0]!.n,
    mailsFailed: async () => (await db.select({ n: count() }).from(mailOutbox).where(eq(mailOutbox.status, "failed")))[0]!.n,
    mailsStuck: async () =>
      (
        await db
          .select({ n: count() })
          .from(mailOutbox)
          .where(and(or(eq(mailOutbox.status, "pending"), eq(mailOutbox.status, "sending")), lte(mailOutbox.nextAttemptAt, stuckBefore)))
      )[0]!.n,
    signInLocks: () => countSignInLocksSince(new Date(at.getTime() - LOCK_LOOKBACK_HOURS * 3_600_000)),
    supportMailsSending: async () => (await db.select({ n: count() }).from(supportInfoMails).where(eq(supportInfoMails.status, "sending")))[0]!.n,
  };
  const visible = ITEMS.filter((item) => can(role, item.capability));
  const counts = await Promise.all(visible.map((item) => figures[item.key]()));
  return visible.map((item, index) => ({
    key: item.key,
    href: typeof item.href === "function" ? item.href(role, at) : item.href,
    count: Number(counts[index]),
  }));
}

/**
 * N-3: the day's renewal reminder run for the dashboard (sent, skipped, failed in delivery) — for the roles that
 * watch the mails (outbox.read); undefined for the others, null when it has not run today.
 */
export async function reminderDashboardFor(actor: StaffActor) {
  authorizeStaff(actor, "staff-area.enter");
  if (!can(actor.role, "outbox.read")) return undefined;
  return reminderDay(tokyoDate(now()));
}
