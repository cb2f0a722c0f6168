// Shared helpers for the e2e specs.
import { createHash } from "node:crypto";
import { decodeBase32 } from "@oslojs/encoding";
import { generateTOTP } from "@oslojs/otp";
import { expect, type APIRequestContext, type Cookie, type Locator, type Page } from "@playwright/test";
import { actions } from "./manifests";
import { MAIN } from "./servers";
import { nextTotpCode } from "../support/totp-codes";

/** One mail of the development mailbox JSON view (SPEC M: GET /api/dev/mailbox?to=ADDRESS, newest first). */
export type DevMail = {
  id: string | number;
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  createdAt: string;
};

/** The mails the development mailbox of `baseUrl` (default: the main server) holds for `to`, newest first. */
export async function readMailbox(request: APIRequestContext, to: string, baseUrl = MAIN.url): Promise<DevMail[]> {
  const response = await request.get(`${baseUrl}/api/dev/mailbox`, { params: { to } });
  expect(response.status(), `GET /api/dev/mailbox?to=${to}`).toBe(200);
  const body: unknown = await response.json();
  expect(Array.isArray(body), "the mailbox answers a JSON array").toBe(true);
  return body as DevMail[];
}

/** Waits until a mail whose subject matches arrives for `to` (the outbox is written in the same transaction). */
export async function waitForMail(request: APIRequestContext, to: string, subject: string | RegExp, timeout = 15_000, baseUrl = MAIN.url): Promise<DevMail> {
  let found: DevMail | undefined;
  await expect
    .poll(
      async () => {
        const mails = await readMailbox(request, to, baseUrl);
        found = mails.find((mail) => (typeof subject === "string" ? mail.subject.includes(subject) : subject.test(mail.subject)));
        return Boolean(found);
      },
      { timeout, message: `a mail to ${to} with subject ${String(subject)}` },
    )
    .toBe(true);
  return found!;
}

/** Presses Tab until `target` has the keyboard focus (fails after `maxTabs` presses): real keyboard navigation. */
export async function tabTo(page: Page, target: Locator, maxTabs = 50): Promise<void> {
  for (let presses = 0; presses < maxTabs; presses++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target, `reachable with at most ${maxTabs} presses of Tab`).toBeFocused({ timeout: 1 });
}

/** The demo customers' password (SPEC X-2). */
export const DEMO_PASSWORD = "Demo-Passw0rd!";

/** Signs a demo customer in through the login form (from its own client address when given: A-8 counts per address). */
export async function customerLogIn(page: Page, email: string, forwardedFor?: string): Promise<void> {
  if (forwardedFor) await page.setExtraHTTPHeaders({ "X-Forwarded-For": forwardedFor });
  await page.goto("/login");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByTestId("signed-in-user")).toHaveText(`${email}さま`);
}

/** Waits for a mail to `to` with this subject whose text contains every one of `texts`. */
export async function mailWith(request: APIRequestContext, to: string, subject: string, texts: string[] = []): Promise<DevMail> {
  let found: DevMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await readMailbox(request, to)).find((mail) => mail.subject === subject && texts.every((text) => mail.text.includes(text)));
        return Boolean(found);
      },
      { message: `a mail 「${subject}」 to ${to}${texts.length ? ` with ${texts.join(", ")}` : ""}`, timeout: 15_000 },
    )
    .toBe(true);
  return found!;
}

/** The demo staff's password (SPEC X-2). */
export const DEMO_STAFF_PASSWORD = "Staff-Passw0rd!";

/** The demo staff's published TOTP secret (lib/demo/seed.ts DEMO_STAFF_TOTP_SECRET), as a tester adds it to an app. */
export const DEMO_STAFF_TOTP_SECRET = "DEMOSTAFFTOTPSECRETFORTESTERS234";

/** The current code of a TOTP secret (base32), as an authenticator app shows it (RFC 6238: 30 s, 6 digits). */
export function totpNow(secretBase32: string): string {
  return generateTOTP(decodeBase32(secretBase32.replace(/\s/g, "")), 30, 6);
}

/**
 * The code step after a staff member's right password (/admin/login/mfa): the next unused code of the account
 * (tests/support/totp-codes.ts — a code is good once, and both workers sign the demo staff in). A code the other
 * worker used a moment before is answered 「使用済み」: the next step's code follows.
 */
export async function passStaffCode(page: Page, email: string, secretBase32 = DEMO_STAFF_TOTP_SECRET): Promise<void> {
  await expect(page).toHaveURL(/\/admin\/login\/mfa/);
  const account = `${new URL(page.url()).origin} ${email}`;
  for (let attempt = 1; attempt <= 4; attempt++) {
    await page.getByLabel("確認コード").fill((await nextTotpCode(secretBase32, account)).code);
    const answered = page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/admin/login/mfa");
    await page.getByRole("button", { name: "確認" }).click();
    // Passed: the action answers with a redirect (to the dashboard or the page asked for).
    if ((await answered).headers()["x-action-redirect"]) return;
    // Refused: used by the other worker a moment before (the next step's code follows), or not right at all.
    await expect(page.locator("#code-error")).toBeVisible();
    if (!(await page.locator("#code-error").textContent())?.includes(USED_CODE)) break;
  }
  throw new Error(`${email}: the code step did not pass`);
}

/** The code step's answer to a code already used (messages/ja/mfa.ts usedCode). */
const USED_CODE = "この確認コードは使用済みです。";

/**
 * A demo staff member's session cookie per server and e-mail, kept by this worker. A code is good once and a new one
 * comes every 30 s, so signing the same staff member in for every test made a run wait minutes for the clock: a test
 * that needs a staff page (not the sign-in itself, which auth.spec.ts and the fuzz test) reuses the session the
 * worker's first sign-in made. A session ended in between (logout, idle, a password reset) is noticed on /admin and
 * signed in anew.
 */
const staffSessions = new Map<string, Cookie>();

/** The session cookie's name, plain or __Host- (lib/auth/next-auth.ts). */
const isSessionCookie = (cookie: Cookie) => cookie.name === "ecs.session" || cookie.name === "__Host-ecs.session";

/** Signs a demo staff member in (to the dashboard): the worker's session of that member, or the login form and the code step. */
export async function staffLogIn(page: Page, email: string): Promise<void> {
  await page.goto("/admin/login");
  const key = `${new URL(page.url()).origin} ${email}`;
  const kept = staffSessions.get(key);
  if (kept) {
    await page.context().addCookies([kept]);
    await page.goto("/admin");
    if (new URL(page.url()).pathname === "/admin" && (await page.getByRole("banner").getByText(email).count()) === 1) return;
    staffSessions.delete(key);
    await page.context().clearCookies({ name: kept.name });
    await page.goto("/admin/login");
  }
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill(DEMO_STAFF_PASSWORD);
  await page.getByRole("button", { name: "ログイン" }).click();
  await passStaffCode(page, email);
  await expect(page).toHaveURL(/\/admin$/);
  const session = (await page.context().cookies()).find(isSessionCookie);
  if (session) staffSessions.set(key, session);
}

// The demo codes are derived from the license ID (lib/licenses/activation-code.ts demoActivationCode), as testers are told.
const DEMO_CODE_PREFIX: Record<number, string> = {
  100001: "OS",
  100002: "SO",
  100003: "AC",
  100004: "OS",
  100005: "OS",
  100006: "OS",
  100007: "PC",
  100008: "TP",
  100009: "OS",
  100010: "DI",
  100011: "MK",
  100012: "OS",
  200001: "OS",
};
export function demoCode(licenseId: number): string {
  const prefix = DEMO_CODE_PREFIX[licenseId]!;
  const digest = createHash("sha256").update(`demo:${prefix}:${licenseId}:0`).digest();
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  let body = "";
  for (let i = 0; i < 29; i++) body += alphabet[digest[i % digest.length]! % alphabet.length];
  const groups = [prefix];
  let offset = 0;
  for (const size of [4, 5, 5, 5, 5, 5]) {
    groups.push(body.slice(offset, offset + size));
    offset += size;
  }
  return groups.join("-");
}

/** The staff area's menu (its links share words with the dashboard's figures, which link to the same pages). */
export function staffNav(page: Page): Locator {
  return page.getByRole("navigation", { name: "スタッフ管理画面" });
}

/** A GET's status, redirects not followed. */
export async function statusOf(api: APIRequestContext, path: string): Promise<number> {
  return (await api.get(path, { maxRedirects: 0 })).status();
}

/** A server action called as the browser calls it (guards.spec.ts explains the encoding), on `baseUrl`'s server: its status. */
export async function actionStatus(api: APIRequestContext, name: string, fields: Record<string, string>, baseUrl = MAIN.url): Promise<number> {
  const action = actions.find((entry) => entry.name === name)!;
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(`_1_${key}`, value);
  form.append("0", '[{"status":"idle"},"$K1"]');
  return (
    await api.post(new URL(action.endpoint, baseUrl).toString(), {
      maxRedirects: 0,
      headers: { "Next-Action": action.id, Accept: "text/x-component", Origin: baseUrl },
      multipart: form,
    })
  ).status();
}
