// The English catalogue as a plain object: see lib/i18n/ja.ts.
import catalogue from "@/messages/en";
import { legacyView, type Messages } from "./ja";

export const en = legacyView(catalogue) as Messages;
