import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ClientMessages } from "@/app/_components/client-messages";
import { PageTitle } from "@/app/_components/page-title";
import { customerPage } from "@/lib/auth/guards";
import { formatDate } from "@/lib/dates";
import { getTranslations } from "@/lib/i18n";
import { getEditableContract } from "@/lib/licenses/contact-change";
import { ContactChangeForm } from "./contact-change-form";
import { licenseIdOrNotFound } from "../../route-params";
import { BackLink } from "@/app/_components/back-link";
import { PageBody } from "@/app/_components/customer-shell";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("contactChange.title") };
}

// B-5 ② 「ご契約情報の変更」: a contract the customer may not see answers like a page that does not exist (B-0).
export default async function ContactChangePage({ params }: { params: Promise<{ licenseId: string }> }) {
  const { licenseId: rawId } = await params;
  const actor = await customerPage({ next: `/licenses/${encodeURIComponent(rawId)}/contacts` });
  const licenseId = licenseIdOrNotFound(rawId);
  const [t, contract] = await Promise.all([getTranslations(), getEditableContract({ actor, licenseId })]);
  if (!contract) notFound();
  const cc = await getTranslations("contactChange");
  const pending = contract.pendingNameChange;
  const blocked = pending
    ? cc("pendingNotice", {
        name: [pending.requestedCompanyName, pending.requestedBranchName].filter(Boolean).join(" "),
        requested: formatDate(pending.createdAt),
        due: formatDate(pending.dueDate),
      })
    : null;
  return (
    <PageBody kind="form">
      <BackLink href={`/licenses/${contract.licenseId}`}>{cc("backToDetail")}</BackLink>
      <PageTitle className="mb-1">{cc("title")}</PageTitle>
      <p className="mb-6 pl-4 text-sm">
        {t("licenses.licenseId")}
        {t("common.colon")}
        {contract.licenseId}
      </p>
      <ClientMessages messages={["contactChange", "licenses"]}>
        <ContactChangeForm
          licenseId={contract.licenseId}
          version={contract.version}
          contacts={contract.contacts}
          nameChangeBlocked={blocked}
          labels={{ requiredMark: t("common.requiredMark"), colon: t("common.colon") }}
        />
      </ClientMessages>
    </PageBody>
  );
}
