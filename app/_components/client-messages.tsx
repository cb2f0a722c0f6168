import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { getLocale, pickMessages, TIME_ZONE, type Namespace } from "@/lib/i18n";

// What every client component may use wherever it is: app/error.tsx's texts and the punctuation that differs between
// the locales (a label's colon, a parenthesised note, the required mark). A nested provider replaces its parent's
// messages rather than adding to them, so each one carries these too.
const EVERYWHERE = [
  "common.errorTitle",
  "common.errorBody",
  "common.retry",
  "common.backToTop",
  "common.colon",
  "common.parenthesized",
  "common.requiredMark",
] as const;

/**
 * the messages the client components below it translate with useTranslations — only the namespaces (or single
 * messages, by dotted path) named here, so that a page ships the part of the catalogue it shows and not the whole.
 */
export async function ClientMessages({ messages = [], children }: { messages?: readonly (Namespace | `${Namespace}.${string}`)[]; children: ReactNode }) {
  const locale = await getLocale();
  return (
    <NextIntlClientProvider locale={locale} timeZone={TIME_ZONE} messages={pickMessages(locale, [...EVERYWHERE, ...messages])}>
      {children}
    </NextIntlClientProvider>
  );
}
