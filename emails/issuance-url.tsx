import { Link, Section, Text } from "@react-email/components";
import { translator } from "@/lib/i18n";
import { MailLayout, paragraph } from "./layout";

export type IssuanceUrlItem = { productName: string; quantity: string };
export type IssuanceUrlMailProps = {
  /** What is issued, as in the subject: 「Apex One/ウイルスバスターCorp. 用アクティベーションコード」 … */
  title: string;
  /** 「アクティベーションコード」, or 「シリアル番号」 for C-2. */
  codeLabel: string;
  licenseId: number;
  requestedAt: string;
  items: IssuanceUrlItem[];
  contactEmail: string;
  url: string;
  expiresAt: string;
  siteName: string;
};

const cell = { fontSize: 13, lineHeight: "20px", padding: "4px 8px", borderBottom: "1px solid #d0d7de", verticalAlign: "top" } as const;

// M-5 / M-7 / M-10 …発行URLのご連絡 (SPEC C-1, C-2, C-4; manual (10)–(11)): the identity check, to the 連絡先 and the
// login address. Nothing is issued yet: the codes come after the URL is opened and 「発行を依頼する」 is pressed.
export default function IssuanceUrlMail({ title, codeLabel, licenseId, requestedAt, items, contactEmail, url, expiresAt, siteName }: IssuanceUrlMailProps) {
  const t = translator("ja", "mail");
  return (
    <MailLayout preview={t("issuance.url.preview", { title })}>
      <Text style={paragraph}>{t("common.toContact")}</Text>
      <Text style={paragraph}>{t("issuance.url.lead", { siteName, licenseId: String(licenseId), title, requestedAt })}</Text>
      <Section>
        <table data-text-format="dataTable" style={{ borderCollapse: "collapse", width: "100%", margin: "0 0 12px" }}>
          <thead>
            <tr>
              <th style={{ ...cell, textAlign: "left" }}>{t("issuance.product")}</th>
              <th style={{ ...cell, textAlign: "right" }}>{t("issuance.quantity")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item, index) => (
              <tr key={`${index}-${item.productName}`}>
                <td style={cell}>{item.productName}</td>
                <td style={{ ...cell, textAlign: "right" }}>{item.quantity}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Text style={paragraph}>{t("issuance.url.contactEmail", { email: contactEmail })}</Text>
      <Text style={paragraph}>{t("issuance.url.notYet", { codeLabel })}</Text>
      <Text style={paragraph}>
        {t("issuance.url.urlLabel")}
        <br />
        <Link href={url} style={{ color: "#0b5cad", textDecoration: "underline", wordBreak: "break-all" }}>
          {url}
        </Link>
      </Text>
      <Text style={paragraph}>
        {t("issuance.url.validUntil", { expiresAt })}
        <br />
        {t("issuance.url.signIn")}
        <br />
        {t("issuance.url.resend", { siteName })}
      </Text>
      <Text style={paragraph}>{t("common.notYou")}</Text>
    </MailLayout>
  );
}

IssuanceUrlMail.PreviewProps = {
  title: "Apex One/ウイルスバスターCorp. 用アクティベーションコード",
  codeLabel: "アクティベーションコード",
  licenseId: 100001,
  requestedAt: "2026/12/01 10:00",
  items: [{ productName: "Apex One", quantity: "50" }],
  contactEmail: "user@example.co.jp",
  url: "http://localhost:3000/activation-codes/apex-one?token=0123456789abcdef0123456789abcdef",
  expiresAt: "2026/12/04 10:00",
  siteName: "法人カスタマーサービス＆サポート",
} satisfies IssuanceUrlMailProps;
