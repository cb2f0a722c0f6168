import type { Metadata } from "next";
import { requireStaff } from "@/lib/auth/current";
import { getMessages } from "@/lib/i18n";

export const metadata: Metadata = { title: "スタッフ管理画面", robots: { index: false } };

export default async function AdminDashboardPage() {
  const [session, t] = await Promise.all([requireStaff(), getMessages()]);
  return (
    <section>
      <h1 className="mb-4 text-2xl font-bold">{t.admin.dashboard}</h1>
      <p>
        {t.admin.signedInAs}: {session.email}（{t.admin.role[session.role]}）
      </p>
    </section>
  );
}
