"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { writeAudit } from "@/lib/audit";
import { actorOf } from "@/lib/auth/actor";
import { changePassword, type ChangePasswordErrors } from "@/lib/auth/change-password";
import { getSessionState, refusePendingPasswordChange, safeCallbackPath } from "@/lib/auth/current";
import { LockedSignin, signIn, signOut } from "@/lib/auth/next-auth";
import { clientAddressOf } from "@/lib/security/client-address";
import { endSession, resolveSession } from "@/lib/auth/sessions";
import { authSettings } from "@/lib/auth/settings";
import { now } from "@/lib/clock";
import { requestTemporaryPassword } from "@/lib/auth/temporary-password";
import { getMessages } from "@/lib/i18n";
import { scheduleOutboxDelivery } from "@/lib/mail/schedule";
import { loginSchema, passwordChangeSchema, temporaryPasswordSchema } from "@/lib/validation/auth";
import type { FormState } from "@/lib/validation/form-state";

type Messages = Awaited<ReturnType<typeof getMessages>>;

function fieldMessages<F extends string>(error: z.ZodError, t: Messages): Partial<Record<F, string[]>> {
  const fields = z.flattenError(error).fieldErrors as Record<string, string[] | undefined>;
  return Object.fromEntries(Object.entries(fields).map(([field, codes]) => [field, (codes ?? []).map((code) => (code === "emailFormat" ? t.auth.emailFormat : t.auth.required))])) as Partial<Record<F, string[]>>;
}

async function clientAddress() {
  return clientAddressOf(await headers());
}

/** A-1 / G-1 sign-in. One generic failure message; the lock message while A-8 holds the account or address. */
async function signInWith(provider: "customer" | "staff", formData: unknown, fallback: string): Promise<FormState<"email" | "password">> {
  await refusePendingPasswordChange();
  const t = await getMessages();
  if (!(formData instanceof FormData)) return { status: "error", message: t.auth.loginFailed };
  const parsed = loginSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  const values = { email: typeof formData.get("email") === "string" ? String(formData.get("email")).slice(0, 254) : "" };
  if (!parsed.success) return { status: "error", fieldErrors: fieldMessages(parsed.error, t), values };
  const target = safeCallbackPath(formData.get("callbackUrl"), fallback);
  try {
    await signIn(provider, { email: parsed.data.email, password: parsed.data.password, redirect: false });
  } catch (error) {
    if (error instanceof LockedSignin || (error instanceof AuthError && (error as { code?: string }).code === "locked")) return { status: "error", message: t.auth.locked, values };
    if (error instanceof AuthError) return { status: "error", message: t.auth.loginFailed, values };
    throw error;
  }
  // The target page decides: a session that must change its password is sent to the change first.
  redirect(target);
}

export async function customerLoginAction(_state: FormState<"email" | "password">, formData: FormData) {
  return signInWith("customer", formData, "/");
}

export async function staffLoginAction(_state: FormState<"email" | "password">, formData: FormData) {
  return signInWith("staff", formData, "/admin");
}

/** A-2 (exempt from the A-4 gate: leaving is always allowed): ends the session server-side, so that the old cookie is worthless, then clears it. */
export async function logoutAction() {
  const state = await getSessionState();
  if (state.state === "active") {
    await endSession(state.id, "logout");
    await writeAudit({ actorType: state.principal.type, actorId: state.principal.accountId, actorEmail: state.email, action: state.principal.type === "staff" ? "staff.logout" : "logout", clientAddress: await clientAddress() });
  }
  await signOut({ redirect: false });
  redirect("/logged-out");
}

/** the open page asks, at its deadline, whether the session is still alive (another tab may have kept it). */
// Exempt from the A-4 gate: it reads and extends the session only (the change page itself needs it).
export async function checkSessionAction(touch: unknown): Promise<{ alive: boolean; remainingMs: number }> {
  const current = await getSessionState();
  if (current.state !== "active") return { alive: false, remainingMs: 0 };
  const state = await resolveSession(current.id, { touch: touch === true });
  if (state.state !== "active") return { alive: false, remainingMs: 0 };
  return { alive: true, remainingMs: Math.max(0, state.lastSeenAt.getTime() + authSettings().idleMs - now().getTime()) };
}

/** A-3 仮パスワード発行. */
export async function temporaryPasswordAction(_state: FormState<"email">, formData: FormData): Promise<FormState<"email">> {
  await refusePendingPasswordChange();
  const t = await getMessages();
  if (!(formData instanceof FormData)) return { status: "error", fieldErrors: { email: [t.auth.required] } };
  const parsed = temporaryPasswordSchema.safeParse({ email: formData.get("email") });
  const values = { email: typeof formData.get("email") === "string" ? String(formData.get("email")).slice(0, 254) : "" };
  if (!parsed.success) return { status: "error", fieldErrors: fieldMessages(parsed.error, t), values };
  const result = await requestTemporaryPassword({ email: parsed.data.email, clientAddress: await clientAddress() });
  if (result.status === "sent") {
    scheduleOutboxDelivery();
    return { status: "success", message: t.temporaryPassword.sent };
  }
  return { status: "error", message: result.status === "locked" ? t.temporaryPassword.locked : t.temporaryPassword.unknown, values };
}

type PasswordFields = "currentPassword" | "newPassword" | "confirmation";

/** A-4 (forced) and E-1 (voluntary); staff use the same rules (G-1). */
export async function changePasswordAction(_state: FormState<PasswordFields>, formData: FormData): Promise<FormState<PasswordFields>> {
  const t = await getMessages();
  const state = await getSessionState();
  if (state.state !== "active") redirect(state.state === "idle" ? "/logged-out?reason=idle" : "/login");
  if (!(formData instanceof FormData)) return { status: "error", fieldErrors: { newPassword: [t.auth.required] } };
  const parsed = passwordChangeSchema.safeParse({
    currentPassword: formData.get("currentPassword") ?? undefined,
    newPassword: formData.get("newPassword"),
    confirmation: formData.get("confirmation"),
  });
  if (!parsed.success) return { status: "error", fieldErrors: fieldMessages(parsed.error, t) };
  const result = await changePassword({ actor: actorOf(state, await clientAddress()), input: parsed.data });
  if (!result.ok) return { status: "error", fieldErrors: passwordErrorMessages(result.errors, t) };
  scheduleOutboxDelivery();
  return { status: "success", message: t.passwordChange.done };
}

function passwordErrorMessages(errors: ChangePasswordErrors, t: Messages): Partial<Record<PasswordFields, string[]>> {
  return {
    currentPassword: errors.currentPassword?.map((e) => (e === "required" ? t.auth.required : e === "locked" ? t.passwordChange.currentLocked : t.passwordChange.currentWrong)),
    newPassword: errors.newPassword?.map((e) => t.password.violations[e]),
    confirmation: errors.confirmation?.map(() => t.password.confirmationMismatch),
  };
}
