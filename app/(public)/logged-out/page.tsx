import type { Metadata } from "next";
import Link from "next/link";
import { publicPage } from "@/lib/auth/guards";
import { getTranslations } from "@/lib/i18n";
import { PageBody } from "@/app/_components/customer-shell";
import { PageTitle } from "@/app/_components/page-title";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("auth.loggedOutTitle") };
}

// after 「ログアウト」, or after 20 minutes without activity.
export default async function LoggedOutPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  // leaving is always allowed, also to a session that must change its password.
  await publicPage({ allowPasswordChange: true });
  const [{ reason }, t] = await Promise.all([searchParams, getTranslations()]);
  return (
    <PageBody kind="completion">
      <PageTitle>{t("auth.loggedOutTitle")}</PageTitle>
      <p className="mb-6">{reason === "idle" ? t("auth.idleLoggedOut") : t("auth.loggedOut")}</p>
      <Link href="/" className="text-link underline">
        {t("auth.backToTop")}
      </Link>
    </PageBody>
  );
}
