import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import type { StaffRole } from "@/db/schema";
import { auth } from "./next-auth";
import { resolveSession, type ActiveSession, type SessionState } from "./sessions";

// The one place that answers "who is this, may they?" for pages, actions and route handlers. Every check is
// made on the server, per request; nothing relies on proxy.ts or a layout alone.

export const getSessionState = cache(async (): Promise<SessionState> => {
  const session = await auth();
  return resolveSession(session?.sid);
});

export type CustomerSession = ActiveSession & { principal: { type: "customer" } };
export type StaffSession = ActiveSession & { principal: { type: "staff" }; role: StaffRole };

/** Our own paths only (no open redirect): `/x?y`, never `//host` or `/\host`. */
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length > 2000) return fallback;
  return /^\/(?![/\\])[^\s]*$/.test(value) ? value : fallback;
}

function loginUrl(next: string | undefined, reason?: string): string {
  const params = new URLSearchParams();
  if (next && next !== "/") params.set("callbackUrl", safeCallbackPath(next));
  if (reason) params.set("reason", reason);
  const query = params.toString();
  return query ? `/login?${query}` : "/login";
}

/**
 * Pages and actions behind customer login. Signed out → login (and back to `next` afterwards); idle → the A-7 screen;
 * a staff session is not a customer; a session that must change its password reaches nothing but the change.
 */
export async function requireCustomer(options: { next?: string; allowPasswordChange?: boolean } = {}): Promise<CustomerSession> {
  const state = await getSessionState();
  if (state.state === "idle") redirect("/logged-out?reason=idle");
  if (state.state !== "active" || state.principal.type !== "customer") redirect(loginUrl(options.next, state.state === "expired" ? "expired" : undefined));
  if (state.mustChangePassword && !options.allowPasswordChange) redirect("/password/change");
  return state as CustomerSession;
}

/** The customer if signed in (and not forced to change the password), for pages that also work signed out. */
export async function getOptionalCustomer(): Promise<CustomerSession | null> {
  const state = await getSessionState();
  return state.state === "active" && state.principal.type === "customer" ? (state as CustomerSession) : null;
}

/** G-1: staff pages and actions. No staff session → staff login; a customer session → 404; a wrong role → 404. */
export async function requireStaff(roles: readonly StaffRole[] = ["marketer", "operator", "admin"], options: { allowPasswordChange?: boolean } = {}): Promise<StaffSession> {
  const state = await getSessionState();
  if (state.state === "active" && state.principal.type === "customer") notFound();
  if (state.state !== "active") redirect(state.state === "idle" ? "/logged-out?reason=idle" : "/admin/login");
  if (state.mustChangePassword && !options.allowPasswordChange) redirect("/admin/password");
  if (!roles.includes(state.role!)) notFound();
  return state as StaffSession;
}

/**
 * A-4 for actions and pages that do not need a customer: a session that must change its password gets nothing but
 * the change (and logout). Call first, before reading any input.
 */
export async function refusePendingPasswordChange(): Promise<void> {
  const state = await getSessionState();
  if (state.state === "active" && state.mustChangePassword) redirect(state.principal.type === "staff" ? "/admin/password" : "/password/change");
}

/** Route handlers: the same rules, answered with a status instead of a redirect. */
export async function authorizeCustomerRequest(): Promise<{ ok: true; session: CustomerSession } | { ok: false; response: Response }> {
  const state = await getSessionState();
  if (state.state !== "active" || state.principal.type !== "customer") return { ok: false, response: new Response("Not Found", { status: 404 }) };
  if (state.mustChangePassword) return { ok: false, response: Response.json({ error: "password_change_required", location: "/password/change" }, { status: 403 }) };
  return { ok: true, session: state as CustomerSession };
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
