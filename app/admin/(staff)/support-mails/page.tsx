import Link from "next/link";
import { Cell, DataTable } from "@/app/_components/table-head";
import { staffPage } from "@/lib/auth/guards";
import { formatDate, formatDateTime } from "@/lib/dates";
import { getTranslations } from "@/lib/i18n";
import { listSupportMails } from "@/lib/support-mail/send";
import { PageTitle } from "@/app/admin/_components/admin-page";
import { titleMetadata } from "@/app/admin/page-title";

export const generateMetadata = titleMetadata((t) => t("admin.supportMails.title"));

// G-5: the Support Information mails — drafts, the one being sent (with its progress) and the sent ones (the back
// numbers customers see, E-3). Marketers and admins (`support-mail.send`).
export default async function SupportMailsPage() {
  const actor = await staffPage("support-mail.send");
  const mails = await listSupportMails({ actor });
  const s = await getTranslations("admin.supportMails");
  return (
    <div>
      <PageTitle title={s("title")} intro={s("intro")} introClassName="mb-4 text-sm" />
      <p className="mb-6">
        <Link href="/admin/support-mails/new" className="rounded bg-brand px-4 py-2 font-bold text-white no-underline hover:bg-brand-dark">
          {s("newTitle")}
        </Link>
      </p>
      <DataTable columns={[s("mailTitle"), s("status"), s("progress"), s("updated")]} className="bg-white" data-testid="support-mails">
        <tbody>
          {mails.map((mail) => (
            <tr key={mail.id} className="border-b border-line">
              <Cell label={s("mailTitle")} className="p-2" data-i18n-exempt="mail title, written by staff">
                <Link href={`/admin/support-mails/${mail.id}`}>{mail.title}</Link>
              </Cell>
              <Cell label={s("status")} className="p-2">
                {s(`statusLabel.${mail.status}`)}
              </Cell>
              <Cell label={s("progress")} className="p-2 tabular-nums">
                {mail.totalRecipients === null ? "—" : s("enqueuedOf", { enqueued: mail.enqueued, total: mail.totalRecipients })}
              </Cell>
              <Cell label={s("updated")} className="p-2 tabular-nums">
                {mail.sentAt ? formatDate(mail.sentAt) : formatDateTime(mail.updatedAt)}
              </Cell>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </div>
  );
}
