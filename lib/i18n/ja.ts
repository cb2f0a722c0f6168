// The catalogue as a plain object, for the code that still reads a message without arguments by property: the B-5
// and C-1…C-4 form labels, a few staff pages and actions, the guards' action context, and tests that compare a text
// with the catalogue's. Arguments are filled by next-intl everywhere (tests/unit/messages-guard.test.ts). Everything
// else translates through next-intl (lib/i18n/index.ts, and useTranslations under a NextIntlClientProvider in client
// components); moving these last readers and removing this view is the step left. The view is derived from
// messages/ja, so there is one source: ICU quoting is undone ('{ … }' reads { … }), a typed argument reads as a plain
// one ({count, number} reads {count}), and a numbered list ({ "1": …, "2": … }) reads as an array.
import type { createTranslator, Messages as AppMessages, MessageKeys, NestedKeyOf } from "next-intl";
import catalogue from "@/messages/ja";

type Legacy<T> = T extends string
  ? string
  : T extends object
    ? keyof T extends `${number}`
      ? Legacy<T[keyof T]>[]
      : { -readonly [K in keyof T]: Legacy<T[K]> }
    : T;

export type Messages = Legacy<typeof catalogue>;

function plain(message: string): string {
  return message.replace(/\{(\w+), number\}/g, "{$1}").replace(/'([{}][^']*)'|''/g, (_, quoted: string | undefined) => quoted ?? "'");
}

export function legacyView(value: unknown): unknown {
  if (typeof value === "string") return plain(value);
  if (!value || typeof value !== "object") return value;
  const entries = Object.entries(value);
  if (entries.length > 0 && entries.every(([key]) => /^\d+$/.test(key)))
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, item]) => legacyView(item));
  return Object.fromEntries(entries.map(([key, item]) => [key, legacyView(item)]));
}

export const ja = legacyView(catalogue) as Messages;

/** next-intl's translator over the whole catalogue (no namespace), as lib/i18n's translator(locale) gives it. */
export type RootTranslator = ReturnType<typeof createTranslator<AppMessages>>;
type MessageKey = MessageKeys<AppMessages, NestedKeyOf<AppMessages>>;

/**
 * A message without arguments, from a translator or from the plain-object view: for the lib helpers that the B-5
 * and C-1…C-4 actions still call with the plain object while everything else passes a translator.
 */
export function messageText(t: RootTranslator | Messages, key: MessageKey): string {
  if (typeof t === "function") return (t as unknown as (key: string) => string)(key);
  let value: unknown = t;
  for (const part of key.split(".")) value = (value as Record<string, unknown>)[part];
  if (typeof value !== "string") throw new Error(`messageText: no message ${key}`);
  return value;
}
