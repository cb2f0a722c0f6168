import "server-only";
import { translator, type Locale } from "@/lib/i18n";

// the page proxy.ts answers while PostgreSQL is away (db/availability.ts). It stands alone — the site's layout
// reads the session from the database — in the visitor's language (the locale cookie), under the site's CSP, and
// tells browsers and crawlers to come back (503 with Retry-After).

export const RETRY_AFTER_SECONDS = 5;

const STYLE = [
  "body{margin:0;font-family:system-ui,sans-serif;color:#222}",
  "main{max-width:42rem;margin:0 auto;padding:3rem 1rem}",
  "h1{font-size:1.5rem;border-left:6px solid #c8102e;padding-left:.75rem}",
  "a{color:#0645ad}",
].join("");

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

export function unavailableResponse(locale: Locale, policy: string): Response {
  const t = translator(locale, "common");
  const html = `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(t("unavailableTitle"))}</title>
<style>${STYLE}</style>
</head>
<body>
<main id="main">
<h1>${escape(t("unavailableTitle"))}</h1>
<p>${escape(t("unavailableBody"))}</p>
<p><a href="">${escape(t("retry"))}</a></p>
</main>
</body>
</html>
`;
  return new Response(html, {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Retry-After": String(RETRY_AFTER_SECONDS),
      "Content-Security-Policy": policy,
    },
  });
}
