import { Link, Text } from "@react-email/components";
import { MailLayout, paragraph } from "./layout";

export type StaffPasswordLinkMailProps = { name: string; kind: "invite" | "reset"; url: string; expiresAt: string; siteName: string; invitedBy: string };

// G-1 (staff accounts; no M-id in the SPEC): "staff-invite" — an admin invited this address to the staff area —
// and "staff-reset" — an admin asked for a new password. The link is single use and works for 72 hours.
export default function StaffPasswordLinkMail({ name, kind, url, expiresAt, siteName, invitedBy }: StaffPasswordLinkMailProps) {
  return (
    <MailLayout preview={kind === "invite" ? "スタッフ管理画面へのご招待" : "パスワード再設定のご案内"}>
      <Text style={paragraph}>{name} さま</Text>
      <Text style={paragraph}>
        {kind === "invite"
          ? `${invitedBy} さまから、${siteName} のスタッフ管理画面に招待されました。次のリンクからパスワードを設定してください。`
          : `${invitedBy} さまが、${siteName} のスタッフ管理画面のパスワード再設定を受け付けました。次のリンクから新しいパスワードを設定してください。`}
      </Text>
      <Text style={paragraph}>
        <Link href={url}>{url}</Link>
      </Text>
      <Text style={paragraph}>
        リンクの有効期限は {expiresAt} までで、1回だけ使えます。パスワードを設定したあとの最初のログインで、認証アプリによる二要素認証を設定していただきます。
      </Text>
      <Text style={paragraph}>※このメールにお心当たりのない場合は、リンクを開かずに破棄してください。</Text>
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
