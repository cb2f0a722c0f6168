import type { Metadata } from "next";
import { getTranslations, type RootTranslator } from "@/lib/i18n";

/** A staff page's generateMetadata: its title from the catalogue, in the visitor's language, with any other metadata. */
export function titleMetadata(title: (t: RootTranslator) => string, metadata: Metadata = {}) {
  return async (): Promise<Metadata> => ({ title: title(await getTranslations()), ...metadata });
}
