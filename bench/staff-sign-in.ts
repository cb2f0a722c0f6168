// Staff sign-in for the bench (and only the demo staff, whose TOTP secret is published in the seed): the
// password form, then the code step with the current code, both as a browser without JavaScript posts them.
import { decodeBase32 } from "@oslojs/encoding";
import { generateTOTP } from "@oslojs/otp";
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
  const step = await formPost(baseUrl, "/admin/login/mfa", "code", { code: generateTOTP(decodeBase32(DEMO_STAFF_TOTP_SECRET), 30, 6) }, challenge);
  const second = await fetch(new URL(step.path, baseUrl), { method: "POST", redirect: "manual", headers: step.headers, body: step.body });
  await second.arrayBuffer();
  const session = cookiesOf(second, /session/i);
  if (!session.length) throw new Error(`staff sign-in as ${email} failed at the code step (HTTP ${second.status}, no session cookie)`);
  return session.join("; ");
}
