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
  count: "{count, number}",
} satisfies Shape<typeof ja>;
