import type { Shape } from "../shape";
import type ja from "../ja/mailSettings";
export default {
  title: "Mail settings and back numbers",
  intro: "Choose here whether to receive Support Information mails, and read past issues.",
  checkbox: "I want to receive Support Information mails",
  ok: "OK",
  done: "Your settings are saved",
  // N-3 (beyond the manual): the renewal reminders (M-13).
  remindersHeading: "Renewal reminders",
  remindersIntro:
    "We send a reminder to the contract and support contacts 90, 60 and 30 days before a contract's end date (on the business day before when that day is not one). Untick the contracts you do not need and press OK.",
  remindersAll: "Receive renewal reminders",
  remindersPerContract: "Per contract (reminders are sent for the ticked contracts)",
  remindersContract: "License ID {licenseId}: <name>{product}</name> (ends {endDate})",
  remindersNone: "No contract is due for reminders.",
  remindersInvalid: "The settings could not be saved. Reload the page and try again.",
  backNumbersLink: "> Back numbers",
  backNumbers: "Support Information list",
  backToSettings: "Back to the mail settings",
  backToList: "Back to the Support Information list",
  noBackNumbers: "There are no back numbers yet.",
  date: "Date",
  subject: "Title",
} satisfies Shape<typeof ja>;
