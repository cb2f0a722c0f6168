import { Link, Section, Text } from "@react-email/components";
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
  return (
    <MailLayout preview={`${title}発行URLのご連絡`}>
      <Text style={paragraph}>ご担当者さま</Text>
      <Text style={paragraph}>
        {`${siteName}にて、ライセンスID ${licenseId} の${title}の発行依頼を受け付けました（${requestedAt}）。ご依頼の内容は下記のとおりです。`}
      </Text>
      <Section>
        <table data-text-format="dataTable" style={{ borderCollapse: "collapse", width: "100%", margin: "0 0 12px" }}>
          <thead>
            <tr>
              <th style={{ ...cell, textAlign: "left" }}>製品</th>
              <th style={{ ...cell, textAlign: "right" }}>数量</th>
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
      <Text style={paragraph}>{`連絡先メールアドレス：${contactEmail}`}</Text>
      <Text style={paragraph}>
        {`${codeLabel}はまだ発行されていません。下記の発行URLを開き、ご依頼の内容をご確認の上、「発行を依頼する」ボタンを押してください。`}
      </Text>
      <Text style={paragraph}>
        発行URL：
        <br />
        <Link href={url} style={{ color: "#0b5cad", textDecoration: "underline", wordBreak: "break-all" }}>
          {url}
        </Link>
      </Text>
      <Text style={paragraph}>
        {`※発行URLの有効期限は ${expiresAt} までです。発行URLは一度だけご利用いただけます。`}
        <br />
        ※発行URLを開くには、発行をご依頼いただいたアカウントでのログインが必要です。
        <br />
        {`※有効期限を過ぎた場合は、${siteName}のライセンス契約情報の詳細画面から発行URLを再送できます（再度ご依頼いただくこともできます）。`}
      </Text>
      <Text style={paragraph}>※このメールにお心当たりのない場合は、お手数ですが下記のお問い合わせ窓口までご連絡ください。</Text>
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
