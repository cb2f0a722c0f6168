import type { Shape } from "../shape";
import type ja from "../ja/common";
export default {
  skipToContent: "Skip to main content",
  backToTop: "Back to the Corporate Customer Service & Support top page",
  notFoundTitle: "Page not found",
  notFoundBody: "The page you are looking for may have moved or been removed, or the URL may be wrong.",
  errorTitle: "An error occurred",
  errorBody: "Sorry, something went wrong. Please try again later.",
  retry: "Reload",
  unavailableTitle: "Temporarily unavailable",
  unavailableBody: "The system cannot be reached for the moment. It usually recovers within seconds to minutes: please reload the page shortly.",
  invalidInput: "Please check what you entered.",
  colon: ": ",
  parenthesized: " ({text})",
  requiredMark: "*",
} satisfies Shape<typeof ja>;
