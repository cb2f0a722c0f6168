import { render, toPlainText } from "@react-email/render";
import { describe, expect, it } from "vitest";
import { apexCentralCodeMail, issuanceCompleteMail, issuanceUrlMail, type IssuanceKind } from "@/lib/issuance/mails";
import type { MailMessage } from "@/lib/mail/outbox";

// SPEC M-5 … M-11: subjects, senders and recipients of the manual, and the URL / codes in both the HTML and the plain
// text part (rendered as enqueueMail renders them; nothing is enqueued here).

async function rendered(message: MailMessage) {
  const html = await render(message.body);
  return { html, text: toPlainText(html) };
}

/** Every one of the texts in both parts of the mail, the HTML and the plain text. */
function expectInBothParts({ html, text }: { html: string; text: string }, texts: string[]) {
  for (const part of [html, text]) for (const expected of texts) expect(part).toContain(expected);
}

const to = ["contact@example.co.jp", "user@example.co.jp"];
// The license both mails of a request are about, and their recipients.
const license = { to, licenseId: 100001 };
const requestedAt = new Date("2026-12-01T01:00:00Z"); // 2026/12/01 10:00 in Tokyo
const expiresAt = new Date("2026-12-04T01:00:00Z");
const issuedAt = new Date("2026-12-01T01:05:00Z");
const url = "http://localhost:3000/activation-codes/apex-one?token=Zm9vYmFyYmF6cXV4cXV1eGNvcmdl";
const codes = ["AO-AB12-CD34E-FG56H-JK78L-MN90P-QR12S", "AO-ZY98-XW76V-UT54S-RQ32P-ON10M-LK98J"];

const cases: { kind: IssuanceKind; url: [string, string]; complete: [string, string]; label: string }[] = [
  {
    kind: "apex_one",
    url: ["M-5", "【トレンドマイクロ】Apex One/ウイルスバスターCorp. 用アクティベーションコード発行URLのご連絡"],
    complete: ["M-6", "【トレンドマイクロ】Apex One/ウイルスバスターCorp. 用アクティベーションコード発行完了のご連絡"],
    label: "アクティベーションコード",
  },
  {
    kind: "virus_buster",
    url: ["M-7", "【トレンドマイクロ】法人用ウイルスバスターシリアル番号発行URLのご連絡"],
    complete: ["M-8", "【トレンドマイクロ】法人用ウイルスバスターシリアル番号発行完了のご連絡"],
    label: "シリアル番号",
  },
  {
    kind: "offline",
    url: ["M-10", "【トレンドマイクロ】オフライン用アクティベーションコード発行URLのご連絡"],
    complete: ["M-11", "【トレンドマイクロ】オフライン用アクティベーションコード発行完了のご連絡"],
    label: "アクティベーションコード",
  },
];

describe("issuance URL mails (M-5, M-7, M-10)", () => {
  it.each(cases)("$kind: $url.0 with the URL, the request and its limits", async ({ kind, url: [template, subject], label }) => {
    const message = issuanceUrlMail({
      kind,
      ...license,
      url,
      expiresAt,
      items: [
        { productName: "Apex One", quantity: 1500 },
        { productName: "Apex One Server", quantity: 2 },
      ],
      contactEmail: "contact@example.co.jp",
      requestedAt,
    });
    expect(message).toMatchObject({ template, subject, from: "operation_team@trendmicro.co.jp", to });

    const { html, text } = await rendered(message);
    expect(html).toContain(`href="${url.replaceAll("&", "&amp;")}"`);
    expectInBothParts({ html, text }, [
      url,
      "ライセンスID 100001",
      "Apex One Server",
      "1,500",
      "contact@example.co.jp",
      "2026/12/01 10:00",
      "2026/12/04 10:00",
      "「発行を依頼する」",
      `${label}はまだ発行されていません`,
    ]);
    expect(text).toContain("法人カスタマーサービス＆サポート");
    expect(text).toContain("※このメールにお心当たりのない場合は");
    if (kind === "virus_buster") expect(text).not.toContain("アクティベーションコード");
  });
});

describe("issuance complete mails (M-6, M-8, M-11)", () => {
  it.each(cases)("$kind: $complete.0 with every code", async ({ kind, complete: [template, subject], label }) => {
    const message = issuanceCompleteMail({
      kind,
      ...license,
      items: [
        { productName: "Apex One", quantity: 50, code: codes[0]! },
        { productName: "Apex One Server", quantity: 2, code: codes[1]! },
      ],
      issuedAt,
    });
    expect(message).toMatchObject({ template, subject, from: "operation_team@trendmicro.co.jp", to });

    const { html, text } = await rendered(message);
    expectInBothParts({ html, text }, [
      ...codes,
      "ライセンスID 100001",
      "Apex One Server",
      "2026/12/01 10:05",
      `${label}を発行いたしました`,
      "ライセンス契約情報",
      "http://localhost:3000/licenses/100001",
    ]);
    expect(html).toContain(`>${label}</th>`);
    if (kind === "virus_buster") expect(text).not.toContain("アクティベーションコード");
  });
});

describe("Apex Central code mail (M-9)", () => {
  it("comes from sales@ to the login address with the code, quantity and support end date", async () => {
    const code = "AC-AB12-CD34E-FG56H-JK78L-MN90P-QR12S";
    const message = apexCentralCodeMail({
      to: ["user@example.co.jp"],
      licenseId: 100003,
      productName: "Apex Central",
      quantity: 1000,
      code,
      supportEndDate: "2027-06-30",
      issuedAt,
    });
    expect(message).toMatchObject({
      template: "M-9",
      subject: "トレンドマイクロ製品用アクティベーションコードのご案内",
      from: "sales@trendmicro.co.jp",
      to: ["user@example.co.jp"],
    });

    const { html, text } = await rendered(message);
    expectInBothParts({ html, text }, [code, "ライセンスID 100003", "Apex Central", "1,000", "サポート終了日", "2027/06/30", "大切に保管してください"]);
  });
});
