"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { STAFF_ROLES } from "@/lib/auth/permissions";
import { changeStaffRole, inviteStaff, resetStaffMfa, resetStaffPassword, setStaffDisabled, type StaffChangeResult } from "@/lib/staff-accounts/accounts";
import { staffAction } from "@/lib/auth/guards";
import { translator } from "@/lib/i18n";
import { scheduleOutboxDelivery } from "@/lib/mail/schedule";
import type { RootTranslator } from "@/lib/i18n";
import type { FormState } from "@/lib/validation/form-state";
import { confirmedSchema } from "@/lib/validation/confirm";
import { serialIdSchema } from "@/lib/validation/ids";

// G-1, staff accounts: admins only (`staff.manage`; anyone else 404). Each action changes one account in one
// transaction with its audit row (and its mail, through the outbox): lib/staff-accounts/accounts.ts.
const id = serialIdSchema;
const role = z.enum(STAFF_ROLES);

const inviteInput = z.object({ email: z.email().max(254), name: z.string().min(1).max(100), role });

type InviteFields = "email" | "name" | "role";

export const inviteStaffAction = staffAction(
  { capability: "staff.manage", schema: inviteInput, echo: ["email", "name", "role"] },
  async (input, { actor, locale }): Promise<FormState<InviteFields>> => {
    const s = translator(locale, "admin.staff");
    const result = await inviteStaff(actor, input);
    if (!result.ok) return { status: "error", fieldErrors: { email: [s("exists")] }, values: { email: input.email, name: input.name, role: input.role } };
    scheduleOutboxDelivery();
    revalidatePath("/admin/staff");
    return { status: "success", message: s("invited", { email: input.email }) };
  },
);

function answer(result: StaffChangeResult, done: string, t: RootTranslator): FormState {
  revalidatePath("/admin/staff");
  if (result.ok) return { status: "success", message: done };
  return {
    status: result.reason === "unchanged" ? "success" : "error",
    message: t(`admin.staff.${result.reason === "last_admin" ? "lastAdmin" : result.reason === "not_found" ? "notFound" : result.reason}`),
  };
}

export const changeStaffRoleAction = staffAction({ capability: "staff.manage", schema: z.object({ id, role }) }, async (input, { actor, locale }) =>
  answer(await changeStaffRole(actor, input), translator(locale)("admin.staff.roleChanged"), translator(locale)),
);

// 無効にする, the password reset and the MFA reset ask first (the page's confirmation sends `confirm`); 有効にする does not.
const disabledInput = z
  .discriminatedUnion("disabled", [z.object({ id, disabled: z.literal("true"), confirm: confirmedSchema }), z.object({ id, disabled: z.literal("false") })])
  .transform(({ id, disabled }) => ({ id, disabled: disabled === "true" }));
const confirmedIdInput = z.object({ id, confirm: confirmedSchema });

export const setStaffDisabledAction = staffAction({ capability: "staff.manage", schema: disabledInput }, async (input, { actor, locale }) => {
  const t = translator(locale);
  return answer(await setStaffDisabled(actor, input), input.disabled ? t("admin.staff.disabled") : t("admin.staff.enabled"), t);
});

export const resetStaffPasswordAction = staffAction({ capability: "staff.manage", schema: confirmedIdInput }, async ({ id }, { actor, locale }) => {
  const t = translator(locale);
  const result = await resetStaffPassword(actor, { id });
  if (result.ok) scheduleOutboxDelivery();
  return answer(result, t("admin.staff.resetSent"), t);
});

export const resetStaffMfaAction = staffAction({ capability: "staff.manage", schema: confirmedIdInput }, async ({ id }, { actor, locale }) =>
  answer(await resetStaffMfa(actor, { id }), translator(locale)("admin.staff.mfaReset"), translator(locale)),
);
