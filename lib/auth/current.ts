import "server-only";
import { cache } from "react";
import { auth } from "./next-auth";
import { resolveSession, type SessionState } from "./sessions";

// "Who is this?" once per request (X-4). "May they?" is the request guards' (lib/auth/guards.ts): every page, action
// and route handler is admitted there, on the server, per request; nothing relies on proxy.ts or a layout alone.

export const getSessionState = cache(async (): Promise<SessionState> => {
  const session = await auth();
  return resolveSession(session?.sid);
});

const SELF = "http://self.invalid";

/**
 * Our own paths only (no open redirect): `/x?y`, never `//host` or `/\host`. The result goes into a Location header,
 * which takes ASCII only, so it comes back percent-encoded as a URL (`/licenses?x=日本` → `/licenses?x=%E6%97%A5%E6%9C%AC`);
 * a path that cannot be decoded (`/%FF`) names no page and falls back too.
 */
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length > 2000) return fallback;
  // No whitespace, controls or backslashes anywhere: the URL parser drops or rewrites them (`/\t/host` is `//host`).
  if (!/^\/(?![/\\])[^\s\\\p{Cc}]*$/u.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, SELF);
    decodeURIComponent(url.pathname);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments are resolved: `/.//host` becomes `//host`, which a browser takes for another host.
  if (url.origin !== SELF || path.startsWith("//") || path.length > 2000) return fallback;
  return path;
}

/** State-changing route handlers check the Origin themselves (server actions get Next's check). */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
