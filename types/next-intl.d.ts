import type { Messages } from "@/messages/ja";

// next-intl's types (AppConfig): keys and ICU arguments of every translation are checked against the Japanese
// catalogue; messages/en must have the same shape (messages/shape.ts).
declare module "next-intl" {
  interface AppConfig {
    Locale: "ja" | "en";
    Messages: Messages;
  }
}
