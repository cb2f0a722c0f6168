import { Text } from "@react-email/components";
import { translator } from "@/lib/i18n";
import { MailLayout, paragraph } from "./layout";

export type PasswordChangedMailProps = { email: string; changedAt: string; siteName: string; contactPhone: string };

// M-2 【{vendor}】法人カスタマーサービス & サポート：パスワード変更完了のお知らせ (SPEC A-4, E-1).
export default function PasswordChangedMail({ email, changedAt, siteName, contactPhone }: PasswordChangedMailProps) {
  const t = translator("ja", "mail");
  return (
    <MailLayout preview={t("passwordChanged.preview")}>
      <Text style={paragraph}>{t("common.toPerson", { name: email })}</Text>
      <Text style={paragraph}>{t("passwordChanged.body", { siteName, changedAt })}</Text>
      <Text style={paragraph}>{t("passwordChanged.notYou", { contactPhone })}</Text>
    </MailLayout>
  );
}

PasswordChangedMail.PreviewProps = {
  email: "user@example.co.jp",
  changedAt: "2026/11/24 12:00",
  siteName: "法人カスタマーサービス＆サポート",
  contactPhone: "03-4330-7601",
} satisfies PasswordChangedMailProps;
