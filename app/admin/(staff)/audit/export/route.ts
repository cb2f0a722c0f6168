import { auditFilterSchema, formatAuditTime } from "@/lib/audit/query";
import { iterateAuditLog } from "@/lib/audit/export";
import { staffRoute } from "@/lib/auth/guards";
import { now } from "@/lib/clock";
import { csvStream } from "@/lib/csv";
import { tokyoDate } from "@/lib/dates";

export const dynamic = "force-dynamic";

// G-7 (admins): the audit log as CSV under the page's filters (actor, action, target, time range; the page links here
// with its own query), newest first, streamed in keyset chunks. Anyone without `audit.read` gets 404; a malformed
// filter 400 with the names of the fields (the page shows the messages and offers no link then).
export const GET = staffRoute({ capability: "audit.read", schema: auditFilterSchema }, async ({ filters, query }, { actor, t }) => {
  const a = t.admin.auditColumns;
  const stream = csvStream(
    [a.at, a.actorType, a.actorEmail, a.action, a.target, a.clientAddress, a.details],
    iterateAuditLog({ actor, filters, query }),
    (row) => [
      formatAuditTime(row.at),
      row.actorType,
      row.actorEmail ?? "",
      row.action,
      row.targetType ? `${row.targetType}:${row.targetId ?? ""}` : "",
      row.clientAddress ?? "",
      row.details ? JSON.stringify(row.details) : "",
    ],
  );
  const filename = `audit-${tokyoDate(now()).replaceAll("-", "")}.csv`;
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
