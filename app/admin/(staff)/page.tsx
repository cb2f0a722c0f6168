import Link from "next/link";
import { dashboardFor, reminderDashboardFor } from "@/lib/staff-area/dashboard";
import { formatDateTime } from "@/lib/dates";
import { staffPage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getTranslations } from "@/lib/i18n";
import { TitledSection } from "@/app/admin/_components/admin-page";
import { titleMetadata } from "@/app/admin/page-title";

export const generateMetadata = titleMetadata((t) => t("admin.title"), { robots: { index: false } });

// G-1: the dashboard — what needs a person now, only what the role may act on, each figure a link
// to its page (the sign-in locks: G-7's audit log filtered to the lock events, for admins).
export default async function AdminDashboardPage() {
  const [actor, t] = await Promise.all([staffPage("staff-area.enter"), getTranslations()]);
  const [items, reminders] = await Promise.all([dashboardFor(actor), reminderDashboardFor(actor)]);
  const n = await getTranslations("admin.needs");
  const pending = items.filter((item) => item.count > 0);
  return (
    <section>
      <h1 className="mb-4 text-2xl font-bold">{t("admin.dashboard")}</h1>
      <p>
        {t("admin.signedInAs")}
        {t("common.colon")}
        {actor.email}
        {t("common.parenthesized", { text: t(`admin.role.${actor.role}`) })}
      </p>
      {items.length > 0 ? (
        <TitledSection headingId="needs-heading" title={n("heading")} className="mt-6">
          {pending.length === 0 ? <p className="mb-2 text-sm">{n("none")}</p> : null}
          <ul className="grid gap-2 sm:grid-cols-2" data-testid="dashboard-needs">
            {items.map((item) => {
              const body = (
                <>
                  <span>{n(`item.${item.key}`)}</span>
                  <span className={`text-xl font-bold tabular-nums ${item.count > 0 ? "text-brand" : "text-muted"}`}>{n("count", { count: item.count })}</span>
                </>
              );
              return (
                <li key={item.key} data-item={item.key} data-count={item.count}>
                  {item.href ? (
                    <Link
                      href={item.href}
                      className="flex items-center justify-between gap-4 rounded border border-line bg-white p-3 no-underline hover:bg-panel"
                    >
                      {body}
                    </Link>
                  ) : (
                    <div className="flex items-center justify-between gap-4 rounded border border-line bg-white p-3">{body}</div>
                  )}
                </li>
              );
            })}
          </ul>
        </TitledSection>
      ) : null}
      {reminders !== undefined ? (
        <TitledSection headingId="reminders-heading" title={n("reminders.heading")} className="mt-6">
          {reminders === null ? (
            <p className="text-sm">{n("reminders.notRun")}</p>
          ) : (
            <>
              <p className="mb-2 text-sm">
                {n("reminders.runs", { runs: reminders.runs, at: reminders.finishedAt ? formatDateTime(reminders.finishedAt) : "—" })}
              </p>
              <dl className="grid gap-2 sm:grid-cols-3" data-testid="dashboard-reminders">
                {(["sent", "skipped", "failed"] as const).map((key) => (
                  <div
                    key={key}
                    className="flex items-center justify-between gap-4 rounded border border-line bg-white p-3"
                    data-item={key}
                    data-count={reminders[key]}
                  >
                    <dt>{key === "failed" ? <Link href="/admin/outbox">{n(`reminders.${key}`)}</Link> : n(`reminders.${key}`)}</dt>
                    <dd className="text-xl font-bold tabular-nums">{n("count", { count: reminders[key] })}</dd>
                  </div>
                ))}
              </dl>
            </>
          )}
        </TitledSection>
      ) : null}
      {can(actor.role, "audit.read") ? (
        <p className="mt-4">
          <a href="/admin/audit/export" download className="text-link underline">
            {t("admin.auditExport")}
          </a>
        </p>
      ) : null}
    </section>
  );
}
