import { Button, Text } from "@react-email/components";
import { MailLayout, paragraph } from "./layout";

export type TemporaryPasswordMailProps = { email: string; temporaryPassword: string; loginUrl: string; expiresAt: string; siteName: string };

// M-1 【{vendor}】法人カスタマーサービス & サポート：仮パスワード発行 (SPEC A-3).
export default function TemporaryPasswordMail({ email, temporaryPassword, loginUrl, expiresAt, siteName }: TemporaryPasswordMailProps) {
  return (
    <MailLayout preview="仮パスワードを発行しました">
      <Text style={paragraph}>{email} さま</Text>
      <Text style={paragraph}>{siteName}の仮パスワードを発行しました。下記のログインURLからログインし、新しいパスワードを設定してください。</Text>
      <Text style={paragraph}>
        ログインURL：
        <br />
        {loginUrl}
      </Text>
      <Button href={loginUrl} style={{ backgroundColor: "#c8102e", color: "#ffffff", padding: "10px 20px", borderRadius: 4, fontWeight: 700 }}>
        ログイン画面を開く
      </Button>
      <Text style={{ ...paragraph, marginTop: 16 }}>
        ログインメールアドレス：{email}
        <br />
        仮パスワード：<span style={{ fontFamily: "monospace", fontSize: 16, fontWeight: 700 }}>{temporaryPassword}</span>
      </Text>
      <Text style={paragraph}>
        ※仮パスワードの有効期限は {expiresAt} までです。一度ログインに使用すると無効になります。
        <br />
        ※仮パスワードを再発行すると、以前の仮パスワードは使用できなくなります。
        <br />
        ※お心当たりのない場合は、本メールを破棄してください。現在のパスワードは引き続きご利用いただけます。
      </Text>
    </MailLayout>
  );
}

TemporaryPasswordMail.PreviewProps = {
  email: "user@example.co.jp",
  temporaryPassword: "Ab3dEf6hJk9mNp2q",
  loginUrl: "http://localhost:3000/login",
  expiresAt: "2026/11/25 12:00",
  siteName: "法人カスタマーサービス＆サポート",
} satisfies TemporaryPasswordMailProps;
