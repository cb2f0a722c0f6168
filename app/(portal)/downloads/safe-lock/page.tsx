import type { Metadata } from "next";
import { ClientMessages } from "@/app/_components/client-messages";
import { PageTitle } from "@/app/_components/page-title";
import { customerPage } from "@/lib/auth/guards";
import { siteContact } from "@/lib/config/site";
import { getLocale, getTranslations } from "@/lib/i18n";
import { SafeLockForm } from "./safe-lock-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("menu.downloads.items.safeLock") };
}

// SPEC D-2 Trend Micro Safe Lock 最新モジュールダウンロード (manual steps 4–6).
export default async function SafeLockPage() {
  await customerPage({ next: "/downloads/safe-lock" });
  const t = await getTranslations();
  const contact = siteContact(await getLocale());
  return (
    <div className="mx-auto max-w-6xl px-4 py-6">
      <PageTitle>{t("menu.downloads.items.safeLock")}</PageTitle>
      <ClientMessages messages={["downloads"]}>
        <SafeLockForm
          notice={{
            quote: t("contractSearch.quote"),
            searchedKey: t("contractSearch.searchedKey"),
            colon: t("common.colon"),
          }}
          contact={{
            windowName: contact.windowName,
            phone: contact.phone,
            hours: contact.hours,
            webFormUrl: contact.webFormUrl,
            webLink: t("contactPage.webLink"),
            hoursLabel: t("contactPage.hours"),
          }}
        />
      </ClientMessages>
    </div>
  );
}
