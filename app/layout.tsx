import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { siteConfig } from "@/lib/config/site";
import { getMessages } from "@/lib/i18n";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const site = siteConfig();
  return { title: { default: site.siteName, template: `%s | ${site.siteName}` }, description: `${site.vendorName} ${site.siteName}`, robots: { index: false } };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const t = await getMessages();
  return (
    <html lang={t.htmlLang}>
      <body className="min-h-screen bg-white antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:px-3 focus:py-2">
          {t.skipToContent}
        </a>
        {children}
      </body>
    </html>
  );
}
