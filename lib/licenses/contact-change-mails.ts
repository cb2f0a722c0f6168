import "server-only";
import { createElement } from "react";
import ContactChangeMail from "@/emails/contact-change";
import NameChangeDecisionMail from "@/emails/name-change-decision";
import { siteConfig } from "@/lib/config/site";
import { formatDate, formatDateTime } from "@/lib/dates";
import { translator } from "@/lib/i18n";
import type { MailMessage } from "@/lib/mail/outbox";
import type { ContactField, ContactRole } from "@/lib/validation/contacts";

// SPEC M-3 / M-4 and the rejection mail (G-3). Mails are Japanese (the catalogue's `mail` namespace), the manual's
// subjects.

export type ChangeLine = { before: string | null; after: string | null };

const t = () => translator("ja");
const roleLabel = (role: ContactRole) => t()(`mail.contactChange.role.${role}`);
const fieldLabel = (field: ContactField) => t()(`licenses.${field}`);
const shown = (value: string | null) => value ?? t()("mail.contactChange.none");
const company = (name: { companyName: string; branchName: string | null }) => [name.companyName, name.branchName].filter(Boolean).join(" ");

export function contactChangeMail(input: {
  to: string[];
  licenseId: number;
  changes: (ChangeLine & { role: ContactRole; field: ContactField })[];
  emailChanges: { role: ContactRole; before: string; after: string; effectiveAt: Date; revert: boolean }[];
  nameChange: { before: { companyName: string; branchName: string | null }; after: { companyName: string; branchName: string | null }; dueDate: string } | null;
  at: Date;
}): MailMessage {
  const site = siteConfig();
  const kind = input.nameChange ? "accepted" : "complete";
  const emailNotes = input.emailChanges
    .filter((change) => !change.revert)
    .map((change) =>
      t()("mail.contactChange.emailNote", {
        role: roleLabel(change.role),
        after: change.after,
        effectiveAt: formatDateTime(change.effectiveAt),
        before: change.before,
      }),
    );
  return {
    template: kind === "complete" ? "M-3" : "M-4",
    from: site.mailFrom.customer,
    to: input.to,
    subject: t()(`mail.contactChange.subject.${kind}`),
    body: createElement(ContactChangeMail, {
      kind,
      licenseId: input.licenseId,
      changedAt: formatDateTime(input.at),
      rows: input.changes.map((change) => ({
        label: t()("mail.contactChange.row", { role: roleLabel(change.role), field: fieldLabel(change.field) }),
        before: shown(change.before),
        after: shown(change.after),
      })),
      emailNotes,
      nameChange: input.nameChange
        ? { before: company(input.nameChange.before), after: company(input.nameChange.after), dueDate: formatDate(input.nameChange.dueDate) }
        : null,
      siteName: site.siteName,
    }),
  };
}

export function nameChangeDecisionMail(input: {
  to: string[];
  licenseId: number;
  approved: boolean;
  before: { companyName: string; branchName: string | null };
  after: { companyName: string; branchName: string | null };
  note: string | null;
  requestedAt: Date;
  at: Date;
}): MailMessage {
  const site = siteConfig();
  return {
    template: input.approved ? "M-3" : "M-3-rejected",
    from: site.mailFrom.customer,
    to: input.to,
    subject: t()(`mail.nameChangeDecision.subject.${input.approved ? "approved" : "rejected"}`),
    body: createElement(NameChangeDecisionMail, {
      approved: input.approved,
      licenseId: input.licenseId,
      requestedAt: formatDate(input.requestedAt),
      decidedAt: formatDateTime(input.at),
      before: company(input.before),
      after: company(input.after),
      note: input.note,
      siteName: site.siteName,
    }),
  };
}
