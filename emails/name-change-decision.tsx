import { Text } from "@react-email/components";
import { MailLayout, paragraph } from "./layout";

export type NameChangeDecisionMailProps = {
  approved: boolean;
  licenseId: number;
  requestedAt: string;
  decidedAt: string;
  before: string;
  after: string;
  note: string | null;
  siteName: string;
};

// G-3: after the review — approved: M-3 契約内容変更完了 (manual ⑩); rejected: the mail that says so and why.
export default function NameChangeDecisionMail({ approved, licenseId, requestedAt, decidedAt, before, after, note, siteName }: NameChangeDecisionMailProps) {
  return (
    <MailLayout preview={approved ? "契約内容変更完了" : "契約法人名・支社名の変更依頼について"}>
      <Text style={paragraph}>ご担当者さま</Text>
      {approved ? (
        <Text style={paragraph}>
          {requestedAt}にご依頼いただいたライセンスID {licenseId} の契約法人名・支社名の変更が完了しました（{decidedAt}）。
          <br />
          変更前：{before}
          <br />
          変更後：{after}
        </Text>
      ) : (
        <Text style={paragraph}>
          {requestedAt}にご依頼いただいたライセンスID {licenseId} の契約法人名・支社名の変更（{before} → {after}
          ）は、内容を確認させていただいた結果、お受けすることができませんでした（{decidedAt}）。
        </Text>
      )}
      {!approved && note ? <Text style={paragraph}>理由：{note}</Text> : null}
      {!approved ? (
        <Text style={paragraph}>お手数ですが、内容をご確認の上、{siteName}から再度お手続きいただくか、下記のお問い合わせ窓口までご連絡ください。</Text>
      ) : null}
    </MailLayout>
  );
}

NameChangeDecisionMail.PreviewProps = {
  approved: false,
  licenseId: 100001,
  requestedAt: "2026/12/01",
  decidedAt: "2026/12/03 15:00",
  before: "テストユーザ株式会社",
  after: "テストユーザHD",
  note: "登記上の商号と一致しません。",
  siteName: "法人カスタマーサービス＆サポート",
} satisfies NameChangeDecisionMailProps;
