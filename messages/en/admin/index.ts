import type { Shape } from "../../shape";
import type ja from "../../ja/admin/index";
import staff from "./staff";
import contractImport from "./contractImport";
import auditLog from "./auditLog";
import files from "./files";
import supportMails from "./supportMails";
import needs from "./needs";
import contracts from "./contracts";
import notices from "./notices";
export default {
  title: "Staff area",
  dashboard: "Dashboard",
  nav: { contractImport: "Contract import", audit: "Audit log", staff: "Staff accounts" },
  outbox: "Mail delivery",
  failedMails: "Mails that failed",
  noFailedMails: "No mail has failed.",
  role: { marketer: "Marketer", operator: "Operator", admin: "Administrator" },
  signedInAs: "Signed in as",
  passwordChange: "Change password",
  attempts: "Attempts",
  lastError: "Error",
  retry: "Retry",
  retryLabel: "Retry {subject}",
  retried: "The mail is queued again.",
  retryNotFailed: "This mail has already been retried or has not failed.",
  nameChanges: "Company name changes",
  nameChangesIntro: "Requests to change the contract contact's company / branch name, overdue ones (received + 5 business days) first.",
  nameChangesEmpty: "No request is waiting.",
  requestedAt: "Received",
  dueDate: "Due",
  overdue: "Overdue",
  currentName: "Current name",
  requestedName: "Requested name",
  registryMatch: "Corporate registry",
  registryCandidates: "Registry candidates (by the typed name)",
  noRegistryMatch: "No registry entry matches.",
  requestReason: "Reason",
  requester: "Requested by",
  approve: "Approve",
  reject: "Reject",
  rejectNote: "Reason for rejecting (sent to the customer)",
  approved: "Approved. The customer receives the completion mail.",
  rejected: "Rejected. The customer receives a mail with the reason.",
  alreadyDecided: "This request has already been decided.",
  auditExport: "Download the audit log (CSV)",
  auditColumns: {
    at: "Date",
    actorType: "Kind",
    actorEmail: "Actor",
    action: "Action",
    target: "Target",
    clientAddress: "Client address",
    details: "Details",
  },
  staff,
  contractImport,
  auditLog,
  files,
  supportMails,
  needs,
  contracts,
  notices,
} satisfies Shape<typeof ja>;
