"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { safeCallbackPath } from "@/lib/auth/current";
import { publicFormAction } from "@/lib/auth/guards";
import { LOCALE_COOKIE } from "@/lib/i18n";

const localeSchema = z.object({
  locale: z.enum(["ja", "en"]),
  back: z
    .string()
    .catch("/")
    .transform((value) => safeCallbackPath(value, "/")),
});

// the header's language switch. `back` is limited to our own paths (no open redirect), percent-encoded for the
// Location header. A must-change session gets nothing else, not even this: the guard sends it to the change.
export const setLocale = publicFormAction({ schema: localeSchema, onInvalid: () => redirect("/") }, async ({ locale, back }) => {
  (await cookies()).set(LOCALE_COOKIE, locale, {
    httpOnly: true,
    sameSite: "lax",
    secure: process.env.NODE_ENV === "production" && process.env.AUTH_URL?.startsWith("https:") === true,
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
  });
  redirect(back);
});
