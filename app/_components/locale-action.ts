"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { refusePendingPasswordChange } from "@/lib/auth/current";
import { LOCALE_COOKIE } from "@/lib/i18n";

const localeSchema = z.object({ locale: z.enum(["ja", "en"]), back: z.string().regex(/^\/(?!\/)[^\s\\]*$/).max(2000).catch("/") });

// the header's language switch. `back` is limited to our own paths (no open redirect).
export async function setLocale(formData: FormData) {
  // a session that must change its password gets nothing else, not even this.
  await refusePendingPasswordChange();
  if (!(formData instanceof FormData)) redirect("/");
  const parsed = localeSchema.safeParse({ locale: formData.get("locale"), back: formData.get("back") ?? "/" });
  if (!parsed.success) redirect("/");
  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, { httpOnly: true, sameSite: "lax", secure: process.env.NODE_ENV === "production" && process.env.AUTH_URL?.startsWith("https:") === true, path: "/", maxAge: 60 * 60 * 24 * 365 });
  redirect(parsed.data.back);
}
