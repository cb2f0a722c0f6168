import { staffPage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/dates";
import { getFormatter, getTranslations } from "@/lib/i18n";
import { listOutboxForStaff } from "@/lib/mail/queries";
import { Cell } from "@/app/_components/table-head";
import { hiddenColumn, ListRow, ListTable } from "@/app/admin/_components/admin-page";
import { RetryButton } from "./retry-button";
import { titleMetadata } from "@/app/admin/page-title";

export const generateMetadata = titleMetadata((t) => t("admin.outbox"), { robots: { index: false } });

// SPEC M: a mail that failed after its last attempt is visible to staff with the reason, and can be sent again.
export default async function OutboxPage() {
  const actor = await staffPage("outbox.read");
  const [t, failed] = await Promise.all([getTranslations(), listOutboxForStaff({ actor, status: "failed", limit: 200 })]);
  const format = await getFormatter();
  const canRetry = can(actor.role, "outbox.retry");
  return (
    <section>
      <h1 className="mb-4 text-2xl font-bold">{t("admin.failedMails")}</h1>
      <ListTable
        items={failed}
        empty={t("admin.noFailedMails")}
        columns={[
          t("devMailbox.date"),
          t("devMailbox.subject"),
          t("devMailbox.to"),
          t("admin.attempts"),
          t("admin.lastError"),
          ...(canRetry ? [hiddenColumn("retry", t("admin.retry"))] : []),
        ]}
        className="bg-white"
      >
        {(m) => (
          <ListRow key={m.id}>
            <Cell label={t("devMailbox.date")} className="p-2 whitespace-nowrap">
              {formatDateTime(m.createdAt)}
            </Cell>
            {/* The mail as it was written (subjects are the manual's Japanese), its template id and the
                transport's own error text: data, shown as stored in any locale. */}
            <Cell label={t("devMailbox.subject")} className="p-2">
              <span data-i18n-exempt="mail subject, as sent (SPEC M: Japanese)">{m.subject}</span>
              <span className="text-muted" data-i18n-exempt="template id">
                {t("common.parenthesized", { text: m.template })}
              </span>
            </Cell>
            <Cell label={t("devMailbox.to")} className="p-2">
              {m.toAddresses.join(", ")}
            </Cell>
            <Cell label={t("admin.attempts")} className="p-2 tabular-nums">
              {format.number(m.attempts)}
            </Cell>
            <Cell label={t("admin.lastError")} className="p-2 break-all" data-i18n-exempt="the transport's error text">
              {m.lastError}
            </Cell>
            {canRetry ? (
              <Cell className="p-2">
                <RetryButton mailId={m.id} label={t("admin.retry")} accessibleName={t("admin.retryLabel", { subject: m.subject })} />
              </Cell>
            ) : null}
          </ListRow>
        )}
      </ListTable>
    </section>
  );
}
