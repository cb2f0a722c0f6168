"use client";

import Link from "next/link";
import { useSyncExternalStore } from "react";
import { en } from "@/lib/i18n/en";
import { ja } from "@/lib/i18n/ja";

// X-5 in a client component: the server's catalogue (getMessages) is out of reach here, but the root layout has
// already written the visitor's locale into <html lang>. The lang attribute never changes under a rendered page, so
// there is nothing to subscribe to; a server render (and hydration) uses the default locale.
const noSubscription = () => () => {};
const documentLang = () => document.documentElement.lang;
const defaultLang = () => ja.htmlLang;

// Unexpected failures: a generic message, never the error's details (they are logged on the server).
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const lang = useSyncExternalStore(noSubscription, documentLang, defaultLang);
  const t = (lang === en.htmlLang ? en : ja).common;
  return (
    <main id="main" className="mx-auto max-w-4xl px-4 py-12">
      <h1 className="mb-4 text-2xl font-bold">{t.errorTitle}</h1>
      <p className="mb-6">{t.errorBody}</p>
      <div className="flex gap-4">
        <button type="button" onClick={reset} className="rounded bg-brand px-4 py-2 font-bold text-white">
          {t.retry}
        </button>
        <Link href="/" className="self-center text-link underline">
          {t.backToTop}
        </Link>
      </div>
    </main>
  );
}
