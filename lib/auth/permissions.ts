import "server-only";
import type { StaffRole } from "@/db/schema";
import type { Actor, StaffActor } from "./actor";

// SPEC Roles and G: the one place that says which staff role may do what. Pages, actions and route handlers ask by
// capability (`can(role, "notices.write")`, `staffPage("notices.write")`, `staffAction({ capability })`), never by
// a list of roles written where they are used. tests/unit/permissions.test.ts prints and pins the whole matrix.
//
// Decisions where the SPEC is silent: the admin may do everything a marketer or an operator may (the one who
// manages the accounts can always stand in for them); the outbox (failed mails, SPEC M) belongs to the people who
// answer customers' calls about missing mails — operators and admins.
export const STAFF_ROLES = ["marketer", "operator", "admin"] as const satisfies readonly StaffRole[];

const ALL: readonly StaffRole[] = STAFF_ROLES;
const OPERATIONS: readonly StaffRole[] = ["operator", "admin"];
const MARKETING: readonly StaffRole[] = ["marketer", "admin"];
const ADMIN: readonly StaffRole[] = ["admin"];

export const CAPABILITIES = {
  /** G-1: the staff area itself: dashboard, one's own password. */
  "staff-area.enter": ALL,
  /** G-2: インフォメーション notices. */
  "notices.write": MARKETING,
  /** G-5: Support Information mails (compose, test, send to subscribers). */
  "support-mail.send": MARKETING,
  /** G-3: the company-name change review queue. */
  "name-change.review": OPERATIONS,
  /** G-4: download files and pattern files. */
  "files.publish": OPERATIONS,
  /** G-6: any contract, its history and issued codes. */
  "contracts.read": OPERATIONS,
  /** G-6: 表示設定 and other corrections made for a customer. */
  "contracts.write": OPERATIONS,
  /** G-6: contracts from the order system. */
  "contracts.import": OPERATIONS,
  /** SPEC M: mails that failed delivery. */
  "outbox.read": OPERATIONS,
  /** SPEC M: put a failed mail back in the queue. */
  "outbox.retry": OPERATIONS,
  /** The dashboard's sign-in locks of the last 24 hours: for the people who answer 「ログインできない」 calls. */
  "sign-in-locks.read": OPERATIONS,
  /** G-7: the audit log and its export. */
  "audit.read": ADMIN,
  /** Staff accounts: invite, role, disable. */
  "staff.manage": ADMIN,
} as const satisfies Record<string, readonly StaffRole[]>;

export type Capability = keyof typeof CAPABILITIES;

export function can(role: StaffRole | null | undefined, capability: Capability): boolean {
  return role != null && (CAPABILITIES[capability] as readonly StaffRole[]).includes(role);
}

/** Every capability of a role, in the table's order (the staff navigation shows what these allow). */
export function capabilitiesOf(role: StaffRole): Capability[] {
  return (Object.keys(CAPABILITIES) as Capability[]).filter((capability) => can(role, capability));
}

/**
 * Refusal of a staff lib function: the actor is a customer, or a staff role without the capability. The guards
 * (lib/auth/guards.ts) answer 404 before any lib call; this is the second lock, inside the function, so that a page or
 * action that forgets its guard still reads and changes nothing (as customer reads scope by `visibleTo()`).
 */
export class StaffPermissionError extends Error {
  override readonly name = "StaffPermissionError";
  constructor(readonly capability: Capability) {
    super(`staff capability required: ${capability}`);
  }
}

/** The first line of every staff read and write: the actor is staff with `capability`, or StaffPermissionError. */
export function authorizeStaff(actor: Actor | null | undefined, capability: Capability): asserts actor is StaffActor {
  if (actor?.type !== "staff" || !can(actor.role, capability)) throw new StaffPermissionError(capability);
}
