import type { Metadata } from "next";
import { ClientMessages } from "@/app/_components/client-messages";
import { PageTitle } from "@/app/_components/page-title";
import { customerPage } from "@/lib/auth/guards";
import { searchNoticeProps } from "@/app/_components/search-notice-props";
import { getLocale, getTranslations } from "@/lib/i18n";
import { SafeLockForm } from "./safe-lock-form";
import { PageBody } from "@/app/_components/customer-shell";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("menu.downloads.items.safeLock") };
}

// SPEC D-2 Trend Micro Safe Lock 最新モジュールダウンロード (manual steps 4–6).
export default async function SafeLockPage() {
  await customerPage({ next: "/downloads/safe-lock" });
  const t = await getTranslations();
  const { notice, contact } = searchNoticeProps(t, await getLocale());
  return (
    <PageBody kind="list">
      <PageTitle>{t("menu.downloads.items.safeLock")}</PageTitle>
      <ClientMessages messages={["downloads"]}>
        <SafeLockForm notice={notice} contact={contact} />
      </ClientMessages>
    </PageBody>
  );
}
