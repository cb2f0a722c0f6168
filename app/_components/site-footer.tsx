import Link from "next/link";
import { siteConfig } from "@/lib/config/site";
import { getTranslations } from "@/lib/i18n";

export async function SiteFooter() {
  const t = await getTranslations();
  const site = siteConfig();
  return (
    <footer className="mt-12 border-t border-line bg-panel">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-6 text-sm text-muted">
        <Link href="/contact" className="text-link underline">
          {t("top.contact")}
        </Link>
        {/* The vendor's copyright line is configuration, one text for both locales. */}
        <p data-i18n-exempt="the vendor's copyright line (configuration)">{site.copyright}</p>
      </div>
    </footer>
  );
}
