import { z } from "zod";
import { authorizeCustomerRequest } from "@/lib/auth/current";
import { now } from "@/lib/clock";
import { tokyoDate } from "@/lib/dates";
import { getMessages } from "@/lib/i18n";
import { renderHoldingsPdf } from "@/lib/licenses/holdings-pdf";
import { getVisibleContract } from "@/lib/licenses/queries";

export const dynamic = "force-dynamic";

const licenseIdSchema = z.string().regex(/^\d{1,15}$/).transform(Number);

// B-3 PDF出力: opens in the browser's viewer (inline); `?download=1` saves it as license-<id>-<yyyymmdd>.pdf. Only
// a contract visible to the customer (B-0); anything else answers like a missing path.
export async function GET(request: Request, { params }: { params: Promise<{ licenseId: string }> }) {
  const auth = await authorizeCustomerRequest();
  if (!auth.ok) return auth.response;
  const parsed = licenseIdSchema.safeParse((await params).licenseId);
  if (!parsed.success) return new Response("Not Found", { status: 404 });
  const contract = await getVisibleContract({ actor: auth.session, licenseId: parsed.data });
  if (!contract) return new Response("Not Found", { status: 404 });
  const at = now();
  const pdf = await renderHoldingsPdf(contract, (await getMessages()).licenses, at);
  const filename = `license-${contract.licenseId}-${tokyoDate(at).replaceAll("-", "")}.pdf`;
  const disposition = new URL(request.url).searchParams.get("download") === "1" ? "attachment" : "inline";
  return new Response(Buffer.from(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `${disposition}; filename="${filename}"`, "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" },
  });
}
