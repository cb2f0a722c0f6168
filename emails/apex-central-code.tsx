import { Section, Text } from "@react-email/components";
import { translator } from "@/lib/i18n";
import { MailLayout, paragraph } from "./layout";
import { cell, codeStyle } from "./table";

export type ApexCentralCodeMailProps = {
  licenseId: number;
  productName: string;
  quantity: string;
  code: string;
  supportEndDate: string;
  issuedAt: string;
  siteName: string;
};

// M-9 {vendor}製品用アクティベーションコードのご案内 (SPEC C-3; manual (7)–(8)): the Apex Central code, to the login
// address.
export default function ApexCentralCodeMail({ licenseId, productName, quantity, code, supportEndDate, issuedAt, siteName }: ApexCentralCodeMailProps) {
  const t = translator("ja", "mail");
  const rows = [
    { key: "product", label: t("apexCentral.product"), value: productName },
    { key: "quantity", label: t("apexCentral.quantity"), value: quantity },
    { key: "code", label: t("apexCentral.code"), value: code },
    { key: "supportEndDate", label: t("apexCentral.supportEndDate"), value: supportEndDate },
  ];
  return (
    <MailLayout preview={t("apexCentral.preview")}>
      <Text style={paragraph}>{t("common.toContact")}</Text>
      <Text style={paragraph}>{t("apexCentral.lead", { siteName, licenseId: String(licenseId), productName, issuedAt })}</Text>
      <Section>
        <table data-text-format="rows" style={{ borderCollapse: "collapse", width: "100%", margin: "0 0 12px" }}>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th style={{ ...cell, textAlign: "left", whiteSpace: "nowrap", width: "40%" }}>{row.label}</th>
                <td style={cell}>{row.key === "code" ? <span style={codeStyle}>{row.value}</span> : row.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Text style={paragraph}>{t("issuance.keepSafe", { codeLabel: t("apexCentral.code") })}</Text>
      <Text style={paragraph}>{t("common.notYou")}</Text>
    </MailLayout>
  );
}

ApexCentralCodeMail.PreviewProps = {
  licenseId: 100003,
  productName: "Apex Central",
  quantity: "1",
  code: "AC-AB12-CD34E-FG56H-JK78L-MN90P-QR12S",
  supportEndDate: "2027/06/30",
  issuedAt: "2026/12/01 10:00",
  siteName: "法人カスタマーサービス＆サポート",
} satisfies ApexCentralCodeMailProps;
