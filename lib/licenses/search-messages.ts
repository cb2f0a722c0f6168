import "server-only";
import type { RootTranslator } from "@/lib/i18n";
import type { SearchMessage } from "./search";

/**
 * B-8: the screen text of a refused look-up, with its MSG number, the searched key and whether the contact window
 * shows. `t` is the request's translator (lib/i18n getTranslations()).
 */
export function searchNoticeOf(
  m: Exclude<SearchMessage, { kind: "field" }>,
  t: RootTranslator,
): { message: string; number?: string; key?: string; showContact: boolean } {
  switch (m.kind) {
    case "locked":
      return { message: t("contractSearch.messages.locked"), showContact: false };
    case "msg":
      // The manual's message followed by its number: 「…ご連絡ください。(MSG01)」.
      return { message: `${t("contractSearch.messages.restricted")}(${m.number})`, number: m.number, key: m.key, showContact: true };
    case "emailMismatch":
      return {
        message: t(m.searchedBy === "code" ? "contractSearch.messages.emailMismatchCode" : "contractSearch.messages.emailMismatchId"),
        key: m.key,
        showContact: true,
      };
    case "tooOld":
      return { message: t("contractSearch.messages.tooOld"), key: m.key, showContact: true };
  }
}
