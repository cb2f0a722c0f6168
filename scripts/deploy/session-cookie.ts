// A signed-in customer's Cookie header for the Vercel function check (scripts/deploy/vercel-build.sh).
//
//   DATABASE_URL=… AUTH_SECRET=… AUTH_URL=… npx tsx --conditions=react-server scripts/deploy/session-cookie.ts EMAIL
//
// Prints `<cookie name>=<value>`: a server-side session row made by the same function a sign-in calls
// (lib/auth/sessions.ts createSession), in the JWT next-auth would set (next-auth/jwt encode, salted with the cookie's
// name, carrying only the session id; lib/auth/next-auth.ts). So the PDF function is checked alone, without
// signing in through the login page's function. The cookie's name and JWT claims must match lib/auth/next-auth.ts:
// when they drift, the function answers this cookie with the login page and the check fails.
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { closeDb, getDb } from "../../db/client";
import { customerAccounts } from "../../db/schema";
import { createSession } from "../../lib/auth/sessions";
import { authSettings } from "../../lib/auth/settings";

async function main() {
  const email = process.argv[2];
  const secret = process.env.AUTH_SECRET;
  if (!email || !secret || !process.env.DATABASE_URL) throw new Error("usage: DATABASE_URL=… AUTH_SECRET=… session-cookie.ts EMAIL");
  const db = await getDb();
  const [account] = await db.select({ id: customerAccounts.id }).from(customerAccounts).where(eq(customerAccounts.email, email)).limit(1);
  if (!account) throw new Error(`no customer account ${email}`);
  const sid = await createSession(db, { type: "customer", accountId: account.id }, { clientAddress: "127.0.0.1", userAgent: "vercel-build check" });
  // lib/auth/next-auth.ts: Secure cookies with the __Host- name when the site's URL is https.
  const secure = (process.env.AUTH_URL ?? process.env.SITE_URL ?? "").startsWith("https://");
  const name = secure ? "__Host-ecs.session" : "ecs.session";
  const maxAge = Math.ceil(authSettings().maxSessionMs / 1000);
  const value = await encode({ token: { sub: sid, sid }, secret, salt: name, maxAge });
  console.log(`${name}=${value}`);
  await closeDb();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
