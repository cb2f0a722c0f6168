import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, inet, integer, pgEnum, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAtColumn } from "./columns";

// A customer's account exists once the address has asked for a temporary password; the address itself
// comes from the contract contacts, never from a sign-up.
export const customerAccounts = pgTable(
  "customer_accounts",
  {
    id: serial("id").primaryKey(),
    email: text("email").notNull(),
    passwordHash: text("password_hash"),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
    // set after signing in with a temporary password.
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    locale: text("locale").notNull().default("ja"),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    // TOTP (RFC 6238), optional for customers (/account/mfa). The secret is sealed (lib/auth/mfa-secret.ts).
    totpSecret: text("totp_secret"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    // The time step of the last code accepted: a code is good once (RFC 6238 §5.2), lib/auth/mfa.ts.
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex("customer_accounts_email_uq").on(t.email), check("customer_accounts_email_lower_chk", sql`${t.email} = lower(${t.email})`)],
);

export const staffRole = pgEnum("staff_role", ["marketer", "operator", "admin"]);

export const staffAccounts = pgTable(
  "staff_accounts",
  {
    id: serial("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: staffRole("role").notNull(),
    // Null while an invitation waits: the invitee sets the first password through the mailed link.
    passwordHash: text("password_hash"),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }).notNull().defaultNow(),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    // TOTP is required for every staff account; without it, the next sign-in enrols it.
    totpSecret: text("totp_secret"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    invitedBy: integer("invited_by"),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex("staff_accounts_email_uq").on(t.email), check("staff_accounts_email_lower_chk", sql`${t.email} = lower(${t.email})`)],
);

// the last 3 passwords are refused; one row per password ever set, for either kind of account.
export const passwordHistory = pgTable(
  "password_history",
  {
    id: serial("id").primaryKey(),
    ...principalColumns(),
    passwordHash: text("password_hash").notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("password_history_customer_idx").on(t.customerAccountId, t.createdAt),
    index("password_history_staff_idx").on(t.staffAccountId, t.createdAt),
    check("password_history_owner_chk", sql`num_nonnulls(${t.customerAccountId}, ${t.staffAccountId}) = 1`),
  ],
);

// single use, 24 hours, a newer one voids the older ones.
export const temporaryPasswords = pgTable(
  "temporary_passwords",
  {
    id: serial("id").primaryKey(),
    customerAccountId: customerAccountIdColumn("cascade"),
    passwordHash: text("password_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    // A-3's allowance is per account and requester: `device:…` (a browser that signed in to the account before) or
    // `address:…` (lib/auth/temporary-password.ts).
    requestedBy: text("requested_by"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("temporary_passwords_account_idx")
      .on(t.customerAccountId)
      .where(sql`${t.usedAt} IS NULL AND ${t.voidedAt} IS NULL`),
  ],
);

export const principalType = pgEnum("principal_type", ["customer", "staff"]);

// Server-side session state behind the JWT cookie: logout, password change and idle timeout end a session here
// (A-2, A-7, E-1), whatever the cookie says.
export const authSessions = pgTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    principalType: principalType("principal_type").notNull(),
    ...principalColumns(),
    createdAt: createdAtColumn(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endReason: text("end_reason"),
    clientAddress: inet("client_address"),
    userAgent: text("user_agent"),
  },
  (t) => [
    index("auth_sessions_customer_idx")
      .on(t.customerAccountId)
      .where(sql`${t.endedAt} IS NULL`),
    index("auth_sessions_staff_idx")
      .on(t.staffAccountId)
      .where(sql`${t.endedAt} IS NULL`),
    check("auth_sessions_owner_chk", sql`num_nonnulls(${t.customerAccountId}, ${t.staffAccountId}) = 1`),
  ],
);

// throttling per account and per client address, for login, temporary passwords and the license/code forms.
export const throttleScope = pgEnum("throttle_scope", ["customer_login", "staff_login", "temporary_password", "license_check"]);

export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: serial("id").primaryKey(),
    scope: throttleScope("scope").notNull(),
    accountKey: text("account_key"),
    clientAddress: inet("client_address"),
    succeeded: boolean("succeeded").notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("sign_in_attempts_account_idx").on(t.scope, t.accountKey, t.createdAt),
    index("sign_in_attempts_client_idx").on(t.scope, t.clientAddress, t.createdAt),
  ],
);

// A staff member's single-use link (72 hours) to set a password: the invitation, or a reset by an admin.
// Only the SHA-256 of the token is stored; a newer link voids the older ones of the account.
export const staffLinkKind = pgEnum("staff_link_kind", ["invite", "reset"]);

export const staffPasswordLinks = pgTable(
  "staff_password_links",
  {
    id: serial("id").primaryKey(),
    staffAccountId: integer("staff_account_id")
      .notNull()
      .references(() => staffAccounts.id, { onDelete: "cascade" }),
    kind: staffLinkKind("kind").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    createdBy: integer("created_by").references(() => staffAccounts.id),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex("staff_password_links_token_uq").on(t.tokenHash), index("staff_password_links_account_idx").on(t.staffAccountId)],
);

// The step between a right password and a session when the account has (or must enrol) TOTP. The browser
// holds the token in an HttpOnly cookie; the row holds its SHA-256, the enrolment's pending secret (sealed), whether
// a code has been checked, and its end (5 minutes; used once).
export const mfaChallengePurpose = pgEnum("mfa_challenge_purpose", ["verify", "enrol"]);

export const mfaChallenges = pgTable(
  "mfa_challenges",
  {
    id: serial("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    principalType: principalType("principal_type").notNull(),
    ...principalColumns(),
    purpose: mfaChallengePurpose("purpose").notNull(),
    pendingSecret: text("pending_secret"),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    usedAt: timestamp("used_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex("mfa_challenges_token_uq").on(t.tokenHash),
    check("mfa_challenges_owner_chk", sql`num_nonnulls(${t.customerAccountId}, ${t.staffAccountId}) = 1`),
  ],
);

// Ten recovery codes per enrolment, shown once, stored as SHA-256 (they are long random strings); each
// works once. A new enrolment replaces them.
export const mfaRecoveryCodes = pgTable(
  "mfa_recovery_codes",
  {
    id: serial("id").primaryKey(),
    ...principalColumns(),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("mfa_recovery_codes_customer_idx").on(t.customerAccountId),
    index("mfa_recovery_codes_staff_idx").on(t.staffAccountId),
    check("mfa_recovery_codes_owner_chk", sql`num_nonnulls(${t.customerAccountId}, ${t.staffAccountId}) = 1`),
  ],
);

export type CustomerAccount = typeof customerAccounts.$inferSelect;
export type StaffAccount = typeof staffAccounts.$inferSelect;
export type StaffRole = (typeof staffRole.enumValues)[number];
export type AuthSession = typeof authSessions.$inferSelect;

/** The customer account a row belongs to; "cascade" as in licenseIdColumn. */
export function customerAccountIdColumn(onDelete?: "cascade") {
  return integer("customer_account_id")
    .notNull()
    .references(() => customerAccounts.id, onDelete && { onDelete });
}

/** A row that belongs to a customer or to a staff account (principal_type says which, and a check keeps the other null). */
export function principalColumns() {
  return {
    customerAccountId: integer("customer_account_id").references(() => customerAccounts.id, { onDelete: "cascade" }),
    staffAccountId: integer("staff_account_id").references(() => staffAccounts.id, { onDelete: "cascade" }),
  };
}
