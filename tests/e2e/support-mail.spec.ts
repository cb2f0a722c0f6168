// E-2 メール配信設定, G-5 Support Information mails (M-12) and E-3 バックナンバー, in Chromium over the demo
// data (SPEC X-2: user@ and other@ subscribed, large@ not). One story, in order: user@ unsubscribes; a marketer
// composes, previews, tests and sends; other@ gets the mail and user@ does not; the mail's one-click link (RFC 8058)
// answers a GET with a page only and a POST by unsubscribing; the back number opens for user@. Then who gets 404.
import type { Page } from "@playwright/test";
import { customerLogIn, readMailbox, staffLogIn, waitForMail, staffNav, actionStatus, statusOf } from "./fixtures";
import { MAIN } from "./servers";
import { expect, test } from "./test";

const USER = "user@example.co.jp";
const OTHER = "other@example.co.jp";

test.describe.configure({ mode: "serial" });

const title = `Support Information：E2E 一斉送信 ${Date.now()}`;

/** E-2's Support Information form (the page also has N-3's reminder settings, with an 「OK」 of their own). */
const supportInfoForm = (page: Page) => page.locator("form").filter({ has: page.getByLabel("Support Informationメールの購読を希望する") });

test("E-2 → G-5 → M-12 → E-3: user@ unsubscribes, a marketer sends, other@ alone gets it, the back number opens", async ({ page, browser, request }) => {
  // E-2 ③–⑤: user@ takes the tick off, 「OK」, 「設定が完了しました」; the page shows it so afterwards.
  const customerContext = await browser.newContext({ baseURL: MAIN.url });
  const customer = await customerContext.newPage();
  await customerLogIn(customer, USER, "203.0.113.106");
  await customer.goto("/account/mail");
  await expect(customer.getByRole("heading", { level: 1, name: "メール配信設定およびバックナンバー" })).toBeVisible();
  const box = customer.getByLabel("Support Informationメールの購読を希望する");
  await expect(box).toBeChecked();
  await box.uncheck();
  await supportInfoForm(customer).getByRole("button", { name: "OK" }).click();
  await expect(customer.getByRole("status")).toHaveText("設定が完了しました");
  await customer.reload();
  await expect(customer.getByLabel("Support Informationメールの購読を希望する")).not.toBeChecked();

  // G-5: compose, preview (HTML and plain text), test to oneself, then send to every subscriber.
  await staffLogIn(page, "marketer@example.com");
  await staffNav(page).getByRole("link", { name: "Support Informationメール" }).click();
  await page.getByRole("link", { name: "新規作成" }).click();
  await page.getByLabel("件名").fill(title);
  await page
    .getByLabel("本文（Markdown）")
    .fill("今月のお知らせです。\n\n- **Apex One** の新機能\n- [詳しくはこちら](https://www.trendmicro.com/ja_jp/business.html)\n\n<script>alert(1)</script>");
  await page.getByRole("button", { name: "下書きを保存する" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const preview = page.frameLocator('[data-testid="support-mail-preview"]');
  await expect(preview.getByRole("heading", { name: title })).toBeVisible();
  await expect(preview.getByRole("link", { name: "詳しくはこちら" })).toHaveAttribute("rel", "noopener noreferrer");
  await expect(preview.locator("strong")).toHaveText("Apex One");
  await expect(page.getByTestId("support-mail-text")).toContainText("今月のお知らせです。");
  await expect(page.getByTestId("support-mail-text")).not.toContainText("<script>");
  await page.getByRole("button", { name: "テスト送信（自分宛て）" }).click();
  await expect(page.getByRole("status").filter({ hasText: "テスト送信しました" })).toHaveText("marketer@example.com 宛てにテスト送信しました。");
  const test = await waitForMail(request, "marketer@example.com", `【テスト送信】${title}`);
  expect(test.text).toContain("今月のお知らせです。");
  expect(await readMailbox(request, OTHER).then((mails) => mails.filter((m) => m.subject === title)), "a test reaches nobody else").toEqual([]);

  await page.getByLabel(/購読中のお客様 \d+ 名に送信することを確認しました/).check();
  await page.getByRole("button", { name: "全購読者に送信する" }).click();
  await expect(page.getByTestId("support-mail-status")).toHaveText("送信済み", { timeout: 30_000 });
  const progress = (await page.getByTestId("support-mail-progress").textContent())!;
  const [, enqueued, total] = /^(\d+) \/ (\d+) 件$/.exec(progress.trim())!;
  expect(enqueued).toBe(total);

  // M-12: other@ (subscribed) gets one, user@ (unsubscribed) none.
  const mail = await waitForMail(request, OTHER, title);
  expect((await readMailbox(request, OTHER)).filter((m) => m.subject === title)).toHaveLength(1);
  expect((await readMailbox(request, USER)).filter((m) => m.subject === title)).toEqual([]);
  expect(mail.html).not.toContain("<script>");
  const link = /(http:\/\/[^\s)]+\/api\/mail\/unsubscribe\?token=[A-Za-z0-9._-]+)/.exec(mail.text)![1]!;

  // The one-click link: a GET (a person, or a scanner) only leads to the page with its button; a POST as RFC 8058
  // sends it — from the mail provider, no session, no Origin of ours — unsubscribes.
  const scanner = await request.get(new URL(link).pathname + new URL(link).search, { maxRedirects: 0 });
  expect(scanner.status()).toBe(303);
  expect(scanner.headers()["location"]).toMatch(/^\/mail\/unsubscribe\?token=/);
  const otherContext = await browser.newContext({ baseURL: MAIN.url });
  const other = await otherContext.newPage();
  await customerLogIn(other, OTHER, "203.0.113.107");
  await other.goto("/account/mail");
  const otherBox = other.getByLabel("Support Informationメールの購読を希望する");
  await expect(otherBox, "a GET unsubscribes nobody").toBeChecked();
  const forged = await request.post(`/api/mail/unsubscribe?token=${encodeURIComponent(new URL(link).searchParams.get("token")!.replace(/^\d+/, "1"))}`, {
    form: { "List-Unsubscribe": "One-Click" },
  });
  expect(forged.status(), "an altered token").toBe(400);

  // The page the link leads to says what its button does; the button unsubscribes (no login needed).
  const reader = await browser.newPage({ baseURL: MAIN.url });
  await reader.goto(link);
  await expect(reader.getByText("下のボタンを押すと、このメールアドレスへのSupport Informationメールの配信を停止します。")).toBeVisible();
  await other.reload();
  await expect(otherBox, "opening the page unsubscribes nobody").toBeChecked();
  await reader.getByRole("button", { name: "配信を停止する" }).click();
  await expect(reader.locator("main").getByRole("status")).toHaveText("配信を停止しました。再開するには、ログインしてメール配信設定で購読を選んでください。");
  await reader.close();
  await other.reload();
  await expect(otherBox).not.toBeChecked();

  // Subscribed again, then the mail client's one-click POST, from its provider's servers.
  await otherBox.check();
  await supportInfoForm(other).getByRole("button", { name: "OK" }).click();
  await expect(other.getByRole("status")).toHaveText("設定が完了しました");
  const oneClick = await request.post(new URL(link).pathname + new URL(link).search, {
    form: { "List-Unsubscribe": "One-Click" },
    headers: { Origin: "https://mail.example.net" },
  });
  expect(oneClick.status()).toBe(200);
  await other.reload();
  await expect(otherBox).not.toBeChecked();
  // As the demo was.
  await otherBox.check();
  await supportInfoForm(other).getByRole("button", { name: "OK" }).click();
  await expect(other.getByRole("status")).toHaveText("設定が完了しました");
  await otherContext.close();

  // E-3: 「＞バックナンバー」 → the list (date, title) → the mail, from the same Markdown.
  await customer.goto("/account/mail");
  await customer.getByRole("link", { name: "＞バックナンバー" }).click();
  await expect(customer.getByRole("heading", { level: 1, name: "Support Informationリスト" })).toBeVisible();
  await customer.getByTestId("back-numbers").getByRole("link", { name: title }).click();
  await expect(customer.getByTestId("back-number").getByRole("heading", { name: title })).toBeVisible();
  await expect(customer.getByTestId("back-number").locator("strong")).toHaveText("Apex One");
  await expect(customer.getByTestId("back-number")).not.toContainText("<script>");
  // Subscribed again, as the demo was.
  await customer.goto("/account/mail");
  await customer.getByLabel("Support Informationメールの購読を希望する").check();
  await supportInfoForm(customer).getByRole("button", { name: "OK" }).click();
  await expect(customer.getByRole("status")).toHaveText("設定が完了しました");
  await customerContext.close();
});

test("the unsubscribe page: a button, never a link that acts; a bad or missing token says so", async ({ page }) => {
  await page.goto("/mail/unsubscribe?token=1.9999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  await expect(page.locator("main").getByRole("alert")).toHaveText("このリンクは無効です。メール配信設定から配信を停止してください。");
  await expect(page.getByRole("button", { name: "配信を停止する" })).toHaveCount(0);
  await page.goto("/mail/unsubscribe");
  await expect(page.locator("main").getByRole("alert")).toHaveText("このリンクは無効です。メール配信設定から配信を停止してください。");
});

const G5_ACTIONS: [string, Record<string, string>][] = [
  ["createSupportMailAction", { title: "x", body: "y" }],
  ["updateSupportMailAction", { mailId: "1", title: "x", body: "y" }],
  ["sendTestMailAction", { mailId: "1" }],
  ["startSendingAction", { mailId: "1", confirm: "on" }],
];

test("G-5's pages and actions answer 404 to an operator and a customer; E-2 and E-3 lead a signed-out client to login", async ({
  page,
  browser,
  playwright,
}) => {
  await staffLogIn(page, "operator@example.com");
  const operator = page.context().request;
  for (const path of ["/admin/support-mails", "/admin/support-mails/new", "/admin/support-mails/1"])
    expect(await statusOf(operator, path), `operator ${path}`).toBe(404);
  for (const [name, fields] of G5_ACTIONS) expect(await actionStatus(operator, name, fields), `operator ${name}`).toBe(404);
  const customerContext = await browser.newContext({ baseURL: MAIN.url });
  const customer = await customerContext.newPage();
  await customerLogIn(customer, OTHER, "203.0.113.108");
  for (const path of ["/admin/support-mails", "/admin/support-mails/1"]) expect(await statusOf(customer.context().request, path), `customer ${path}`).toBe(404);
  for (const [name, fields] of G5_ACTIONS) expect(await actionStatus(customer.context().request, name, fields), `customer ${name}`).toBe(404);
  await customerContext.close();
  const anonymous = await playwright.request.newContext({ baseURL: MAIN.url });
  for (const path of ["/account/mail", "/account/mail/back-numbers", "/account/mail/back-numbers/1"]) {
    const response = await anonymous.get(path, { maxRedirects: 0 });
    expect(response.headers()["location"] ?? "", `signed out ${path}`).toContain("/login");
  }
  await anonymous.dispose();
});
