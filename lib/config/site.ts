import "server-only";
import { z } from "zod";

// Everything the vendor may want to change without a code change (SPEC: "the vendor's name, mail senders, phone
// numbers and external URLs are configuration, not code"). Defaults are the manual's values (the demo vendor).
const siteSchema = z.object({
  vendorName: z.string().min(1),
  vendorNameEn: z.string().min(1),
  siteName: z.string().min(1),
  siteNameEn: z.string().min(1),
  baseUrl: z.url(),
  mailFrom: z.object({ customer: z.string().min(3), operations: z.string().min(3), sales: z.string().min(3), supportInfo: z.string().min(3) }),
  contact: z.object({
    windowName: z.string().min(1),
    windowNameEn: z.string().min(1),
    phone: z.string().min(1),
    hours: z.string().min(1),
    hoursEn: z.string().min(1),
    webFormUrl: z.url(),
    faqUrl: z.url(),
  }),
  technicalSupportUrl: z.url(),
  copyright: z.string().min(1),
});

export type SiteConfig = z.infer<typeof siteSchema>;

function env(name: string, fallback: string): string {
  const value = process.env[name];
  return value === undefined || value === "" ? fallback : value;
}

function load(): SiteConfig {
  const domain = env("SITE_MAIL_DOMAIN", "trendmicro.co.jp");
  return siteSchema.parse({
    vendorName: env("SITE_VENDOR_NAME", "トレンドマイクロ"),
    vendorNameEn: env("SITE_VENDOR_NAME_EN", "Trend Micro"),
    siteName: env("SITE_NAME", "法人カスタマーサービス＆サポート"),
    siteNameEn: env("SITE_NAME_EN", "Corporate Customer Service & Support"),
    baseUrl: env("SITE_URL", env("AUTH_URL", "http://localhost:3000")),
    mailFrom: {
      customer: env("MAIL_FROM_CUSTOMER", `eCustomer@${domain}`),
      operations: env("MAIL_FROM_OPERATIONS", `operation_team@${domain}`),
      sales: env("MAIL_FROM_SALES", `sales@${domain}`),
      supportInfo: env("MAIL_FROM_SUPPORT_INFO", `support-info@${domain}`),
    },
    contact: {
      windowName: env("SITE_CONTACT_WINDOW", "法人お問合せ窓口"),
      windowNameEn: env("SITE_CONTACT_WINDOW_EN", "Corporate Customer Contact Desk"),
      phone: env("SITE_CONTACT_PHONE", "03-4330-7601"),
      hours: env("SITE_CONTACT_HOURS", "平日の9：00～12：00および13：00～18：00（ただし祝祭日およびその振替日を除きます）"),
      hoursEn: env("SITE_CONTACT_HOURS_EN", "Weekdays 9:00–12:00 and 13:00–18:00 (except national holidays and substitute holidays)"),
      webFormUrl: env("SITE_CONTACT_FORM_URL", "http://www.go-tm.jp/corporative-customer-service"),
      faqUrl: env("SITE_FAQ_URL", "https://www.trendmicro.com/ja_jp/business/customer-service-faqs.html"),
    },
    technicalSupportUrl: env("SITE_TECH_SUPPORT_URL", "https://success.trendmicro.com/jp/business-support"),
    copyright: env("SITE_COPYRIGHT", "© Trend Micro Incorporated. All rights reserved."),
  });
}

let cached: SiteConfig | undefined;

/** The site configuration, parsed once; a bad value fails loudly at the first use instead of rendering garbage. */
export function siteConfig(): SiteConfig {
  return (cached ??= load());
}

/** The contact window in the visitor's language: its name and hours are configured in both. */
export function siteContact(locale: "ja" | "en"): { windowName: string; hours: string; phone: string; webFormUrl: string; faqUrl: string } {
  const { windowName, windowNameEn, hours, hoursEn, phone, webFormUrl, faqUrl } = siteConfig().contact;
  return locale === "en" ? { windowName: windowNameEn, hours: hoursEn, phone, webFormUrl, faqUrl } : { windowName, hours, phone, webFormUrl, faqUrl };
}
