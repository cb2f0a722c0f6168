import Link from "next/link";
import { siteConfig } from "@/lib/config/site";
import { getLocale, getMessages } from "@/lib/i18n";
import { setLocale } from "./locale-action";

/** The header of every customer page: site name, language switch, and 「ログイン」 (SPEC A-1, T). */
export async function SiteHeader({ currentPath = "/" }: { currentPath?: string }) {
  const [t, locale] = await Promise.all([getMessages(), getLocale()]);
  const site = siteConfig();
  return (
    <header className="border-b-4 border-brand bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="flex flex-col leading-tight text-ink no-underline">
          <span className="text-xs text-muted">{locale === "ja" ? site.vendorName : site.vendorNameEn}</span>
          <span className="text-lg font-bold sm:text-xl">{locale === "ja" ? site.siteName : site.siteNameEn}</span>
        </Link>
        <nav aria-label={locale === "ja" ? "アカウント" : "Account"} className="flex items-center gap-3">
          <form action={setLocale}>
            <input type="hidden" name="locale" value={locale === "ja" ? "en" : "ja"} />
            <input type="hidden" name="back" value={currentPath} />
            <button type="submit" lang={locale === "ja" ? "en" : "ja"} aria-label={t.header.languageSwitchLabel} className="rounded px-2 py-1 text-sm text-link underline hover:no-underline">
              {t.header.languageSwitch}
            </button>
          </form>
          <Link href="/login" className="rounded bg-brand px-4 py-2 text-sm font-bold text-white no-underline hover:bg-brand-dark">
            {t.header.login}
          </Link>
        </nav>
      </div>
    </header>
  );
}
