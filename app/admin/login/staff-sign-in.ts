import "server-only";
import { getSessionState, safeCallbackPath } from "@/lib/auth/current";
import { getTranslations } from "@/lib/i18n";

/** A repeated parameter counts with its first value, as everywhere on the site. */
export const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * What both steps of a staff sign-in (password, then MFA) read: the query, the messages, the session, and where the
 * sign-in goes on to — the page asked for when it is a safe path inside the staff area, else /admin.
 */
export async function readStaffSignIn(searchParams: Promise<Record<string, string | string[] | undefined>>) {
  const [params, t, state] = await Promise.all([searchParams, getTranslations(), getSessionState()]);
  const requested = safeCallbackPath(first(params.callbackUrl), "/admin");
  return { params, t, state, callbackUrl: requested.startsWith("/admin") ? requested : "/admin" };
}
