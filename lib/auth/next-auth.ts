import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { cookies, headers } from "next/headers";
import { clientAddressOf, isHttpsRequest } from "@/lib/security/client-address";
import { normaliseEmail } from "@/lib/security/email";
import { now } from "@/lib/clock";
import { DEVICE_COOKIE, trustedDeviceToken, type DeviceKind } from "./device";
import { completeMfa, MFA_CHALLENGE_MS, MFA_COOKIE, openChallenge } from "./mfa";
import { signInCustomer, signInStaff, type SignInContext, type SignInResult } from "./sign-in";
import { authSettings } from "./settings";

// next-auth v5 with Credentials and JWT (STACK.md). The JWT carries only our server-side session id; the row in
// auth_sessions decides whether the session is alive (logout, password change, idle timeout, lifetime).
// No /api/auth route is mounted: sign-in and sign-out run server-side from server actions.

export class LockedSignin extends CredentialsSignin {
  code = "locked";
}

/** MFA: the password was right and the code step follows; the challenge token is in the MFA cookie already. */
export class MfaRequiredSignin extends CredentialsSignin {
  code = "mfa";
}

/** The code step's challenge is used, expired or unknown: back to the password. */
export class MfaExpiredSignin extends CredentialsSignin {
  code = "mfa_expired";
}

/** MFA: a right code already used (RFC 6238 §5.2): the next one is to be waited for. */
export class MfaReplayedSignin extends CredentialsSignin {
  code = "mfa_replayed";
}

/** A login flood fills the password-hashing queue: this attempt was not checked at all (lib/auth/password-hash.ts). */
export class BusySignin extends CredentialsSignin {
  code = "busy";
}

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(256) });

function cookieValue(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

function authorizeWith(kind: DeviceKind, signInFn: (input: { email: string; password: string }, context: SignInContext) => Promise<SignInResult>) {
  return async (credentials: Partial<Record<string, unknown>>, request: Request) => {
    const parsed = credentialsSchema.safeParse(credentials);
    if (!parsed.success) return null;
    const trustedDevice = trustedDeviceToken(cookieValue(request, DEVICE_COOKIE), kind, normaliseEmail(parsed.data.email), now().getTime());
    const result = await signInFn(parsed.data, {
      clientAddress: clientAddressOf(request.headers),
      userAgent: request.headers.get("user-agent"),
      trustedDevice,
    });
    if (!result.ok) {
      if (result.reason === "mfa") {
        (await cookies()).set(MFA_COOKIE, result.challengeToken, {
          httpOnly: true,
          sameSite: "lax",
          secure: await secureCookiesForRequest(request),
          path: "/",
          maxAge: Math.ceil(MFA_CHALLENGE_MS / 1000),
        });
        throw new MfaRequiredSignin();
      }
      if (result.reason === "locked") throw new LockedSignin();
      if (result.reason === "busy") throw new BusySignin();
      return null;
    }
    return { id: result.sessionId };
  };
}

const codeSchema = z.object({ code: z.string().max(64).catch("") });

/** The code step (MFA): the challenge token from its HttpOnly cookie, the code from the form. */
async function authorizeMfa(credentials: Partial<Record<string, unknown>>, request: Request) {
  const { code } = codeSchema.parse(credentials);
  const token = cookieValue(request, MFA_COOKIE) ?? "";
  // The same A-8 key as the password step: this browser's device token for the account, if it holds one.
  const challenge = await openChallenge(token);
  if (!challenge) throw new MfaExpiredSignin();
  const trustedDevice = trustedDeviceToken(cookieValue(request, DEVICE_COOKIE), challenge.principal.type, challenge.email, now().getTime());
  const result = await completeMfa(token, code, {
    clientAddress: clientAddressOf(request.headers),
    userAgent: request.headers.get("user-agent"),
    trustedDevice,
  });
  if (!result.ok) {
    if (result.reason === "locked") throw new LockedSignin();
    if (result.reason === "expired") throw new MfaExpiredSignin();
    if (result.reason === "replayed") throw new MfaReplayedSignin();
    return null;
  }
  (await cookies()).delete(MFA_COOKIE);
  return { id: result.sessionId };
}

const httpsByUrl = (process.env.AUTH_URL ?? process.env.SITE_URL ?? "").startsWith("https://");

/**
 * Cookies are Secure, and the session cookie has the __Host- name, when the site is https by its URL or when the
 * request came over https through the trusted proxy hops (X-Forwarded-Proto), even with AUTH_URL unset (a site behind a proxy keeps them secure).
 */
export async function secureCookiesForRequest(request?: Request): Promise<boolean> {
  if (httpsByUrl) return true;
  let requestHeaders: Headers | undefined = request?.headers;
  if (!requestHeaders) {
    try {
      requestHeaders = await headers();
    } catch {
      // Outside a request (a script): no request to judge by.
      return false;
    }
  }
  return isHttpsRequest(requestHeaders);
}

export const { auth, signIn, signOut } = NextAuth(async (request) => {
  const secureCookies = await secureCookiesForRequest(request);
  return {
    providers: [
      Credentials({ id: "customer", name: "customer", credentials: { email: {}, password: {} }, authorize: authorizeWith("customer", signInCustomer) }),
      Credentials({ id: "staff", name: "staff", credentials: { email: {}, password: {} }, authorize: authorizeWith("staff", signInStaff) }),
      Credentials({ id: "mfa", name: "mfa", credentials: { code: {} }, authorize: authorizeMfa }),
    ],
    session: { strategy: "jwt", maxAge: Math.ceil(authSettings().maxSessionMs / 1000) },
    pages: { signIn: "/login" },
    trustHost: true,
    useSecureCookies: secureCookies,
    // Cookies: HttpOnly, SameSite=Lax, Secure with a __Host- name in production (out of reach of scripts, bound to this host).
    cookies: {
      sessionToken: {
        name: secureCookies ? "__Host-ecs.session" : "ecs.session",
        options: { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies },
      },
    },
    callbacks: {
      jwt({ token, user }) {
        if (user?.id) token.sid = user.id;
        return token;
      },
      session({ session, token }) {
        return { ...session, sid: typeof token.sid === "string" ? token.sid : undefined };
      },
    },
    logger: {
      // A wrong password is not a server error: no stack trace per failed sign-in (and never the credentials).
      error(error) {
        if (error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin") return;
        console.error("[auth]", error.name, error.message);
      },
      warn() {},
    },
  };
});

declare module "next-auth" {
  interface Session {
    sid?: string;
  }
}
