// In a real browser (SPEC D-1 … D-4): the download screens over the demo's published files. D-2 with 100002's
// code pasted whole → the list → a file downloads and its SHA-256 matches the one shown; D-4 downloads the pattern
// zip; D-1 and D-3 list their files. Through the route: Range, HEAD and the Japanese file name. other@ and a
// signed-out client get nothing of D-2's files.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Download, Page } from "@playwright/test";
import { customerLogIn, staffLogIn, staffNav } from "./fixtures";
import { MAIN, readServerState, S3_STORE } from "./servers";
import { expect, test } from "./test";

const USER = "user@example.co.jp";

async function sha256Of(download: Download): Promise<{ hash: string; bytes: Buffer }> {
  const bytes = fs.readFileSync((await download.path())!);
  return { hash: createHash("sha256").update(bytes).digest("hex"), bytes };
}

/** The SHA-256 the list shows in the row of `name`, and that row's download link. */
function row(page: Page, name: string) {
  const found = page.getByTestId("download-files").getByRole("row").filter({ hasText: name });
  return { sha256: found.getByTestId("sha256"), link: found.getByRole("link") };
}

/** 100002's Safe Lock code as the detail page shows it (SO-…). */
async function safeLockCode(page: Page): Promise<string> {
  await page.goto("/licenses/100002");
  const code = (await page.getByRole("cell", { name: /^SO-/ }).first().textContent())!.trim();
  expect(code).toMatch(/^SO-[A-Z0-9-]+$/);
  return code;
}

test("D-2: 100002's code pasted whole → 「次へ」 → the list → a file downloads with the SHA-256 shown", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await customerLogIn(page, USER, "203.0.113.130");
  const code = await safeLockCode(page);
  await page.goto("/downloads/safe-lock");
  await expect(page.getByRole("heading", { level: 1, name: "Trend Micro Safe Lock 最新モジュールダウンロード" })).toBeVisible();
  await page.getByLabel("① ライセンスID").fill("100002");
  // The whole code, pasted: the field keeps the part after 「SO－」.
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.getByLabel("② アクティベーションコード").focus();
  await page.keyboard.press("ControlOrMeta+V");
  await expect(page.getByLabel("② アクティベーションコード")).toHaveValue(code.replace(/^SO-/, ""));
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(page.getByRole("heading", { name: "ダウンロードリスト" })).toBeFocused();
  const agent = row(page, "Agent 最新モジュール");
  const shown = (await agent.sha256.textContent())!.trim();
  expect(shown).toMatch(/^[0-9a-f]{64}$/);
  const [download] = await Promise.all([page.waitForEvent("download"), agent.link.click()]);
  expect(download.suggestedFilename()).toBe("SafeLock_3.0_SP1_Agent.zip");
  const { hash, bytes } = await sha256Of(download);
  expect(hash).toBe(shown);
  expect(bytes.subarray(0, 4).toString("hex")).toBe("504b0304");
});

test("D-2: a wrong code, a contract that is not Safe Lock and an empty field get their messages", async ({ page }) => {
  await customerLogIn(page, USER, "203.0.113.131");
  await page.goto("/downloads/safe-lock");
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(page.getByText("入力してください。").first()).toBeVisible();
  await page.getByLabel("① ライセンスID").fill("100001");
  await page.getByLabel("② アクティベーションコード").fill("AAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF");
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(page.getByText("ご指定のライセンスIDは、Trend Micro Safe Lock の有効なご契約ではありません。", { exact: false })).toBeVisible();
  await page.getByLabel("① ライセンスID").fill("100002");
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(page.getByText("ご指定のアクティベーションコードは、ライセンスIDのご契約のものではありません。", { exact: false })).toBeVisible();
  await expect(page.getByTestId("download-files")).toHaveCount(0);
});

test("D-4 downloads the pattern zip; D-1 and D-3 list their files", async ({ page }) => {
  await customerLogIn(page, USER, "203.0.113.132");
  await page.goto("/downloads/patterns");
  await expect(page.getByRole("heading", { level: 1, name: "最新パターンファイル" })).toBeVisible();
  const pattern = row(page, "ウイルスパターンファイル");
  await expect(pattern.link).toHaveText(/パターンファイル/);
  const shown = (await pattern.sha256.textContent())!.trim();
  const [download] = await Promise.all([page.waitForEvent("download"), pattern.link.click()]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  const { hash, bytes } = await sha256Of(download);
  expect(hash).toBe(shown);
  expect(bytes.subarray(0, 4).toString("hex")).toBe("504b0304");

  await page.goto("/downloads/deep-discovery");
  for (const text of ["Deep Discovery Inspector", "Deep Discovery Analyzer", "インストールガイド", "6.8"])
    await expect(page.getByTestId("download-files")).toContainText(text);

  await page.goto("/downloads/policy-manager");
  await page.getByRole("region", { name: "モジュール（圧縮ファイル）" }).getByRole("link", { name: "サイトはこちら＞" }).click();
  await expect(page).toHaveURL(/\/downloads\/policy-manager\/modules$/);
  await expect(page.getByTestId("download-files")).toContainText("TPM_3.0_Patch2.zip");
  await page
    .getByRole("link", {
      name: "Trend Micro Policy Manager™ダウンロードサイトへ戻る",
    })
    .click();
  await page.getByRole("region", { name: "ドキュメント（PDF）" }).getByRole("link", { name: "サイトはこちら＞" }).click();
  await expect(page.getByTestId("download-files")).toContainText("TPM_3.0_Administrators_Guide.pdf");
});

test("the file route: Range (206, 416), HEAD, the size, the Japanese file name, no caching", async ({ page }) => {
  await customerLogIn(page, USER, "203.0.113.133");
  await page.goto("/downloads/deep-discovery");
  const href = (await row(page, "インストールガイド").link.getAttribute("href"))!;
  const api = page.request;
  const whole = await api.get(href);
  expect(whole.status()).toBe(200);
  const bytes = await whole.body();
  const disposition = whole.headers()["content-disposition"]!;
  expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!)).toBe("Deep Discovery Inspector 6.8 インストールガイド.pdf");
  expect(whole.headers()["cache-control"]).toBe("private, no-store, no-transform");
  // The size, so that a browser shows the progress and the time left (not chunked).
  expect(whole.headers()["content-length"]).toBe(String(bytes.length));
  expect(whole.headers()["transfer-encoding"]).toBeUndefined();
  expect(whole.headers()).not.toHaveProperty("x-ecustomer-body-length");
  expect(whole.headers()["etag"]).toBe(`"${createHash("sha256").update(bytes).digest("hex")}"`);
  const part = await api.get(href, { headers: { Range: "bytes=10-19" } });
  expect(part.status()).toBe(206);
  expect(part.headers()["content-range"]).toBe(`bytes 10-19/${bytes.length}`);
  expect(part.headers()["content-length"]).toBe("10");
  expect((await part.body()).equals(bytes.subarray(10, 20))).toBe(true);
  expect((await api.get(href, { headers: { Range: `bytes=${bytes.length}-` } })).status()).toBe(416);
  // HEAD: the same validators and the size, no body.
  const head = await api.head(href);
  expect(head.status()).toBe(200);
  expect(head.headers()["etag"]).toBe(whole.headers()["etag"]);
  expect(head.headers()["accept-ranges"]).toBe("bytes");
  expect(head.headers()["content-length"]).toBe(String(bytes.length));
  expect((await head.body()).length).toBe(0);
});

test("other@ and a signed-out client get nothing of D-2's files, from the form or a copied link", async ({ page, browser }) => {
  await customerLogIn(page, USER, "203.0.113.134");
  const code = await safeLockCode(page);
  await page.goto("/downloads/safe-lock");
  await page.getByLabel("① ライセンスID").fill("100002");
  await page.getByLabel("② アクティベーションコード").fill(code);
  await page.getByRole("button", { name: "次へ" }).click();
  const href = (await row(page, "Agent 最新モジュール").link.getAttribute("href"))!;
  expect(href).toMatch(/^\/downloads\/files\/\d+\?licenseId=100002$/);
  expect((await page.request.get(href)).status()).toBe(200);
  // Without the contract in the link, or under a contract that is not Safe Lock: nothing, even for user@.
  expect((await page.request.get(href.replace(/\?.*$/, ""))).status()).toBe(404);
  expect((await page.request.get(href.replace("100002", "100001"))).status()).toBe(404);

  const otherContext = await browser.newContext({ baseURL: MAIN.url });
  const other = await otherContext.newPage();
  await customerLogIn(other, "other@example.co.jp", "203.0.113.135");
  const copied = await other.request.get(href, { maxRedirects: 0 });
  expect(copied.status()).toBe(404);
  expect((await copied.body()).subarray(0, 2).toString("hex")).not.toBe("504b");
  await other.goto("/downloads/safe-lock");
  await other.getByLabel("① ライセンスID").fill("100002");
  await other.getByLabel("② アクティベーションコード").fill(code);
  await other.getByRole("button", { name: "次へ" }).click();
  await expect(other.getByTestId("search-message")).toContainText("ライセンスIDに対し、メールアドレスの登録が異なります。");
  await expect(other.getByTestId("download-files")).toHaveCount(0);
  await otherContext.close();

  const anonymous = await browser.newContext({ baseURL: MAIN.url });
  expect((await anonymous.request.get(href, { maxRedirects: 0 })).status()).toBe(404);
  for (const path of ["/downloads/safe-lock", "/downloads/patterns", "/downloads/deep-discovery", "/downloads/policy-manager/modules"]) {
    const response = await anonymous.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(307);
    expect(response.headers()["location"], path).toContain("/login");
  }
  await anonymous.close();
});

test("G-4: an operator uploads (12 MB, past the proxy's 10 MB copy), publishes, edits and withdraws a file; a customer sees each step", async ({
  page,
  browser,
}) => {
  const bytes = Buffer.alloc(12 * 1024 * 1024);
  for (let i = 0; i < bytes.length; i += 4096) bytes.writeUInt32LE(i, i);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  await staffLogIn(page, "operator@example.com");
  await staffNav(page).getByRole("link", { name: "ダウンロードファイル" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "ダウンロードファイルの公開" })).toBeVisible();
  await page.getByLabel("掲載メニュー").selectOption({ label: "最新パターンファイル" });
  await page.getByLabel("製品").fill("E2E検証用パターンファイル");
  await page.getByLabel("バージョン").fill("99.001.00");
  await page.getByLabel("表示名").fill("E2E検証用パターンファイル");
  await page.locator("#upload-file").setInputFiles({ name: "e2e-pattern.zip", mimeType: "application/zip", buffer: bytes });
  await page.getByRole("button", { name: "アップロード" }).click();
  await expect(page.getByTestId("upload-progress").getByRole("status")).toHaveText(`アップロードしました（下書き）。SHA-256：${sha256}`, { timeout: 30_000 });
  const adminRow = page.getByTestId("admin-files").getByRole("row").filter({ hasText: "e2e-pattern.zip" });
  await expect(adminRow).toContainText("下書き");
  await adminRow.getByRole("button", { name: "e2e-pattern.zip を公開する" }).click();
  await expect(adminRow.getByRole("status")).toHaveText("公開しました。");

  const customerContext = await browser.newContext({ baseURL: MAIN.url });
  const customer = await customerContext.newPage();
  await customerLogIn(customer, USER, "203.0.113.136");
  await customer.goto("/downloads/patterns");
  const listed = row(customer, "E2E検証用パターンファイル");
  await expect(listed.sha256).toHaveText(sha256);
  const href = (await listed.link.getAttribute("href"))!;
  const [download] = await Promise.all([customer.waitForEvent("download"), listed.link.click()]);
  expect((await sha256Of(download)).hash).toBe(sha256);

  // Edit: a cleared field is refused under it, a form that changes nothing says so, a new version reaches the list.
  await page.getByRole("link", { name: "e2e-pattern.zip の情報を編集する" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "ファイル情報の編集" })).toBeVisible();
  await expect(page.getByText(sha256)).toBeVisible();
  await page.getByRole("button", { name: "保存する" }).click();
  const editForm = page.locator("form").filter({ has: page.getByRole("button", { name: "保存する" }) });
  await expect(editForm.getByRole("alert")).toHaveText("変更された項目がありません。");
  await page.getByLabel("バージョン").fill("");
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByLabel("バージョン")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("バージョン").fill("99.002.00");
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(editForm.getByRole("status")).toHaveText("保存しました。");
  await customer.reload();
  await expect(customer.getByTestId("download-files").getByRole("row").filter({ hasText: "E2E検証用パターンファイル" })).toContainText("99.002.00");
  await page.getByRole("link", { name: "ダウンロードファイルの公開に戻る" }).click();
  await expect(page.getByTestId("admin-files").getByRole("row").filter({ hasText: "e2e-pattern.zip" })).toContainText("99.002.00");

  await page.reload();
  // 公開停止 asks first (issue 29 item 1): キャンセル leaves the file published.
  const fileRow = page.getByTestId("admin-files").getByRole("row").filter({ hasText: "e2e-pattern.zip" });
  const withdraw = fileRow.getByRole("button", { name: "e2e-pattern.zip の公開を停止する" });
  const confirmation = fileRow.getByRole("group", { name: /^e2e-pattern\.zip の公開を停止しますか？/ });
  await withdraw.click();
  await expect(confirmation.getByRole("button", { name: "キャンセル" })).toBeFocused();
  await confirmation.getByRole("button", { name: "キャンセル" }).click();
  await expect(withdraw).toBeFocused();
  await page.reload();
  await expect(fileRow, "cancelled: still published").toContainText("公開中");
  expect((await customer.request.get(href)).status(), "cancelled: still downloadable").toBe(200);
  await withdraw.click();
  await confirmation.getByRole("button", { name: "公開を停止する" }).click();
  await expect(page.getByTestId("admin-files").getByRole("row").filter({ hasText: "e2e-pattern.zip" }).getByRole("status")).toHaveText("公開を停止しました。");
  await customer.goto("/downloads/patterns");
  await expect(customer.getByTestId("download-files")).not.toContainText("E2E検証用パターンファイル");
  expect((await customer.request.get(href)).status()).toBe(404);
  // The upload is the operators' alone: a customer's POST gets nothing.
  expect(
    (
      await customer.request.post("/admin/files/upload?menu=pattern&product=x&version=1&title=x&releaseDate=2026-12-01&fileName=x.zip", {
        data: Buffer.from("x"),
        headers: { Origin: MAIN.url },
      })
    ).status(),
  ).toBe(404);
  await customerContext.close();
});

// On the server whose store is an s3rver (servers.ts S3_STORE): the upload goes from Chromium straight
// to the bucket in 8 MiB parts (no byte of it through the app, which Vercel would refuse over 4.5 MB), the browser's
// SHA-256 checked against the object read back; published, a customer's download is a redirect to a presigned GET.
test.describe("G-4 on S3: the browser-direct upload", () => {
  let dir: string;
  test.beforeAll(() => void (dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-direct-upload-"))));
  test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function fillUpload(page: Page, title: string, file: string) {
    await page.goto("/admin/files");
    await page.getByLabel("掲載メニュー").selectOption({ label: "最新パターンファイル" });
    await page.getByLabel("製品").fill(title);
    await page.getByLabel("バージョン").fill("27.005.00");
    await page.getByLabel("表示名").fill(title);
    await page.locator("#upload-file").setInputFiles(file);
    await page.getByRole("button", { name: "アップロード" }).click();
  }

  test("a 23 MiB file: parts PUT to the bucket, SHA-256 checked, published, downloaded by a customer with the same SHA-256", async ({ browser }) => {
    const { s3Endpoint } = readServerState(S3_STORE.port);
    const bytes = randomBytes(23 * 1024 * 1024);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const file = path.join(dir, "e2e-direct-23mib.zip");
    fs.writeFileSync(file, bytes);

    const staffContext = await browser.newContext({ baseURL: S3_STORE.url });
    const page = await staffContext.newPage();
    const sent: { method: string; url: string; length: number }[] = [];
    page.on("request", (request) => sent.push({ method: request.method(), url: request.url(), length: request.postDataBuffer()?.length ?? 0 }));
    await staffLogIn(page, "operator@example.com");
    // The policy lets the page's script reach the bucket, and nothing else beyond the site.
    const policy = (await page.request.get("/admin/files")).headers()["content-security-policy"]!;
    expect(policy).toContain(`connect-src 'self' ${s3Endpoint}`);

    await fillUpload(page, "E2E直接アップロード", file);
    await expect(page.getByTestId("upload-progress").getByRole("status")).toHaveText(`アップロードしました（下書き）。SHA-256：${sha256}`, { timeout: 60_000 });
    const parts = sent.filter((request) => request.method === "PUT");
    expect(parts.map((part) => [new URL(part.url).origin, new URL(part.url).searchParams.get("partNumber"), part.length])).toEqual([
      [s3Endpoint, "1", 8 * 1024 * 1024],
      [s3Endpoint, "2", 8 * 1024 * 1024],
      [s3Endpoint, "3", 7 * 1024 * 1024],
    ]);
    // The app itself got the details and the ETags, never the bytes.
    const toApp = sent.filter((request) => request.url.startsWith(`${S3_STORE.url}/admin/files`) && request.method === "POST");
    expect(toApp.map((request) => new URL(request.url).pathname)).toEqual(["/admin/files/direct-upload/start", "/admin/files/direct-upload/complete"]);
    expect(Math.max(...toApp.map((request) => request.length))).toBeLessThan(4096);

    const adminRow = page.getByTestId("admin-files").getByRole("row").filter({ hasText: "e2e-direct-23mib.zip" });
    await expect(adminRow).toContainText(sha256);
    await adminRow.getByRole("button", { name: "e2e-direct-23mib.zip を公開する" }).click();
    await expect(adminRow.getByRole("status")).toHaveText("公開しました。");

    const customerContext = await browser.newContext({ baseURL: S3_STORE.url });
    const customer = await customerContext.newPage();
    await customerLogIn(customer, USER, "203.0.113.137");
    await customer.goto("/downloads/patterns");
    const listed = row(customer, "E2E直接アップロード");
    await expect(listed.sha256).toHaveText(sha256);
    // Authorized by the app, served by the bucket: a redirect to a presigned GET.
    const answer = await customer.request.get((await listed.link.getAttribute("href"))!, { maxRedirects: 0 });
    expect(answer.status()).toBe(302);
    expect(answer.headers()["location"]).toMatch(new RegExp(`^${s3Endpoint}/downloads/files/[0-9a-f-]{36}\\.zip\\?.*X-Amz-Signature=`));
    const [download] = await Promise.all([customer.waitForEvent("download"), listed.link.click()]);
    expect(download.suggestedFilename()).toBe("e2e-direct-23mib.zip");
    expect((await sha256Of(download)).hash).toBe(sha256);
    await Promise.all([staffContext.close(), customerContext.close()]);
  });

  test("a SHA-256 that does not match what the bucket holds: the form says so and nothing is registered", async ({ browser }) => {
    const file = path.join(dir, "e2e-direct-mismatch.zip");
    fs.writeFileSync(file, randomBytes(1024 * 1024));
    const staffContext = await browser.newContext({ baseURL: S3_STORE.url });
    const page = await staffContext.newPage();
    await staffLogIn(page, "operator@example.com");
    // What a part corrupted on its way would look like from the server: the browser's hash is not the object's.
    await page.route("**/admin/files/direct-upload/complete", (route) => {
      const body = JSON.parse(route.request().postData()!) as { sha256: string };
      return route.continue({ postData: JSON.stringify({ ...body, sha256: "0".repeat(64) }) });
    });
    await fillUpload(page, "E2E不一致", file);
    await expect(page.getByTestId("upload-progress").getByRole("alert")).toHaveText(
      "保存されたファイルの SHA-256 が、送信したファイルと一致しませんでした。ファイルは登録していません。もう一度アップロードしてください。",
      { timeout: 30_000 },
    );
    await page.reload();
    await expect(page.getByTestId("admin-files")).not.toContainText("e2e-direct-mismatch.zip");
    await staffContext.close();
  });
});
