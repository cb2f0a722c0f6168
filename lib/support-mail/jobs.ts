import "server-only";
import { after } from "next/server";
import { isDeliveryConfigured } from "@/lib/mail/transport";
import { deliverOutbox } from "@/lib/mail/worker";
import { runSendJobs } from "./send";

/**
 * G-5: runs the send job once the response is out (after()), then hands what it enqueued to the delivery worker.
 * If the instance stops meanwhile, the next staff page view of a sending mail, or the cron route, resumes it.
 */
export function runSendJobsAfterResponse(): void {
  after(async () => {
    try {
      await runSendJobs();
      if (isDeliveryConfigured()) for (let round = 0; round < 400 && (await deliverOutbox({ limit: 25 })).claimed > 0; round++);
    } catch (error) {
      console.error("[support-mail] the send job stopped; the staff page or the cron route resumes it", error);
    }
  });
}
