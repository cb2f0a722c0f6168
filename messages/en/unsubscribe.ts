import type { Shape } from "../shape";
import type ja from "../ja/unsubscribe";
export default {
  title: "Stop Support Information mails",
  explain: "Press the button below to stop Support Information mails to this address.",
  // N-3: M-13's link stops every renewal reminder to the address.
  remindersTitle: "Stop renewal reminders",
  remindersExplain: "Press the button to stop the renewal reminders (for every contract) to this e-mail address.",
  button: "Stop the mails",
  done: "The mails are stopped. To receive them again, sign in and choose them in the mail settings.",
  invalid: "This link is not valid. Stop the mails from the mail settings instead.",
  expired: "This link has expired. Stop the mails from the mail settings instead.",
  settingsHint: "You can also sign in and change the setting:",
  settingsLink: "Mail settings",
} satisfies Shape<typeof ja>;
