import { customerRoute } from "@/lib/auth/guards";
import { now } from "@/lib/clock";
import { csvResponse, csvStream } from "@/lib/csv";
import { formatDate, tokyoDate } from "@/lib/dates";
import { translator } from "@/lib/i18n";
import { iterateVisibleContractLines } from "@/lib/licenses/queries";
import { licenseListConditions } from "@/lib/validation/licenses";
import { licenseListQuery } from "../list-query";

export const dynamic = "force-dynamic";

const invalidConditions = (error: { issues: { path: PropertyKey[] }[] }) =>
  Response.json({ error: "invalid_conditions", fields: error.issues.map((issue) => String(issue.path[0])) }, { status: 400 });

// B-1 CSV出力: the filtered list (same conditions as the page, every page), UTF-8 with BOM and CRLF so that Excel
// opens the Japanese headers correctly, formula-safe cells (lib/csv.ts). Only the customer's visible contracts (B-0)
// can be in it. N-2: an asset register — the list's four columns first (as before), then one row per product line
// with its quantity and 契約期間, and both contacts' company and e-mail.
export const GET = customerRoute({ schema: licenseListConditions, onInvalid: invalidConditions }, async (params, { actor, locale }) => {
  const t = translator(locale, "licenses");
  const rows = iterateVisibleContractLines({ actor, query: licenseListQuery(params) });
  const header = [
    t("licenseId"),
    t("product"),
    t("status"),
    t("supportEndDate"),
    ...(
      ["lineProduct", "quantity", "lineStart", "lineEnd", "lineSupportEnd", "contractCompany", "contractEmail", "supportCompany", "supportEmail"] as const
    ).map((column) => t(`csvColumns.${column}`)),
  ];
  const stream = csvStream(header, rows, (r) => [
    String(r.licenseId),
    r.productName,
    t(`statusLabel.${r.status}`),
    formatDate(r.supportEndDate),
    r.line?.productName ?? "",
    r.line ? String(r.line.quantity) : "",
    r.line ? formatDate(r.line.startDate) : "",
    r.line ? formatDate(r.line.endDate) : "",
    r.line ? formatDate(r.line.supportEndDate) : "",
    r.contract.companyName,
    r.contract.email,
    r.support.companyName,
    r.support.email,
  ]);
  const filename = `licenses-${tokyoDate(now()).replaceAll("-", "")}.csv`;
  return csvResponse(stream, filename);
});
