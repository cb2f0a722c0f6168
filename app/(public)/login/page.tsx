import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { customerLoginAction } from "@/app/_components/auth-actions";
import { LoginForm } from "@/app/_components/login-form";
import { SiteFooter } from "@/app/_components/site-footer";
import { SiteHeader } from "@/app/_components/site-header";
import { getOptionalCustomer, safeCallbackPath } from "@/lib/auth/current";
import { getMessages } from "@/lib/i18n";

export const metadata: Metadata = { title: "ログイン" };

// メールアドレス, パスワード, 「ログイン」, and the link to 仮パスワード発行.
export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; reason?: string }> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl, "/");
  const [t, customer] = await Promise.all([getMessages(), getOptionalCustomer()]);
  if (customer && !customer.mustChangePassword) redirect(callbackUrl);
  return (
    <>
      <SiteHeader currentPath="/login" />
      <main id="main" className="mx-auto max-w-4xl px-4 py-8">
        <h1 className="mb-6 border-l-4 border-brand pl-3 text-2xl font-bold">{t.auth.loginTitle}</h1>
        {params.reason === "expired" ? (
          <p role="status" className="mb-4 rounded border border-line bg-panel px-4 py-3">
            {t.auth.sessionExpired}
          </p>
        ) : null}
        <LoginForm action={customerLoginAction} callbackUrl={callbackUrl} labels={{ email: t.auth.email, password: t.auth.password, button: t.auth.loginButton, forgot: t.auth.forgotPassword }} />
      </main>
      <SiteFooter />
    </>
  );
}
