import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, isNull, ne } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { authSessions, customerAccounts, staffAccounts, type StaffRole } from "@/db/schema";
import { now } from "@/lib/clock";
import { authSettings } from "./settings";
import { normaliseAddress } from "@/lib/security/throttle";

// Server-side session state (STACK.md: a JWT revokes nothing by itself). The cookie carries only the session id;
// logout, password change, idle timeout and the absolute lifetime end the row, and an ended row is no session.
export type Principal = { type: "customer"; accountId: number } | { type: "staff"; accountId: number };

export type ActiveSession = {
  state: "active";
  id: string;
  principal: Principal;
  email: string;
  role: StaffRole | null;
  /** signed in with a temporary password, or the password is older than the maximum age. */
  mustChangePassword: boolean;
  passwordExpiresAt: Date | null;
  lastSeenAt: Date;
};
export type SessionState = ActiveSession | { state: "idle" } | { state: "expired" } | { state: "ended" } | { state: "none" };

// Writing last_seen_at on every request would make every page a write; a few seconds of slack is invisible
// against a 20-minute timeout.
const TOUCH_EVERY_MS = 15_000;

export async function createSession(
  db: Executor,
  principal: Principal,
  context: { clientAddress?: string | null; userAgent?: string | null },
): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  const at = now();
  await db.insert(authSessions).values({
    id,
    principalType: principal.type,
    customerAccountId: principal.type === "customer" ? principal.accountId : null,
    staffAccountId: principal.type === "staff" ? principal.accountId : null,
    createdAt: at,
    lastSeenAt: at,
    expiresAt: new Date(at.getTime() + authSettings().maxSessionMs),
    clientAddress: normaliseAddress(context.clientAddress),
    userAgent: context.userAgent?.slice(0, 300) ?? null,
  });
  return id;
}

/** Reads a session, ends it when idle or past its lifetime, and records the request as activity. */
export async function resolveSession(id: string | null | undefined, options: { touch?: boolean } = {}): Promise<SessionState> {
  if (!id) return { state: "none" };
  const db = await getDb();
  const at = now();
  const settings = authSettings();
  // One round trip: the session with its account (either kind), read on every signed-in request.
  const [found] = await db
    .select({ session: authSessions, customer: customerAccounts, staff: staffAccounts })
    .from(authSessions)
    .leftJoin(customerAccounts, eq(customerAccounts.id, authSessions.customerAccountId))
    .leftJoin(staffAccounts, eq(staffAccounts.id, authSessions.staffAccountId))
    .where(eq(authSessions.id, id))
    .limit(1);
  if (!found) return { state: "none" };
  const row = found.session;
  if (row.endedAt) return { state: row.endReason === "idle" ? "idle" : "ended" };
  if (at >= row.expiresAt) {
    await endSession(id, "expired");
    return { state: "expired" };
  }
  if (at.getTime() - row.lastSeenAt.getTime() >= settings.idleMs) {
    await endSession(id, "idle");
    return { state: "idle" };
  }

  let base: Omit<ActiveSession, "state" | "id" | "lastSeenAt">;
  if (row.principalType === "customer") {
    const account = found.customer;
    if (!account) return { state: "none" };
    const expiresAt = account.passwordChangedAt ? new Date(account.passwordChangedAt.getTime() + settings.passwordMaxAgeMs) : null;
    base = {
      principal: { type: "customer", accountId: account.id },
      email: account.email,
      role: null,
      mustChangePassword: account.mustChangePassword || !account.passwordHash || expiresAt === null || expiresAt <= at,
      passwordExpiresAt: expiresAt,
    };
  } else {
    const staff = found.staff;
    if (!staff || staff.disabledAt) return { state: "none" };
    const expiresAt = new Date(staff.passwordChangedAt.getTime() + settings.passwordMaxAgeMs);
    base = {
      principal: { type: "staff", accountId: staff.id },
      email: staff.email,
      role: staff.role,
      mustChangePassword: staff.mustChangePassword || expiresAt <= at,
      passwordExpiresAt: expiresAt,
    };
  }

  let lastSeenAt = row.lastSeenAt;
  if (options.touch !== false && at.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db
      .update(authSessions)
      .set({ lastSeenAt: at })
      .where(and(eq(authSessions.id, id), isNull(authSessions.endedAt)));
    lastSeenAt = at;
  }
  return { state: "active", id, lastSeenAt, ...base };
}

export async function endSession(id: string, reason: "logout" | "idle" | "expired" | "password_changed", executor?: Executor): Promise<void> {
  const db = executor ?? (await getDb());
  await db
    .update(authSessions)
    .set({ endedAt: now(), endReason: reason })
    .where(and(eq(authSessions.id, id), isNull(authSessions.endedAt)));
}

/** E-1: a password change ends the account's other sessions. */
export async function endOtherSessions(executor: Executor, principal: Principal, keepId: string | null): Promise<void> {
  const owner = principal.type === "customer" ? eq(authSessions.customerAccountId, principal.accountId) : eq(authSessions.staffAccountId, principal.accountId);
  await executor
    .update(authSessions)
    .set({ endedAt: now(), endReason: "password_changed" })
    .where(and(owner, isNull(authSessions.endedAt), keepId ? ne(authSessions.id, keepId) : undefined));
}
