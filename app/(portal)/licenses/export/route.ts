import { customerRoute } from "@/lib/auth/guards";
import { now } from "@/lib/clock";
import { csvStream } from "@/lib/csv";
import { formatDate, tokyoDate } from "@/lib/dates";
import { translator } from "@/lib/i18n";
import { iterateVisibleContracts } from "@/lib/licenses/queries";
import { licenseListConditions } from "@/lib/validation/licenses";
import { licenseListQuery } from "../list-query";

export const dynamic = "force-dynamic";

const invalidConditions = (error: { issues: { path: PropertyKey[] }[] }) =>
  Response.json({ error: "invalid_conditions", fields: error.issues.map((issue) => String(issue.path[0])) }, { status: 400 });

// B-1 CSV出力: the filtered list (same conditions as the page, every page), UTF-8 with BOM and CRLF so that Excel
// opens the Japanese headers correctly. Only the customer's visible contracts (B-0) can be in it.
export const GET = customerRoute({ schema: licenseListConditions, onInvalid: invalidConditions }, async (params, { actor, locale }) => {
  const t = translator(locale, "licenses");
  const rows = iterateVisibleContracts({ actor, query: licenseListQuery(params) });
  const stream = csvStream([t("licenseId"), t("product"), t("status"), t("supportEndDate")], rows, (r) => [
    String(r.licenseId),
    r.productName,
    t(`statusLabel.${r.status}`),
    formatDate(r.supportEndDate),
  ]);
  const filename = `licenses-${tokyoDate(now()).replaceAll("-", "")}.csv`;
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
