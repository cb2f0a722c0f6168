// The Content-Security-Policy (nonce-based scripts, set by proxy.ts) breaks no page. The whole
// suite runs under a watch for violations (tests/e2e/test.ts), and locale.spec.ts walks every page of the build as
// every visitor under it; here, with a recorder of `securitypolicyviolation` events installed before any script of
// the page runs and the console watched, the pages with the most script — the portal as the demo customer, the staff
// area as staff — each waited on until the network is idle, the mailbox's mail frame, the service menu opened and a
// login submitted, a bad path and a missing page. Any violation fails the test. Then the response headers of a page
// and of the B-3 PDF.
import type { BrowserContext, ConsoleMessage, Page } from "@playwright/test";
import { expect, test } from "./test";
import { appPaths, urlOf } from "./manifests";
import { MAIN } from "./servers";
import { staffLogIn } from "./fixtures";

const DEMO = { email: "user@example.co.jp", password: "Demo-Passw0rd!" };
const STAFF = { email: "admin@example.com", password: "Staff-Passw0rd!" };

// The build's pages by area (its app paths keep the route groups): the portal, the staff area, the rest.
const pagePaths = appPaths.filter((appPath) => appPath.endsWith("/page"));
const portalPages = pagePaths.filter((appPath) => appPath.startsWith("/(portal)/")).map((appPath) => urlOf(appPath));
// The staff area proper; its sign-in steps (/admin/login, the code step, a link's password page) are public pages.
const staffPages = pagePaths.filter((appPath) => appPath.startsWith("/admin/(staff)/")).map((appPath) => urlOf(appPath));
const publicPages = pagePaths.map((appPath) => urlOf(appPath)).filter((url) => !portalPages.includes(url) && !staffPages.includes(url));

type Recorder = { violations: () => Promise<string[]> };

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** Records every violation of the context's pages: the DOM event on each document, and the console's CSP messages. */
async function recordViolations(context: BrowserContext, page: Page): Promise<Recorder> {
  await context.addInitScript(() => {
    const seen: string[] = [];
    window.__cspViolations = seen;
    document.addEventListener(
      "securitypolicyviolation",
      (event) =>
        seen.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber} on ${location.pathname}`),
      true,
    );
  });
  const fromConsole: string[] = [];
  const listen = (message: ConsoleMessage) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text()))
      fromConsole.push(`${message.type()}: ${message.text()} (${message.location().url})`);
  };
  page.on("console", listen);
  const fromEvents: string[] = [];
  return {
    violations: async () => {
      // The event log lives in the page: read it before the next navigation replaces the document.
      for (const frame of page.frames()) fromEvents.push(...(await frame.evaluate(() => window.__cspViolations?.splice(0) ?? []).catch(() => [])));
      return [...fromEvents, ...fromConsole];
    },
  };
}

/** Visits each URL, waits for the page to settle (scripts loaded and hydrated), and collects what was reported. */
async function visitAll(page: Page, recorder: Recorder, urls: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const url of urls) {
    const response = await page.goto(url);
    expect(response, url).not.toBeNull();
    expect(response!.status(), `${url} answers`).toBeLessThan(500);
    await page.waitForLoadState("networkidle");
    found.push(...(await recorder.violations()).map((violation) => `${url}: ${violation}`));
  }
  return [...new Set(found)];
}

async function logIn(page: Page, who: typeof DEMO | typeof STAFF): Promise<void> {
  if (who === STAFF) return staffLogIn(page, who.email);
  await page.goto("/login");
  await page.getByLabel("メールアドレス").fill(who.email);
  await page.getByLabel("パスワード").fill(who.password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/$/);
}

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name, ...values] = part.split(/\s+/);
        return [name!, values.join(" ")] as [string, string];
      }),
  );
}

test.describe("the watchers see a violation", () => {
  test.describe("the page's recorder", () => {
    test.use({ cspViolationsExpected: true });

    test("the recorder sees a violation: an injected event handler is blocked and reported", async ({ context, page }) => {
      const recorder = await recordViolations(context, page);
      await page.goto("/");
      // The classic injection: markup with an inline handler (its image fails to load, so the handler would run).
      await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img src="/no-such-image.png" onerror="window.__injected = true">'));
      await expect.poll(async () => (await recorder.violations()).join("\n"), { message: "the blocked handler is reported" }).toContain("script-src-attr");
      expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected), "the handler did not run").toBeUndefined();
    });
  });

  // The suite's own watch (tests/e2e/test.ts): a test that did not expect the violation fails.
  test("the suite's watch fails a test whose page reported one", async ({ page }) => {
    test.fail(true, "the watch must fail this test: its page reports a violation");
    await page.goto("/");
    const reported = page.context().waitForEvent("console", (message) => /Content Security Policy/.test(message.text()));
    await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img src="/no-such-image.png" onerror="window.__injected = true">'));
    await reported;
  });
});

test.describe("no CSP violation on any page", () => {
  // The public pages as every visitor are walked by locale.spec.ts, under the suite's watch (tests/e2e/test.ts);
  // here the ones no walk reaches: a bad path and a missing page.
  test("signed out: a public page, a bad path and a missing page", async ({ context, page }) => {
    const recorder = await recordViolations(context, page);
    expect(publicPages.length, "public pages in the build").toBeGreaterThan(8);
    expect(await visitAll(page, recorder, ["/", "/licenses/%FF", "/no-such-page"])).toEqual([]);
  });

  test("signed out: the development mailbox showing a mail", async ({ context, page }) => {
    const recorder = await recordViolations(context, page);
    // Mails are HTML with inline styles, shown in a srcdoc frame under the page's policy. (A temporary password
    // leaves large@'s own password as it is.)
    await page.goto("/password/temporary");
    await page.getByLabel("ログインメールアドレス").fill("large@example.co.jp");
    await page.getByRole("button", { name: "仮パスワード発行" }).click();
    await expect(page.getByRole("status")).toContainText("仮パスワードを発行しました");
    await page.goto("/dev/mailbox?to=large%40example.co.jp");
    await page.locator("details summary").first().click();
    await expect(page.locator("iframe").first(), "a mail is shown in its frame").toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(await recorder.violations()).toEqual([]);
  });

  test("signed out: the portal's pages (they lead to login)", async ({ context, page }) => {
    const recorder = await recordViolations(context, page);
    expect(portalPages.length, "portal pages in the build").toBeGreaterThanOrEqual(5);
    expect(await visitAll(page, recorder, portalPages)).toEqual([]);
  });

  test("signed out: the service menu opens and a login goes through", async ({ context, page }) => {
    const recorder = await recordViolations(context, page);
    await page.goto("/");
    const menu = page.getByRole("region", { name: "サービスメニュー" });
    const block = menu.getByRole("button", { name: "契約内容の確認・変更・印刷", exact: true });
    await block.hover();
    await expect(block).toHaveAttribute("aria-expanded", "true");
    await expect(menu.getByRole("link", { name: /保有ライセンス一覧/ })).toBeVisible();
    await logIn(page, DEMO);
    await expect(page.getByTestId("signed-in-user")).toHaveText(`${DEMO.email}さま`);
    await page.waitForLoadState("networkidle");
    expect(await recorder.violations()).toEqual([]);
  });

  test("as the demo customer: the portal's pages", async ({ context, page }) => {
    const recorder = await recordViolations(context, page);
    await logIn(page, DEMO);
    expect(await visitAll(page, recorder, [...portalPages, "/licenses/100002", "/licenses?status=expired"])).toEqual([]);
    await expect(page.getByTestId("signed-in-user"), "still signed in").toHaveText(`${DEMO.email}さま`);
  });

  test("as staff: every page of the staff area", async ({ context, page }) => {
    // Some twenty pages, each to network idle: three times the usual time.
    test.slow();
    const recorder = await recordViolations(context, page);
    await logIn(page, STAFF);
    expect(staffPages.length, "staff pages in the build").toBeGreaterThanOrEqual(3);
    expect(await visitAll(page, recorder, staffPages)).toEqual([]);
  });
});

test.describe("security headers", () => {
  test("a page: the policy with a fresh nonce on every response, Next's scripts carrying it, the static headers kept, no HSTS over plain HTTP", async ({
    request,
  }) => {
    const first = await request.get("/login");
    const second = await request.get("/login");
    expect(first.status()).toBe(200);
    const headers = first.headers();
    const policy = directives(headers["content-security-policy"] ?? "");
    expect(policy.get("default-src")).toBe("'self'");
    const script = policy.get("script-src") ?? "";
    expect(script).toMatch(/^'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'$/);
    expect(policy.get("style-src")).toBe("'self' 'unsafe-inline'");
    expect(policy.get("img-src")).toBe("'self' data:");
    expect(policy.get("font-src")).toBe("'self'");
    expect(policy.get("connect-src")).toBe("'self'");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("object-src")).toBe("'none'");
    expect(policy.get("base-uri")).toBe("'none'");
    expect(policy.get("form-action")).toBe("'self'");
    expect(policy.has("sandbox")).toBe(false);

    const nonce = /'nonce-([^']+)'/.exec(script)![1]!;
    expect(second.headers()["content-security-policy"], "a new nonce per response").not.toContain(nonce);
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length, "the page has scripts").toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, "every script carries the response's nonce").toContain(`nonce="${nonce}"`);

    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"]).toBe("camera=(), microphone=(), geolocation=()");
    expect(headers["strict-transport-security"], "plain HTTP (AUTH_URL is http://)").toBeUndefined();
  });

  test("HSTS when the trusted proxy says the request came over HTTPS", async ({ request }) => {
    expect(MAIN.env.TRUSTED_PROXY_HOPS, "the main e2e server trusts one proxy hop (tests/e2e/servers.ts)").toBe("1");
    const https = await request.get("/", { headers: { "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.250" } });
    expect(https.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
    const http = await request.get("/", { headers: { "X-Forwarded-Proto": "http", "X-Forwarded-For": "203.0.113.250" } });
    expect(http.headers()["strict-transport-security"]).toBeUndefined();
  });

  test("the PDF (as user@): opens inline as a PDF under the policy, without sandbox", async ({ page }) => {
    await logIn(page, DEMO);
    const response = await page.context().request.get("/licenses/100001/pdf");
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers["content-type"]).toBe("application/pdf");
    expect(headers["content-disposition"]).toMatch(/^inline; filename="license-100001-\d{8}\.pdf"$/);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["cache-control"]).toBe("private, no-store");
    const policy = directives(headers["content-security-policy"] ?? "");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("default-src")).toBe("'self'");
    // A sandboxed PDF response would open in the viewer as an unusable opaque origin.
    expect(policy.has("sandbox"), "no sandbox directive").toBe(false);
    expect((await response.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });
});
