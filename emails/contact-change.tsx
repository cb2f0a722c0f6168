import { Text } from "@react-email/components";
import { translator } from "@/lib/i18n";
import { MailLayout, paragraph } from "./layout";
import { MailTable } from "./table";

export type ChangeRow = { label: string; before: string; after: string };
export type ContactChangeMailProps = {
  /** M-3 「契約内容変更完了」 or M-4 「契約内容変更受付＆一部変更処理完了」. */
  kind: "complete" | "accepted";
  licenseId: number;
  changedAt: string;
  rows: ChangeRow[];
  /** a changed contact e-mail and the time it can sign in from. */
  emailNotes: string[];
  nameChange: { before: string; after: string; dueDate: string } | null;
  siteName: string;
};

// M-3 契約内容変更完了 / M-4 契約内容変更受付＆一部変更処理完了 (SPEC B-5, manual ⑦–⑩): to the contacts before and after.
export default function ContactChangeMail({ kind, licenseId, changedAt, rows, emailNotes, nameChange, siteName }: ContactChangeMailProps) {
  const t = translator("ja", "mail");
  return (
    <MailLayout preview={t(`contactChange.subject.${kind}`)}>
      <Text style={paragraph}>{t("common.toContact")}</Text>
      <Text style={paragraph}>{t(`contactChange.lead.${kind}`, { siteName, licenseId: String(licenseId), changedAt })}</Text>
      {rows.length > 0 ? (
        <MailTable
          columns={[
            { label: t("contactChange.item"), cell: (row) => row.label },
            { label: t("contactChange.before"), cell: (row) => row.before },
            { label: t("contactChange.after"), cell: (row) => row.after },
          ]}
          rows={rows}
          rowKey={(row) => row.label}
        />
      ) : null}
      {nameChange ? <Text style={paragraph}>{t("contactChange.nameChange", nameChange)}</Text> : null}
      {emailNotes.map((note) => (
        <Text key={note} style={paragraph}>
          {note}
        </Text>
      ))}
      <Text style={paragraph}>{t("common.notYou")}</Text>
    </MailLayout>
  );
}

ContactChangeMail.PreviewProps = {
  kind: "accepted",
  licenseId: 100001,
  changedAt: "2026/12/01 10:00",
  rows: [{ label: "サポート窓口 電話番号", before: "03-1234-5678", after: "03-9876-5432" }],
  emailNotes: [
    "契約窓口のメールアドレス（ログインID）を new@example.co.jp に変更しました。新しいメールアドレスでログインいただけるのは 2026/12/02 00:00 以降です。それまでは user@example.co.jp でログインいただけます。",
  ],
  nameChange: { before: "テストユーザ株式会社", after: "テストユーザホールディングス株式会社", dueDate: "2026/12/08" },
  siteName: "法人カスタマーサービス＆サポート",
} satisfies ContactChangeMailProps;
