import { Button, Text } from "@react-email/components";
import { translator } from "@/lib/i18n";
import { Lines, MailLayout, paragraph } from "./layout";

export type TemporaryPasswordMailProps = { email: string; temporaryPassword: string; loginUrl: string; expiresAt: string; siteName: string };

// M-1 【{vendor}】法人カスタマーサービス & サポート：仮パスワード発行 (SPEC A-3).
export default function TemporaryPasswordMail({ email, temporaryPassword, loginUrl, expiresAt, siteName }: TemporaryPasswordMailProps) {
  const t = translator("ja", "mail");
  return (
    <MailLayout preview={t("temporaryPassword.preview")}>
      <Text style={paragraph}>{t("common.toPerson", { name: email })}</Text>
      <Text style={paragraph}>{t("temporaryPassword.lead", { siteName })}</Text>
      <Lines>
        {t("temporaryPassword.loginUrl")}
        {loginUrl}
      </Lines>
      <Button href={loginUrl} style={{ backgroundColor: "#c8102e", color: "#ffffff", padding: "10px 20px", borderRadius: 4, fontWeight: 700 }}>
        {t("temporaryPassword.open")}
      </Button>
      <Lines style={{ ...paragraph, marginTop: 16 }}>
        {t("temporaryPassword.loginEmail", { email })}
        <>
          {t("temporaryPassword.password")}
          <span style={{ fontFamily: "monospace", fontSize: 16, fontWeight: 700 }}>{temporaryPassword}</span>
        </>
      </Lines>
      <Lines>
        {t("temporaryPassword.validUntil", { expiresAt })}
        {t("temporaryPassword.reissue")}
        {t("temporaryPassword.notYou")}
      </Lines>
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
