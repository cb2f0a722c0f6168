"use server";

import { z } from "zod";
import { customerAction } from "@/lib/auth/guards";
import { translator } from "@/lib/i18n";
import { setReminderSettings } from "@/lib/reminders/opt-outs";
import { setSubscription } from "@/lib/support-mail/subscriptions";
import { licenseIdSchema } from "@/lib/validation/ids";
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

// N-3: the renewal reminders' settings — on for all, and which of the contracts shown were left ticked. `shown` names
// the contracts the form listed, so a contract left unticked (absent from the form) is known to be off.
const ids = z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(licenseIdSchema).max(10_000));
const reminderInput = z.object({ reminders: z.literal("on").optional(), shown: ids, on: ids });

export const reminderSettingAction = customerAction(
  {
    schema: reminderInput,
    next: "/account/mail",
    onInvalid: (_error, { t }): FormState => ({ status: "error", message: t("mailSettings.remindersInvalid") }),
  },
  async ({ reminders, shown, on }, { actor, locale }): Promise<FormState> => {
    const t = translator(locale);
    const ticked = new Set(on);
    await setReminderSettings({ actor, all: reminders === "on", off: shown.filter((id) => !ticked.has(id)) });
    return { status: "success", message: t("mailSettings.done"), values: { reminders: reminders === "on" ? "on" : "", on: on.join(",") } };
  },
);
