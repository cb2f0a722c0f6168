import "server-only";
import type { Resend } from "resend";
import type { OutboxMail } from "@/db/schema";

export type TransportOutcome = { ok: true; providerMessageId: string | null } | { ok: false; retryable: boolean; retryAfterMs?: number; error: string };

export type MailTransport = (mail: OutboxMail) => Promise<TransportOutcome>;
/** Several mails in one request (M-12's chunks), all or none; the outcome holds for every one of them. */
export type BatchTransport = (mails: OutboxMail[], idempotencyKey: string) => Promise<TransportOutcome & { providerMessageIds?: (string | null)[] }>;

/** Delivery is on only with a Resend key; without one (development, tests, the embedded default) mails stay put. */
export function isDeliveryConfigured(): boolean {
  return Boolean(process.env.RESEND_API_KEY);
}

let client: Resend | undefined;
let clientKey: string | undefined;

// STACK.md: `new Resend()` throws without a key, so the client is made on first use, never at module load.
async function resendClient(): Promise<Resend> {
  const key = process.env.RESEND_API_KEY;
  if (!key) throw new Error("RESEND_API_KEY is not set");
  if (!client || clientKey !== key) {
    const { Resend } = await import("resend");
    client = new Resend(key);
    clientKey = key;
  }
  return client;
}

/** Retry-After is either seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null | undefined, at: Date): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - at.getTime());
}

function payload(mail: OutboxMail) {
  return {
    from: mail.fromAddress,
    to: mail.toAddresses,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    ...(mail.headers ? { headers: mail.headers } : {}),
  };
}

export const resendTransport: MailTransport = async (mail) => {
  const resend = await resendClient();
  // The outbox id: a retry after a lost response is recognised by Resend and not sent again.
  const { data, error, headers } = await resend.emails.send(payload(mail), { idempotencyKey: mail.id });
  if (!error) return { ok: true, providerMessageId: data?.id ?? null };
  return failure(error, headers);
};

/** Resend's batch endpoint (up to 100 mails, strict validation: all or none), keyed by the batch's key. */
export const resendBatchTransport: BatchTransport = async (mails, idempotencyKey) => {
  const resend = await resendClient();
  const { data, error, headers } = await resend.batch.send(mails.map(payload), { idempotencyKey });
  if (!error) return { ok: true, providerMessageId: null, providerMessageIds: mails.map((_, i) => data?.data?.[i]?.id ?? null) };
  return failure(error, headers);
};

function failure(error: { message: string }, headers: Record<string, string> | null | undefined): TransportOutcome {
  const status = (error as { statusCode?: number | null }).statusCode ?? null;
  const name = (error as { name?: string }).name ?? "error";
  // Network failures (no status), rate limits, server errors and a concurrent request on the same key are
  // transient; anything else (validation, auth, a reused key with another payload) will not get better by retrying.
  const retryable = status === null || status === 429 || status >= 500 || name === "concurrent_idempotent_requests";
  return {
    ok: false,
    retryable,
    retryAfterMs: parseRetryAfter(headers?.["retry-after"], new Date()),
    error: `${status ?? "network"} ${name}: ${error.message}`.slice(0, 500),
  };
}
