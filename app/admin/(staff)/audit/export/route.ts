import { z } from "zod";
import { iterateAuditLog } from "@/lib/audit-export";
import { staffRoute } from "@/lib/auth/guards";
import { now } from "@/lib/clock";
import { csvStream } from "@/lib/csv";
import { formatDateTime, tokyoDate } from "@/lib/dates";

export const dynamic = "force-dynamic";

// G-7 (admins): the audit log as CSV, newest first, streamed in keyset chunks. The audit page with its filters
// (actor, action, target, time range) comes with the back office; this export is the first staff route handler and
// shows the permission table at work: anyone without `audit.read` gets 404.
export const GET = staffRoute({ capability: "audit.read", schema: z.object({}) }, async (_input, { actor, t }) => {
  const a = t.admin.auditColumns;
  const stream = csvStream([a.at, a.actorType, a.actorEmail, a.action, a.target, a.clientAddress, a.details], iterateAuditLog({ actor }), (row) => [
    formatDateTime(row.at),
    row.actorType,
    row.actorEmail ?? "",
    row.action,
    row.targetType ? `${row.targetType}:${row.targetId ?? ""}` : "",
    row.clientAddress ?? "",
    row.details ? JSON.stringify(row.details) : "",
  ]);
  const filename = `audit-${tokyoDate(now()).replaceAll("-", "")}.csv`;
  return new Response(stream, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
  });
});
