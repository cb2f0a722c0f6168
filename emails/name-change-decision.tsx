import { Text } from "@react-email/components";
import { translator } from "@/lib/i18n";
import { Lines, MailLayout, paragraph } from "./layout";

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
  const t = translator("ja", "mail");
  const values = { requestedAt, licenseId: String(licenseId), decidedAt };
  return (
    <MailLayout preview={t(`nameChangeDecision.subject.${approved ? "approved" : "rejected"}`)}>
      <Text style={paragraph}>{t("common.toContact")}</Text>
      {approved ? (
        <Lines>
          {t("nameChangeDecision.approved", values)}
          {t("nameChangeDecision.before", { name: before })}
          {t("nameChangeDecision.after", { name: after })}
        </Lines>
      ) : (
        <Text style={paragraph}>{t("nameChangeDecision.rejected", { ...values, before, after })}</Text>
      )}
      {!approved && note ? <Text style={paragraph}>{t("nameChangeDecision.reason", { note })}</Text> : null}
      {!approved ? <Text style={paragraph}>{t("nameChangeDecision.again", { siteName })}</Text> : null}
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
