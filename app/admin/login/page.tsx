import { redirect } from "next/navigation";
import { staffLoginAction } from "@/app/_components/auth-actions";
import { LoginForm } from "@/app/_components/login-form";
import { FormMessage } from "@/app/_components/form-controls";
import { publicPage } from "@/lib/auth/guards";
import { first, readStaffSignIn } from "./staff-sign-in";
import { titleMetadata } from "@/app/admin/page-title";

export const generateMetadata = titleMetadata((t) => t("auth.staffLoginTitle"), { robots: { index: false } });

// G-1: staff sign in here, separately from customers.
export default async function StaffLoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await publicPage();
  const { params, t, state, callbackUrl } = await readStaffSignIn(searchParams);
  if (state.state === "active" && state.principal.type === "staff") redirect(callbackUrl);
  return (
    <main id="main" className="mx-auto max-w-lg px-4 py-12">
      <h1 className="mb-6 text-2xl font-bold">{t("auth.staffLoginTitle")}</h1>
      {first(params.reason) === "mfa-expired" ? (
        <p role="status" className="mb-4 rounded border border-line bg-panel px-4 py-3">
          {t("mfa.expired")}
        </p>
      ) : null}
      {first(params.reason) === "locked" ? <FormMessage status="error" message={t("auth.locked")} /> : null}
      <LoginForm
        action={staffLoginAction}
        callbackUrl={callbackUrl}
        labels={{ email: t("auth.email"), password: t("auth.password"), button: t("auth.loginButton"), required: t("common.requiredMark") }}
      />
    </main>
  );
}
