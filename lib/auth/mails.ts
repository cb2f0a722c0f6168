import "server-only";
import { createElement } from "react";
import PasswordChangedMail from "@/emails/password-changed";
import TemporaryPasswordMail from "@/emails/temporary-password";
import { siteConfig } from "@/lib/config/site";
import { formatDateTime } from "@/lib/dates";
import type { MailMessage } from "@/lib/mail/outbox";

// SPEC M-1 and M-2: subjects and senders are the manual's, with the configured vendor name.
export function temporaryPasswordMail(email: string, temporaryPassword: string, expiresAt: Date): MailMessage {
  const site = siteConfig();
  return {
    template: "M-1",
    from: site.mailFrom.customer,
    to: [email],
    subject: `【${site.vendorName}】法人カスタマーサービス & サポート：仮パスワード発行`,
    body: createElement(TemporaryPasswordMail, {
      email,
      temporaryPassword,
      loginUrl: new URL("/login", site.baseUrl).toString(),
      expiresAt: formatDateTime(expiresAt),
      siteName: site.siteName,
    }),
  };
}

export function passwordChangedMail(email: string, changedAt: Date): MailMessage {
  const site = siteConfig();
  return {
    template: "M-2",
    from: site.mailFrom.customer,
    to: [email],
    subject: `【${site.vendorName}】法人カスタマーサービス & サポート：パスワード変更完了のお知らせ`,
    body: createElement(PasswordChangedMail, { email, changedAt: formatDateTime(changedAt), siteName: site.siteName, contactPhone: site.contact.phone }),
  };
}
