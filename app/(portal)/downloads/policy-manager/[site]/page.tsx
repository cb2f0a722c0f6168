import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageTitle } from "@/app/_components/page-title";
import { customerPage } from "@/lib/auth/guards";
import { listPublishedFiles } from "@/lib/downloads/files";
import { getTranslations } from "@/lib/i18n";
import { FileTable } from "../../file-table";
import { BackLink } from "@/app/_components/back-link";
import { PageBody } from "@/app/_components/customer-shell";

const SITES = {
  modules: "policy_manager_module",
  documents: "policy_manager_document",
} as const;

export async function generateMetadata({ params }: { params: Promise<{ site: string }> }): Promise<Metadata> {
  const { site } = await params;
  const p = await getTranslations("downloads.policyManager");
  return { title: site === "documents" ? p("documentsTitle") : p("modulesTitle") };
}

// SPEC D-3: the module site (compressed modules) and the document site (PDF documents).
export default async function PolicyManagerSitePage({ params }: { params: Promise<{ site: string }> }) {
  const { site } = await params;
  await customerPage({
    next: `/downloads/policy-manager/${encodeURIComponent(site)}`,
  });
  if (site !== "modules" && site !== "documents") notFound();
  const files = await listPublishedFiles(SITES[site]);
  const p = await getTranslations("downloads.policyManager");
  return (
    <PageBody kind="list">
      <BackLink href="/downloads/policy-manager">{p("back")}</BackLink>
      <PageTitle>{site === "documents" ? p("documentsTitle") : p("modulesTitle")}</PageTitle>
      <FileTable files={files} hrefOf={(file) => `/downloads/files/${file.id}`} showProduct={false} />
    </PageBody>
  );
}
