import "server-only";
import { createElement } from "react";
import PasswordChangedMail from "@/emails/password-changed";
import TemporaryPasswordMail from "@/emails/temporary-password";
import { siteConfig } from "@/lib/config/site";
import { formatDateTime } from "@/lib/dates";
import { translator } from "@/lib/i18n";
import type { MailMessage } from "@/lib/mail/outbox";

// SPEC M-1 and M-2: subjects (the catalogue's `mail` namespace, in Japanese) and senders are the manual's, with the
// configured vendor name.
export function temporaryPasswordMail(email: string, temporaryPassword: string, expiresAt: Date): MailMessage {
  const site = siteConfig();
  return {
    template: "M-1",
    from: site.mailFrom.customer,
    to: [email],
    subject: translator("ja", "mail")("temporaryPassword.subject", { vendor: site.vendorName }),
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
    subject: translator("ja", "mail")("passwordChanged.subject", { vendor: site.vendorName }),
    body: createElement(PasswordChangedMail, { email, changedAt: formatDateTime(changedAt), siteName: site.siteName, contactPhone: site.contact.phone }),
  };
}
