import type { Shape } from "../shape";
import type ja from "../ja/passwordChange";
export default {
  title: "Change login password",
  forcedLead: "Please set a new password. The other menus of this site are available once the change is complete.",
  voluntaryLead: "Enter your current password and the new one, then press “Change password”.",
  currentPassword: "Current password",
  newPassword: "New password",
  confirmation: "New password (again)",
  confirmationHint: "Please enter the same value",
  button: "Change password",
  done: "Your password has been changed",
  doneNote: "A confirmation mail will arrive within a few minutes.",
  currentWrong: "The current password is not correct.",
  currentLocked: "Too many failed attempts: please try again later.",
  toMenu: "To the service menu",
} satisfies Shape<typeof ja>;
