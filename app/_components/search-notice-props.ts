import type { SearchNoticeContact, SearchNoticeLabels } from "./search-notice";
import { siteContact } from "@/lib/config/site";
import type { RootTranslator } from "@/lib/i18n";

/** B-8's notice (a refused contract look-up: the C forms' ①, B-7, D-2): its labels and the contact window, in the page's locale. */
export function searchNoticeProps(t: RootTranslator, locale: "ja" | "en"): { notice: SearchNoticeLabels; contact: SearchNoticeContact } {
  const contact = siteContact(locale);
  return {
    notice: {
      quote: t("contractSearch.quote"),
      quoteWithoutNumber: t("contractSearch.quoteWithoutNumber"),
      number: t("contractSearch.number"),
      searchedKey: t("contractSearch.searchedKey"),
      colon: t("common.colon"),
    },
    contact: {
      windowName: contact.windowName,
      phone: contact.phone,
      hours: contact.hours,
      webFormUrl: contact.webFormUrl,
      webLink: t("contactPage.webLink"),
      hoursLabel: t("contactPage.hours"),
    },
  };
}
