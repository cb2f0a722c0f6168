import type { Metadata } from "next";
import { staffPage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/dates";
import { getMessages } from "@/lib/i18n";
import { listOutbox } from "@/lib/mail/queries";
import { RetryButton } from "./retry-button";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).admin.outbox, robots: { index: false } };
}

// SPEC M: a mail that failed after its last attempt is visible to staff with the reason, and can be sent again.
export default async function OutboxPage() {
  const actor = await staffPage("outbox.read");
  const [t, failed] = await Promise.all([getMessages(), listOutbox({ status: "failed", limit: 200 })]);
  const canRetry = can(actor.role, "outbox.retry");
  return (
    <section>
      <h1 className="mb-4 text-2xl font-bold">{t.admin.failedMails}</h1>
      {failed.length === 0 ? (
        <p>{t.admin.noFailedMails}</p>
      ) : (
        <table className="w-full border-collapse bg-white text-sm">
          <thead>
            <tr className="border-b border-line text-left">
              <th className="p-2">{t.devMailbox.date}</th>
              <th className="p-2">{t.devMailbox.subject}</th>
              <th className="p-2">{t.devMailbox.to}</th>
              <th className="p-2">{t.admin.attempts}</th>
              <th className="p-2">{t.admin.lastError}</th>
              {canRetry ? (
                <th className="p-2">
                  <span className="sr-only">{t.admin.retry}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {failed.map((m) => (
              <tr key={m.id} className="border-b border-line align-top">
                <td className="p-2 whitespace-nowrap">{formatDateTime(m.createdAt)}</td>
                {/* The mail as it was written (subjects are the manual's Japanese), its template id and the
                    transport's own error text: data, shown as stored in any locale. */}
                <td className="p-2">
                  <span data-i18n-exempt>{m.subject}</span>
                  <span className="text-muted" data-i18n-exempt>
                    {t.common.parenthesized.replace("{text}", m.template)}
                  </span>
                </td>
                <td className="p-2" data-i18n-exempt>
                  {m.toAddresses.join(", ")}
                </td>
                <td className="p-2 tabular-nums">{m.attempts.toLocaleString(t.intlLocale)}</td>
                <td className="p-2 break-all" data-i18n-exempt>
                  {m.lastError}
                </td>
                {canRetry ? (
                  <td className="p-2">
                    <RetryButton mailId={m.id} label={t.admin.retry} accessibleName={t.admin.retryLabel.replace("{subject}", m.subject)} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
