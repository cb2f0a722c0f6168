import "server-only";
import { after } from "next/server";
import { deliverOutbox } from "./worker";
import { isDeliveryConfigured } from "./transport";

/**
 * Call after a transaction that enqueued mail has committed: delivery runs once the response is sent (after()),
 * so the customer never waits for the provider. If it fails or the instance stops, the cron route picks it up.
 */
export function scheduleOutboxDelivery(): void {
  if (!isDeliveryConfigured()) return;
  after(async () => {
    try {
      await deliverOutbox();
    } catch (error) {
      console.error("[mail] delivery after the response failed; the cron route will retry", error);
    }
  });
}
