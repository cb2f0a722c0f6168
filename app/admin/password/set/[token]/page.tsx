import { PasswordChangeForm } from "@/app/_components/password-change-form";
import { openStaffLink } from "@/lib/staff-accounts/accounts";
import { publicPage } from "@/lib/auth/guards";
import { getTranslations, messageList } from "@/lib/i18n";
import { setStaffPasswordAction } from "./actions";
import { titleMetadata } from "@/app/admin/page-title";

export const generateMetadata = titleMetadata((t) => t("admin.staff.setTitle"), { robots: { index: false } });

// G-1, staff accounts: the page of a staff invitation or password reset link (72 hours, single use). Opening it changes nothing;
// the password is set by the form. A used, voided or expired link says so and names who can send a new one.
export default async function StaffPasswordSetPage({ params }: { params: Promise<{ token: string }> }) {
  await publicPage();
  const [{ token }, t] = await Promise.all([params, getTranslations()]);
  const link = await openStaffLink(token.slice(0, 200));
  const s = await getTranslations("admin.staff");
  const pc = await getTranslations("passwordChange");
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-12">
      <h1 className="mb-6 text-2xl font-bold">{s("setTitle")}</h1>
      {link ? (
        <PasswordChangeForm
          action={setStaffPasswordAction}
          askCurrent={false}
          email={link.email}
          doneHref="/admin/login"
          hidden={{ token }}
          lead={s("setLead", { name: link.name, email: link.email })}
          labels={{
            currentPassword: pc("currentPassword"),
            newPassword: pc("newPassword"),
            confirmation: pc("confirmation"),
            confirmationHint: pc("confirmationHint"),
            button: s("setButton"),
            doneNote: s("setDoneNote"),
            toMenu: s("toLogin"),
            rulesTitle: t("password.rulesTitle"),
            rules: messageList(t, "password.rules"),
            required: t("common.requiredMark"),
          }}
        />
      ) : (
        <p role="alert" className="rounded border border-brand bg-[#fff5f5] px-4 py-3 text-[#86061d]">
          {s("linkExpired")}
        </p>
      )}
    </main>
  );
}
