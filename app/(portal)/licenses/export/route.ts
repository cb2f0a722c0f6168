import { authorizeCustomerRequest } from "@/lib/auth/current";
import { now } from "@/lib/clock";
import { formatDate, tokyoDate } from "@/lib/dates";
import { getMessages } from "@/lib/i18n";
import { iterateVisibleContracts } from "@/lib/licenses/queries";
import { parseLicenseListParams } from "@/lib/validation/licenses";

export const dynamic = "force-dynamic";

// RFC 4180 quoting; a leading =, +, - or @ is prefixed so that Excel never evaluates a cell as a formula.
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

// B-1 CSV出力: the filtered list (same conditions as the page, every page), UTF-8 with BOM and CRLF so that Excel
// opens the Japanese headers correctly. Only the customer's visible contracts (B-0) can be in it.
export async function GET(request: Request) {
  const auth = await authorizeCustomerRequest();
  if (!auth.ok) return auth.response;
  const url = new URL(request.url);
  const { params, invalid } = parseLicenseListParams(Object.fromEntries(url.searchParams));
  if (invalid.length) return Response.json({ error: "invalid_conditions", fields: invalid }, { status: 400 });
  const t = (await getMessages()).licenses;
  const encoder = new TextEncoder();
  const rows = iterateVisibleContracts({ actor: auth.session, query: { licenseId: params.licenseId, status: params.status, supportEndFrom: params.from, supportEndTo: params.to, sort: params.sort, direction: params.dir } });
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${[t.licenseId, t.product, t.status, t.supportEndDate].map(cell).join(",")}\r\n`));
    },
    async pull(controller) {
      const next = await rows.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(next.value.map((r) => `${[String(r.licenseId), r.productName, t.statusLabel[r.status], formatDate(r.supportEndDate)].map(cell).join(",")}\r\n`).join("")));
    },
  });
  const filename = `licenses-${tokyoDate(now()).replaceAll("-", "")}.csv`;
  return new Response(stream, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
  });
}
