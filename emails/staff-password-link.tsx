import { Link, Text } from "@react-email/components";
import { translator } from "@/lib/i18n";
import { MailLayout, paragraph } from "./layout";

export type StaffPasswordLinkMailProps = { name: string; kind: "invite" | "reset"; url: string; expiresAt: string; siteName: string; invitedBy: string };

// G-1 (staff accounts; no M-id in the SPEC): "staff-invite" — an admin invited this address to the staff area —
// and "staff-reset" — an admin asked for a new password. The link is single use and works for 72 hours.
export default function StaffPasswordLinkMail({ name, kind, url, expiresAt, siteName, invitedBy }: StaffPasswordLinkMailProps) {
  const t = translator("ja", "mail");
  return (
    <MailLayout preview={t(`staffLink.preview.${kind}`)}>
      <Text style={paragraph}>{t("common.toPerson", { name })}</Text>
      <Text style={paragraph}>{t(`staffLink.lead.${kind}`, { invitedBy, siteName })}</Text>
      <Text style={paragraph}>
        <Link href={url}>{url}</Link>
      </Text>
      <Text style={paragraph}>{t("staffLink.validUntil", { expiresAt })}</Text>
      <Text style={paragraph}>{t("staffLink.notYou")}</Text>
    </MailLayout>
  );
}

StaffPasswordLinkMail.PreviewProps = {
  name: "新人 マーケ",
  kind: "invite",
  url: "http://localhost:3000/admin/password/set/EXAMPLE-TOKEN",
  expiresAt: "2026/12/05 12:00",
  siteName: "法人カスタマーサービス＆サポート",
  invitedBy: "管理者 太郎",
} satisfies StaffPasswordLinkMailProps;
