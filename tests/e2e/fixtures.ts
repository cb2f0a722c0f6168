// Shared helpers for the e2e specs.
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { MAIN } from "./servers";

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
export async function waitForMail(request: APIRequestContext, to: string, subject: string | RegExp, timeout = 15_000): Promise<DevMail> {
  let found: DevMail | undefined;
  await expect
    .poll(
      async () => {
        const mails = await readMailbox(request, to);
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
