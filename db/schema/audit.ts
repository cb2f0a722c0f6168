import { bigserial, index, inet, integer, jsonb, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const auditActor = pgEnum("audit_actor", ["customer", "staff", "anonymous", "system"]);

// G-7: sign-ins, password events, contract changes, issuances, staff actions. Never a password, token or code.
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorType: auditActor("actor_type").notNull(),
    actorId: integer("actor_id"),
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    clientAddress: inet("client_address"),
    details: jsonb("details"),
  },
  // G-7 pages by keyset on (at, id), newest first (audit_log_at_id_idx replaces the index on at alone); each filter
  // has an index that ends in the same order.
  (t) => [
    index("audit_log_at_id_idx").on(t.at.desc(), t.id.desc()),
    index("audit_log_action_idx").on(t.action, t.at.desc()),
    index("audit_log_actor_idx").on(t.actorEmail, t.at.desc()),
    index("audit_log_target_idx").on(t.targetType, t.targetId, t.at.desc()),
  ],
);

export type AuditEntry = typeof auditLog.$inferInsert;
