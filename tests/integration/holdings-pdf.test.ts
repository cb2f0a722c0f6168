import path from "node:path";
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { DEMO_USER, demoCodeFor, seedDemo } from "@/lib/demo/seed";
import { now, setClock } from "@/lib/clock";
import { formatActivationCode } from "@/lib/licenses/activation-code";
import { holdingsRowsPerPage, renderHoldingsPdf } from "@/lib/licenses/holdings-pdf";
import { getVisibleContract } from "@/lib/licenses/queries";
import { createContract } from "../support/factories";
import { baselineDifference, pdfPageCount, pdfText, renderPagePng } from "../support/pdf-tools";

// A fixed day: the demo dates and the output date, hence the rendering, are the same on every run.
const FIXED = new Date("2026-11-24T03:00:00Z");
const BASELINE = path.join("tests", "fixtures", "pdf", "license-100001-page1.png");

beforeAll(async () => {
  setClock(FIXED);
  await seedDemo(await getDb());
});

async function pdfOf(licenseId: number, email = DEMO_USER, locale: "ja" | "en" = "ja") {
  setClock(FIXED);
  const contract = await getVisibleContract({ actor: { email }, licenseId });
  if (!contract) throw new Error(`${licenseId} not visible`);
  return { contract, pdf: await renderHoldingsPdf(contract, locale, now()) };
}

// Japanese script, as tests/e2e/language.ts reads it: CJK punctuation, kana, ideographs, full-width forms and ※.
const JAPANESE = /[\u203B\u3000-\u30FF\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+/gu;

describe("B-3 holdings PDF", () => {
  it("embeds the Japanese font as one OpenType CFF CIDFont (not mislabelled as TrueType)", async () => {
    const { pdf } = await pdfOf(100001);
    const doc = await PDFDocument.load(pdf);
    const objects = doc.context.enumerateIndirectObjects().map(([, o]) => o);
    const dicts = objects.map((o) => (o instanceof PDFDict ? o : o instanceof PDFRawStream ? o.dict : undefined)).filter((d): d is PDFDict => d !== undefined);
    const subtype = (d: PDFDict) => d.get(PDFName.of("Subtype"))?.toString();
    expect(
      dicts
        .filter((d) => d.get(PDFName.of("Type"))?.toString() === "/Font")
        .map(subtype)
        .sort(),
    ).toEqual(["/CIDFontType0", "/Type0"]);
    const descriptors = dicts.filter((d) => d.get(PDFName.of("Type"))?.toString() === "/FontDescriptor");
    expect(descriptors).toHaveLength(1);
    expect(descriptors[0]!.has(PDFName.of("FontFile3"))).toBe(true);
    expect(descriptors[0]!.has(PDFName.of("FontFile2"))).toBe(false);
    expect(dicts.filter((d) => subtype(d) === "/OpenType")).toHaveLength(1);
  });

  it("puts the contacts on page 1 and the lines after, in under 100 KB", async () => {
    const { pdf } = await pdfOf(100001);
    expect(pdf.byteLength).toBeLessThan(100 * 1024);
    {
      expect(await pdfPageCount(pdf)).toBe(2);
      const first = await pdfText(pdf, 1, 1);
      for (const text of [
        "法人カスタマーサービス＆サポート",
        "ライセンスID：100001",
        "出力日：2026/11/24",
        "契約窓口情報",
        "サポート窓口情報",
        "テストユーザ株式会社",
        "試験 太郎",
        "支援 花子",
        "support-desk@example.co.jp",
        "千代田区丸の内一丁目1番1号",
      ]) {
        expect(first, text).toContain(text);
      }
      // Page numbers: pdftotext drops the spaces of "1 / 2" (they carry no ink).
      expect(first).toMatch(/^\s*1\s*\/\s*2\s*$/m);
      const second = await pdfText(pdf, 2, 2);
      expect(second).toContain("保有製品情報");
      // A long product name wraps onto two lines of its row; pdftotext reads the halves apart.
      expect(second.replace(/\s+/g, "")).toContain("ウイルスバスターコーポレートエディションPlus");
      expect(second).toContain(demoCodeFor(100001).code);
      expect(second).toMatch(/^\s*2\s*\/\s*2\s*$/m);
    }
  });

  it("spreads 120 product lines over as many pages as they need, every line present", async () => {
    // A contract of its own (tests/support/factories.ts), not a demo row topped up and left so.
    setClock(FIXED);
    // Among them the widest code there can be (every character a W) and the narrowest (every character an I): Noto
    // Sans JP is proportional, and a code must never be cut, however its letters fall.
    const widest = `WW${"W".repeat(29)}`;
    const narrowest = `II${"I".repeat(29)}`;
    const created = await createContract({
      lines: Array.from({ length: 120 }, (_, i) => ({
        quantity: i + 1,
        ...(i === 40 ? { activationCodeKey: widest } : i === 41 ? { activationCodeKey: narrowest } : {}),
      })),
    });
    const codes = created.lines.slice(1);
    const { contract, pdf } = await pdfOf(created.licenseId, created.contractEmail);
    expect(contract.lines).toHaveLength(120);
    {
      const expectedPages = 1 + Math.ceil(120 / holdingsRowsPerPage());
      expect(await pdfPageCount(pdf)).toBe(expectedPages);
      const lines = await pdfText(pdf, 2);
      for (const line of contract.lines) expect(lines, line.activationCode!).toContain(line.activationCode!);
      expect(lines).toContain(formatActivationCode(widest));
      expect(lines).toContain(formatActivationCode(narrowest));
      expect(await pdfText(pdf, 1, 1)).not.toContain(codes[0]!.code);
      expect(await pdfText(pdf, expectedPages, expectedPages)).toMatch(new RegExp(`^\\s*${expectedPages}\\s*/\\s*${expectedPages}\\s*$`, "m"));
    }
  });

  it("in English: the labels, the header and the punctuation are English; Japanese only in the contract's data (X-5)", async () => {
    const { contract, pdf } = await pdfOf(100001, DEMO_USER, "en");
    const text = await pdfText(pdf);
    for (const expected of ["Corporate Customer Service & Support", "License ID: 100001", "Output date: 2026/11/24", "Contract contact", "Support contact"]) {
      expect(text, expected).toContain(expected);
    }
    // Every run of Japanese in the text is part of a value the contract holds (names, addresses, products), which
    // the PDF shows as stored; pdftotext may break a wrapped value apart, so the runs are looked for in the data.
    const data = [contract.productName, ...contract.lines.map((line) => line.productName)];
    for (const contact of [contract.contractContact, contract.supportContact])
      data.push(contact.companyName, contact.branchName ?? "", contact.department ?? "", contact.personName, contact.prefecture ?? "", contact.address ?? "");
    const values = data.join("\n").replace(/\s+/g, "");
    const outside = (text.match(JAPANESE) ?? []).filter((run) => !values.includes(run));
    expect(outside).toEqual([]);
    // The control: the Japanese PDF of the same contract has Japanese outside its data (its labels).
    const japanese = await pdfText((await pdfOf(100001)).pdf);
    expect((japanese.match(JAPANESE) ?? []).filter((run) => !values.includes(run)).join(" ")).toContain("出力日");
  });

  it("renders page 1 like the kept PNG baseline", async () => {
    const { pdf } = await pdfOf(100001);
    expect(baselineDifference(await renderPagePng(pdf, 1), BASELINE)).toBeLessThan(0.002);
  });
});
