import { PasswordChangeBody } from "@/app/_components/password-change-page";
import { staffPage } from "@/lib/auth/guards";
import { titleMetadata } from "@/app/admin/page-title";

export const generateMetadata = titleMetadata((t) => t("admin.passwordChange"), { robots: { index: false } });

// G-1: staff follow the same password rules, including the forced change.
export default async function StaffPasswordPage() {
  const session = await staffPage("staff-area.enter", { allowPasswordChange: true });
  return <PasswordChangeBody session={session} doneHref="/admin" />;
}
