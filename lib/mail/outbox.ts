import "server-only";
import { randomUUID } from "node:crypto";
import { render } from "@react-email/render";
import { mailPlainText } from "./plain-text";
import type { ReactElement } from "react";
import type { Executor } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { now } from "@/lib/clock";

export type MailMessage = {
  /** The SPEC M id (M-1 …) or another stable template name, kept for staff and tests. */
  template: string;
  from: string;
  to: string[];
  subject: string;
  body: ReactElement;
  /** Extra mail headers (M-12, M-13: RFC 8058 List-Unsubscribe and List-Unsubscribe-Post). */
  headers?: Record<string, string>;
};

/**
 * SPEC M delivery: writes the mail into the outbox with the caller's executor, which must be the transaction of the
 * change that causes it — both commit together or neither does. Delivery happens later (lib/mail/worker).
 * Returns the outbox id (also the provider's idempotency key).
 */
export async function enqueueMail(tx: Executor, message: MailMessage): Promise<string> {
  const recipients = [...new Set(message.to.map((address) => address.trim().toLowerCase()))].filter(Boolean);
  if (recipients.length === 0) throw new Error(`Mail ${message.template} has no recipient`);
  const html = await render(message.body);
  const text = mailPlainText(html);
  const id = randomUUID();
  await tx.insert(mailOutbox).values({
    id,
    template: message.template,
    fromAddress: message.from,
    toAddresses: recipients,
    subject: message.subject,
    html,
    text,
    headers: message.headers ?? null,
    nextAttemptAt: now(),
    createdAt: now(),
  });
  return id;
}
