import "server-only";

// X-7, lean bundles: on Vercel (VERCEL=1) next.config.ts resolves "@electric-sql/pglite" and its pg_trgm extension to
// this file, so that no function ships PGlite (20 MB): excluding the package from the traces is not enough, because
// instrumentation.ts's trace (which Vercel adds to every function) ignores outputFileTracingExcludes. db/client.ts
// never gets here on Vercel: without DATABASE_URL the build stops (next.config.ts) and so does a request.
const reason = "PGlite is not part of a Vercel build: set DATABASE_URL (README: Deploy to Vercel).";

export class PGlite {
  static readonly defaultStartParams: string[] = [];
  static create(): never {
    throw new Error(reason);
  }
}

export const pg_trgm = {};

// drizzle-orm/pglite (imported by db/client.ts, never opened here) reads these type ids in its session's constructor.
export const types = { DATE: 1082, TIMESTAMP: 1114, TIMESTAMPTZ: 1184, INTERVAL: 1186 };
