"use server";

import { AuthError } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { writeAudit } from "@/lib/audit";
import { changePassword, type ChangePasswordErrors } from "@/lib/auth/change-password";
import { safeCallbackPath } from "@/lib/auth/current";
import { accountAction, publicAction, publicCall, publicFormAction } from "@/lib/auth/guards";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_SECONDS, deviceCookieAfterSignIn } from "@/lib/auth/device";
import { BusySignin, LockedSignin, secureCookiesForRequest, signIn, signOut } from "@/lib/auth/next-auth";
import { endSession, resolveSession } from "@/lib/auth/sessions";
import { authSettings } from "@/lib/auth/settings";
import { now } from "@/lib/clock";
import { requestTemporaryPassword } from "@/lib/auth/temporary-password";
import type { Messages } from "@/lib/i18n/ja";
import { scheduleOutboxDelivery } from "@/lib/mail/schedule";
import { normaliseEmail } from "@/lib/security/email";
import { loginSchema, passwordChangeSchema, temporaryPasswordSchema } from "@/lib/validation/auth";
import type { FormState } from "@/lib/validation/form-state";

// Every action here is admitted by a guard of lib/auth/guards.ts (session → A-4 gate → zod → capability → call).

type LoginFields = "email" | "password";
// A callbackUrl that is not a path of ours (too long, repeated, another host, a NUL) is no reason to refuse the
// sign-in: it becomes "" and the sign-in goes on to the default page.
const loginInput = loginSchema.extend({ callbackUrl: z.string().catch("").transform((value) => safeCallbackPath(value, "")) });

/** A-1 / G-1 sign-in. One generic failure message; the lock message while A-8 holds the account or address. */
function signInWith(provider: "customer" | "staff", fallback: string) {
  return publicAction({ schema: loginInput, raw: ["password"], echo: ["email"] }, async (input, { t }): Promise<FormState<LoginFields>> => {
    const values = { email: input.email };
    const target = input.callbackUrl || fallback;
    try {
      await signIn(provider, { email: input.email, password: input.password, redirect: false });
    } catch (error) {
      if (error instanceof LockedSignin || (error instanceof AuthError && (error as { code?: string }).code === "locked")) return { status: "error", message: t.auth.locked, values };
      if (error instanceof BusySignin || (error instanceof AuthError && (error as { code?: string }).code === "busy")) return { status: "error", message: t.auth.busy, values };
      if (error instanceof AuthError) return { status: "error", message: t.auth.loginFailed, values };
      throw error;
    }
    // this browser has now signed in to the account; it passes the account's lock from now on (lib/auth/device.ts).
    const jar = await cookies();
    const device = deviceCookieAfterSignIn(jar.get(DEVICE_COOKIE)?.value, provider, normaliseEmail(input.email), now().getTime());
    if (device) jar.set(DEVICE_COOKIE, device, { httpOnly: true, sameSite: "lax", secure: await secureCookiesForRequest(), path: "/", maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS });
    // The target page decides: a session that must change its password is sent to the change first.
    redirect(target);
  });
}

export const customerLoginAction = signInWith("customer", "/");
export const staffLoginAction = signInWith("staff", "/admin");

/** A-2 (exempt from the A-4 gate: leaving is always allowed): ends the session server-side, so that the old cookie is worthless, then clears it. */
export const logoutAction = publicFormAction({ schema: z.object({}), allowPasswordChange: true }, async (_input, { session, clientAddress }) => {
  if (session) {
    await endSession(session.id, "logout");
    await writeAudit({ actorType: session.principal.type, actorId: session.principal.accountId, actorEmail: session.email, action: session.principal.type === "staff" ? "staff.logout" : "logout", clientAddress });
  }
  await signOut({ redirect: false });
  redirect("/logged-out");
});

/** the open page asks, at its deadline, whether the session is still alive (another tab may have kept it). */
// Exempt from the A-4 gate: it reads and extends the session only (the change page itself needs it).
export const checkSessionAction = publicCall<[touch: boolean], z.ZodType<{ touch: boolean }>, { alive: boolean; remainingMs: number }>(
  { schema: z.object({ touch: z.boolean().catch(false) }), allowPasswordChange: true, input: (args) => ({ touch: args[0] }) },
  async ({ touch }, { session }) => {
    if (!session) return { alive: false, remainingMs: 0 };
    const state = await resolveSession(session.id, { touch });
    if (state.state !== "active") return { alive: false, remainingMs: 0 };
    return { alive: true, remainingMs: Math.max(0, state.lastSeenAt.getTime() + authSettings().idleMs - now().getTime()) };
  },
);

/** A-3 仮パスワード発行. */
export const temporaryPasswordAction = publicAction({ schema: temporaryPasswordSchema, echo: ["email"] }, async (input, { t, clientAddress }): Promise<FormState<"email">> => {
  const result = await requestTemporaryPassword({ email: input.email, clientAddress });
  if (result.status === "sent") {
    scheduleOutboxDelivery();
    return { status: "success", message: t.temporaryPassword.sent };
  }
  return { status: "error", message: result.status === "locked" ? t.temporaryPassword.locked : t.temporaryPassword.unknown, values: { email: input.email } };
});

type PasswordFields = "currentPassword" | "newPassword" | "confirmation";

/** A-4 (forced) and E-1 (voluntary); staff use the same rules (G-1). */
export const changePasswordAction = accountAction(
  { schema: passwordChangeSchema, raw: ["currentPassword", "newPassword", "confirmation"], allowPasswordChange: true },
  async (input, { actor, t }): Promise<FormState<PasswordFields>> => {
    const result = await changePassword({ actor, input });
    if (!result.ok) return { status: "error", fieldErrors: passwordErrorMessages(result.errors, t) };
    scheduleOutboxDelivery();
    return { status: "success", message: t.passwordChange.done };
  },
);

function passwordErrorMessages(errors: ChangePasswordErrors, t: Messages): Partial<Record<PasswordFields, string[]>> {
  return {
    currentPassword: errors.currentPassword?.map((e) => (e === "required" ? t.auth.required : e === "locked" ? t.passwordChange.currentLocked : t.passwordChange.currentWrong)),
    newPassword: errors.newPassword?.map((e) => t.password.violations[e]),
    confirmation: errors.confirmation?.map(() => t.password.confirmationMismatch),
  };
}
