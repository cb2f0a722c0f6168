"use server";

import { z } from "zod";
import { customerAction } from "@/lib/auth/guards";
import { translator } from "@/lib/i18n";
import { setSubscription } from "@/lib/support-mail/subscriptions";
import type { FormState } from "@/lib/validation/form-state";

// E-2 「OK」: the checkbox as it was sent (a checkbox left unticked is absent from the form: not subscribed).
const settingInput = z.object({ subscribe: z.literal("on").optional() });

export const mailSettingAction = customerAction(
  { schema: settingInput, next: "/account/mail" },
  async ({ subscribe }, { actor, locale }): Promise<FormState> => {
    const t = translator(locale);
    await setSubscription({ actor, subscribed: subscribe === "on" });
    return { status: "success", message: t("mailSettings.done"), values: { subscribe: subscribe === "on" ? "on" : "" } };
  },
);
