// SPEC M (development mailbox): only while DEV_MAILBOX=1 AND no Resend key; otherwise both views answer 404.
import { expect, test } from "./test";
import { readMailbox } from "./fixtures";
import { MAIN, NO_MAILBOX, WITH_RESEND_KEY } from "./servers";

test.describe("開発用メールボックス", () => {
  test(`DEV_MAILBOX=1, Resend なし (${MAIN.port}): JSON と画面が使える`, async ({ request, page }) => {
    const mails = await readMailbox(request, "user@example.co.jp", MAIN.url);
    for (const mail of mails) {
      expect(Object.keys(mail)).toEqual(expect.arrayContaining(["id", "to", "from", "subject", "text", "html", "createdAt"]));
    }
    const createdAt = mails.map((mail) => Date.parse(mail.createdAt));
    expect(createdAt, "newest first").toEqual([...createdAt].sort((a, b) => b - a));

    const response = await page.goto(`${MAIN.url}/dev/mailbox`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });

  test(`DEV_MAILBOX=1 (${MAIN.port}): 宛先のない・不正な問い合わせは 400`, async ({ request }) => {
    expect((await request.get(`${MAIN.url}/api/dev/mailbox`)).status()).toBe(400);
    expect((await request.get(`${MAIN.url}/api/dev/mailbox`, { params: { to: "not-an-address" } })).status()).toBe(400);
  });

  test(`DEV_MAILBOX=1, 該当メールなし (${MAIN.port}): 空の配列`, async ({ request }) => {
    expect(await readMailbox(request, "nobody@example.invalid", MAIN.url)).toEqual([]);
  });

  test(`DEV_MAILBOX=1 (${MAIN.port}): 別のサイトの名前（DNS rebinding）で来た要求には JSON も画面も 404`, async ({ request }) => {
    const foreign = { host: `rebound.example:${MAIN.port}` };
    const json = await request.get(`${MAIN.url}/api/dev/mailbox`, { params: { to: "user@example.co.jp" }, headers: foreign });
    expect(json.status()).toBe(404);
    expect(await json.text()).not.toContain("user@example.co.jp");
    expect((await request.get(`${MAIN.url}/dev/mailbox`, { headers: foreign })).status()).toBe(404);
    // The same requests under this machine's name are answered (the 404 above is the Host's doing).
    expect((await request.get(`${MAIN.url}/api/dev/mailbox`, { params: { to: "user@example.co.jp" } })).status()).toBe(200);
  });

  for (const server of [NO_MAILBOX, WITH_RESEND_KEY]) {
    const why = server === NO_MAILBOX ? "DEV_MAILBOX なし" : "DEV_MAILBOX=1 でも Resend キーあり";
    test(`${why} (${server.port}): JSON も画面も 404`, async ({ request }) => {
      // The server itself is up: only the mailbox is absent.
      expect((await request.get(`${server.url}/`)).status()).toBe(200);
      const json = await request.get(`${server.url}/api/dev/mailbox`, { params: { to: "user@example.co.jp" } });
      expect(json.status()).toBe(404);
      expect(await json.text()).not.toContain("user@example.co.jp");
      expect((await request.get(`${server.url}/api/dev/mailbox`)).status()).toBe(404);
      expect((await request.get(`${server.url}/dev/mailbox`)).status()).toBe(404);
      expect((await request.get(`${server.url}/dev/mailbox`, { params: { to: "user@example.co.jp" } })).status()).toBe(404);
    });
  }
});
