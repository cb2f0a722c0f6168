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

/** Our own paths only (no open redirect): `/x?y`, never `//host` or `/\host`. */
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length > 2000) return fallback;
  return /^\/(?![/\\])[^\s]*$/.test(value) ? value : fallback;
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
