import type { Metadata } from "next";
import { PageTitle } from "@/app/_components/page-title";
import { customerPage } from "@/lib/auth/guards";
import { listPublishedFiles } from "@/lib/downloads/files";
import { getTranslations } from "@/lib/i18n";
import { FileTable } from "../file-table";
import { PageBody } from "@/app/_components/customer-shell";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("menu.downloads.items.patterns") };
}

// SPEC D-4 最新パターンファイル: the latest pattern files (name, version, release date, size) → 「パターンファイル」 downloads
// the zip.
export default async function PatternsPage() {
  await customerPage({ next: "/downloads/patterns" });
  const [t, files] = await Promise.all([getTranslations(), listPublishedFiles("pattern")]);
  return (
    <PageBody kind="list">
      <PageTitle>{t("menu.downloads.items.patterns")}</PageTitle>
      <p className="mb-6">{t("downloads.patterns.intro")}</p>
      <FileTable files={files} hrefOf={(file) => `/downloads/files/${file.id}`} buttonLabel={t("downloads.patterns.button")} />
    </PageBody>
  );
}
