import "server-only";

// G-7 and the contract history (G-6, N-4): every action code the site writes, one list each. The writers take these
// types (lib/audit/index.ts AuditEvent, contract_history inserts), so a new code is a compile error until it is
// listed here — and tests/unit/audit-labels.test.ts fails until it has its label in both catalogues
// (messages/*/auditLabels.ts), which lib/audit/labels.ts shows instead of the code.

/** A sign-in step, recorded as is for a customer and as `staff.…` for a staff member (lib/auth/sign-in.ts). */
export const SIGN_IN_ACTIONS = [
  "login.success",
  "login.failure",
  "login.mfa_challenge",
  "login.mfa_failure",
  "login.mfa_replayed",
  "login.lock",
  "mfa.enrolled",
] as const;
export type SignInAction = (typeof SIGN_IN_ACTIONS)[number];

export const AUDIT_ACTIONS = [
  ...SIGN_IN_ACTIONS,
  ...SIGN_IN_ACTIONS.map((action) => `staff.${action}` as const),
  "logout",
  "staff.logout",
  "password.changed",
  "password.changed_forced",
  "password.change_refused",
  "mfa.enabled",
  "mfa.disabled",
  "temporary_password.issued",
  "temporary_password.unknown_address",
  "temporary_password.lock",
  "temporary_password.hourly_limit",
  "download.file",
  "contract_search.not_shown",
  "mail.subscription",
  "mail.reminders",
  "calendar_feed.created",
  "calendar_feed.revoked",
  "issuance.requested",
  "issuance.issued",
  "issuance.link_resent",
  "renewal.quoted",
  "contract.contacts_changed",
  "contract.contacts_changed_name_requested",
  "name_change.approved",
  "name_change.rejected",
  "contracts.display-changed",
  "contracts.import",
  "notices.created",
  "notices.updated",
  "notices.unpublished",
  "notices.deleted",
  "files.uploaded",
  "files.published",
  "files.withdrawn",
  "files.edited",
  "support-mail.created",
  "support-mail.edited",
  "support-mail.test-sent",
  "support-mail.send-started",
  "support-mail.sent",
  "staff.invited",
  "staff.invite_resent",
  "staff.invite_accepted",
  "staff.role_changed",
  "staff.disabled",
  "staff.enabled",
  "staff.password_reset_sent",
  "staff.password_reset",
  "staff.mfa_reset",
  "staff.audit_export",
  "staff.outbox_retry",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** A contract's history rows (contract_history.action). */
export const CONTRACT_HISTORY_ACTIONS = [
  "contacts.changed",
  "contacts.name_change_approved",
  "contacts.name_change_rejected",
  "issuance.issued",
  "display.changed",
  "import.changed",
] as const;
export type ContractHistoryAction = (typeof CONTRACT_HISTORY_ACTIONS)[number];

/** The kinds of record an audit row names (audit_log.target_type). */
export const AUDIT_TARGET_TYPES = [
  "license",
  "license_contract",
  "contact_change_request",
  "contract_import",
  "customer_account",
  "download_file",
  "mail",
  "notice",
  "staff",
  "support_info_mail",
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];
