// Issue 29, item 22: the download lists (SPEC D) — the shared table head keeps each header on one line, D-4's 製品
// column names the product (not the file again), and the demo's documents carry their whole title.
import { PDFDocument } from "pdf-lib";
import { customerLogIn } from "./fixtures";
import { expect, test } from "./test";
import { pdfText } from "../support/pdf-tools";

const USER = "user@example.co.jp";

test("the table heads of the download lists and the licence list keep each header on one line (1280 px)", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await customerLogIn(page, USER, "203.0.113.211");
  for (const path of ["/downloads/patterns", "/downloads/deep-discovery", "/licenses"]) {
    await page.goto(path);
    const headers = await page.locator("main table thead th").evaluateAll((cells) =>
      cells.map((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        return { text: (cell.textContent ?? "").trim(), lines: tops.size };
      }),
    );
    expect(headers.filter((h) => h.text).length, `${path}: headers`).toBeGreaterThanOrEqual(4);
    for (const header of headers.filter((h) => h.text)) expect(header.lines, `${path}: 「${header.text}」 on one line`).toBe(1);
  }
});

test("D-4: the 製品 column names the product each pattern file is for, not the file's own name", async ({ page }) => {
  await customerLogIn(page, USER, "203.0.113.212");
  await page.goto("/downloads/patterns");
  const table = page.getByTestId("download-files");
  const columns = await table.locator("thead th").allTextContents();
  const product = columns.indexOf("製品");
  const title = columns.indexOf("ファイル");
  expect(product, "a 製品 column").toBeGreaterThanOrEqual(0);
  expect(title, "a ファイル column").toBeGreaterThanOrEqual(0);
  const rows = table.locator("tbody tr");
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) {
    const cells = row.locator("td");
    const productText = (await cells.nth(product).textContent())!.trim();
    // The title cell: the title, and the file name under it.
    const [titleText, fileName] = await cells
      .nth(title)
      .evaluate((cell) => [cell.querySelector(".cell-value")!.firstChild!.textContent!.trim(), cell.querySelector("span")!.textContent!.trim()]);
    expect(productText).toBe("Apex One / ウイルスバスター コーポレートエディション");
    expect(productText).not.toBe(titleText);
    expect(productText).not.toBe(fileName);
  }
});

test("the demo document /downloads/files/2 carries its whole title: 「Deep Discovery Inspector 6.8 インストールガイド」", async ({ page }) => {
  await customerLogIn(page, USER, "203.0.113.213");
  const response = await page.request.get("/downloads/files/2");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/pdf");
  const bytes = await response.body();
  expect((await pdfText(bytes)).replace(/\s+/g, " ")).toContain("Deep Discovery Inspector 6.8 インストールガイド");
  expect((await PDFDocument.load(bytes, { updateMetadata: false })).getTitle()).toBe("Deep Discovery Inspector 6.8 インストールガイド");
});
