import type { Shape } from "../shape";
import type ja from "../ja/contactPage";
export default {
  title: "Contact",
  lead: "For questions about this site or your contracts, please contact us.",
  web: "Web form",
  webLink: "Contact form",
  phone: "Phone",
  hours: "Hours",
  faq: "Frequently asked questions (FAQ)",
} satisfies Shape<typeof ja>;
