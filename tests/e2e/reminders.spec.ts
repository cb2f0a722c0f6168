// Issue 30, N-3 / M-13 on a running server (the staff desk: a database of its own, the cron route, reminders at any
// hour): the scheduled work sends user@ the renewal reminders of the demo's contracts ending in 20, 45 and 75 days —
// one mail per threshold — and nothing more when it runs again; the operator's dashboard counts the day's run; user@
// turns one contract's reminders off at E-2; the mail's one-click link stops them all for an address.
import { expect, test } from "./test";
import { CRON_SECRET_E2E, STAFF_DESK } from "./servers";
import { readMailbox, staffLogIn, DEMO_PASSWORD } from "./fixtures";

const USER = "user@example.co.jp";
const SUBJECT = (days: number) => `【トレンドマイクロ】ライセンス契約終了日のお知らせ（${days}日前）`;

test("N-3: the scheduled run mails user@ its 30/60/90-day reminders once; the dashboard counts them; E-2 and the one-click link stop them", async ({
  browser,
  playwright,
}) => {
  const api = await playwright.request.newContext({ baseURL: STAFF_DESK.url });
  const cron = () => api.post("/api/cron/outbox", { headers: { Authorization: `Bearer ${CRON_SECRET_E2E}` } });
  const first = await cron();
  expect(first.status()).toBe(200);
  const report = (await first.json()) as { reminders: { mails: number; reminders: number } | null };
  expect(report.reminders?.reminders).toBeGreaterThanOrEqual(4);

  const mails = (await readMailbox(api, USER, STAFF_DESK.url)).filter((mail) => mail.subject.includes("ライセンス契約終了日のお知らせ"));
  expect(mails.map((mail) => mail.subject).sort()).toEqual([SUBJECT(30), SUBJECT(60), SUBJECT(90)].sort());
  const byDays = (days: number) => mails.find((mail) => mail.subject === SUBJECT(days))!;
  expect(byDays(30).text).toContain("100013");
  expect(byDays(60).text).toContain("100014");
  expect(byDays(90).text).toContain("100015");
  // Apex Central on 100013 can have a reference quote (B-4): its link is in the mail.
  expect(byDays(30).text).toContain("/licenses/100013/renewal");
  // 100014's サポート窓口 has a mail of its own.
  expect((await readMailbox(api, "support-desk@example.co.jp", STAFF_DESK.url)).map((mail) => mail.subject)).toContain(SUBJECT(60));

  // Again: nothing new.
  const second = await cron();
  expect(((await second.json()) as { reminders: { reminders: number } | null }).reminders?.reminders ?? 0).toBe(0);
  expect((await readMailbox(api, USER, STAFF_DESK.url)).filter((mail) => mail.subject.includes("ライセンス契約終了日のお知らせ"))).toHaveLength(3);

  // The operator's dashboard: the day's run.
  const staff = await browser.newContext({ baseURL: STAFF_DESK.url, extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.211" } });
  const desk = await staff.newPage();
  await staffLogIn(desk, "operator@example.com");
  const line = desk.getByTestId("dashboard-reminders");
  await expect(desk.getByRole("heading", { name: "契約終了日のお知らせ（本日）" })).toBeVisible();
  expect(Number(await line.locator("[data-item=sent]").getAttribute("data-count"))).toBeGreaterThanOrEqual(4);
  await expect(line.locator("[data-item=failed]")).toHaveAttribute("data-count", "0");
  await staff.close();

  // E-2: user@ turns 100014's reminders off; the choice is kept.
  const customer = await browser.newContext({ baseURL: STAFF_DESK.url, extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.212" } });
  const page = await customer.newPage();
  await page.goto("/login?callbackUrl=%2Faccount%2Fmail");
  await page.getByLabel("メールアドレス").fill(USER);
  await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/account\/mail$/);
  const reminders = page.getByRole("region", { name: "契約終了日のお知らせ" });
  await expect(reminders.getByRole("checkbox", { name: "契約終了日のお知らせを受け取る" })).toBeChecked();
  const contract = reminders.getByRole("checkbox", { name: /ライセンスID 100014/ });
  await expect(contract).toBeChecked();
  await contract.uncheck();
  await reminders.getByRole("button", { name: "OK" }).click();
  await expect(reminders.getByRole("status")).toHaveText("設定が完了しました");
  await page.reload();
  await expect(reminders.getByRole("checkbox", { name: /ライセンスID 100014/ })).not.toBeChecked();
  await expect(reminders.getByRole("checkbox", { name: /ライセンスID 100013/ })).toBeChecked();

  // The one-click link of support-desk@'s mail: a page with a button (a GET stops nothing), then stopped.
  const deskMail = (await readMailbox(api, "support-desk@example.co.jp", STAFF_DESK.url)).find((mail) => mail.subject === SUBJECT(60))!;
  const link = /https?:\/\/\S*\/api\/mail\/unsubscribe\?token=r\.[A-Za-z0-9._%-]+/.exec(deskMail.text)?.[0];
  expect(link, "the mail's 配信停止 link").toBeTruthy();
  const path = new URL(link!).pathname + new URL(link!).search;
  await page.goto(path);
  await expect(page.getByRole("heading", { name: "契約終了日のお知らせの配信停止" })).toBeVisible();
  await page.getByRole("button", { name: "配信を停止する" }).click();
  await expect(page.getByText("配信を停止しました。")).toBeVisible();
  await customer.close();
  await api.dispose();
});
