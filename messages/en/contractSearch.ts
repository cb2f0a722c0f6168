import type { Shape } from "../shape";
import type ja from "../ja/contractSearch";
export default {
  title: "View, change and print contracts",
  tab: "Search by activation code etc.",
  label: "Activation code or license ID",
  hint: "Activation codes are found with or without hyphens, in upper or lower case.",
  button: "Look up the contract",
  messages: {
    restricted: "This contract includes products that need to be checked before they can be shown on the web. Please contact the window below.",
    emailMismatchCode: "The e-mail address registered for the license ID of this product key is different. Please check the license information and try again.",
    emailMismatchId: "The e-mail address registered for this license ID is different. Please check the license information and try again.",
    nonDigit: "A license ID can contain digits only.",
    charset: "Please use half-width letters, digits and symbols.",
    required: "Please fill in this field.",
    tooOld: "This contract ended more than six years ago and is no longer shown on this site.",
    locked: "Too many look-ups in a short time: please try again later.",
  },
  quote: "When you contact us, please tell us the message number below and the license ID or product key you searched for.",
  quoteWithoutNumber: "When you contact us, please tell us the license ID or product key you searched for.",
  number: "Message number (MSG)",
  searchedKey: "Key searched for",
} satisfies Shape<typeof ja>;
