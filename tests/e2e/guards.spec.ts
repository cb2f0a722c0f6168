// "One gate for every request": every page, route handler and server action of the production build goes
// through a request guard of lib/auth/guards.ts, or is on the short public list below. The lists come from the
// build's own manifests, so an entry point added later is checked without anyone remembering to add it here.
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./test";
import { checkAction, checkPage, checkRoute } from "../support/guard-check";
import { actions, appPaths } from "./manifests";
import { MAIN, REPO_ROOT } from "./servers";
import { staffLogIn } from "./fixtures";

// Entry points that answer without any guard, and why. Keep this list short: everything else must use a guard.
const PUBLIC_ENTRIES = new Map([
  // Framework pages that render no data.
  ["/_not-found/page", "framework's not-found page"],
  ["/_global-error/page", "framework's global error page"],
  // Liveness for load balancers: no data, no session.
  ["/api/health/route", "health check"],
  // Its own bearer secret (CRON_SECRET, constant-time compare); 404 when no secret is configured.
  ["/api/cron/outbox/route", "cron with CRON_SECRET"],
  // Development only: 404 unless DEV_MAILBOX=1 and no Resend key (lib/mail/dev-mailbox.ts).
  ["/api/dev/mailbox/route", "development mailbox (JSON)"],
  ["/dev/mailbox/page", "development mailbox"],
]);

function sourceOf(appPath: string): string {
  for (const extension of [".tsx", ".ts"]) {
    const file = path.join(REPO_ROOT, "app", `${appPath}${extension}`);
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`no source file for ${appPath}`);
}

test("every page, route handler and server action of the build goes through a request guard", () => {
  expect(appPaths.length, "entry points in app-paths-manifest.json").toBeGreaterThan(15);
  expect(actions.length, "server actions in server-reference-manifest.json").toBeGreaterThanOrEqual(8);
  const problems: string[] = [];
  let checked = 0;
  for (const appPath of appPaths) {
    if (PUBLIC_ENTRIES.has(appPath)) continue;
    const file = sourceOf(appPath);
    const source = fs.readFileSync(file, "utf8");
    const findings = appPath.endsWith("/route") ? checkRoute(source, file) : checkPage(source, file);
    for (const finding of findings) problems.push(`${path.relative(REPO_ROOT, file)} ${finding.entry}: ${finding.problem}`);
    checked++;
  }
  for (const action of actions) {
    const file = path.join(REPO_ROOT, action.file);
    for (const finding of checkAction(fs.readFileSync(file, "utf8"), file, action.name)) problems.push(`${action.file} ${finding.entry}: ${finding.problem}`);
    checked++;
  }
  expect(problems, "entry points without a guard").toEqual([]);
  expect(checked).toBe(appPaths.length - PUBLIC_ENTRIES.size + actions.length);
  // The public list names only what exists: a removed route must leave it too.
  for (const entry of PUBLIC_ENTRIES.keys()) expect(appPaths, `public entry ${entry} is in the build`).toContain(entry);
});

test("the check fails on an entry point whose guard was removed", () => {
  // A page, a route handler and an action of the real tree, each with its guard call taken out.
  const page = fs.readFileSync(sourceOf("/(portal)/licenses/page"), "utf8");
  expect(checkPage(page, "page.tsx")).toEqual([]);
  expect(checkPage(page.replace(/await customerPage\([^)]*\)/, "{ email: 'x' }"), "page.tsx")).not.toEqual([]);

  const route = fs.readFileSync(sourceOf("/(portal)/licenses/[licenseId]/pdf/route"), "utf8");
  expect(checkRoute(route, "route.ts")).toEqual([]);
  expect(checkRoute(route.replace("export const GET = customerRoute(", "export const GET = ((_spec: unknown, f: unknown) => f)("), "route.ts")).not.toEqual([]);
  expect(checkRoute("export async function GET() { return new Response('x'); }", "route.ts")).not.toEqual([]);

  const actionsFile = fs.readFileSync(path.join(REPO_ROOT, "app/_components/auth-actions.ts"), "utf8");
  expect(checkAction(actionsFile, "auth-actions.ts", "temporaryPasswordAction")).toEqual([]);
  expect(checkAction(actionsFile, "auth-actions.ts", "customerLoginAction"), "a local factory that returns a guard").toEqual([]);
  // The file with one action's guard call (`publicAction(` at `call`) swapped for a pass-through.
  const unguarded = (call: string) => actionsFile.replace(call, call.replace("publicAction(", "((_s: unknown, f: unknown) => f)("));
  expect(checkAction(unguarded("export const temporaryPasswordAction = publicAction("), "auth-actions.ts", "temporaryPasswordAction")).not.toEqual([]);
  expect(checkAction(unguarded("return publicAction({ schema: loginInput"), "auth-actions.ts", "customerLoginAction")).not.toEqual([]);
  expect(checkAction('"use server";\nexport async function leak() { return 1; }', "a.ts", "leak")).not.toEqual([]);
});

// --- the permission table through HTTP ------------------------------------------------------------------------------

const DEMO_PASSWORD = "Demo-Passw0rd!";
const actionNamed = (name: string) => actions.find((action) => action.name === name)!;

async function signIn(page: Page, kind: "staff" | "customer", email: string): Promise<APIRequestContext> {
  if (kind === "staff") {
    await staffLogIn(page, email);
    return page.context().request;
  }
  await page.goto("/login");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/$/);
  return page.context().request;
}

/** Calls a server action the way the browser does (Next-Action header), with a form of `fields`. */
function callAction(api: APIRequestContext, name: string, fields: Record<string, string>) {
  const action = actionNamed(name);
  // React's encoding of (previous state, form data): the form's fields under the prefix "_1_", then the arguments
  // in "0" — last, as the browser sends them (the server reads the fields that arrived before the arguments).
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(`_1_${key}`, value);
  form.append("0", '[{"status":"idle"},"$K1"]');
  return api.post(action.endpoint, { maxRedirects: 0, headers: { "Next-Action": action.id, Accept: "text/x-component", Origin: MAIN.url }, multipart: form });
}

const exportAudit = (api: APIRequestContext) => api.get("/admin/audit/export", { maxRedirects: 0 });

test.describe("staff capabilities are answered with 404 to everyone else (lib/auth/permissions.ts)", () => {
  test("a marketer gets 404 from the outbox retry action and the audit export", async ({ page }) => {
    const api = await signIn(page, "staff", "marketer@example.com");
    expect((await callAction(api, "retryMailAction", { mailId: "anything" })).status()).toBe(404);
    expect((await exportAudit(api)).status()).toBe(404);
  });

  test("an operator may retry a mail but gets 404 from the audit export", async ({ page }) => {
    const api = await signIn(page, "staff", "operator@example.com");
    // The control: the operator's action answers (a mail that has not failed is refused as state, not as 404).
    const retry = await callAction(api, "retryMailAction", { mailId: "no-such-mail" });
    expect(retry.status()).toBe(200);
    expect(await retry.text()).toContain("送信に失敗していません");
    expect((await exportAudit(api)).status()).toBe(404);
  });

  test("a customer gets 404 from both, and so does a signed-out client", async ({ page, playwright }) => {
    const api = await signIn(page, "customer", "other@example.co.jp");
    expect((await callAction(api, "retryMailAction", { mailId: "anything" })).status()).toBe(404);
    expect((await exportAudit(api)).status()).toBe(404);
    const anonymous = await playwright.request.newContext({ baseURL: MAIN.url });
    expect((await exportAudit(anonymous)).status()).toBe(404);
    const signedOut = await callAction(anonymous, "retryMailAction", { mailId: "anything" });
    expect(signedOut.headers()["x-action-redirect"] ?? "", "a signed-out staff action leads to the staff login").toContain("/admin/login");
    await anonymous.dispose();
  });

  test("an admin exports the audit log as CSV, with the sign-ins in it", async ({ page }) => {
    const api = await signIn(page, "staff", "admin@example.com");
    const response = await exportAudit(api);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/csv");
    const csv = (await response.body()).toString("utf8");
    expect(csv.startsWith("\uFEFF日時,種別,操作者,操作,対象,接続元,詳細\r\n")).toBe(true);
    expect(csv).toMatch(/staff,admin@example\.com,staff\.login/);
    expect(csv).not.toMatch(/Passw0rd/);
  });
});
