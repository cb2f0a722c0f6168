import { timingSafeEqual } from "node:crypto";
import { deliverOutbox } from "@/lib/mail/worker";
import { runSendJobs } from "@/lib/support-mail/send";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

// Mail delivery on a schedule: Vercel Cron (GET with `Authorization: Bearer $CRON_SECRET`) or a container's cron
// (curl -X POST -H "Authorization: Bearer …"). Without CRON_SECRET the route does not exist.
function authorized(request: Request): boolean | "disabled" {
  const secret = process.env.CRON_SECRET;
  if (!secret) return "disabled";
  const given = Buffer.from(request.headers.get("authorization") ?? "");
  const expected = Buffer.from(`Bearer ${secret}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function handle(request: Request) {
  const auth = authorized(request);
  if (auth === "disabled") return new Response("Not Found", { status: 404 });
  if (!auth) return Response.json({ error: "unauthorized" }, { status: 401 });
  // G-5: a Support Information send that stopped (a crash, a deploy) goes on from its last committed chunk.
  const jobs = await runSendJobs();
  const reports = [];
  // Drain in rounds so one call clears a backlog, bounded to stay inside the function's time limit.
  for (let round = 0; round < 8; round++) {
    const report = await deliverOutbox({ limit: 25 });
    reports.push(report);
    if (report.claimed < 25) break;
  }
  const total = reports.reduce((a, r) => ({ claimed: a.claimed + r.claimed, sent: a.sent + r.sent, retried: a.retried + r.retried, failed: a.failed + r.failed }), { claimed: 0, sent: 0, retried: 0, failed: 0 });
  return Response.json({ ...total, supportInfo: jobs }, { headers: { "Cache-Control": "no-store" } });
}

export const GET = handle;
export const POST = handle;
