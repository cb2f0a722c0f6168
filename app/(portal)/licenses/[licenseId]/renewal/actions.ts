"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { customerAction } from "@/lib/auth/guards";
import { getTranslations } from "@/lib/i18n";
import { quoteNumber } from "@/lib/renewal/quote-number";
import { createRenewalQuote } from "@/lib/renewal/quotes";
import type { FormState } from "@/lib/validation/form-state";
import { licenseIdSchema } from "@/lib/validation/ids";

// B-4 ③ 「参考更新価格表示」, admitted by the customer guard (session → A-4 → zod → the handler with the actor).
// The request carries the license ID and one `successor_<lineId>` per line with several successors — nothing else:
// a quantity, a product or any other field is a crafted request and is refused whole (数量変更/製品追加不可).
const SUCCESSOR_KEY = /^successor_([1-9]\d{0,9})$/;

const renewalSchema = z
  .record(z.string().regex(/^(licenseId|successor_[1-9]\d{0,9})$/), z.string())
  .pipe(
    z
      .object({
        licenseId: licenseIdSchema,
      })
      .catchall(z.string().regex(/^[A-Z0-9_]{1,64}$/)),
  )
  .transform(({ licenseId, ...rest }) => ({
    licenseId,
    choices: Object.fromEntries(Object.entries(rest).map(([key, code]) => [Number(SUCCESSOR_KEY.exec(key)![1]), code as string])) as Record<number, string>,
  }));

export type RenewalState = FormState & { quoteId?: number; licenseId?: number; quoteNumber?: string };

export const renewalQuoteAction = customerAction(
  {
    schema: renewalSchema,
    next: "/licenses",
    onInvalid: async (): Promise<RenewalState> => ({ status: "error", message: (await getTranslations("renewal"))("invalidChoice") }),
  },
  async ({ licenseId, choices }, { actor }): Promise<RenewalState> => {
    const t = await getTranslations();
    const result = await createRenewalQuote({ actor, licenseId, choices });
    if (!result.ok) {
      // A line with several successors and none chosen: the form's own message, under each such line's choice.
      if (result.refusal === "choice_required") {
        const message = t("renewal.chooseRequired");
        return { status: "error", message, fieldErrors: Object.fromEntries(result.lineIds.map((lineId) => [`successor_${lineId}`, [message]])) };
      }
      const message =
        result.refusal === "not_found"
          ? t("common.notFoundBody")
          : result.refusal === "ineligible"
            ? t(`renewal.reasons.${result.reason}`)
            : t("renewal.invalidChoice");
      return { status: "error", message };
    }
    // The page's list of this customer's quotes shows the new one with the answer.
    revalidatePath(`/licenses/${licenseId}/renewal`);
    const number = quoteNumber(result.quoteId);
    return { status: "success", message: t("renewal.created", { number }), quoteId: result.quoteId, licenseId, quoteNumber: number };
  },
);
