import { Section, Text } from "@react-email/components";
import { MailLayout, paragraph } from "./layout";

export type ApexCentralCodeMailProps = {
  licenseId: number;
  productName: string;
  quantity: string;
  code: string;
  supportEndDate: string;
  issuedAt: string;
  siteName: string;
};

const cell = { fontSize: 13, lineHeight: "20px", padding: "4px 8px", borderBottom: "1px solid #d0d7de", verticalAlign: "top" } as const;

// M-9 {vendor}製品用アクティベーションコードのご案内 (SPEC C-3; manual (7)–(8)): the Apex Central code, to the login
// address.
export default function ApexCentralCodeMail({ licenseId, productName, quantity, code, supportEndDate, issuedAt, siteName }: ApexCentralCodeMailProps) {
  const rows = [
    { label: "製品", value: productName },
    { label: "数量", value: quantity },
    { label: "アクティベーションコード", value: code },
    { label: "サポート終了日", value: supportEndDate },
  ];
  return (
    <MailLayout preview="アクティベーションコードのご案内">
      <Text style={paragraph}>ご担当者さま</Text>
      <Text style={paragraph}>
        {`${siteName}にて、ライセンスID ${licenseId} の${productName}のアクティベーションコードを発行いたしました（${issuedAt}）。内容は下記のとおりです。`}
      </Text>
      <Section>
        <table data-text-format="dataTable" style={{ borderCollapse: "collapse", width: "100%", margin: "0 0 12px" }}>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th style={{ ...cell, textAlign: "left", whiteSpace: "nowrap", width: "40%" }}>{row.label}</th>
                <td style={cell}>
                  {row.label === "アクティベーションコード" ? (
                    <span style={{ fontFamily: "monospace", fontSize: 14, fontWeight: 700, wordBreak: "break-all" }}>{row.value}</span>
                  ) : (
                    row.value
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Text style={paragraph}>※アクティベーションコードは製品のご利用に必要な大切な情報です。第三者に知られることのないよう、大切に保管してください。</Text>
      <Text style={paragraph}>※このメールにお心当たりのない場合は、お手数ですが下記のお問い合わせ窓口までご連絡ください。</Text>
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
