import type { Metadata } from "next";
import { NoticeList } from "@/app/_components/notice-list";
import { SiteFooter } from "@/app/_components/site-footer";
import { SiteHeader } from "@/app/_components/site-header";
import { getMessages } from "@/lib/i18n";
import { listPublishedNotices } from "@/lib/notices/queries";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "インフォメーション" };

export default async function NoticesPage() {
  const [t, notices] = await Promise.all([getMessages(), listPublishedNotices({ limit: 100 })]);
  return (
    <>
      <SiteHeader currentPath="/notices" />
      <main id="main" className="mx-auto max-w-4xl px-4 py-6">
        <h1 className="mb-4 border-l-4 border-brand pl-3 text-2xl font-bold">{t.notices.listTitle}</h1>
        <NoticeList notices={notices} t={t} />
      </main>
      <SiteFooter />
    </>
  );
}
