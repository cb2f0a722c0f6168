import type { Metadata } from "next";
import Link from "next/link";
import { SiteFooter } from "@/app/_components/site-footer";
import { SiteHeader } from "@/app/_components/site-header";
import { getMessages } from "@/lib/i18n";

export const metadata: Metadata = { title: "ログアウト" };

// after 「ログアウト」, or after 20 minutes without activity.
export default async function LoggedOutPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const [{ reason }, t] = await Promise.all([searchParams, getMessages()]);
  return (
    <>
      <SiteHeader currentPath="/" allowPasswordChange />
      <main id="main" className="mx-auto max-w-4xl px-4 py-12">
        <h1 className="mb-4 text-2xl font-bold">{t.auth.loggedOutTitle}</h1>
        <p className="mb-6">{reason === "idle" ? t.auth.idleLoggedOut : t.auth.loggedOut}</p>
        <Link href="/" className="text-link underline">
          {t.auth.backToTop}
        </Link>
      </main>
      <SiteFooter />
    </>
  );
}
