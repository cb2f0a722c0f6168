import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { addToIsoDate, startOfTokyoDay, tokyoDate } from "@/lib/dates";

// A-9: a contact's new e-mail address signs in from the next 00:00 JST, and until then the address it replaces keeps
// the access (contract_contacts.previous_email, email_effective_at). One rule table for both places that change an
// address: B-5 in TypeScript (lib/licenses/contact-change.ts) and the contract import in SQL, set-based
// (lib/contract-import/apply.ts). Decisions where the SPEC is silent:
// - changed again while a change still waits: the address before the first change keeps the access until the new time;
// - changed back, while it waits, to the address that still has the access: the change is undone at once.

/** The current row's three columns the rule reads. */
export type EmailHandoverState = { email: string; previousEmail: string | null; emailEffectiveAt: Date };

type Condition = "sameAddress" | "waiting" | "backToPrevious";
type Outcome = { previousEmail: "keep" | "none" | "current"; emailEffectiveAt: "keep" | "now" | "nextMidnight" };
export type EmailHandoverCase = "unchanged" | "revert" | "changedAgain" | "handover";

/** The first rule whose conditions all hold decides; the last has none (the SQL's ELSE). */
export const EMAIL_HANDOVER_RULES: readonly { case: EmailHandoverCase; when: readonly Condition[]; then: Outcome }[] = [
  { case: "unchanged", when: ["sameAddress"], then: { previousEmail: "keep", emailEffectiveAt: "keep" } },
  { case: "revert", when: ["waiting", "backToPrevious"], then: { previousEmail: "none", emailEffectiveAt: "now" } },
  { case: "changedAgain", when: ["waiting"], then: { previousEmail: "keep", emailEffectiveAt: "nextMidnight" } },
  { case: "handover", when: [], then: { previousEmail: "current", emailEffectiveAt: "nextMidnight" } },
];

/** The next 00:00 in Tokyo after `at` (A-9: 翌日以降). */
export function nextTokyoMidnight(at: Date): Date {
  return startOfTokyoDay(addToIsoDate(tokyoDate(at), { days: 1 }));
}

export type EmailHandover = { case: EmailHandoverCase; previousEmail: string | null; emailEffectiveAt: Date };

/** B-5: what the contact row's previous_email and email_effective_at become when its address is set to `next` at `at`. */
export function decideEmailHandover(current: EmailHandoverState, next: string, at: Date): EmailHandover {
  const holds: Record<Condition, boolean> = {
    sameAddress: next === current.email,
    waiting: current.emailEffectiveAt > at,
    backToPrevious: next === current.previousEmail,
  };
  const rule = EMAIL_HANDOVER_RULES.find((r) => r.when.every((condition) => holds[condition]))!;
  const previous = { keep: current.previousEmail, none: null, current: current.email };
  const effective = { keep: current.emailEffectiveAt, now: at, nextMidnight: nextTokyoMidnight(at) };
  return { case: rule.case, previousEmail: previous[rule.then.previousEmail], emailEffectiveAt: effective[rule.then.emailEffectiveAt] };
}

/**
 * The same table as two SQL CASE expressions, for an UPDATE (or an upsert's DO UPDATE) over many rows: `current` are
 * the row's columns, `next` the new address; `at` and the next midnight are parameters. A NULL previous_email is
 * never "back to previous", as in TypeScript.
 */
export function emailHandoverSql(
  current: { email: SQL; previousEmail: SQL; emailEffectiveAt: SQL },
  next: SQL,
  at: Date,
): { previousEmail: SQL; emailEffectiveAt: SQL } {
  const atValue = sql`${at.toISOString()}::timestamptz`;
  const conditions: Record<Condition, SQL> = {
    sameAddress: sql`${next} = ${current.email}`,
    waiting: sql`${current.emailEffectiveAt} > ${atValue}`,
    backToPrevious: sql`${next} = ${current.previousEmail}`,
  };
  const previous: Record<Outcome["previousEmail"], SQL> = { keep: current.previousEmail, none: sql`NULL`, current: current.email };
  const effective: Record<Outcome["emailEffectiveAt"], SQL> = {
    keep: current.emailEffectiveAt,
    now: atValue,
    nextMidnight: sql`${nextTokyoMidnight(at).toISOString()}::timestamptz`,
  };
  const caseOf = (value: (outcome: Outcome) => SQL): SQL => {
    const branches = EMAIL_HANDOVER_RULES.map((rule) =>
      rule.when.length === 0
        ? sql` ELSE ${value(rule.then)}`
        : sql` WHEN ${sql.join(
            rule.when.map((condition) => conditions[condition]),
            sql` AND `,
          )} THEN ${value(rule.then)}`,
    );
    return sql`CASE${sql.join(branches)} END`;
  };
  return { previousEmail: caseOf((then) => previous[then.previousEmail]), emailEffectiveAt: caseOf((then) => effective[then.emailEffectiveAt]) };
}
