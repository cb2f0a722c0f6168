import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { headers } from "next/headers";
import { clientAddressOf, isHttpsRequest } from "@/lib/security/client-address";
import { normaliseEmail } from "@/lib/security/email";
import { now } from "@/lib/clock";
import { DEVICE_COOKIE, trustedDeviceToken, type DeviceKind } from "./device";
import { signInCustomer, signInStaff, type SignInContext, type SignInResult } from "./sign-in";
import { authSettings } from "./settings";

// next-auth v5 with Credentials and JWT (STACK.md). The JWT carries only our server-side session id; the row in
// auth_sessions decides whether the session is alive (logout, password change, idle timeout, lifetime).
// No /api/auth route is mounted: sign-in and sign-out run server-side from server actions.

export class LockedSignin extends CredentialsSignin {
  code = "locked";
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
    const result = await signInFn(parsed.data, { clientAddress: clientAddressOf(request.headers), userAgent: request.headers.get("user-agent"), trustedDevice });
    if (!result.ok) {
      if (result.reason === "locked") throw new LockedSignin();
      if (result.reason === "busy") throw new BusySignin();
      return null;
    }
    return { id: result.sessionId };
  };
}

const httpsByUrl = (process.env.AUTH_URL ?? process.env.SITE_URL ?? "").startsWith("https://");

/**
 * Cookies are Secure, and the session cookie has the __Host- name, when the site is https by its URL or when the
 * request came over https through the trusted proxy hops (X-Forwarded-Proto), even with AUTH_URL unset (issue 9).
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
  ],
  session: { strategy: "jwt", maxAge: Math.ceil(authSettings().maxSessionMs / 1000) },
  pages: { signIn: "/login" },
  trustHost: true,
  useSecureCookies: secureCookies,
  // Cookies: HttpOnly, SameSite=Lax, Secure with a __Host- name in production (issue 3, item 9).
  cookies: { sessionToken: { name: secureCookies ? "__Host-ecs.session" : "ecs.session", options: { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies } } },
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
