// The pages of the production build that the walking specs visit (locale.spec.ts: every page in English;
// layout.spec.ts: every page in Japanese at 360 px, its width, font, console and language), and the
// visitor each needs. The list comes from the build's own manifest, so a page added later is walked without anyone
// remembering to add it.
import type { Browser, BrowserContextOptions, Page } from "@playwright/test";
import { expect } from "./test";
import { appPaths, urlOf } from "./manifests";
import { MAIN } from "./servers";
import { staffLogIn } from "./fixtures";

export type Visitor = "anonymous" | "customer" | "staff";

// Pages that this walk leaves out, and why. Route handlers (CSV, PDF, JSON) are not pages and are not listed at all.
export const NOT_WALKED = new Map([
  // reachable only by a session that must change its password, which takes a temporary password that would
  // change a demo account under the other specs' feet (password-gate.spec.ts makes its own). Its body is the
  // PasswordChangeBody that /account/password and /admin/password render, and both are walked here.
  ["/(portal)/password/change/page", "needs a must-change session"],
  // The code steps open only with a challenge (a right password just typed, five minutes); without one they
  // send back to the login. Their texts are the catalogue's mfa block, which staff-accounts.spec.ts reads on them.
  ["/(public)/login/mfa/page", "needs an MFA challenge"],
  ["/admin/login/mfa/page", "needs an MFA challenge"],
  // Next's fallback when the root layout itself fails: there is no app/global-error.tsx, so it is the framework's
  // built-in page, in English only, and outside the catalogue.
  ["/_global-error/page", "the framework's built-in root error page"],
]);

// Customer pages signed in as the demo customer, staff pages as the demo admin (every staff page is open to the
// admin role), everything else signed out.
function visitorOf(appPath: string): Visitor {
  if (appPath.startsWith("/(portal)/")) return "customer";
  if (appPath.startsWith("/admin/(staff)/")) return "staff";
  return "anonymous";
}

export const pages = appPaths
  .filter((appPath) => appPath.endsWith("/page") && !NOT_WALKED.has(appPath))
  .map((appPath) => ({ appPath, url: urlOf(appPath), visitor: visitorOf(appPath), status: appPath === "/_not-found/page" ? 404 : 200 }));

/** A page signed in as the demo customer or the demo admin (or signed out), in a context of its own. */
export async function signedInPage(browser: Browser, visitor: Visitor, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: MAIN.url, ...options });
  const page = await context.newPage();
  if (visitor === "anonymous") return page;
  // Signing in happens in Japanese (no locale cookie yet), with the labels the other specs use.
  if (visitor === "staff") {
    await staffLogIn(page, "admin@example.com");
    return page;
  }
  await page.goto("/login");
  await page.getByLabel("メールアドレス").fill("user@example.co.jp");
  await page.getByLabel("パスワード").fill("Demo-Passw0rd!");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/$/);
  return page;
}
