import type { Shape } from "../shape";
import type ja from "../ja/faqLicenses";
export default {
  title: "Q&A about license contracts",
  question: "Q. ",
  answer: "A. ",
  q1: "A contract I want to see is not shown.",
  a1: "Please check whether the contract is one that this site shows (table below). If it should be shown but is not, please contact us and we will look into it.",
  visibleTitle: "Contracts that are shown",
  visibleRows: {
    "1": { term: "Login user", text: "Only contracts on which your login e-mail address is registered as the current contact are shown." },
    "2": { term: "Products", text: "Our corporate products are shown, with some exceptions." },
    "3": { term: "Period", text: "Contracts of the past six years are shown." },
    "4": { term: "Registration", text: "Contracts still being registered are not shown; registration takes about three business days after purchase." },
    "5": { term: "Display setting", text: "Only contracts that are not hidden at your request are shown. Please contact us to change this." },
    "6": { term: "Input", text: "When searching by activation code, a typing error finds nothing. Please check the code." },
  },
  q2: "An error message was shown.",
  a2: "Messages appear when a required field is empty, and in search results. When you contact us about a message, please tell us the license ID or product key you searched for and the MSG number, if one is shown.",
  messagesTitle: "Main messages",
  number: "No.",
  message: "Message",
  explanation: "Explanation",
  messageRows: {
    "1": {
      number: "MSG01 / MSG06",
      message: "This contract includes products that need to be checked before they can be shown on the web.",
      explanation: "The contract is hidden at your request.",
    },
    "2": {
      number: "MSG02 / MSG07",
      message: "This contract includes products that need to be checked before they can be shown on the web.",
      explanation: "The contract's products are not handled by this site.",
    },
    "3": {
      number: "MSG03 / MSG08",
      message: "This contract includes products that need to be checked before they can be shown on the web.",
      explanation: "The contract's products are not handled by this site.",
    },
    "4": {
      number: "MSG04 / MSG09",
      message: "This contract includes products that need to be checked before they can be shown on the web.",
      explanation: "The contract is being registered, or is no longer valid (merged or discarded).",
    },
    "5": { number: "—", message: "You were logged out automatically after 20 minutes without activity.", explanation: "Log in again from the top page." },
    "6": {
      number: "—",
      message: "The e-mail address registered for the license ID of this product key is different.",
      explanation: "Your login e-mail address is not a contact of that contract.",
    },
    "7": {
      number: "—",
      message: "The e-mail address registered for this license ID is different.",
      explanation: "Your login e-mail address is not a contact of that contract.",
    },
    "8": { number: "—", message: "A license ID can contain digits only.", explanation: "The license ID contains something other than digits (spaces too)." },
    "9": { number: "—", message: "Please use half-width letters, digits and symbols.", explanation: "The characters entered are not of the right kind." },
  },
} satisfies Shape<typeof ja>;
