import type { Shape } from "../shape";
import type ja from "../ja/password";
export default {
  rulesTitle: "Notes",
  rules: {
    "1": "Use 8 to 64 half-width letters, digits and symbols.",
    "2": "Include at least one letter and one digit.",
    "3": "Do not use your login e-mail address.",
    "4": "Do not reuse any of your last 3 passwords.",
    "5": "Common or easily guessed passwords cannot be used.",
    "6": "A password is valid for 180 days; after that you need to set a new one.",
  },
  violations: {
    length: "The password must be 8 to 64 characters long.",
    characters: "Use half-width letters, digits and symbols only.",
    letterAndDigit: "The password must contain at least one letter and one digit.",
    sameAsEmail: "The password must not be your login e-mail address.",
    common: "This password is too easy to guess: common passwords and combinations of words or names cannot be used.",
    reused: "You cannot reuse any of your last 3 passwords.",
  },
  confirmationMismatch: "Please enter the same value.",
} satisfies Shape<typeof ja>;
