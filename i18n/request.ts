import { getRequestConfig } from "next-intl/server";
import { catalogueOf, getLocale, TIME_ZONE } from "@/lib/i18n";

// next-intl without i18n routing: the locale is the visitor's cookie, not a part of the URL. This config serves
// next-intl's own server APIs and the NextIntlClientProviders (which are given only the namespaces their client
// components use, app/_components/client-messages.tsx); server code translates through lib/i18n.
export default getRequestConfig(async () => {
  const locale = await getLocale();
  return { locale, messages: catalogueOf(locale), timeZone: TIME_ZONE };
});
