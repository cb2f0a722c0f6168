import type { Shape } from "../shape";
import type ja from "../ja/temporaryPassword";
export default {
  title: "Change login password",
  howTo: "How to reset your password",
  steps: {
    "1": "Enter your login e-mail address and press “Issue temporary password”.",
    "2": "A mail with a temporary password arrives at that address within a few minutes.",
    "3": "Open the login URL in the mail and log in with the e-mail address and the temporary password.",
    "4": "Set a new password on the screen that follows.",
  },
  note: "A temporary password is valid for 24 hours and only once; issuing a new one voids the earlier one. Your current password keeps working until you log in with the temporary one.",
  email: "Login e-mail address",
  button: "Issue temporary password",
  sent: "A temporary password has been issued. A mail will arrive at the address you entered within a few minutes.",
  unknown: "The address you entered cannot be confirmed as a login e-mail address. See FAQ 1-06 on how to check or change your login e-mail address.",
  faqLink: "See FAQ 1-06",
  pageTitle: "Issue a temporary password",
  locked: "Too many requests in a short time: please try again later.",
} satisfies Shape<typeof ja>;
