// The send job of G-5 in a process of its own, for bench/support-mail.ts: `tsx --import bench/server-only-hook.mjs
// bench/support-mail-worker.ts '<json config>'` with DATABASE_URL and AUTH_SECRET set. It does what the 「全購読者に送信する」
// action does, through the same lib code (lib/support-mail/send.ts): a draft by the demo marketer, startSending (the
// subscriber count and the state change), then runSendJobs, which the server runs after the action's response
// (after()) or on the cron route — chunk by chunk until every subscriber has an outbox row. Prints one JSON object.
//
// Peak RSS: this process's VmHWM, reset (clear_refs 5) once the modules are loaded and the database is open, so the
// figure is the job's, not the loading's; the resident size before the job is printed beside it.
import fs from "node:fs";
import { eq } from "drizzle-orm";
import { closeDb, getDb } from "../db/client";
import { staffAccounts } from "../db/schema";
import type { StaffActor } from "../lib/auth/actor";
import { createSupportMail, runSendJobs, sendProgress, startSending } from "../lib/support-mail/send";

const { title } = JSON.parse(process.argv[2] ?? "{}") as { title: string };

function statusMiB(field: "VmHWM" | "VmRSS"): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync("/proc/self/status", "utf8"));
  return match ? Number(match[1]) / 1024 : 0;
}

async function main() {
  const db = await getDb();
  const [staff] = await db.select().from(staffAccounts).where(eq(staffAccounts.email, "marketer@example.com"));
  if (!staff) throw new Error("the demo marketer (SPEC X-2) is missing");
  const actor: StaffActor = {
    type: "staff",
    role: staff.role,
    accountId: staff.id,
    email: staff.email,
    sessionId: "bench",
    mustChangePassword: false,
    clientAddress: "127.0.0.1",
  };
  const body =
    "今月のSupport Informationです。\n\n- **Apex One** の新しいパターンファイル\n- [詳しくはこちら](https://www.trendmicro.com/ja_jp/business.html)\n";
  const id = await createSupportMail({ actor, draft: { title, body } });
  // Warm the renderer and the pool outside the measurement, as a running server has them.
  await sendProgress({ actor, id });
  fs.writeFileSync("/proc/self/clear_refs", "5");
  const rssBefore = statusMiB("VmRSS");
  const started = performance.now();
  const outcome = await startSending({ actor, id });
  if (outcome !== "started") throw new Error(`startSending: ${outcome}`);
  const startSeconds = (performance.now() - started) / 1000;
  const report = await runSendJobs();
  const seconds = (performance.now() - started) / 1000;
  const peak = statusMiB("VmHWM");
  const progress = await sendProgress({ actor, id });
  await closeDb();
  console.log(
    JSON.stringify({
      mailId: id,
      seconds,
      startSeconds,
      chunks: report.chunks,
      enqueued: progress.enqueued,
      total: progress.total,
      rssBeforeMiB: rssBefore,
      peakRssMiB: peak,
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
