import "server-only";

// Session and password timings (SPEC ), settings so that tests and operators can change them.
function positive(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function authSettings() {
  const minute = 60 * 1000;
  const idleMinutes = positive("AUTH_IDLE_MINUTES", 20);
  return {
    /** a session without a request for this long ends. */
    idleMs: idleMinutes * minute,
    /** an open page warns this long before the idle timeout (18 of 20 minutes by default). */
    idleWarningMs: Math.min(positive("AUTH_IDLE_WARNING_MINUTES", Math.max(idleMinutes - 2, idleMinutes * 0.9)), idleMinutes) * minute,
    /** Absolute lifetime of a session, whatever the activity. */
    maxSessionMs: positive("AUTH_SESSION_MAX_HOURS", 12) * 60 * minute,
    /** a password older than this must be changed. */
    passwordMaxAgeMs: positive("PASSWORD_MAX_AGE_DAYS", 180) * 24 * 60 * minute,
    /** the header warns from this many days before the expiry. */
    passwordExpiryNoticeMs: positive("PASSWORD_EXPIRY_NOTICE_DAYS", 14) * 24 * 60 * minute,
    /** a temporary password is valid this long. */
    temporaryPasswordMs: positive("TEMPORARY_PASSWORD_HOURS", 24) * 60 * minute,
    /** A-3 + A-8: at most this many temporary-password mails per account, requester and hour (no mail bombing). */
    temporaryPasswordsPerHour: positive("TEMPORARY_PASSWORDS_PER_HOUR", 5),
    /** …and at most this many per account and hour from all requesters but the owner's own browser (bounds a flood). */
    temporaryPasswordsPerAccountHour: positive("TEMPORARY_PASSWORDS_PER_ACCOUNT_HOUR", 10),
  };
}
