import { Link, Section, Text } from "@react-email/components";
import { translator } from "@/lib/i18n";
import { MailLayout, paragraph } from "./layout";

export type IssuedCodeItem = { productName: string; quantity: string; code: string };
export type IssuanceCompleteMailProps = {
  /** What was issued, as in the subject: 「Apex One/ウイルスバスターCorp. 用アクティベーションコード」 … */
  title: string;
  /** 「アクティベーションコード」, or 「シリアル番号」 for C-2. */
  codeLabel: string;
  licenseId: number;
  issuedAt: string;
  items: IssuedCodeItem[];
  /** B-2, where the issued codes are listed as owned products of the contract. */
  detailUrl: string;
  siteName: string;
};

const cell = { fontSize: 13, lineHeight: "20px", padding: "4px 8px", borderBottom: "1px solid #d0d7de", verticalAlign: "top" } as const;
const code = { fontFamily: "monospace", fontSize: 14, fontWeight: 700, wordBreak: "break-all" } as const;

// M-6 / M-8 / M-11 …発行完了のご連絡 (SPEC C-1, C-2, C-4; manual (13)–(14)): the issued codes, to the 連絡先 and the
// login address.
export default function IssuanceCompleteMail({ title, codeLabel, licenseId, issuedAt, items, detailUrl, siteName }: IssuanceCompleteMailProps) {
  const t = translator("ja", "mail");
  return (
    <MailLayout preview={t("issuance.complete.preview", { title })}>
      <Text style={paragraph}>{t("common.toContact")}</Text>
      <Text style={paragraph}>{t("issuance.complete.lead", { siteName, licenseId: String(licenseId), title, issuedAt, codeLabel })}</Text>
      <Section>
        <table data-text-format="dataTable" style={{ borderCollapse: "collapse", width: "100%", margin: "0 0 12px" }}>
          <thead>
            <tr>
              <th style={{ ...cell, textAlign: "left" }}>{t("issuance.product")}</th>
              <th style={{ ...cell, textAlign: "right" }}>{t("issuance.quantity")}</th>
              <th style={{ ...cell, textAlign: "left" }}>{codeLabel}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.code}>
                <td style={cell}>{item.productName}</td>
                <td style={{ ...cell, textAlign: "right" }}>{item.quantity}</td>
                <td style={cell}>
                  <span style={code}>{item.code}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Text style={paragraph}>
        {t("issuance.complete.detail", { codeLabel, siteName, licenseId: String(licenseId) })}
        <br />
        <Link href={detailUrl} style={{ color: "#0b5cad", textDecoration: "underline", wordBreak: "break-all" }}>
          {detailUrl}
        </Link>
      </Text>
      <Text style={paragraph}>{t("issuance.keepSafe", { codeLabel })}</Text>
      <Text style={paragraph}>{t("common.notYou")}</Text>
    </MailLayout>
  );
}

IssuanceCompleteMail.PreviewProps = {
  title: "Apex One/ウイルスバスターCorp. 用アクティベーションコード",
  codeLabel: "アクティベーションコード",
  licenseId: 100001,
  issuedAt: "2026/12/01 10:05",
  items: [{ productName: "Apex One", quantity: "50", code: "AO-AB12-CD34E-FG56H-JK78L-MN90P-QR12S" }],
  detailUrl: "http://localhost:3000/licenses/100001",
  siteName: "法人カスタマーサービス＆サポート",
} satisfies IssuanceCompleteMailProps;
