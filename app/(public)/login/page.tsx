import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { customerLoginAction } from "@/app/_components/auth-actions";
import { LoginForm } from "@/app/_components/login-form";
import { PageTitle } from "@/app/_components/page-title";
import { FormMessage } from "@/app/_components/form-controls";
import { safeCallbackPath } from "@/lib/auth/current";
import { publicPage } from "@/lib/auth/guards";
import { getTranslations } from "@/lib/i18n";
import { PageBody } from "@/app/_components/customer-shell";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("auth.loginTitle") };
}

// メールアドレス, パスワード, 「ログイン」, and the link to 仮パスワード発行.
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// A repeated parameter counts with its first value, as everywhere on the site.
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = await searchParams;
  const params = { callbackUrl: first(raw.callbackUrl), reason: first(raw.reason) };
  const callbackUrl = safeCallbackPath(params.callbackUrl, "/");
  const [t, customer] = await Promise.all([getTranslations(), publicPage()]);
  if (customer) redirect(callbackUrl);
  return (
    <PageBody kind="form">
      <PageTitle className="mb-6">{t("auth.loginTitle")}</PageTitle>
      {params.reason === "expired" || params.reason === "mfa-expired" ? (
        <p role="status" className="mb-4 rounded border border-line bg-panel px-4 py-3">
          {params.reason === "expired" ? t("auth.sessionExpired") : t("mfa.expired")}
        </p>
      ) : null}
      {params.reason === "locked" ? <FormMessage status="error" message={t("auth.locked")} /> : null}
      <LoginForm
        action={customerLoginAction}
        callbackUrl={callbackUrl}
        labels={{
          email: t("auth.email"),
          password: t("auth.password"),
          button: t("auth.loginButton"),
          required: t("common.requiredMark"),
          forgot: t("auth.forgotPassword"),
        }}
      />
    </PageBody>
  );
}
