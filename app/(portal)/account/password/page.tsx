import type { Metadata } from "next";
import { PasswordChangeBody } from "@/app/_components/password-change-page";
import { SiteFooter } from "@/app/_components/site-footer";
import { SiteHeader } from "@/app/_components/site-header";
import { requireCustomer } from "@/lib/auth/current";

export const metadata: Metadata = { title: "ログインパスワード変更" };

// E-1 ログインパスワード変更: the current password, the new one twice, the rules; the other sessions end.
export default async function AccountPasswordPage() {
  const session = await requireCustomer({ next: "/account/password" });
  return (
    <>
      <SiteHeader currentPath="/account/password" />
      <main id="main" className="mx-auto max-w-4xl px-4 py-8">
        <PasswordChangeBody session={session} doneHref="/" />
      </main>
      <SiteFooter />
    </>
  );
}
