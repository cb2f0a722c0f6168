import type { Metadata } from "next";
import { temporaryPasswordAction } from "@/app/_components/auth-actions";
import { PageTitle } from "@/app/_components/page-title";
import { TemporaryPasswordForm } from "@/app/_components/temporary-password-form";
import { siteConfig } from "@/lib/config/site";
import { publicPage } from "@/lib/auth/guards";
import { getTranslations, messageList } from "@/lib/i18n";
import { HeadedSection } from "@/app/_components/headed-section";
import { PageBody } from "@/app/_components/customer-shell";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("temporaryPassword.pageTitle") };
}

// 「ログインパスワードの変更」 with パスワード再設定方法, ログインメールアドレス and 「仮パスワード発行」.
export default async function TemporaryPasswordPage() {
  await publicPage();
  const t = await getTranslations();
  const tp = await getTranslations("temporaryPassword");
  return (
    <PageBody kind="form">
      <PageTitle className="mb-6">{tp("title")}</PageTitle>
      <HeadedSection id="how-to" heading={tp("howTo")} className="mb-6 rounded border border-line bg-panel p-4" headingClassName="mb-2 font-bold">
        <ol className="list-decimal space-y-1 pl-6">
          {messageList(t, "temporaryPassword.steps").map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <p className="mt-3 text-sm">{tp("note")}</p>
      </HeadedSection>
      <TemporaryPasswordForm
        action={temporaryPasswordAction}
        faq={siteConfig().contact.faqUrl}
        labels={{ email: tp("email"), button: tp("button"), faqLink: tp("faqLink"), required: t("common.requiredMark") }}
      />
    </PageBody>
  );
}
