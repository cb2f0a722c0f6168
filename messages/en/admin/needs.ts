import type { Shape } from "../../shape";
import type ja from "../../ja/admin/needs";
export default {
  heading: "Needs a person now",
  none: "Nothing needs attention now.",
  item: {
    nameChangesOverdue: "Company name changes past their due date",
    nameChangesDue: "Company name changes waiting for review",
    mailsFailed: "Mails that failed",
    mailsStuck: "Mails waiting for more than 30 minutes",
    signInLocks: "Sign-in locks in the last 24 hours (accounts and client addresses)",
    supportMailsSending: "Support Information mails being sent",
  },
  // N-3: the day's run of the renewal reminders (M-13).
  reminders: {
    heading: "Renewal reminders (today)",
    notRun: "Not run yet today (it runs every hour from 06:00).",
    runs: "{runs, plural, one {# run} other {# runs}} (last {at})",
    sent: "Sent",
    skipped: "Skipped (opted out, superseded)",
    failed: "Failed",
  },
  count: "{count, number}",
} satisfies Shape<typeof ja>;
