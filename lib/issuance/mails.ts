import "server-only";
import { createElement } from "react";
import ApexCentralCodeMail from "@/emails/apex-central-code";
import IssuanceCompleteMail from "@/emails/issuance-complete";
import IssuanceUrlMail from "@/emails/issuance-url";
import { siteConfig } from "@/lib/config/site";
import { formatDate, formatDateTime } from "@/lib/dates";
import type { MailMessage } from "@/lib/mail/outbox";

// SPEC M-5 … M-11 (C-1 … C-4). Mails are Japanese, the manual's subjects with the configured vendor name; they carry
// the request and the codes only, nothing else about the contract.

export type IssuanceKind = "apex_one" | "virus_buster" | "offline"; // C-1, C-2, C-4 (apex_central is C-3)
export type MailItem = { productName: string; quantity: number };

// What each flow issues, as its subjects say it (C-2 issues シリアル番号), and the SPEC M ids of its two mails.
const wording: Record<IssuanceKind, { title: string; codeLabel: string; urlTemplate: string; completeTemplate: string }> = {
  apex_one: {
    title: "Apex One/ウイルスバスターCorp. 用アクティベーションコード",
    codeLabel: "アクティベーションコード",
    urlTemplate: "M-5",
    completeTemplate: "M-6",
  },
  virus_buster: { title: "法人用ウイルスバスターシリアル番号", codeLabel: "シリアル番号", urlTemplate: "M-7", completeTemplate: "M-8" },
  offline: { title: "オフライン用アクティベーションコード", codeLabel: "アクティベーションコード", urlTemplate: "M-10", completeTemplate: "M-11" },
};

const quantity = (value: number) => value.toLocaleString("ja-JP");

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
  const site = siteConfig();
  const { title, codeLabel, urlTemplate } = wording[input.kind];
  return {
    template: urlTemplate,
    from: site.mailFrom.operations,
    to: input.to,
    subject: `【${site.vendorName}】${title}発行URLのご連絡`,
    body: createElement(IssuanceUrlMail, {
      title,
      codeLabel,
      licenseId: input.licenseId,
      requestedAt: formatDateTime(input.requestedAt),
      items: input.items.map((item) => ({ productName: item.productName, quantity: quantity(item.quantity) })),
      contactEmail: input.contactEmail,
      url: input.url,
      expiresAt: formatDateTime(input.expiresAt),
      siteName: site.siteName,
    }),
  };
}

export function issuanceCompleteMail(input: {
  kind: IssuanceKind;
  to: string[];
  licenseId: number;
  items: (MailItem & { code: string })[];
  issuedAt: Date;
}): MailMessage {
  const site = siteConfig();
  const { title, codeLabel, completeTemplate } = wording[input.kind];
  return {
    template: completeTemplate,
    from: site.mailFrom.operations,
    to: input.to,
    subject: `【${site.vendorName}】${title}発行完了のご連絡`,
    body: createElement(IssuanceCompleteMail, {
      title,
      codeLabel,
      licenseId: input.licenseId,
      issuedAt: formatDateTime(input.issuedAt),
      items: input.items.map((item) => ({ productName: item.productName, quantity: quantity(item.quantity), code: item.code })),
      detailUrl: new URL(`/licenses/${input.licenseId}`, site.baseUrl).toString(),
      siteName: site.siteName,
    }),
  };
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
    subject: `${site.vendorName}製品用アクティベーションコードのご案内`,
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
