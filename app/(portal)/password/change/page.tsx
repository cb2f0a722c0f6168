import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PasswordChangeBody } from "@/app/_components/password-change-page";
import { SiteFooter } from "@/app/_components/site-footer";
import { SiteHeader } from "@/app/_components/site-header";
import { requireCustomer } from "@/lib/auth/current";

export const metadata: Metadata = { title: "ログインパスワードの変更" };

// the forced change after a temporary password or an expired password; the only page such a session reaches.
export default async function ForcedPasswordChangePage() {
  const session = await requireCustomer({ next: "/password/change", allowPasswordChange: true });
  if (!session.mustChangePassword) redirect("/account/password");
  return (
    <>
      <SiteHeader currentPath="/password/change" allowPasswordChange />
      <main id="main" className="mx-auto max-w-4xl px-4 py-8">
        <PasswordChangeBody session={session} doneHref="/" />
      </main>
      <SiteFooter />
    </>
  );
}
