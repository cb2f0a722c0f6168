import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { en } from "./en";
import { ja, type Messages } from "./ja";

export type Locale = "ja" | "en";
export const LOCALE_COOKIE = "locale";
const catalogues: Record<Locale, Messages> = { ja, en };

/** Japanese unless the visitor chose English (a cookie set by the header's switch). */
export const getLocale = cache(async (): Promise<Locale> => {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return value === "en" ? "en" : "ja";
});

export async function getMessages(): Promise<Messages> {
  return catalogues[await getLocale()];
}

export function messagesFor(locale: Locale): Messages {
  return catalogues[locale];
}
