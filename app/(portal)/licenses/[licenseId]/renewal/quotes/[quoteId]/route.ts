import { z } from "zod";
import { customerRoute, notFoundResponse } from "@/lib/auth/guards";
import { pdfResponse } from "@/lib/pdf/response";
import { renderQuotePdf } from "@/lib/renewal/quote-pdf";
import { getRenewalQuote } from "@/lib/renewal/quotes";
import { licenseIdSchema, serialIdSchema } from "@/lib/validation/ids";

export const dynamic = "force-dynamic";

const quoteInput = z.object({
  licenseId: licenseIdSchema,
  quoteId: serialIdSchema,
  download: z.string().optional(),
});

// B-4 ③ the reference renewal quote PDF: opens in the browser's viewer (inline); `?download=1` saves it as
// renewal-quote-<licenseId>-<yyyymmdd of the quote>.pdf. Only the account that made the quote, while the contract is
// visible to it (lib/renewal/quotes.ts); anything else, a malformed ID too, answers like a missing path.
export const GET = customerRoute({ schema: quoteInput, onInvalid: notFoundResponse }, async ({ licenseId, quoteId, download }, { actor, locale }) => {
  const quote = await getRenewalQuote({ actor, licenseId, quoteId });
  if (!quote) return notFoundResponse();
  const pdf = await renderQuotePdf(quote, locale);
  const filename = `renewal-quote-${quote.licenseId}-${quote.quoteDate.replaceAll("-", "")}.pdf`;
  return pdfResponse(pdf, filename, download === "1");
});
