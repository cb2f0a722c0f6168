"use server";

import { z } from "zod";
import { setStaffPasswordWithLink } from "@/lib/staff-accounts/accounts";
import { publicAction } from "@/lib/auth/guards";
import { translator } from "@/lib/i18n";
import type { FormState } from "@/lib/validation/form-state";

// G-1, staff accounts: the invitation's or the reset's link sets a staff password (A-6 rules, the last 3 refused), once.
const input = z.object({ token: z.string().max(100).catch(""), newPassword: z.string().max(256).catch(""), confirmation: z.string().max(256).catch("") });

type Fields = "currentPassword" | "newPassword" | "confirmation";

export const setStaffPasswordAction = publicAction(
  { schema: input, raw: ["newPassword", "confirmation"] },
  async (values, { locale, clientAddress }): Promise<FormState<Fields>> => {
    const t = translator(locale);
    const result = await setStaffPasswordWithLink(values.token, values, clientAddress);
    if (result.ok) return { status: "success", message: t("admin.staff.setDone") };
    if (result.reason === "expired") return { status: "error", message: t("admin.staff.linkExpired") };
    return {
      status: "error",
      fieldErrors: {
        newPassword: result.newPassword.map((v) => t(`password.violations.${v}`)),
        confirmation: result.confirmation ? [t("password.confirmationMismatch")] : undefined,
      },
    };
  },
);
