import type { Shape } from "../shape";
import type ja from "../ja/devMailbox";
export default {
  title: "Development mailbox",
  empty: "No mail.",
  to: "To",
  from: "From",
  subject: "Subject",
  date: "Date",
  status: "Status",
  filter: "Filter by recipient",
  show: "Show",
  html: "HTML",
  statusLabel: { pending: "Pending", sending: "Sending", sent: "Sent", failed: "Failed" },
} satisfies Shape<typeof ja>;
