import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { PageTitle } from "@/app/_components/page-title";
import { customerPage } from "@/lib/auth/guards";
import { formatDate, formatDateTime } from "@/lib/dates";
import { getTranslations } from "@/lib/i18n";
import { getChangeReceipt } from "@/lib/licenses/contact-change";
import { licenseIdSchema, serialIdSchema } from "@/lib/validation/ids";
import { PageBody } from "@/app/_components/customer-shell";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("contactChange.completeTitle") };
}

const paramsSchema = z.object({
  licenseId: licenseIdSchema,
  id: serialIdSchema,
});

// B-5 ⑦ / ⑧⑨: 「契約内容変更完了」 or 「契約内容変更受付＆一部変更処理完了」, after the redirect of 「変更」 (so a reload shows
// it again). Only the customer's own change of a contract it still sees; anything else is a page that does not exist.
export default async function ContactChangeDonePage({ params }: { params: Promise<{ licenseId: string; id: string }> }) {
  const raw = await params;
  const actor = await customerPage({ next: `/licenses/${encodeURIComponent(raw.licenseId)}` });
  const parsed = paramsSchema.safeParse(raw);
  if (!parsed.success) notFound();
  const [t, receipt] = await Promise.all([getTranslations(), getChangeReceipt({ actor, licenseId: parsed.data.licenseId, historyId: parsed.data.id })]);
  if (!receipt) notFound();
  const cc = await getTranslations("contactChange");
  const roles = { contract: t("licenses.contractContact"), support: t("licenses.supportContact") } as Record<string, string>;
  return (
    <PageBody kind="completion">
      <PageTitle className="mb-4">{receipt.kind === "complete" ? cc("completeTitle") : cc("acceptedTitle")}</PageTitle>
      <div role="status" className="mb-4 rounded border border-[#1a7f37] bg-[#f0fff4] px-4 py-3 text-[#116329]">
        {receipt.kind === "complete" ? cc("completeBody") : cc("acceptedBody", { date: formatDate(receipt.dueDate ?? "") })}
      </div>
      {receipt.emailEffectiveAt
        ? Object.entries(receipt.emailEffectiveAt).map(([role, at]) => (
            <p key={role} className="mb-4 rounded border border-line bg-panel p-3 text-sm">
              {cc("emailEffective", { role: roles[role] ?? role, time: formatDateTime(new Date(at)) })}
            </p>
          ))
        : null}
      <Link href={`/licenses/${parsed.data.licenseId}`} className="text-link underline">
        {cc("backToDetail")}
      </Link>
    </PageBody>
  );
}
