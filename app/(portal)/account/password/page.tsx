import type { Metadata } from "next";
import { PasswordChangeBody } from "@/app/_components/password-change-page";
import { customerPage } from "@/lib/auth/guards";
import { getTranslations } from "@/lib/i18n";
import { PageBody } from "@/app/_components/customer-shell";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("menu.account.items.password") };
}

// E-1 ログインパスワード変更: the current password, the new one twice, the rules; the other sessions end.
export default async function AccountPasswordPage() {
  const session = await customerPage({ next: "/account/password" });
  return (
    <PageBody kind="form">
      <PasswordChangeBody session={session} doneHref="/" />
    </PageBody>
  );
}
