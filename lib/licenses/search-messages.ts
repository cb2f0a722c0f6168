import "server-only";
import { messageText, type Messages, type RootTranslator } from "@/lib/i18n/ja";
import type { SearchMessage } from "./search";

/**
 * B-8: the screen text of a refused look-up, with its MSG number, the searched key and whether the contact window
 * shows. `t` is the request's translator (lib/i18n getTranslations()), or the plain-object catalogue that the C-1…C-4
 * actions still pass.
 */
export function searchNoticeOf(
  m: Exclude<SearchMessage, { kind: "field" }>,
  t: RootTranslator | Messages,
): { message: string; number?: string; key?: string; showContact: boolean } {
  switch (m.kind) {
    case "locked":
      return { message: messageText(t, "contractSearch.messages.locked"), showContact: false };
    case "msg":
      // The manual's message followed by its number: 「…ご連絡ください。(MSG01)」.
      return { message: `${messageText(t, "contractSearch.messages.restricted")}(${m.number})`, number: m.number, key: m.key, showContact: true };
    case "emailMismatch":
      return {
        message: messageText(t, m.searchedBy === "code" ? "contractSearch.messages.emailMismatchCode" : "contractSearch.messages.emailMismatchId"),
        key: m.key,
        showContact: true,
      };
    case "tooOld":
      return { message: messageText(t, "contractSearch.messages.tooOld"), key: m.key, showContact: true };
  }
}
