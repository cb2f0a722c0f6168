import type { Shape } from "../shape";
import type ja from "../ja/mailSettings";
export default {
  title: "Mail settings and back numbers",
  intro: "Choose here whether to receive Support Information mails, and read past issues.",
  checkbox: "I want to receive Support Information mails",
  ok: "OK",
  done: "Your settings are saved",
  backNumbersLink: "> Back numbers",
  backNumbers: "Support Information list",
  backToSettings: "Back to the mail settings",
  backToList: "Back to the Support Information list",
  noBackNumbers: "There are no back numbers yet.",
  date: "Date",
  subject: "Title",
} satisfies Shape<typeof ja>;
