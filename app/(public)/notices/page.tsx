import type { Metadata } from "next";
import { NoticeList } from "@/app/_components/notice-list";
import { PageTitle } from "@/app/_components/page-title";
import { publicPage } from "@/lib/auth/guards";
import { getTranslations } from "@/lib/i18n";
import { listPublishedNotices } from "@/lib/notices/queries";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("notices.title") };
}

export default async function NoticesPage() {
  await publicPage();
  const [t, notices] = await Promise.all([getTranslations(), listPublishedNotices({ limit: 100 })]);
  return (
    <div className="mx-auto max-w-4xl px-4 py-6">
      <PageTitle>{t("notices.listTitle")}</PageTitle>
      <NoticeList notices={notices} />
    </div>
  );
}
