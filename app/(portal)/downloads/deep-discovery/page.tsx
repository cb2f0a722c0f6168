import type { Metadata } from "next";
import { PageTitle } from "@/app/_components/page-title";
import { customerPage } from "@/lib/auth/guards";
import { listPublishedFiles } from "@/lib/downloads/files";
import { getTranslations } from "@/lib/i18n";
import { FileTable } from "../file-table";
import { PageBody } from "@/app/_components/customer-shell";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("menu.downloads.items.deepDiscovery") };
}

// SPEC D-1: after login, the Deep Discovery™ family's documents (PDF) by product and version.
export default async function DeepDiscoveryPage() {
  await customerPage({ next: "/downloads/deep-discovery" });
  const [t, files] = await Promise.all([getTranslations(), listPublishedFiles("deep_discovery")]);
  return (
    <PageBody kind="list">
      <PageTitle>{t("menu.downloads.items.deepDiscovery")}</PageTitle>
      <p className="mb-6">{t("downloads.deepDiscovery.intro")}</p>
      <FileTable files={files} hrefOf={(file) => `/downloads/files/${file.id}`} />
    </PageBody>
  );
}
