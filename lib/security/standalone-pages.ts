import "server-only";
import { translator, type Locale } from "@/lib/i18n";

// The pages proxy.ts answers itself, before Next's router runs — standing alone (the site's layout reads the session
// from the database), in the visitor's language (the locale cookie), under the site's CSP:
//   - while PostgreSQL is away (db/availability.ts), 503 with Retry-After, telling browsers and crawlers to come
//     back;
//   - a path Next cannot decode (not valid percent-encoded UTF-8), or its global error page asked for by name: 404,
//     as a page that does not exist. (A rewrite to the app's not-found page was proxied over HTTP to the server itself
//     — Next compares the rewrite's origin with the address it listens on, the proxy's URL says localhost — and failed
//     with a 500 when the reused socket was reset; tests/deploy/container.test.ts pins the answer.)

export const RETRY_AFTER_SECONDS = 5;

const STYLE = [
  "body{margin:0;font-family:system-ui,sans-serif;color:#222}",
  "main{max-width:42rem;margin:0 auto;padding:3rem 1rem}",
  "h1{font-size:1.5rem;border-left:6px solid #c8102e;padding-left:.75rem}",
  "a{color:#0645ad}",
].join("");

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

function page(locale: Locale, title: string, body: string, link: { href: string; text: string }): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main id="main">
<h1>${escape(title)}</h1>
<p>${escape(body)}</p>
<p><a href="${escape(link.href)}">${escape(link.text)}</a></p>
</main>
</body>
</html>
`;
}

export function unavailableResponse(locale: Locale, policy: string): Response {
  const t = translator(locale, "common");
  return new Response(page(locale, t("unavailableTitle"), t("unavailableBody"), { href: "", text: t("retry") }), {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Retry-After": String(RETRY_AFTER_SECONDS),
      "Content-Security-Policy": policy,
    },
  });
}

export function notFoundResponse(locale: Locale, policy: string): Response {
  const t = translator(locale, "common");
  return new Response(page(locale, t("notFoundTitle"), t("notFoundBody"), { href: "/", text: t("backToTop") }), {
    status: 404,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Content-Security-Policy": policy },
  });
}
