import "server-only";
import { createElement } from "react";
import ContactChangeMail from "@/emails/contact-change";
import NameChangeDecisionMail from "@/emails/name-change-decision";
import { siteConfig } from "@/lib/config/site";
import { formatDate, formatDateTime } from "@/lib/dates";
import { ja } from "@/lib/i18n/ja";
import type { MailMessage } from "@/lib/mail/outbox";
import type { ContactField, ContactRole } from "@/lib/validation/contacts";

// SPEC M-3 / M-4 and the rejection mail (G-3). Mails are Japanese, the manual's subjects.

export type ChangeLine = { before: string | null; after: string | null };

const roleLabel = (role: ContactRole) => (role === "contract" ? "契約窓口" : "サポート窓口");
const fieldLabel = (field: ContactField) => ja.licenses[field];
const shown = (value: string | null) => value ?? "（なし）";
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
    .map(
      (change) =>
        `${roleLabel(change.role)}のメールアドレス（ログインID）を ${change.after} に変更しました。新しいメールアドレスでログインいただけるのは ${formatDateTime(change.effectiveAt)} 以降です。それまでは ${change.before} でログインいただけます。`,
    );
  return {
    template: kind === "complete" ? "M-3" : "M-4",
    from: site.mailFrom.customer,
    to: input.to,
    subject: kind === "complete" ? "契約内容変更完了" : "契約内容変更受付＆一部変更処理完了",
    body: createElement(ContactChangeMail, {
      kind,
      licenseId: input.licenseId,
      changedAt: formatDateTime(input.at),
      rows: input.changes.map((change) => ({
        label: `${roleLabel(change.role)} ${fieldLabel(change.field)}`,
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
    subject: input.approved ? "契約内容変更完了" : "契約法人名・支社名の変更依頼について",
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
