import type { Metadata } from "next";
import { staffPage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getMessages } from "@/lib/i18n";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).admin.title, robots: { index: false } };
}

export default async function AdminDashboardPage() {
  const [actor, t] = await Promise.all([staffPage("staff-area.enter"), getMessages()]);
  return (
    <section>
      <h1 className="mb-4 text-2xl font-bold">{t.admin.dashboard}</h1>
      <p>
        {t.admin.signedInAs}
        {t.common.colon}
        {actor.email}
        {t.common.parenthesized.replace("{text}", t.admin.role[actor.role])}
      </p>
      {can(actor.role, "audit.read") ? (
        <p className="mt-4">
          <a href="/admin/audit/export" download className="text-link underline">
            {t.admin.auditExport}
          </a>
        </p>
      ) : null}
    </section>
  );
}
