import "server-only";
import { deliverOutbox, type DeliveryReport } from "@/lib/mail/worker";
import { runRemindersIfDue, type ReminderRunReport } from "@/lib/reminders/job";
import { runSendJobs } from "@/lib/support-mail/send";

export type PeriodicReport = DeliveryReport & {
  supportInfo: Awaited<ReturnType<typeof runSendJobs>>;
  /** N-3: the reminder run, or null when none was due (before 06:00 in Tokyo, or within the hour of the last). */
  reminders: ReminderRunReport | null;
};

/**
 * The work that runs on a schedule (X-7): the cron route (Vercel Cron, a container's cron) and the container's own
 * background worker (lib/jobs/background-worker.ts) call this one function. Every part is safe to run on several
 * instances at once: the reminder job writes each reminder once (a unique key: lib/reminders/job.ts), G-5's send
 * job takes a fenced lease and goes on from its last committed chunk, and the outbox is claimed with FOR UPDATE SKIP
 * LOCKED, so each mail goes out once whichever instance takes it.
 */
export async function runPeriodicWork({ rounds = 8 }: { rounds?: number } = {}): Promise<PeriodicReport> {
  // G-5: a Support Information send that stopped (a crash, a deploy) goes on from its last committed chunk.
  const supportInfo = await runSendJobs();
  // N-3: the day's renewal reminders (at most once an hour, from 06:00 in Tokyo), before the outbox is drained.
  const reminders = await runRemindersIfDue();
  const total: DeliveryReport = { claimed: 0, sent: 0, retried: 0, failed: 0 };
  // Drain in rounds so one call clears a backlog, bounded to stay inside a function's time limit.
  for (let round = 0; round < rounds; round++) {
    const report = await deliverOutbox({ limit: 25 });
    total.claimed += report.claimed;
    total.sent += report.sent;
    total.retried += report.retried;
    total.failed += report.failed;
    if (report.claimed < 25) break;
  }
  return { ...total, supportInfo, reminders };
}
