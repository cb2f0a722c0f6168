import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

// X-7, lean bundles: on Vercel the embedded database cannot work (a read-only, per-instance file system), so
// PGlite (20 MB) stays out of every function and a build without DATABASE_URL stops here with the reason.
// scripts/deploy/check-vercel-output.mjs fails the build check when any function holds it.
const onVercel = process.env.VERCEL === "1";
if (onVercel && !process.env.DATABASE_URL)
  throw new Error(
    "DATABASE_URL is not set. On Vercel the portal needs PostgreSQL: set DATABASE_URL (a pooled connection string) " +
      "in the project's environment variables for this environment (README: Deploy to Vercel).",
  );

const nextConfig: NextConfig = {
  // the container image (Dockerfile) builds with NEXT_OUTPUT=standalone; `next start` serves the default output.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  // PGlite loads its WASM and data files from its own package folder at run time.
  // subset-font runs harfbuzz as WASM loaded from its own package folder (B-3 PDFs).
  serverExternalPackages: [...(onVercel ? [] : ["@electric-sql/pglite"]), "subset-font", "harfbuzzjs"],
  // On Vercel the package resolves to a stub (db/pglite-on-vercel.ts): the trace of instrumentation.ts, which Vercel
  // adds to every function, ignores outputFileTracingExcludes, and shipped all of PGlite with the exclude below alone.
  ...(onVercel
    ? {
        turbopack: { resolveAlias: { "@electric-sql/pglite": "./db/pglite-on-vercel.ts", "@electric-sql/pglite/contrib/pg_trgm": "./db/pglite-on-vercel.ts" } },
      }
    : {}),
  // Migrations are read from disk at run time (db/client.ts); make sure file tracing ships them, and the demo seed's
  // registry sample (db/seed/registry-sample.csv, lib/registry/import.ts). The Japanese font files are read from disk
  // too, through literal paths that the trace follows (lib/pdf/japanese-font.ts): listed here under "/*" they went
  // into every function (9 MB each on Vercel); scripts/deploy/check-vercel-output.mjs checks the PDF routes hold them.
  outputFileTracingIncludes: { "/*": ["./db/migrations/*.sql", "./db/migrations/meta/_journal.json", "./db/seed/**/*"] },
  // No image is optimised on the server (the one next/image, the enrolment QR code, is a data: URI of our own SVG; the
  // icons are drawn by next/og), so sharp and its libvips (19 MB) stay out of every trace. Globs start with ** here:
  // Turbopack matches them against the traced paths, which "./node_modules/…" never matched.
  images: { unoptimized: true },
  outputFileTracingExcludes: {
    "*": ["**/node_modules/sharp/**", "**/node_modules/@img/**", ...(onVercel ? ["**/node_modules/@electric-sql/**"] : [])],
  },
  poweredByHeader: false,
  typedRoutes: false,
  // Clients that ask for /favicon.ico without reading the page's icon links get the vendor mark's PNG.
  async rewrites() {
    return [{ source: "/favicon.ico", destination: "/brand/favicon.png" }];
  },
  // Static headers for every response. The Content-Security-Policy (a nonce per request) and HSTS (only over HTTPS)
  // are set per request in proxy.ts (lib/security/csp.ts).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

// next-intl, without i18n routing (the locale is a cookie): the plugin points next-intl at i18n/request.ts.
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

export default withNextIntl(nextConfig);
