import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { getLocale, translator, type Locale, type RootTranslator } from "@/lib/i18n";
import { clientAddressOf } from "@/lib/security/client-address";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import type { FormState } from "@/lib/validation/form-state";
import { actorOf, type CustomerActor, type StaffActor } from "./actor";
import { getSessionState, isSameOrigin, safeCallbackPath } from "./current";
import { can, type Capability } from "./permissions";
import type { ActiveSession, SessionState } from "./sessions";

// One gate for every request. Every page, server action and route handler is admitted by one of the
// functions below, which run in this order and nowhere else:
//   session (idle, expiry) → the A-4 gate → input parsed with its zod schema (NFKC once) → the capability → the call
// with a typed actor. Expected failures come back as the form's state (or a status for route handlers); unexpected
// ones are thrown to error.tsx. Nothing here catches: redirect() and notFound() always reach Next.
// tests/e2e/guards.spec.ts reads the build's manifests and fails on any page, action or route handler that does not
// go through one of these (or is not on its short, commented public list).

type Who = "public" | "customer" | "staff" | "account";

// --- the steps -------------------------------------------------------------------------------------------------------

function loginUrl(next: string | undefined, reason?: string): string {
  const params = new URLSearchParams();
  if (next && next !== "/") params.set("callbackUrl", safeCallbackPath(next));
  if (reason) params.set("reason", reason);
  const query = params.toString();
  return query ? `/login?${query}` : "/login";
}

/** Staff: the capability or 404 — checked after parsing, but before anything about the input is answered. */
function requireCapability(who: Who, session: ActiveSession | null, capability: Capability | undefined): void {
  if (who === "staff" && !can(session?.role, capability ?? "staff-area.enter")) notFound();
}

/** a session that must change its password reaches nothing but the change (and leaving). */
function passwordGate(state: SessionState, allowPasswordChange: boolean): void {
  if (state.state === "active" && state.mustChangePassword && !allowPasswordChange)
    redirect(state.principal.type === "staff" ? "/admin/password" : "/password/change");
}

/** Pages and actions: who may pass, answered with Next's redirects and 404 (SPEC R: a staff page is 404 to others). */
function admit(who: Who, state: SessionState, options: { next?: string; allowPasswordChange?: boolean }): ActiveSession | null {
  const allow = options.allowPasswordChange === true;
  if (who === "public") {
    passwordGate(state, allow);
    return state.state === "active" ? state : null;
  }
  if (who === "staff") {
    if (state.state === "active" && state.principal.type === "customer") notFound();
    if (state.state !== "active") redirect(state.state === "idle" ? "/logged-out?reason=idle" : "/admin/login");
    passwordGate(state, allow);
    return state;
  }
  if (state.state === "idle") redirect("/logged-out?reason=idle");
  if (state.state !== "active" || (who === "customer" && state.principal.type !== "customer"))
    redirect(loginUrl(options.next, state.state === "expired" ? "expired" : undefined));
  passwordGate(state, allow);
  return state;
}

/** The request's fields as one record: repeated names become arrays; strings NFKC-normalised and trimmed, once. */
export function formInput(formData: FormData, raw: readonly string[] = []): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    // Next's own fields of a progressively enhanced (no-JS) submission.
    if (key.startsWith("$ACTION")) continue;
    const values = formData.getAll(key).map((value) => (typeof value === "string" && !raw.includes(key) ? value.normalize("NFKC").trim() : value));
    record[key] = values.length === 1 ? values[0] : values;
  }
  return record;
}

/**
 * X-3 (bad input, never a 500): no text of this site contains U+0000, and PostgreSQL refuses it in any text value (22021, a 500).
 * What the schema lets through to the handler with one is invalid input (a schema may still map such a value to a
 * default: a bad callbackUrl becomes the top page).
 */
function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.ZodSafeParseResult<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return parsed;
  const paths: PropertyKey[][] = [];
  const visit = (value: unknown, path: PropertyKey[]) => {
    if (typeof value === "string") {
      if (value.includes("\u0000")) paths.push(path);
    } else if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...path, index]));
    else if (value && typeof value === "object" && !(value instanceof Blob) && !(value instanceof Date))
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
  };
  visit(parsed.data, []);
  if (paths.length === 0) return parsed;
  return {
    success: false,
    error: new z.ZodError(paths.map((path) => ({ code: "custom" as const, path, message: "invalid", input }))) as z.ZodError<z.output<S>>,
  };
}

function searchInput(url: URL): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key).map((value) => value.normalize("NFKC").trim());
    record[key] = values.length === 1 ? values[0] : values;
  }
  return record;
}

// --- server actions --------------------------------------------------------------------------------------------------

type ActionSpec<S extends z.ZodType, R> = {
  schema: S;
  /** Fields kept exactly as typed (passwords): not normalised, never echoed. */
  raw?: readonly string[];
  /** Fields shown again after a refused submission (never a password, token or code). */
  echo?: readonly string[];
  /** A-4's exceptions: the password change itself, leaving, the idle check. */
  allowPasswordChange?: boolean;
  /** Where a signed-out customer returns after signing in. */
  next?: string;
  /** Bad input as the form's state; by default the fields' messages under their inputs. */
  onInvalid?: (error: z.ZodError, context: { t: RootTranslator; locale: Locale; values: Record<string, string> }) => R | Promise<R>;
  /** The action's arguments as input, when it is not called with a form (default: the last FormData argument). */
  input?: (args: unknown[]) => unknown;
};

/**
 * `locale`: the request's. `t`: the request's translator (lib/i18n translator(locale), the same as
 * getTranslations()).
 */
type BaseContext = { t: RootTranslator; locale: Locale; clientAddress: string | null };
export type PublicContext = BaseContext & { session: ActiveSession | null };
export type CustomerContext = BaseContext & { actor: CustomerActor };
export type StaffContext = BaseContext & { actor: StaffActor };
export type AccountContext = BaseContext & { actor: CustomerActor | StaffActor };

function guardAction<S extends z.ZodType, R, C>(
  who: Who,
  spec: ActionSpec<S, R> & { capability?: Capability },
  handler: (input: z.output<S>, context: C) => Promise<R>,
) {
  return async (...args: unknown[]): Promise<R> => {
    const state = await getSessionState();
    const session = admit(who, state, spec);
    const [locale, clientAddress] = await Promise.all([getLocale(), headers().then(clientAddressOf)]);
    const t = translator(locale);
    const formData = [...args].reverse().find((arg): arg is FormData => arg instanceof FormData);
    const raw = who === "staff" && formData ? [...(spec.raw ?? []), ...staffKeys(formData)] : spec.raw;
    const input = spec.input ? spec.input(args) : formData ? formInput(formData, raw) : {};
    const parsed = parseInput(spec.schema, input);
    requireCapability(who, session, spec.capability);
    if (!parsed.success) {
      const record = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
      const values = Object.fromEntries(
        (spec.echo ?? []).filter((key) => typeof record[key] === "string").map((key) => [key, (record[key] as string).slice(0, 254)]),
      );
      if (spec.onInvalid) return spec.onInvalid(parsed.error, { t, locale, values });
      return { status: "error", fieldErrors: fieldErrorsOf(parsed.error, t), values } satisfies FormState as R;
    }
    const base = { t, locale, clientAddress };
    const context = who === "public" ? { ...base, session } : { ...base, actor: actorOf(session!, clientAddress) };
    return handler(parsed.data, context as C);
  };
}

/**
 * X-3, a staff form's keys (`id`, `fileId`, `mailId`, `noticeId`, `requestId`, `licenseId`, `version` …) are written
 * by the page, never typed: taken exactly as sent, not normalised, so that " 1 " or "１" is no id — a trimmed one
 * changed the real record 1 as an admin (withdraw, reject, reset MFA).
 */
function staffKeys(formData: FormData): string[] {
  return [...new Set(formData.keys())].filter((key) => key === "id" || key === "version" || /^[a-z]+Id$/.test(key));
}

/** For `useActionState`: `(state, formData) => state`. */
export type StateAction<R> = (state: Awaited<R>, formData: FormData) => Promise<R>;
/** For `<form action={…}>` without state. */
export type FormAction = (formData: FormData) => Promise<void>;

/** A customer's action (portal). Signed out → login and back to `next`; idle → A-7; must change the password → A-4. */
export function customerAction<S extends z.ZodType, R>(
  spec: ActionSpec<S, R>,
  handler: (input: z.output<S>, context: CustomerContext) => Promise<R>,
): StateAction<R> {
  return guardAction("customer", spec, handler);
}

/** A staff action: allowed only with its capability (lib/auth/permissions.ts); anyone else gets 404. */
export function staffAction<S extends z.ZodType, R>(
  spec: ActionSpec<S, R> & { capability: Capability },
  handler: (input: z.output<S>, context: StaffContext) => Promise<R>,
): StateAction<R> {
  return guardAction("staff", spec, handler);
}

/** A signed-in person of either kind (the password change is one form for customers and staff, G-1). */
export function accountAction<S extends z.ZodType, R>(
  spec: ActionSpec<S, R>,
  handler: (input: z.output<S>, context: AccountContext) => Promise<R>,
): StateAction<R> {
  return guardAction("account", spec, handler);
}

/** Needs no session (sign-in, 仮パスワード発行, the language); a must-change session still gets only the change. */
export function publicAction<S extends z.ZodType, R>(
  spec: ActionSpec<S, R>,
  handler: (input: z.output<S>, context: PublicContext) => Promise<R>,
): StateAction<R> {
  return guardAction("public", spec, handler);
}

export function publicFormAction<S extends z.ZodType>(
  spec: ActionSpec<S, void>,
  handler: (input: z.output<S>, context: PublicContext) => Promise<void>,
): FormAction {
  return guardAction("public", spec, handler);
}

/** A public action called with plain arguments (`input` maps them to the schema's shape). */
export function publicCall<A extends unknown[], S extends z.ZodType, R>(
  spec: ActionSpec<S, R> & { input: (args: unknown[]) => unknown },
  handler: (input: z.output<S>, context: PublicContext) => Promise<R>,
): (...args: A) => Promise<R> {
  return guardAction("public", spec, handler);
}

// --- pages -----------------------------------------------------------------------------------------------------------

/** A customer page (portal). */
export async function customerPage(options: { next?: string; allowPasswordChange?: boolean } = {}): Promise<CustomerActor> {
  const session = admit("customer", await getSessionState(), options);
  return actorOf(session!, null) as CustomerActor;
}

/** A staff page: its capability or 404. */
export async function staffPage(capability: Capability = "staff-area.enter", options: { allowPasswordChange?: boolean } = {}): Promise<StaffActor> {
  const session = admit("staff", await getSessionState(), options);
  requireCapability("staff", session, capability);
  return actorOf(session!, null) as StaffActor;
}

/** A page for everybody: the A-4 gate, and the customer if one is signed in (the top page's menus). */
export async function publicPage(options: { allowPasswordChange?: boolean } = {}): Promise<CustomerActor | null> {
  const session = admit("public", await getSessionState(), options);
  return session?.principal.type === "customer" ? (actorOf(session, null) as CustomerActor) : null;
}

// --- route handlers --------------------------------------------------------------------------------------------------

type RouteParams = { params: Promise<Record<string, string | string[] | undefined>> };
type RouteSpec<S extends z.ZodType> = {
  /** Parses the path's dynamic segments and the query string (and a JSON body, see `jsonBody`), merged into one record. */
  schema: S;
  /**
   * The request's body is a JSON object of at most this many bytes, whose members join the input (under the query's
   * and the path's). A body that is not such an object is bad input (400), a longer one 413. Its strings are kept as
   * sent (tokens, hashes): no NFKC.
   */
  jsonBody?: { maxBytes: number };
  /** Bad input; by default 400 with the names of the bad fields. */
  onInvalid?: (error: z.ZodError) => Response;
};
/** `locale`: the request's, for what the handler writes in words (lib/i18n translator(locale)). */
type RouteContext<A> = { actor: A; request: Request; locale: Locale };

const notFoundResponse = () => new Response("Not Found", { status: 404, headers: { "Cache-Control": "no-store" } });

function guardRoute<S extends z.ZodType, A>(
  who: "customer" | "staff",
  spec: RouteSpec<S> & { capability?: Capability },
  handler: (input: z.output<S>, context: RouteContext<A>) => Promise<Response>,
) {
  return async (request: Request, route?: RouteParams): Promise<Response> => {
    const state = await getSessionState();
    // Route handlers answer with statuses: whoever may not see a thing learns nothing beyond "not found".
    if (state.state !== "active" || state.principal.type !== who) return notFoundResponse();
    if (state.mustChangePassword)
      return Response.json(
        { error: "password_change_required", location: state.principal.type === "staff" ? "/admin/password" : "/password/change" },
        { status: 403 },
      );
    // Server actions get Next's Origin check; route handlers that change something check it here.
    if (request.method !== "GET" && request.method !== "HEAD" && !isSameOrigin(request)) return Response.json({ error: "cross_origin" }, { status: 403 });
    const params = (await route?.params) ?? {};
    const body = spec.jsonBody ? await readJsonBody(request, spec.jsonBody.maxBytes) : {};
    const parsed =
      body === "too_large" ? null : parseInput(spec.schema, body === "invalid" ? undefined : { ...body, ...searchInput(new URL(request.url)), ...params });
    if (who === "staff" && !can(state.role, spec.capability ?? "staff-area.enter")) return notFoundResponse();
    if (!parsed) return Response.json({ error: "body_too_large" }, { status: 413 });
    if (!parsed.success)
      return spec.onInvalid
        ? spec.onInvalid(parsed.error)
        : Response.json({ error: "invalid_input", fields: Object.keys(z.flattenError(parsed.error).fieldErrors) }, { status: 400 });
    const clientAddress = clientAddressOf(request.headers);
    return handler(parsed.data, { actor: actorOf(state, clientAddress) as A, request, locale: await getLocale() });
  };
}

/** A JSON object body of at most `maxBytes` (counted as it arrives, whatever Content-Length says). */
async function readJsonBody(request: Request, maxBytes: number): Promise<Record<string, unknown> | "invalid" | "too_large"> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) return "too_large";
  if (!request.body) return "invalid";
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    length += chunk.length;
    if (length > maxBytes) return "too_large";
    chunks.push(chunk);
  }
  try {
    const value: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)));
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : "invalid";
  } catch {
    return "invalid";
  }
}

/** A customer route handler's body, for one handler exported under two methods (GET and HEAD). */
export type RouteHandler<S extends z.ZodType> = (input: z.output<S>, context: RouteContext<CustomerActor>) => Promise<Response>;

export function customerRoute<S extends z.ZodType>(
  spec: RouteSpec<S>,
  handler: (input: z.output<S>, context: RouteContext<CustomerActor>) => Promise<Response>,
) {
  return guardRoute<S, CustomerActor>("customer", spec, handler);
}

export function staffRoute<S extends z.ZodType>(
  spec: RouteSpec<S> & { capability: Capability },
  handler: (input: z.output<S>, context: RouteContext<StaffActor>) => Promise<Response>,
) {
  return guardRoute<S, StaffActor>("staff", spec, handler);
}

/**
 * A route handler that needs no session because its input carries its own authority (a signed token: the RFC 8058
 * one-click unsubscribe, which mail providers POST from anywhere, without an Origin of ours). Still parsed with zod;
 * a cross-origin request is refused unless `crossOrigin: "allowed"` says the token is the whole check.
 */
export function publicRoute<S extends z.ZodType>(
  spec: RouteSpec<S> & { crossOrigin?: "allowed" },
  handler: (input: z.output<S>, context: { request: Request; locale: Locale; clientAddress: string | null }) => Promise<Response>,
) {
  return async (request: Request, route?: RouteParams): Promise<Response> => {
    if (spec.crossOrigin !== "allowed" && request.method !== "GET" && request.method !== "HEAD" && !isSameOrigin(request))
      return Response.json({ error: "cross_origin" }, { status: 403 });
    const params = (await route?.params) ?? {};
    const parsed = parseInput(spec.schema, { ...searchInput(new URL(request.url)), ...params });
    if (!parsed.success)
      return spec.onInvalid
        ? spec.onInvalid(parsed.error)
        : Response.json({ error: "invalid_input", fields: Object.keys(z.flattenError(parsed.error).fieldErrors) }, { status: 400 });
    return handler(parsed.data, { request, locale: await getLocale(), clientAddress: clientAddressOf(request.headers) });
  };
}

export { fieldErrorsOf, notFoundResponse };
