import type { Metadata } from "next";
import { temporaryPasswordAction } from "@/app/_components/auth-actions";
import { SiteFooter } from "@/app/_components/site-footer";
import { SiteHeader } from "@/app/_components/site-header";
import { TemporaryPasswordForm } from "@/app/_components/temporary-password-form";
import { siteConfig } from "@/lib/config/site";
import { getMessages } from "@/lib/i18n";

export const metadata: Metadata = { title: "仮パスワード発行" };

// 「ログインパスワードの変更」 with パスワード再設定方法, ログインメールアドレス and 「仮パスワード発行」.
export default async function TemporaryPasswordPage() {
  const t = await getMessages();
  const tp = t.temporaryPassword;
  return (
    <>
      <SiteHeader currentPath="/password/temporary" />
      <main id="main" className="mx-auto max-w-4xl px-4 py-8">
        <h1 className="mb-6 border-l-4 border-brand pl-3 text-2xl font-bold">{tp.title}</h1>
        <section aria-labelledby="how-to" className="mb-6 rounded border border-line bg-panel p-4">
          <h2 id="how-to" className="mb-2 font-bold">
            {tp.howTo}
          </h2>
          <ol className="list-decimal space-y-1 pl-6">
            {tp.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
          <p className="mt-3 text-sm">{tp.note}</p>
        </section>
        <TemporaryPasswordForm action={temporaryPasswordAction} faq={siteConfig().contact.faqUrl} labels={{ email: tp.email, button: tp.button, faqLink: tp.faqLink }} />
      </main>
      <SiteFooter />
    </>
  );
}
