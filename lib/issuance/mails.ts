import "server-only";
import { createElement, type ReactElement } from "react";
import ApexCentralCodeMail from "@/emails/apex-central-code";
import IssuanceCompleteMail from "@/emails/issuance-complete";
import IssuanceUrlMail from "@/emails/issuance-url";
import { siteConfig } from "@/lib/config/site";
import { formatDate, formatDateTime } from "@/lib/dates";
import { formatterOf, translator } from "@/lib/i18n";
import type { MailMessage } from "@/lib/mail/outbox";

// SPEC M-5 … M-11 (C-1 … C-4). Mails are Japanese (the catalogue's `mail` namespace), the manual's subjects with the
// configured vendor name; they carry the request and the codes only, nothing else about the contract.

export type IssuanceKind = "apex_one" | "virus_buster" | "offline"; // C-1, C-2, C-4 (apex_central is C-3)
export type MailItem = { productName: string; quantity: number };

// The SPEC M ids of each flow's two mails; what it issues, as its subjects say it (C-2 issues シリアル番号), is the
// catalogue's mail.issuance.title and codeLabel.
const templates: Record<IssuanceKind, { urlTemplate: string; completeTemplate: string }> = {
  apex_one: { urlTemplate: "M-5", completeTemplate: "M-6" },
  virus_buster: { urlTemplate: "M-7", completeTemplate: "M-8" },
  offline: { urlTemplate: "M-10", completeTemplate: "M-11" },
};

const t = () => translator("ja", "mail");
const quantity = (value: number) => formatterOf("ja").number(value);

type Wording = { title: string; codeLabel: string; siteName: string };

/**
 * One of a flow's two mails (the URL, then the issued codes): the step's SPEC M id, from the operations address, the
 * subject and the body naming what the flow issues.
 */
function flowMail(kind: IssuanceKind, step: "url" | "complete", to: string[], body: (wording: Wording) => ReactElement): MailMessage {
  const site = siteConfig();
  const title = t()(`issuance.title.${kind}`);
  return {
    template: step === "url" ? templates[kind].urlTemplate : templates[kind].completeTemplate,
    from: site.mailFrom.operations,
    to,
    subject: t()(`issuance.${step}.subject`, { vendor: site.vendorName, title }),
    body: body({ title, codeLabel: t()(`issuance.codeLabel.${kind}`), siteName: site.siteName }),
  };
}

export function issuanceUrlMail(input: {
  kind: IssuanceKind;
  to: string[];
  licenseId: number;
  url: string;
  expiresAt: Date;
  items: MailItem[];
  contactEmail: string;
  requestedAt: Date;
}): MailMessage {
  return flowMail(input.kind, "url", input.to, (wording) =>
    createElement(IssuanceUrlMail, {
      ...wording,
      licenseId: input.licenseId,
      requestedAt: formatDateTime(input.requestedAt),
      items: input.items.map((item) => ({ productName: item.productName, quantity: quantity(item.quantity) })),
      contactEmail: input.contactEmail,
      url: input.url,
      expiresAt: formatDateTime(input.expiresAt),
    }),
  );
}

export function issuanceCompleteMail(input: {
  kind: IssuanceKind;
  to: string[];
  licenseId: number;
  items: (MailItem & { code: string })[];
  issuedAt: Date;
}): MailMessage {
  return flowMail(input.kind, "complete", input.to, (wording) =>
    createElement(IssuanceCompleteMail, {
      ...wording,
      licenseId: input.licenseId,
      issuedAt: formatDateTime(input.issuedAt),
      items: input.items.map((item) => ({ productName: item.productName, quantity: quantity(item.quantity), code: item.code })),
      detailUrl: new URL(`/licenses/${input.licenseId}`, siteConfig().baseUrl).toString(),
    }),
  );
}

export function apexCentralCodeMail(input: {
  to: string[];
  licenseId: number;
  productName: string;
  quantity: number;
  code: string;
  supportEndDate: string /* ISO yyyy-mm-dd */;
  issuedAt: Date;
}): MailMessage {
  const site = siteConfig();
  return {
    template: "M-9",
    from: site.mailFrom.sales,
    to: input.to,
    subject: t()("apexCentral.subject", { vendor: site.vendorName }),
    body: createElement(ApexCentralCodeMail, {
      licenseId: input.licenseId,
      productName: input.productName,
      quantity: quantity(input.quantity),
      code: input.code,
      supportEndDate: formatDate(input.supportEndDate),
      issuedAt: formatDateTime(input.issuedAt),
      siteName: site.siteName,
    }),
  };
}
