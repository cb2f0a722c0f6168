"use server";

import { AuthError } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { writeAudit } from "@/lib/audit";
import { changePassword, type ChangePasswordErrors } from "@/lib/auth/change-password";
import { safeCallbackPath } from "@/lib/auth/current";
import { accountAction, publicAction, publicCall, publicFormAction } from "@/lib/auth/guards";
import { translator } from "@/lib/i18n";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_SECONDS, deviceCookieAfterSignIn, trustedDeviceToken } from "@/lib/auth/device";
import { enrolTotp, MFA_COOKIE, openChallenge } from "@/lib/auth/mfa";
import {
  BusySignin,
  LockedSignin,
  MfaExpiredSignin,
  MfaReplayedSignin,
  MfaRequiredSignin,
  secureCookiesForRequest,
  signIn,
  signOut,
} from "@/lib/auth/next-auth";
import { pauseBeforeLockedAnswer } from "@/lib/auth/sign-in";
import { endSession, resolveSession } from "@/lib/auth/sessions";
import { authSettings } from "@/lib/auth/settings";
import { now } from "@/lib/clock";
import { requestTemporaryPassword } from "@/lib/auth/temporary-password";
import type { RootTranslator } from "@/lib/i18n";
import { scheduleOutboxDelivery } from "@/lib/mail/schedule";
import { normaliseEmail } from "@/lib/security/email";
import { loginSchema, passwordChangeSchema, temporaryPasswordSchema } from "@/lib/validation/auth";
import type { FormState } from "@/lib/validation/form-state";

// Every action here is admitted by a guard of lib/auth/guards.ts (session → A-4 gate → zod → capability → call).

type LoginFields = "email" | "password";
// A callbackUrl that is not a path of ours (too long, repeated, another host, a NUL) is no reason to refuse the
// sign-in: it becomes "" and the sign-in goes on to the default page.
const loginInput = loginSchema.extend({
  callbackUrl: z
    .string()
    .catch("")
    .transform((value) => safeCallbackPath(value, "")),
});

/** A-1 / G-1 sign-in. One generic failure message; the lock message while A-8 holds the account or address. */
function signInWith(provider: "customer" | "staff", fallback: string) {
  return publicAction({ schema: loginInput, raw: ["password"], echo: ["email"] }, async (input, { locale }): Promise<FormState<LoginFields>> => {
    const t = translator(locale);
    const values = { email: input.email };
    const target = input.callbackUrl || fallback;
    try {
      await signIn(provider, { email: input.email, password: input.password, redirect: false });
    } catch (error) {
      // MFA: the password was right; the code step (or, for staff without TOTP, the enrolment) comes next.
      if (error instanceof MfaRequiredSignin || (error instanceof AuthError && (error as { code?: string }).code === "mfa"))
        redirect(mfaPath(provider, target));
      if (error instanceof LockedSignin || (error instanceof AuthError && (error as { code?: string }).code === "locked")) {
        await pauseBeforeLockedAnswer();
        return { status: "error", message: t("auth.locked"), values };
      }
      if (error instanceof BusySignin || (error instanceof AuthError && (error as { code?: string }).code === "busy"))
        return { status: "error", message: t("auth.busy"), values };
      if (error instanceof AuthError) return { status: "error", message: t("auth.loginFailed"), values };
      throw error;
    }
    // this browser has now signed in to the account; it passes the account's lock from now on (lib/auth/device.ts).
    await rememberDevice(provider, normaliseEmail(input.email));
    // The target page decides: a session that must change its password is sent to the change first.
    redirect(target);
  });
}

export const customerLoginAction = signInWith("customer", "/");
export const staffLoginAction = signInWith("staff", "/admin");

// --- MFA: the code step ----------------------------------------------------------------------------------------------

const LOGIN_PATH = { customer: "/login", staff: "/admin/login" } as const;

function mfaPath(kind: "customer" | "staff", target: string): string {
  const base = `${LOGIN_PATH[kind]}/mfa`;
  return target && target !== (kind === "staff" ? "/admin" : "/") ? `${base}?callbackUrl=${encodeURIComponent(target)}` : base;
}

const codeInput = z.object({
  code: z.string().max(64).catch(""),
  callbackUrl: z
    .string()
    .catch("")
    .transform((value) => safeCallbackPath(value, "")),
});

/** The open challenge of this browser's MFA cookie, for this kind of account; otherwise back to the password, with the reason. */
async function challengeOf(kind: "customer" | "staff") {
  const challenge = await openChallenge((await cookies()).get(MFA_COOKIE)?.value);
  if (!challenge || challenge.principal.type !== kind) redirect(`${LOGIN_PATH[kind]}?reason=mfa-expired`);
  return challenge;
}

/** After the code step: this browser now holds a device token for the account (A-8, as after a password sign-in). */
async function rememberDevice(kind: "customer" | "staff", email: string) {
  const jar = await cookies();
  const device = deviceCookieAfterSignIn(jar.get(DEVICE_COOKIE)?.value, kind, email, now().getTime());
  if (device)
    jar.set(DEVICE_COOKIE, device, {
      httpOnly: true,
      sameSite: "lax",
      secure: await secureCookiesForRequest(),
      path: "/",
      maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
    });
}

/** Signs in through the code step's provider (lib/auth/next-auth.ts authorizeMfa); the form's state on failure. */
async function finishSignIn(kind: "customer" | "staff", code: string, t: RootTranslator): Promise<FormState<"code"> | null> {
  try {
    await signIn("mfa", { code, redirect: false });
    return null;
  } catch (error) {
    const reason = error instanceof AuthError ? (error as { code?: string }).code : undefined;
    if (error instanceof LockedSignin || reason === "locked") {
      await pauseBeforeLockedAnswer();
      return { status: "error", message: t("mfa.locked") };
    }
    if (error instanceof MfaExpiredSignin || reason === "mfa_expired") redirect(`${LOGIN_PATH[kind]}?reason=mfa-expired`);
    if (error instanceof MfaReplayedSignin || reason === "mfa_replayed") return { status: "error", fieldErrors: { code: [t("mfa.usedCode")] } };
    if (error instanceof AuthError) return { status: "error", fieldErrors: { code: [t("mfa.wrongCode")] } };
    throw error;
  }
}

/** The code (or a recovery code) after a right password: customers with MFA on, staff enrolled. */
function codeStepFor(kind: "customer" | "staff", fallback: string) {
  return publicAction({ schema: codeInput }, async (input, { locale }): Promise<FormState<"code">> => {
    const t = translator(locale);
    const challenge = await challengeOf(kind);
    if (!input.code) return { status: "error", fieldErrors: { code: [t("mfa.required")] } };
    const refused = await finishSignIn(kind, input.code, t);
    if (refused) return refused;
    await rememberDevice(kind, challenge.email);
    const target = input.callbackUrl && (kind === "customer" || input.callbackUrl.startsWith("/admin")) ? input.callbackUrl : fallback;
    redirect(target);
  });
}

export const customerMfaAction = codeStepFor("customer", "/");
export const staffMfaAction = codeStepFor("staff", "/admin");

/** Shown once, right after the enrolment: the only state of this site that carries codes back to the browser. */
export type EnrolState = FormState<"code"> & { recoveryCodes?: string[] };

/** A staff member's first code against the new secret: TOTP is stored with its recovery codes (shown once). */
export const staffMfaEnrolAction = publicAction({ schema: codeInput }, async (input, { locale, clientAddress }): Promise<EnrolState> => {
  const t = translator(locale);
  const challenge = await challengeOf("staff");
  if (challenge.purpose !== "enrol" || challenge.verified) redirect("/admin/login/mfa");
  if (!input.code) return { status: "error", fieldErrors: { code: [t("mfa.required")] } };
  const jar = await cookies();
  const trustedDevice = trustedDeviceToken(jar.get(DEVICE_COOKIE)?.value, "staff", challenge.email, now().getTime());
  const result = await enrolTotp(jar.get(MFA_COOKIE)?.value ?? "", input.code, { clientAddress, trustedDevice });
  if (result.ok) return { status: "success", recoveryCodes: result.recoveryCodes };
  if (result.reason === "locked") return { status: "error", message: t("mfa.locked") };
  if (result.reason === "expired") redirect("/admin/login?reason=mfa-expired");
  return { status: "error", fieldErrors: { code: [t("mfa.wrongCode")] } };
});

/** After the recovery codes were shown: the enrolment's sign-in finishes (the challenge knows its first code was right). */
export const staffMfaFinishAction = publicFormAction({ schema: codeInput }, async (input, { locale }) => {
  const t = translator(locale);
  const challenge = await challengeOf("staff");
  const refused = await finishSignIn("staff", "", t);
  if (refused) redirect("/admin/login?reason=mfa-expired");
  await rememberDevice("staff", challenge.email);
  redirect(input.callbackUrl.startsWith("/admin") ? input.callbackUrl : "/admin");
});

/** A-2 (exempt from the A-4 gate: leaving is always allowed): ends the session server-side, so that the old cookie is worthless, then clears it. */
export const logoutAction = publicFormAction({ schema: z.object({}), allowPasswordChange: true }, async (_input, { session, clientAddress }) => {
  if (session) {
    await endSession(session.id, "logout");
    await writeAudit({
      actorType: session.principal.type,
      actorId: session.principal.accountId,
      actorEmail: session.email,
      action: session.principal.type === "staff" ? "staff.logout" : "logout",
      clientAddress,
    });
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
export const temporaryPasswordAction = publicAction(
  { schema: temporaryPasswordSchema, echo: ["email"] },
  async (input, { locale, clientAddress }): Promise<FormState<"email">> => {
    const t = translator(locale);
    // The owner's own browser has an allowance of its own: its device token for this account, if it holds one.
    const trustedDevice = trustedDeviceToken((await cookies()).get(DEVICE_COOKIE)?.value, "customer", normaliseEmail(input.email), now().getTime());
    const result = await requestTemporaryPassword({ email: input.email, clientAddress, trustedDevice });
    if (result.status === "sent") {
      scheduleOutboxDelivery();
      return { status: "success", message: t("temporaryPassword.sent") };
    }
    return {
      status: "error",
      message: result.status === "locked" ? t("temporaryPassword.locked") : t("temporaryPassword.unknown"),
      values: { email: input.email },
    };
  },
);

type PasswordFields = "currentPassword" | "newPassword" | "confirmation";

/** A-4 (forced) and E-1 (voluntary); staff use the same rules (G-1). */
export const changePasswordAction = accountAction(
  { schema: passwordChangeSchema, raw: ["currentPassword", "newPassword", "confirmation"], allowPasswordChange: true },
  async (input, { actor, locale }): Promise<FormState<PasswordFields>> => {
    const t = translator(locale);
    const result = await changePassword({ actor, input });
    if (!result.ok) return { status: "error", fieldErrors: passwordErrorMessages(result.errors, t) };
    scheduleOutboxDelivery();
    return { status: "success", message: t("passwordChange.done") };
  },
);

function passwordErrorMessages(errors: ChangePasswordErrors, t: RootTranslator): Partial<Record<PasswordFields, string[]>> {
  return {
    currentPassword: errors.currentPassword?.map((e) =>
      e === "required" ? t("auth.required") : e === "locked" ? t("passwordChange.currentLocked") : t("passwordChange.currentWrong"),
    ),
    newPassword: errors.newPassword?.map((e) => t(`password.violations.${e}`)),
    confirmation: errors.confirmation?.map(() => t("password.confirmationMismatch")),
  };
}
