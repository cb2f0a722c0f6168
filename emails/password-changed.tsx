import { Text } from "@react-email/components";
import { MailLayout, paragraph } from "./layout";

export type PasswordChangedMailProps = { email: string; changedAt: string; siteName: string; contactPhone: string };

// M-2 【{vendor}】法人カスタマーサービス & サポート：パスワード変更完了のお知らせ (SPEC A-4, E-1).
export default function PasswordChangedMail({ email, changedAt, siteName, contactPhone }: PasswordChangedMailProps) {
  return (
    <MailLayout preview="パスワード変更完了のお知らせ">
      <Text style={paragraph}>{email} さま</Text>
      <Text style={paragraph}>
        {siteName}のログインパスワードの変更が完了しました（{changedAt}）。引き続き{siteName}の各サービスメニューをご利用ください。
      </Text>
      <Text style={paragraph}>
        ※このメールにお心当たりのない場合は、第三者による不正な変更のおそれがあります。お手数ですが、お問い合わせ窓口（{contactPhone}）までご連絡ください。
      </Text>
    </MailLayout>
  );
}

PasswordChangedMail.PreviewProps = {
  email: "user@example.co.jp",
  changedAt: "2026/11/24 12:00",
  siteName: "法人カスタマーサービス＆サポート",
  contactPhone: "03-4330-7601",
} satisfies PasswordChangedMailProps;
