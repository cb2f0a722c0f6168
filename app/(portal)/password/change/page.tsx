import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PasswordChangeBody } from "@/app/_components/password-change-page";
import { customerPage } from "@/lib/auth/guards";
import { getTranslations } from "@/lib/i18n";
import { PageBody } from "@/app/_components/customer-shell";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("passwordChange.title") };
}

// the forced change after a temporary password or an expired password; the only page such a session reaches.
export default async function ForcedPasswordChangePage() {
  const session = await customerPage({ next: "/password/change", allowPasswordChange: true });
  if (!session.mustChangePassword) redirect("/account/password");
  return (
    <PageBody kind="form">
      <PasswordChangeBody session={session} doneHref="/" />
    </PageBody>
  );
}
