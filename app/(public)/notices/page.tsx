import type { Metadata } from "next";
import { NoticeList } from "@/app/_components/notice-list";
import { PageTitle } from "@/app/_components/page-title";
import { publicPage } from "@/lib/auth/guards";
import { getTranslations } from "@/lib/i18n";
import { listPublishedNotices } from "@/lib/notices/queries";
import { PageBody } from "@/app/_components/customer-shell";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("notices.title") };
}

export default async function NoticesPage() {
  await publicPage();
  const [t, notices] = await Promise.all([getTranslations(), listPublishedNotices({ limit: 100 })]);
  return (
    <PageBody kind="list">
      <PageTitle>{t("notices.listTitle")}</PageTitle>
      <NoticeList notices={notices} />
    </PageBody>
  );
}
