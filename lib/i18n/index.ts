import "server-only";
// next-intl's core (use-intl/core, which next-intl re-exports): no React in it, so this module also loads where
// React's server build has no hooks — the command-line scripts run under the react-server condition.
import type { Messages as AppMessages, NamespaceKeys, NestedKeyOf } from "next-intl";
import { createFormatter, createTranslator } from "use-intl/core";
import { cookies } from "next/headers";
import { cache } from "react";
import en from "@/messages/en";
import ja from "@/messages/ja";

// the site's languages. There is no locale in the URL ("without i18n routing"): the visitor's choice is a cookie
// that the header's switch sets, read here for server components, server actions and route handlers, and by
// i18n/request.ts for next-intl's own request config (client components under a NextIntlClientProvider).
export type Locale = "ja" | "en";
export const LOCALE_COOKIE = "locale";
// SPEC: times are shown in Japan time whatever the visitor's zone (dates themselves go through lib/dates.ts).
export const TIME_ZONE = "Asia/Tokyo";

/** next-intl's translator over the whole catalogue (no namespace), as translator(locale) gives it. */
export type RootTranslator = ReturnType<typeof createTranslator<AppMessages>>;

const catalogues: Record<Locale, AppMessages> = { ja, en: en as unknown as AppMessages };

/** Japanese unless the visitor chose English (a cookie set by the header's switch). */
export const getLocale = cache(async (): Promise<Locale> => {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return value === "en" ? "en" : "ja";
});

export type Namespace = NamespaceKeys<AppMessages, NestedKeyOf<AppMessages>>;

/** The whole catalogue of a locale, as next-intl takes it. */
export function catalogueOf(locale: Locale): AppMessages {
  return catalogues[locale];
}

const translators = new Map<string, unknown>();

/**
 * next-intl's translator for a locale (and optionally a namespace): ICU arguments, plurals and numbers formatted for
 * that locale, keys and arguments checked by the compiler against messages/ja. For code that knows its locale: mails
 * (always Japanese, SPEC M), PDFs, jobs. A missing message or argument throws instead of showing the key.
 */
export function translator<NS extends Namespace = never>(locale: Locale, namespace?: NS) {
  const key = `${locale}:${namespace ?? ""}`;
  let t = translators.get(key) as ReturnType<typeof createTranslator<AppMessages, NS>> | undefined;
  if (!t) {
    t = createTranslator<AppMessages, NS>({
      locale,
      messages: catalogues[locale],
      namespace,
      timeZone: TIME_ZONE,
      onError: (error) => {
        throw error;
      },
    });
    translators.set(key, t);
  }
  return t;
}

/**
 * The request's translator (the locale cookie), in server components, server actions and route handlers alike. It
 * is next-intl's createTranslator rather than next-intl/server's getTranslations so that the same code also runs
 * under Vitest, which loads server actions and route handlers without Next's react-server build.
 */
export async function getTranslations<NS extends Namespace = never>(namespace?: NS) {
  return translator(await getLocale(), namespace);
}

/** The catalogue's numbered lists ({ "1": …, "2": … }: next-intl has no arrays of messages). */
type ListKey = "password.rules" | "temporaryPassword.steps" | "admin.contractImport.formatRules" | "issuance.notes" | "issuance.apexCentral.terms";

/**
 * A numbered list of messages, in order, from the root translator (getTranslations() without a namespace); `values`
 * fill the arguments the list's items take (the C forms' notes name the form's code: アクティベーションコード or シリアル番号).
 */
export function messageList(t: RootTranslator, key: ListKey, values?: Record<string, string>): string[] {
  const loose = t as unknown as { (key: string, values?: Record<string, string>): string; has(key: string): boolean };
  const items: string[] = [];
  for (let n = 1; loose.has(`${key}.${n}`); n++) items.push(loose(`${key}.${n}`, values));
  return items;
}

/** next-intl's formatter (numbers, lists) for a locale. Dates are not formatted here: see lib/dates.ts. */
export function formatterOf(locale: Locale) {
  return createFormatter({ locale, timeZone: TIME_ZONE });
}

export async function getFormatter() {
  return formatterOf(await getLocale());
}

/**
 * Only the given namespaces (or single messages, by dotted path) of a locale's catalogue: what a
 * NextIntlClientProvider hands to the client components below it, so that no page ships the whole catalogue.
 */
export function pickMessages(locale: Locale, paths: readonly Namespace[] | readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  // Shorter paths first: a namespace picked whole already holds its messages, which are then not copied again.
  for (const path of [...paths].sort((a, b) => a.split(".").length - b.split(".").length)) {
    const keys = path.split(".");
    let source: unknown = catalogues[locale];
    let target = picked;
    for (const [index, key] of keys.entries()) {
      source = (source as Record<string, unknown> | undefined)?.[key];
      if (source === undefined) throw new Error(`pickMessages: no message ${path}`);
      if (index === keys.length - 1) target[key] = source;
      else if (target[key] === source) break;
      else target = (target[key] ??= {}) as Record<string, unknown>;
    }
  }
  return picked;
}
