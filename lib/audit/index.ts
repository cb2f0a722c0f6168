import "server-only";
import type { Executor } from "@/db/client";
import { getDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import { normaliseAddress } from "@/lib/security/client-address";
import type { AuditAction, AuditTargetType } from "./actions";

export type AuditEvent = {
  actorType: "customer" | "staff" | "anonymous" | "system";
  actorId?: number | null;
  actorEmail?: string | null;
  /** One of lib/audit/actions.ts, each with its label (lib/audit/labels.ts). */
  action: AuditAction;
  targetType?: AuditTargetType;
  targetId?: string | number;
  clientAddress?: string | null;
  /** Never a password, token, temporary password or activation code (SPEC G-7, A-8). */
  details?: Record<string, string | number | boolean | null>;
};

/** A staff member's action (G-7): the actor and the request's client address come from the actor itself. */
export function staffAuditEvent(
  actor: StaffActor,
  action: AuditAction,
  target?: { type: AuditTargetType; id: string | number },
  details?: AuditEvent["details"],
): AuditEvent {
  return {
    actorType: "staff",
    actorId: actor.accountId,
    actorEmail: actor.email,
    action,
    targetType: target?.type,
    targetId: target?.id,
    clientAddress: actor.clientAddress,
    details,
  };
}

const SECRET_KEY = /pass|token|secret|code|hash/i;

/** G-7: one row per sign-in, password event, contract change, issuance and staff action. */
export async function writeAudit(event: AuditEvent, executor?: Executor): Promise<void> {
  const db = executor ?? (await getDb());
  const details = event.details ? Object.fromEntries(Object.entries(event.details).filter(([key]) => !SECRET_KEY.test(key))) : null;
  await db.insert(auditLog).values({
    at: now(),
    actorType: event.actorType,
    actorId: event.actorId ?? null,
    actorEmail: event.actorEmail?.toLowerCase() ?? null,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId === undefined ? null : String(event.targetId),
    // The inet column takes only a valid address: anything else a header carried is recorded as unknown.
    clientAddress: normaliseAddress(event.clientAddress),
    details,
  });
}
