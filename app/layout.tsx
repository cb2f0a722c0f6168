import type { Metadata, Viewport } from "next";
import { Suspense, type ReactNode } from "react";
import { ClientMessages } from "@/app/_components/client-messages";
import { NavigationProgress } from "@/app/_components/navigation-progress";
import { THEME_COLOR } from "@/lib/config/brand";
import { siteConfig } from "@/lib/config/site";
import { getLocale, getTranslations } from "@/lib/i18n";
// One Japanese face on every system: the self-hosted Japanese web font (scripts/fonts-css.mjs), then the site's styles.
import "./fonts.css";
import "./globals.css";

// the title template and the description in the visitor's language (each page's generateMetadata gives its own
// part of the title from the same catalogue).
export async function generateMetadata(): Promise<Metadata> {
  const site = siteConfig();
  const english = (await getLocale()) === "en";
  const siteName = english ? site.siteNameEn : site.siteName;
  const vendorName = english ? site.vendorNameEn : site.vendorName;
  return {
    title: { default: siteName, template: `%s | ${siteName}` },
    description: `${vendorName} ${siteName}`,
    robots: { index: false },
    // The vendor's own look in the browser: the vendor mark (lib/config/brand.ts) as favicon and app icons.
    icons: {
      icon: [
        { url: "/brand/icon.svg", type: "image/svg+xml" },
        { url: "/brand/favicon.png", type: "image/png", sizes: "32x32" },
      ],
      apple: { url: "/brand/apple-touch-icon.png", sizes: "180x180" },
    },
    manifest: "/brand/manifest.webmanifest",
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: THEME_COLOR };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("common")]);
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-white antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:px-3 focus:py-2">
          {t("skipToContent")}
        </a>
        {/* useSearchParams: in a boundary of its own, so that no page renders on the client only because of the bar. */}
        <Suspense fallback={null}>
          <NavigationProgress />
        </Suspense>
        {/* The few messages every page ships (app/error.tsx's, the locale's punctuation); pages add what theirs need. */}
        <ClientMessages>{children}</ClientMessages>
      </body>
    </html>
  );
}
