"use server";

import { z } from "zod";
import { publicAction } from "@/lib/auth/guards";
import { translator } from "@/lib/i18n";
import { unsubscribeWithToken } from "@/lib/support-mail/subscriptions";
import type { FormState } from "@/lib/validation/form-state";

const input = z.object({ token: z.string().max(600) });

// The button of the one-click link's page: the token is the authority, no login (a person reading the mail on a
// phone without a session must be able to stop it).
export const unsubscribeAction = publicAction(
  { schema: input, onInvalid: (_error, { locale }): FormState => ({ status: "error", message: translator(locale)("unsubscribe.invalid") }) },
  async ({ token }, { locale, clientAddress }): Promise<FormState> => {
    const t = translator(locale);
    const outcome = await unsubscribeWithToken({ token, clientAddress });
    if (outcome === "unsubscribed") return { status: "success", message: t("unsubscribe.done") };
    return { status: "error", message: outcome === "expired" ? t("unsubscribe.expired") : t("unsubscribe.invalid") };
  },
);
