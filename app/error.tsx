"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";

// Unexpected failures: a generic message, never the error's details (they are logged on the server). The messages
// come from the root layout's NextIntlClientProvider, in the visitor's locale.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("common");
  return (
    <main id="main" className="mx-auto max-w-4xl px-4 py-12">
      <h1 className="mb-4 text-2xl font-bold">{t("errorTitle")}</h1>
      <p className="mb-6">{t("errorBody")}</p>
      <div className="flex gap-4">
        <button type="button" onClick={reset} className="rounded bg-brand px-4 py-2 font-bold text-white">
          {t("retry")}
        </button>
        <Link href="/" className="self-center text-link underline">
          {t("backToTop")}
        </Link>
      </div>
    </main>
  );
}
