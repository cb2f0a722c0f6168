import { auditFilterSchema, formatAuditTime } from "@/lib/audit/query";
import { iterateAuditLog } from "@/lib/audit/export";
import { staffRoute } from "@/lib/auth/guards";
import { now } from "@/lib/clock";
import { csvResponse, csvStream } from "@/lib/csv";
import { tokyoDate } from "@/lib/dates";
import { translator } from "@/lib/i18n";

export const dynamic = "force-dynamic";

// G-7 (admins): the audit log as CSV under the page's filters (actor, action, target, time range; the page links here
// with its own query), newest first, streamed in keyset chunks. Anyone without `audit.read` gets 404; a malformed
// filter 400 with the names of the fields (the page shows the messages and offers no link then).
export const GET = staffRoute({ capability: "audit.read", schema: auditFilterSchema }, async ({ filters, query }, { actor, locale }) => {
  const t = translator(locale, "admin.auditColumns");
  const stream = csvStream(
    [t("at"), t("actorType"), t("actorEmail"), t("action"), t("target"), t("clientAddress"), t("details")],
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
  return csvResponse(stream, filename);
});
