import "server-only";
import type { Messages } from "@/lib/i18n/ja";
import type { SearchMessage } from "./search";

/** B-8: the screen text of a refused look-up, with its MSG number, the searched key and whether the contact window shows. */
export function searchNoticeOf(
  m: Exclude<SearchMessage, { kind: "field" }>,
  t: Messages,
): { message: string; number?: string; key?: string; showContact: boolean } {
  const messages = t.contractSearch.messages;
  switch (m.kind) {
    case "locked":
      return { message: messages.locked, showContact: false };
    case "msg":
      return { message: `${messages.restricted}(${m.number})`, number: m.number, key: m.key, showContact: true };
    case "emailMismatch":
      return { message: m.searchedBy === "code" ? messages.emailMismatchCode : messages.emailMismatchId, key: m.key, showContact: true };
    case "tooOld":
      return { message: messages.tooOld, key: m.key, showContact: true };
  }
}
