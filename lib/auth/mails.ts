import "server-only";
import { createElement, type ReactElement } from "react";
import PasswordChangedMail from "@/emails/password-changed";
import TemporaryPasswordMail from "@/emails/temporary-password";
import { siteConfig, type SiteConfig } from "@/lib/config/site";
import { formatDateTime } from "@/lib/dates";
import { translator } from "@/lib/i18n";
import type { MailMessage } from "@/lib/mail/outbox";

// SPEC M-1 and M-2: subjects (the catalogue's `mail` namespace, in Japanese) and senders are the manual's, with the
// configured vendor name.
function accountMail(
  template: "M-1" | "M-2",
  email: string,
  subject: "temporaryPassword.subject" | "passwordChanged.subject",
  body: (site: SiteConfig) => ReactElement,
): MailMessage {
  const site = siteConfig();
  return { template, from: site.mailFrom.customer, to: [email], subject: translator("ja", "mail")(subject, { vendor: site.vendorName }), body: body(site) };
}

export function temporaryPasswordMail(email: string, temporaryPassword: string, expiresAt: Date): MailMessage {
  return accountMail("M-1", email, "temporaryPassword.subject", (site) =>
    createElement(TemporaryPasswordMail, {
      email,
      temporaryPassword,
      loginUrl: new URL("/login", site.baseUrl).toString(),
      expiresAt: formatDateTime(expiresAt),
      siteName: site.siteName,
    }),
  );
}

export function passwordChangedMail(email: string, changedAt: Date): MailMessage {
  return accountMail("M-2", email, "passwordChanged.subject", (site) =>
    createElement(PasswordChangedMail, { email, changedAt: formatDateTime(changedAt), siteName: site.siteName, contactPhone: site.contact.phone }),
  );
}
