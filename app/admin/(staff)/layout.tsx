import Link from "next/link";
import type { ReactNode } from "react";
import { logoutAction } from "@/app/_components/auth-actions";
import { staffPage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getMessages } from "@/lib/i18n";

// G: the staff shell. The layout reads the session for the frame; every page and action is admitted by its own guard
// with its capability (lib/auth/permissions.ts).
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const [session, t] = await Promise.all([staffPage("staff-area.enter", { allowPasswordChange: true }), getMessages()]);
  const canSeeOutbox = can(session.role, "outbox.read");
  const canReview = can(session.role, "name-change.review");
  const canPublishFiles = can(session.role, "files.publish");
  const canSendSupportMail = can(session.role, "support-mail.send");
  const canWriteNotices = can(session.role, "notices.write");
  const canReadContracts = can(session.role, "contracts.read");
  return (
    <div className="min-h-screen bg-panel">
      <header className="border-b border-line bg-ink text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href="/admin" className="font-bold text-white no-underline">
            {t.admin.title}
          </Link>
          <nav aria-label={t.admin.title} className="flex flex-wrap items-center gap-4 text-sm">
            <Link href="/admin" className="text-white underline">
              {t.admin.dashboard}
            </Link>
            {canWriteNotices ? (
              <Link href="/admin/notices" className="text-white underline">
                {t.admin.notices.nav}
              </Link>
            ) : null}
            {canReadContracts ? (
              <Link href="/admin/contracts" className="text-white underline">
                {t.admin.contracts.nav}
              </Link>
            ) : null}
            {canReview ? (
              <Link href="/admin/name-changes" className="text-white underline">
                {t.admin.nameChanges}
              </Link>
            ) : null}
            {canPublishFiles ? (
              <Link href="/admin/files" className="text-white underline">
                {t.admin.files.nav}
              </Link>
            ) : null}
            {canSendSupportMail ? (
              <Link href="/admin/support-mails" className="text-white underline">
                {t.admin.supportMails.nav}
              </Link>
            ) : null}
            {canSeeOutbox ? (
              <Link href="/admin/outbox" className="text-white underline">
                {t.admin.outbox}
              </Link>
            ) : null}
            <Link href="/admin/password" className="text-white underline">
              {t.admin.passwordChange}
            </Link>
            <span>
              {session.email}
              {t.common.parenthesized.replace("{text}", t.admin.role[session.role])}
            </span>
            <form action={logoutAction}>
              <button type="submit" className="rounded border border-white px-3 py-1 text-white">
                {t.auth.logout}
              </button>
            </form>
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
