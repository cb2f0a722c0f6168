// A-4, table-driven: a session that must change its password is refused by EVERY page, route handler and server
// action of the build — the lists come from the production build's own manifests, so a route or action added by a
// later issue joins this test without anyone remembering to add it.
import type { APIResponse } from "@playwright/test";
import { expect, test } from "./test";
import { waitForMail } from "./fixtures";
import { actions as allActions, appPaths, urlOf } from "./manifests";
import { MAIN } from "./servers";

// What a must-change session may still reach: the change itself, leaving, and what is not part of the signed-in
// site at all (infrastructure with its own protection, the development mailbox, framework error pages).
// The one-click unsubscribe (RFC 8058) looks at no session: its signed token is the whole authority.
const EXEMPT_PATHS = new Set([
  "/password/change",
  "/logged-out",
  "/_not-found",
  "/_global-error",
  "/api/health",
  "/api/cron/outbox",
  "/api/dev/mailbox",
  "/dev/mailbox",
  "/api/mail/unsubscribe",
]);
const EXEMPT_ACTIONS = new Set(["changePasswordAction", "logoutAction", "checkSessionAction"]);

function concrete(appPath: string): { url: string; kind: "page" | "route" } {
  return { url: urlOf(appPath), kind: appPath.endsWith("/route") ? "route" : "page" };
}

const targets = appPaths.map(concrete).filter((t) => !EXEMPT_PATHS.has(t.url));
const actions = allActions.filter((a) => !EXEMPT_ACTIONS.has(a.name));

function isRefusal(response: APIResponse): boolean {
  const status = response.status();
  const location = response.headers()["location"] ?? response.headers()["x-action-redirect"] ?? "";
  if (location.includes("/password/change")) return true;
  // 404: as if it did not exist; 405: the route has no handler for that method, so nothing answered.
  if (status === 404 || status === 405) return true;
  return status === 403 && (response.headers()["content-type"] ?? "").includes("json");
}

test("a session that must change its password reaches nothing but the change", async ({ page, request }) => {
  expect(targets.length, "pages and route handlers found in the build").toBeGreaterThan(10);
  expect(actions.length, "server actions found in the build").toBeGreaterThanOrEqual(4);

  // A real must-change session: 仮パスワード発行 for an address that is a contact on demo contracts, then sign in.
  const email = "support-desk@example.co.jp";
  await page.goto("/password/temporary");
  await page.getByLabel("ログインメールアドレス").fill(email);
  await page.getByRole("button", { name: "仮パスワード発行" }).click();
  await expect(page.getByRole("status")).toContainText("仮パスワードを発行しました");
  const mail = await waitForMail(request, email, "仮パスワード発行");
  const temporary = /仮パスワード：\s*([A-Za-z0-9]{12,})/.exec(mail.text)![1]!;
  await page.goto("/login");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill(temporary);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/password\/change$/);

  const api = page.context().request;
  // The control: the change itself answers.
  expect((await api.get("/password/change", { maxRedirects: 0 })).status()).toBe(200);

  for (const target of targets) {
    for (const method of target.kind === "route" ? (["GET", "POST"] as const) : (["GET"] as const)) {
      const response = await api.fetch(target.url, { method, maxRedirects: 0, headers: { Origin: MAIN.url } });
      expect(isRefusal(response), `${method} ${target.url} answered ${response.status()} ${response.headers()["location"] ?? ""}`).toBe(true);
    }
  }
  for (const action of actions) {
    // On a page that hosts it (manifests.ts says why).
    const response = await api.post(action.endpoint, {
      maxRedirects: 0,
      headers: { "Next-Action": action.id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: MAIN.url },
      data: "[]",
    });
    expect(isRefusal(response), `action ${action.name} (${action.file}) answered ${response.status()}`).toBe(true);
  }

  // Still must-change afterwards: nothing above changed the session's state.
  await page.goto("/");
  await expect(page).toHaveURL(/\/password\/change$/);
});
