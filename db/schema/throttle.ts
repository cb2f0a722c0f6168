import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { throttleScope } from "./accounts";

// a lock reached (lib/security/throttle.ts), one row per scope, subject and key: the check before every attempt
// reads it by its primary key, and a refusal while locked counts itself in the row instead of appending anything.
export const lockSubject = pgEnum("lock_subject", ["account", "address"]);

export const signInLocks = pgTable(
  "sign_in_locks",
  {
    scope: throttleScope("scope").notNull(),
    subject: lockSubject("subject").notNull(),
    // The normalised login e-mail (or a browser's device key, `device:…`), or the client address as text.
    key: text("key").notNull(),
    lockedAt: timestamp("locked_at", { withTimezone: true }).notNull(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }).notNull(),
    // Attempts refused while this lock held (since lockedAt).
    refusals: integer("refusals").notNull().default(0),
    lastRefusedAt: timestamp("last_refused_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.scope, t.subject, t.key] }), index("sign_in_locks_locked_at_idx").on(t.lockedAt)],
);
