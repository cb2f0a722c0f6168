import { getTranslations, messageList } from "@/lib/i18n";
import { changePasswordAction } from "./auth-actions";
import { PageTitle } from "./page-title";
import { PasswordChangeForm } from "./password-change-form";

/** The body of A-4 (forced), E-1 (voluntary) and the staff change: one form, one action, the same rules. */
export async function PasswordChangeBody({ session, doneHref }: { session: { email: string; mustChangePassword: boolean }; doneHref: string }) {
  const t = await getTranslations();
  const pc = await getTranslations("passwordChange");
  return (
    <>
      <PageTitle>{pc("title")}</PageTitle>
      <PasswordChangeForm
        action={changePasswordAction}
        askCurrent={!session.mustChangePassword}
        email={session.email}
        doneHref={doneHref}
        lead={session.mustChangePassword ? pc("forcedLead") : pc("voluntaryLead")}
        labels={{
          currentPassword: pc("currentPassword"),
          newPassword: pc("newPassword"),
          confirmation: pc("confirmation"),
          confirmationHint: pc("confirmationHint"),
          button: pc("button"),
          doneNote: pc("doneNote"),
          toMenu: pc("toMenu"),
          rulesTitle: t("password.rulesTitle"),
          rules: messageList(t, "password.rules"),
          required: t("common.requiredMark"),
        }}
      />
    </>
  );
}
