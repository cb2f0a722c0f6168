import { z } from "zod";
import { customerRoute, notFoundResponse } from "@/lib/auth/guards";
import { pdfResponse } from "@/lib/pdf/response";
import { now } from "@/lib/clock";
import { tokyoDate } from "@/lib/dates";
import { renderHoldingsPdf } from "@/lib/licenses/holdings-pdf";
import { getVisibleContract } from "@/lib/licenses/queries";
import { licenseIdSchema } from "@/lib/validation/ids";

export const dynamic = "force-dynamic";

const pdfInput = z.object({
  licenseId: licenseIdSchema,
  download: z.string().optional(),
});

// B-3 PDF出力: opens in the browser's viewer (inline); `?download=1` saves it as license-<id>-<yyyymmdd>.pdf. Only
// a contract visible to the customer (B-0); anything else, a malformed ID too, answers like a missing path.
export const GET = customerRoute({ schema: pdfInput, onInvalid: notFoundResponse }, async ({ licenseId, download }, { actor, locale }) => {
  const contract = await getVisibleContract({ actor, licenseId });
  if (!contract) return notFoundResponse();
  const at = now();
  const pdf = await renderHoldingsPdf(contract, locale, at);
  const filename = `license-${contract.licenseId}-${tokyoDate(at).replaceAll("-", "")}.pdf`;
  return pdfResponse(pdf, filename, download === "1");
});
