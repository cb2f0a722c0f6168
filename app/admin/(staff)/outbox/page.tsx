import type { Metadata } from "next";
import { requireStaff } from "@/lib/auth/current";
import { formatDateTime } from "@/lib/dates";
import { getMessages } from "@/lib/i18n";
import { listOutbox } from "@/lib/mail/queries";

export const metadata: Metadata = { title: "メール送信状況", robots: { index: false } };

// SPEC M: a mail that failed after its last attempt is visible to staff with the reason (operator, admin).
export default async function OutboxPage() {
  await requireStaff(["operator", "admin"]);
  const [t, failed] = await Promise.all([getMessages(), listOutbox({ status: "failed", limit: 200 })]);
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
              <th className="p-2">attempts</th>
              <th className="p-2">error</th>
            </tr>
          </thead>
          <tbody>
            {failed.map((m) => (
              <tr key={m.id} className="border-b border-line align-top">
                <td className="p-2 whitespace-nowrap">{formatDateTime(m.createdAt)}</td>
                <td className="p-2">
                  {m.subject} <span className="text-muted">({m.template})</span>
                </td>
                <td className="p-2">{m.toAddresses.join(", ")}</td>
                <td className="p-2">{m.attempts}</td>
                <td className="p-2 break-all">{m.lastError}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
