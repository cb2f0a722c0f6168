import type { Metadata } from "next";
import { PasswordChangeBody } from "@/app/_components/password-change-page";
import { requireStaff } from "@/lib/auth/current";

export const metadata: Metadata = { title: "パスワード変更", robots: { index: false } };

// G-1: staff follow the same password rules, including the forced change.
export default async function StaffPasswordPage() {
  const session = await requireStaff(["marketer", "operator", "admin"], { allowPasswordChange: true });
  return <PasswordChangeBody session={session} doneHref="/admin" />;
}
