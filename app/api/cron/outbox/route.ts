import { timingSafeEqual } from "node:crypto";
import { runPeriodicWork } from "@/lib/jobs/periodic";

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
  const report = await runPeriodicWork();
  return Response.json(report, { headers: { "Cache-Control": "no-store" } });
}

export const GET = handle;
export const POST = handle;
