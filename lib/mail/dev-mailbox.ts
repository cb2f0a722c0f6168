import "server-only";
import { isLoopbackHost, isLoopbackRequest } from "@/lib/security/client-address";
import { isDeliveryConfigured } from "./transport";

/**
 * SPEC M: the development mailbox exists only while DEV_MAILBOX=1 AND no Resend key is configured; a deployment
 * never exposes mail by default (both the page and the JSON view answer 404 otherwise).
 */
export function isDevMailboxEnabled(): boolean {
  return process.env.DEV_MAILBOX === "1" && !isDeliveryConfigured();
}

/**
 * The mailbox holds every temporary password the site sends: it is never a way in. Besides the SPEC's rule it
 * answers only a request from this machine (a loopback socket, no proxy hop from elsewhere) that names this machine
 * (a loopback Host: no other site's page through DNS rebinding); anyone else gets 404.
 */
export function isDevMailboxOpenTo(headers: Headers): boolean {
  return isDevMailboxEnabled() && isLoopbackRequest(headers) && isLoopbackHost(headers);
}

/** Said once at start, so that nobody runs a shared server with the mailbox on without knowing. */
export function warnIfDevMailboxEnabled(): void {
  if (isDevMailboxEnabled())
    console.warn(
      "[mail] DEV_MAILBOX=1: /dev/mailbox and /api/dev/mailbox show every mail this server sends, temporary passwords included, " +
        "to loopback clients of this machine. Never set it on a server others can reach.",
    );
}
