import { NextResponse, type NextRequest } from "next/server";
import { actionKind, checkActionBody } from "@/lib/security/action-body";
import { contentSecurityPolicy, createNonce, isServedOverHttps, STRICT_TRANSPORT_SECURITY } from "@/lib/security/csp";
import { notFoundResponse, unavailableResponse } from "@/lib/security/standalone-pages";
import { databaseUnavailable } from "@/db/availability";
import { LOCALE_COOKIE } from "@/lib/i18n";
import { DEVICE_COOKIE, type DeviceKind } from "@/lib/auth/device";
import { lockedAtTheDoor, pauseBeforeLockedAnswer } from "@/lib/auth/sign-in";

// Bad input and the CSP at the edge. This is no gate: who may do what is decided per page, action and route handler by the
// request guards (lib/auth/guards.ts). Here, before Next's router and action handler see a request, only what they
// would answer with a 500:
//   - a path segment that is not valid percent-encoded UTF-8 (Next throws decoding it), or Next's global error page
//     asked for by name → 404, as a page that does not exist;
//   - a server action (a POST with Next-Action, or a form post) from another origin → 403, over the body limit
//     → 413, with a body that is not a well-formed React reply → 400 (Next's action handler throws on each; the body
//     is judged by lib/security/action-body.ts); a sign-in form posted without JavaScript while A-8 locks its
//     account or address → 303 to the login page saying so (the one check the sign-in makes first, nothing more);
// while PostgreSQL is away (a request failed on it, and a probe still fails: db/availability.ts), every page, action and
// route handler but /api/health (which reports it itself) → 503 with a page that says so;
// and every response gets the Content-Security-Policy with a fresh nonce (lib/security/csp.ts), HSTS over HTTPS.

export async function proxy(request: NextRequest): Promise<Response> {
  let form: FormData | undefined;
  if (isPossibleServerAction(request)) {
    const verdict = await checkAction(request);
    if (verdict instanceof NextResponse) return verdict;
    form = verdict.form;
  }
  const locale = request.cookies.get(LOCALE_COOKIE)?.value === "en" ? "en" : "ja";
  if (request.nextUrl.pathname !== "/api/health" && (await databaseUnavailable())) return unavailableResponse(locale, contentSecurityPolicy(createNonce()));
  if (form) {
    const locked = await refuseLockedSignIn(request, form);
    if (locked) return locked;
  }
  // A page of its own (lib/security/standalone-pages.ts): a rewrite to the app's not-found page went over HTTP.
  if (!isDecodablePath(request.nextUrl.pathname) || isFrameworkErrorPage(request.nextUrl.pathname)) return notFoundPage(request, locale);
  return withPolicy(request, (init) => NextResponse.next(init));
}

export const config = {
  // Everything but the build's static files (their URLs are generated, and they are not documents) and G-4's upload:
  // a proxy makes Next copy a request body and pass only its first 10 MB on (app/admin/(staff)/files/upload/route.ts).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|admin/files/upload).*)"],
};

// --- headers ---------------------------------------------------------------------------------------------------------

function withPolicy(request: NextRequest, respond: (init: { request: { headers: Headers } }) => NextResponse): NextResponse {
  const policy = contentSecurityPolicy(createNonce());
  // Next reads the nonce from the request's policy and puts it on its scripts.
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = respond({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  if (isServedOverHttps(request.headers)) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

function notFoundPage(request: NextRequest, locale: "ja" | "en"): Response {
  const response = notFoundResponse(locale, contentSecurityPolicy(createNonce()));
  if (isServedOverHttps(request.headers)) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

function refusal(status: 400 | 403 | 413, text: string): NextResponse {
  return new NextResponse(`${text}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

// --- paths -----------------------------------------------------------------------------------------------------------

/** Next's global error page answers 500 when asked for by its own name; it is no page of the site. */
function isFrameworkErrorPage(pathname: string): boolean {
  return pathname === "/_global-error" || pathname.startsWith("/_global-error/");
}

function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

// --- server actions --------------------------------------------------------------------------------------------------

/**
 * Route handlers that take form posts from anywhere, the token in the URL being their whole check (publicRoute with
 * `crossOrigin: "allowed"`): RFC 8058's one-click unsubscribe, which the mail provider POSTs as a form. A route
 * handler runs no server action, so such a post is no action; one with a Next-Action header is still checked.
 */
const CROSS_ORIGIN_FORM_ROUTES = new Set(["/api/mail/unsubscribe"]);

function isPossibleServerAction(request: NextRequest): boolean {
  const kind = actionKind(request);
  if (kind === "urlencoded" || kind === "multipart") return !CROSS_ORIGIN_FORM_ROUTES.has(request.nextUrl.pathname);
  return kind !== null;
}

/** Next's CSRF rule for actions, answered with 403 instead of its 500: an Origin, if sent, names this host. */
function isForeignOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return false;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  try {
    return origin === "null" || !host || new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** The refusal of an action Next would answer with a 500, or the form a post without JavaScript carries. */
async function checkAction(request: NextRequest): Promise<NextResponse | { form?: FormData }> {
  if (isForeignOrigin(request.headers)) return refusal(403, "Forbidden: cross-origin request.");
  const verdict = await checkActionBody(request);
  if (verdict.ok) return { form: verdict.form };
  return verdict.status === 413 ? refusal(413, "Payload Too Large.") : refusal(400, `Bad Request: ${verdict.reason}.`);
}

/** The login pages and whose sign-in their form posts (A-1, G-1). */
const SIGN_IN_FORMS: Record<string, DeviceKind> = { "/login": "customer", "/admin/login": "staff" };

/**
 * a sign-in form posted without JavaScript while its account or address is locked → 303 to the login page with
 * the lock message (lib/auth/sign-in.ts lockedAtTheDoor), before the action runs and the page renders. The callback
 * path goes along as posted; the login page checks it as always.
 */
async function refuseLockedSignIn(request: NextRequest, form: FormData): Promise<NextResponse | null> {
  const { pathname } = request.nextUrl;
  const kind = SIGN_IN_FORMS[pathname];
  const email = form.get("email");
  if (!kind || typeof email !== "string" || !form.has("password")) return null;
  // PostgreSQL failing just now: the sign-in's own check decides (and the outage is noticed there, db/availability.ts).
  const locked = await lockedAtTheDoor(kind, email, request.headers, request.cookies.get(DEVICE_COOKIE)?.value).catch(() => false);
  if (!locked) return null;
  await pauseBeforeLockedAnswer();
  const target = request.nextUrl.clone();
  target.search = "";
  target.searchParams.set("reason", "locked");
  const callbackUrl = form.get("callbackUrl");
  if (typeof callbackUrl === "string" && callbackUrl) target.searchParams.set("callbackUrl", callbackUrl);
  return NextResponse.redirect(target, 303);
}
