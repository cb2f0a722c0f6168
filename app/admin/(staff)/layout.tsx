import Link from "next/link";
import type { ReactNode } from "react";
import { logoutAction } from "@/app/_components/auth-actions";
import { staffPage } from "@/lib/auth/guards";
import { can, type Capability } from "@/lib/auth/permissions";
import { getTranslations } from "@/lib/i18n";
import { PendingButton } from "@/app/_components/form-controls";

// G: the staff shell. The layout reads the session for the frame; every page and action is admitted by its own guard
// with its capability (lib/auth/permissions.ts).
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const [session, t] = await Promise.all([staffPage("staff-area.enter", { allowPasswordChange: true }), getTranslations()]);
  const a = await getTranslations("admin");
  // The menu in the permission table's words: an entry shows only with its capability (the pages check it again).
  const menu: { href: string; label: string; capability: Capability }[] = [
    { href: "/admin/notices", label: a("notices.nav"), capability: "notices.write" },
    { href: "/admin/contracts", label: a("contracts.nav"), capability: "contracts.read" },
    { href: "/admin/contracts/import", label: a("nav.contractImport"), capability: "contracts.import" },
    { href: "/admin/name-changes", label: a("nameChanges"), capability: "name-change.review" },
    { href: "/admin/files", label: a("files.nav"), capability: "files.publish" },
    { href: "/admin/support-mails", label: a("supportMails.nav"), capability: "support-mail.send" },
    { href: "/admin/outbox", label: a("outbox"), capability: "outbox.read" },
    { href: "/admin/audit", label: a("nav.audit"), capability: "audit.read" },
    { href: "/admin/staff", label: a("nav.staff"), capability: "staff.manage" },
  ];
  return (
    <div className="min-h-screen bg-panel">
      {/* Two rows at desktop width whatever the role: who is signed in (and leaving) beside the title, the menu under
          them (issue 29 item 18: one row for everything wrapped to three at 1280 px for an admin). The staff shell is
          max-w-7xl, header and content alike: the admin's menu needs more than max-w-6xl's 1120 px on one line, and the
          staff lists (the audit log, the contract's history) use the width. */}
      <header className="border-b border-line bg-ink text-white">
        <div className="mx-auto max-w-7xl px-4 py-2">
          <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
            <Link href="/admin" className="font-bold text-white no-underline">
              {t("admin.title")}
            </Link>
            <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
              <span className="break-all">
                {session.email}
                {t("common.parenthesized", { text: t(`admin.role.${session.role}`) })}
              </span>
              <Link href="/admin/password" className="text-white underline">
                {t("admin.passwordChange")}
              </Link>
              <form action={logoutAction}>
                <PendingButton className="rounded border border-white px-3 py-0.5 text-white">{t("auth.logout")}</PendingButton>
              </form>
            </div>
          </div>
          <nav aria-label={t("admin.title")} className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
            <Link href="/admin" className="text-white underline">
              {t("admin.dashboard")}
            </Link>
            {menu
              .filter((entry) => can(session.role, entry.capability))
              .map((entry) => (
                <Link key={entry.href} href={entry.href} className="text-white underline">
                  {entry.label}
                </Link>
              ))}
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
