import type { Metadata } from "next";
import Form from "next/form";
import { notFound } from "next/navigation";
import { z } from "zod";
import { PendingButton } from "@/app/_components/form-controls";
import { formatDateTime } from "@/lib/dates";
import { getTranslations } from "@/lib/i18n";
import { headers } from "next/headers";
import { isDevMailboxOpenTo } from "@/lib/mail/dev-mailbox";
import { listOutbox } from "@/lib/mail/queries";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("devMailbox.title"), robots: { index: false } };
}

// SPEC M: only with DEV_MAILBOX=1 and no Resend key; 404 otherwise.
export default async function DevMailboxPage({ searchParams }: { searchParams: Promise<{ to?: string | string[] }> }) {
  if (!isDevMailboxOpenTo(await headers())) notFound();
  const raw = (await searchParams).to;
  const to = z.email().safeParse(Array.isArray(raw) ? raw[0] : raw);
  const [t, mails] = await Promise.all([getTranslations(), listOutbox({ to: to.success ? to.data : undefined, limit: 50 })]);
  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-6">
      <h1 className="mb-4 text-2xl font-bold">{t("devMailbox.title")}</h1>
      <Form action="/dev/mailbox" className="mb-6 flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-sm">
          {t("devMailbox.filter")}
          <input name="to" type="email" defaultValue={to.success ? to.data : ""} className="rounded border border-line px-2 py-1" />
        </label>
        <PendingButton className="rounded bg-brand px-3 py-1 font-bold text-white disabled:opacity-60">{t("devMailbox.show")}</PendingButton>
      </Form>
      {mails.length === 0 ? <p>{t("devMailbox.empty")}</p> : null}
      <ol className="space-y-6">
        {mails.map((m) => (
          <li key={m.id} className="rounded border border-line p-4">
            {/* The mail itself (subject, addresses, body, template id) is data: shown as it was sent, in any locale. */}
            <h2 className="text-lg font-bold" data-i18n-exempt="mail subject, as sent">
              {m.subject}
            </h2>
            <dl className="my-2 grid grid-cols-[max-content_1fr] gap-x-4 text-sm">
              <dt>{t("devMailbox.from")}</dt>
              <dd data-i18n-exempt="sender, as sent">{m.fromAddress}</dd>
              <dt>{t("devMailbox.to")}</dt>
              <dd>{m.toAddresses.join(", ")}</dd>
              <dt>{t("devMailbox.date")}</dt>
              <dd>
                <time dateTime={m.createdAt.toISOString()}>{formatDateTime(m.createdAt)}</time>
              </dd>
              <dt>{t("devMailbox.status")}</dt>
              <dd>
                {t(`devMailbox.statusLabel.${m.status}`)}
                <span data-i18n-exempt="template id">{t("common.parenthesized", { text: m.template })}</span>
              </dd>
            </dl>
            <pre className="overflow-x-auto bg-panel p-3 text-sm whitespace-pre-wrap" data-i18n-exempt="the mail as sent (SPEC M: Japanese)">
              {m.text}
            </pre>
            <details className="mt-2">
              <summary className="cursor-pointer text-link">{t("devMailbox.html")}</summary>
              <iframe title={m.subject} sandbox="" srcDoc={m.html} className="mt-2 h-96 w-full border border-line" />
            </details>
          </li>
        ))}
      </ol>
    </main>
  );
}
