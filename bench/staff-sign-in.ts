// Staff sign-in for the bench and the deployment smoke (and only the demo staff, whose TOTP secret is published in the
// seed): the password form, then the code step with the account's next unused code (a code is good once:
// tests/support/totp-codes.ts), both as a browser without JavaScript posts them.
import { nextTotpCode } from "../tests/support/totp-codes";
import { formPost } from "./form-client";

const DEMO_STAFF_TOTP_SECRET = "DEMOSTAFFTOTPSECRETFORTESTERS234";

function cookiesOf(response: Response, pattern: RegExp): string[] {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!.trim())
    .filter((pair) => pattern.test(pair.slice(0, pair.indexOf("="))));
}

/** Returns the `Cookie` header value holding a staff session of `email`. */
export async function signInStaff(baseUrl: string, email: string, password: string): Promise<string> {
  const login = await formPost(baseUrl, "/admin/login", "password", { email, password });
  const first = await fetch(new URL(login.path, baseUrl), { method: "POST", redirect: "manual", headers: login.headers, body: login.body });
  await first.arrayBuffer();
  const challenge = cookiesOf(first, /mfa/i).join("; ");
  if (!challenge) throw new Error(`staff sign-in as ${email}: no code step (HTTP ${first.status})`);
  // A code another process used a moment before is answered 「使用済み」 on the same challenge: the next code follows.
  for (let attempt = 1; attempt <= 4; attempt++) {
    const { code } = await nextTotpCode(DEMO_STAFF_TOTP_SECRET, `${baseUrl} ${email}`);
    const step = await formPost(baseUrl, "/admin/login/mfa", "code", { code }, challenge);
    const second = await fetch(new URL(step.path, baseUrl), { method: "POST", redirect: "manual", headers: step.headers, body: step.body });
    const body = await second.text();
    const session = cookiesOf(second, /session/i);
    if (session.length) return session.join("; ");
    if (!body.includes("使用済み")) throw new Error(`staff sign-in as ${email} failed at the code step (HTTP ${second.status}, no session cookie)`);
  }
  throw new Error(`staff sign-in as ${email}: four codes in a row were used already`);
}
