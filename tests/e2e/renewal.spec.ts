// In a real browser (SPEC B-4 参考更新価格を見る ① to ③): from the detail page's button through the
// confirmation screen and the successor choice to the quote PDF, whose text is read and whose page 1 is rendered and
// compared with the kept baseline (tests/fixtures/pdf/renewal-quote-100012-page1.png; the dates and the quote number
// change from run to run and are masked). The disabled button says why; crafted requests, another customer and a
// signed-out client get nothing and record nothing.
// Demo data (SPEC X-2): 100012 (Apex One + Apex Central, ~3 months left, two successors for Apex One), 100010 (more
// than a year left), 100004 (期限切れ), 100011 (マイグレートキット). Only this spec makes quotes.
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { baselineDifference, pdfText, QUOTE_MASK, renderPagePng } from "../support/pdf-tools";
import { customerLogIn } from "./fixtures";
import { actions } from "./manifests";
import { MAIN } from "./servers";
import { expect, test } from "./test";

const USER = "user@example.co.jp";
const BASELINE = "tests/fixtures/pdf/renewal-quote-100012-page1.png";
const DISCLAIMER =
  "定価での参考更新価格です。実際の購入価格とは異なる場合があります。詳細見積りご希望の場合は各販売店または弊社法人お問合せ窓口までご連絡ください。";

/** 100012's confirmation screen, reached from the detail page's button. */
async function openRenewal(page: Page) {
  await page.goto("/licenses/100012");
  await page.getByRole("link", { name: "参考更新価格算出" }).click();
  await expect(page).toHaveURL(/\/licenses\/100012\/renewal$/);
  await expect(page.getByRole("heading", { level: 1, name: "更新対象および更新後製品の確認" })).toBeVisible();
}

/**
 * Shows a quote with the given successor for Apex One: 「参考更新価格表示」 opens the quote's PDF in a tab of its own
 * (manual B-4 ③), and this page keeps the choice. Answers the PDF's path (inline) and the quote's number.
 */
async function showQuote(page: Page, successor: string): Promise<{ href: string; number: number }> {
  await page.getByRole("radio", { name: successor }).check();
  const opened = page.waitForEvent("popup");
  // The PDF's answer in that tab (a headless browser saves the PDF rather than showing it: the answer is what counts).
  const answered = page.context().waitForEvent("response", (response) => /\/renewal\/quotes\/\d+$/.test(response.url()));
  await page.getByRole("button", { name: "参考更新価格表示" }).click();
  const tab = await opened;
  const result = page.getByTestId("renewal-result");
  await expect(result.getByRole("status")).toContainText(/参考更新価格（見積番号 RQ-\d{8}）を作成しました。/);
  const number = Number(/RQ-(\d{8})/.exec((await result.getByRole("status").textContent())!)![1]);
  const href = (await result.getByRole("link", { name: "PDFを表示" }).getAttribute("href"))!;
  const pdf = await answered;
  expect(pdf.url()).toBe(`${MAIN.url}${href}`);
  expect(pdf.frame().page()).toBe(tab);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  await tab.close();
  // The choice stays made: the radios do not reset after the quote.
  await expect(page.getByRole("radio", { name: successor })).toBeChecked();
  return { href, number };
}

/** Posts the renewal action as `request`'s client with these fields (a crafted request: no browser in between). */
async function postRenewal(request: APIRequestContext, fields: Record<string, string>) {
  const action = actions.find((entry) => entry.name === "renewalQuoteAction");
  expect(action, "renewalQuoteAction in the build's manifest").toBeTruthy();
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(`_1_${key}`, value);
  form.append("0", '[{"status":"idle"},"$K1"]');
  return request.post(`${MAIN.url}${action!.endpoint}`, {
    maxRedirects: 0,
    headers: { "Next-Action": action!.id, Accept: "text/x-component", Origin: MAIN.url },
    multipart: form,
  });
}

test("B-4: 100012 → the second successor → the quote PDF with that successor, the quantities, the total and the disclaimer; page 1 like the baseline", async ({
  page,
}) => {
  await customerLogIn(page, USER, "203.0.113.120");
  await openRenewal(page);
  // 更新対象: the products and quantities as held, not editable; 更新後製品: Apex Central's one, Apex One's choice.
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expect(page.getByRole("spinbutton")).toHaveCount(0);
  const rows = page.locator("[data-testid^=renewal-line-]");
  await expect(rows.filter({ hasText: "Apex Central" })).toContainText("120");
  await expect(rows.filter({ hasText: "Apex One" }).first()).toContainText("120");
  await expect(page.getByRole("radio")).toHaveCount(2);
  await expect(page.getByRole("radio", { name: "Apex One SaaS" })).not.toBeChecked();
  await expect(page.getByRole("radio", { name: "Trend Vision One Endpoint Security Core" })).not.toBeChecked();
  const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
  expect(serious, "axe violations of impact serious/critical on the confirmation screen").toEqual([]);
  // Without a choice the form says so itself, under the choice (no browser bubble, no tab, no quote); the server
  // refuses it too (the crafted requests below).
  const quotesBefore = await page.getByTestId("renewal-quotes").locator("tbody tr").count();
  let popups = 0;
  page.on("popup", () => popups++);
  await page.getByRole("button", { name: "参考更新価格表示" }).click();
  const apexOneChoice = page.getByRole("radiogroup", { name: "Apex Oneの更新後製品" });
  await expect(apexOneChoice).toHaveAccessibleDescription("更新後製品を選択してください。");
  await expect(apexOneChoice).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("radio", { name: "Apex One SaaS" })).toBeFocused();
  await expect(page.getByTestId("renewal-result").getByRole("alert")).toHaveText("更新後製品を選択してください。");
  expect(popups).toBe(0);
  await page.reload();
  expect(await page.getByTestId("renewal-quotes").locator("tbody tr").count()).toBe(quotesBefore);

  const { href, number } = await showQuote(page, "Trend Vision One Endpoint Security Core");
  expect(href).toMatch(/^\/licenses\/100012\/renewal\/quotes\/\d+$/);
  await expect(apexOneChoice).not.toHaveAccessibleDescription("更新後製品を選択してください。");
  // The page's list of the customer's quotes has it at the top, with the successors it used and its total.
  const newest = page.getByTestId("renewal-quotes").getByRole("row").nth(1);
  await expect(newest).toContainText(`RQ-${String(number).padStart(8, "0")}`);
  await expect(newest.getByRole("cell").nth(2).getByRole("listitem")).toHaveText(["Trend Vision One Endpoint Security Core", "Apex Central"]);
  await expect(newest).toContainText("1,108,800円");
  const inline = await page.request.get(href);
  expect(inline.status()).toBe(200);
  expect(inline.headers()["content-type"]).toBe("application/pdf");
  expect(inline.headers()["content-disposition"]).toMatch(/^inline; filename="renewal-quote-100012-\d{8}\.pdf"$/);
  const pdf = await inline.body();
  const text = (await pdfText(pdf)).replace(/\s+/g, "");
  expect(text).toContain("ApexOneTrendVisionOneEndpointSecurityCore1207,200円864,000円");
  expect(text).toContain("ApexCentralApexCentral1201,200円144,000円");
  expect(text).toContain("小計1,008,000円");
  expect(text).toContain("消費税（10%）100,800円");
  expect(text).toContain("合計1,108,800円");
  expect(text).toContain(DISCLAIMER);
  expect(text).not.toContain("ApexOneSaaS");
  expect(baselineDifference(await renderPagePng(pdf, 1, 60, QUOTE_MASK), BASELINE)).toBeLessThan(0.002);

  // The second link saves it.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("renewal-result").getByRole("link", { name: "PDFをダウンロード" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^renewal-quote-100012-\d{8}\.pdf$/);
});

test("B-4: the disabled button says which condition failed (100010, 100004, 100011); the confirmation screen says so too", async ({ page }) => {
  await customerLogIn(page, USER, "203.0.113.121");
  for (const [licenseId, reason] of [
    [100010, "契約期間の残りが１年以上あるため、参考更新価格算出はご利用いただけません。"],
    [100004, "期限切れ契約のため、参考更新価格算出はご利用いただけません。"],
    [100011, "対象外製品（マイグレートキット、マイグレート更新）をご契約のため、参考更新価格算出はご利用いただけません。"],
  ] as const) {
    await page.goto(`/licenses/${licenseId}`);
    const button = page.getByRole("button", { name: "参考更新価格算出" });
    await expect(button, String(licenseId)).toBeDisabled();
    await expect(button).toHaveAccessibleDescription(new RegExp(`^${reason}`));
    await expect(page.getByRole("link", { name: "参考更新価格算出" })).toHaveCount(0);
    await page.goto(`/licenses/${licenseId}/renewal`);
    await expect(page.getByTestId("renewal-disabled-reason")).toContainText(reason);
    await expect(page.getByRole("button", { name: "参考更新価格表示" })).toHaveCount(0);
  }
});

test("B-4: a crafted request (a successor not offered, a changed quantity, an added product, an ineligible contract) gets and records nothing", async ({
  page,
}) => {
  await customerLogIn(page, USER, "203.0.113.122");
  await openRenewal(page);
  const lineId = (await page.getByRole("radio", { name: "Apex One SaaS" }).getAttribute("name"))!.replace("successor_", "");
  const { number: first } = await showQuote(page, "Apex One SaaS");
  const centralRow = page.locator("[data-testid^=renewal-line-]").filter({ hasText: "Apex Central" });
  const centralLine = (await centralRow.getAttribute("data-testid"))!.replace("renewal-line-", "");
  const crafted: Record<string, string>[] = [
    { licenseId: "100012", [`successor_${lineId}`]: "APEX_ONE" },
    { licenseId: "100012", [`successor_${lineId}`]: "DDI" },
    { licenseId: "100012", [`successor_${lineId}`]: "V1_ES_CORE", [`quantity_${lineId}`]: "999" },
    { licenseId: "100012", [`successor_${lineId}`]: "V1_ES_CORE", quantity: "1" },
    { licenseId: "100012", [`successor_${lineId}`]: "V1_ES_CORE", [`successor_${centralLine}`]: "V1_ES_CORE" },
    { licenseId: "100012", [`successor_${lineId}`]: "V1_ES_CORE", successor_1: "APEX_CENTRAL" },
    { licenseId: "100012" },
    { licenseId: "100010" },
    { licenseId: "100011" },
  ];
  // No choice where there are several: the server answers with the form's own message (not a generic refusal).
  expect(await (await postRenewal(page.request, { licenseId: "100012" })).text()).toContain("更新後製品を選択してください。");
  for (const fields of crafted) {
    const answer = await postRenewal(page.request, fields);
    const body = await answer.text();
    expect(answer.status(), JSON.stringify(fields)).toBeLessThan(500);
    expect(body, JSON.stringify(fields)).not.toMatch(/RQ-\d{8}/);
    expect(body, JSON.stringify(fields)).toMatch(
      /更新後製品の選択内容を確認してください。|更新後製品を選択してください。|参考更新価格算出はご利用いただけません。/,
    );
  }
  // Nothing was recorded: the next quote has the very next number (only this spec makes quotes, one test at a time).
  await page.reload();
  const { number: next } = await showQuote(page, "Trend Vision One Endpoint Security Core");
  expect(next).toBe(first + 1);
});

test("B-4: another customer and a signed-out client get nothing of 100012's renewal or of its quote", async ({ page, browser }) => {
  await customerLogIn(page, USER, "203.0.113.123");
  await openRenewal(page);
  const lineId = (await page.getByRole("radio", { name: "Apex One SaaS" }).getAttribute("name"))!.replace("successor_", "");
  const { href, number } = await showQuote(page, "Apex One SaaS");

  const otherContext = await browser.newContext({ baseURL: MAIN.url });
  const other = await otherContext.newPage();
  await customerLogIn(other, "other@example.co.jp", "203.0.113.124");
  expect((await other.request.get("/licenses/100012/renewal", { maxRedirects: 0 })).status()).toBe(404);
  const stolen = await other.request.get(href, { maxRedirects: 0 });
  expect(stolen.status()).toBe(404);
  expect(await stolen.text()).not.toContain("%PDF");
  // other@'s own contract under the quote's path, and the quote under other@'s contract: still nothing.
  expect((await other.request.get(href.replace("/licenses/100012/", "/licenses/200001/"), { maxRedirects: 0 })).status()).toBe(404);
  const answer = await postRenewal(other.request, { licenseId: "100012", [`successor_${lineId}`]: "APEX_ONE_SAAS" });
  expect(answer.status()).toBeLessThan(500);
  const body = await answer.text();
  expect(body).not.toMatch(/RQ-\d{8}|Apex One|テストユーザ/);
  await otherContext.close();

  const anonymous = await browser.newContext({ baseURL: MAIN.url });
  const page2 = await anonymous.newPage();
  const response = await page2.goto("/licenses/100012/renewal");
  expect(response!.url()).toContain(`/login?callbackUrl=${encodeURIComponent("/licenses/100012/renewal")}`);
  expect((await anonymous.request.get(href, { maxRedirects: 0 })).status()).toBe(404);
  const signedOut = await postRenewal(anonymous.request, { licenseId: "100012", [`successor_${lineId}`]: "APEX_ONE_SAAS" });
  expect(signedOut.headers()["x-action-redirect"] ?? signedOut.headers()["location"] ?? "").toMatch(/^\/login/);
  expect(await signedOut.text()).not.toMatch(/RQ-\d{8}/);
  await anonymous.close();

  // None of it made a quote.
  await page.reload();
  const { number: next } = await showQuote(page, "Apex One SaaS");
  expect(next).toBe(number + 1);
});
