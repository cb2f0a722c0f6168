import "server-only";
import { isDeliveryConfigured } from "./transport";

/**
 * SPEC M: the development mailbox exists only while DEV_MAILBOX=1 AND no Resend key is configured; a deployment
 * never exposes mail by default (both the page and the JSON view answer 404 otherwise).
 */
export function isDevMailboxEnabled(): boolean {
  return process.env.DEV_MAILBOX === "1" && !isDeliveryConfigured();
}
