import type { ReactNode } from "react";
import { getTranslations } from "@/lib/i18n";

/** A link to another site, opened in a new tab; screen readers hear that it does. */
export async function NewTabLink({ href, children }: { href: string; children: ReactNode }) {
  const t = await getTranslations();
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className="text-link underline">
      {children}
      <span className="sr-only">{t("top.opensInNewTab")}</span>
    </a>
  );
}
