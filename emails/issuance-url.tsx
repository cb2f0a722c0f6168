import { Link, Text } from "@react-email/components";
import { translator } from "@/lib/i18n";
import { Lines, link, MailLayout, paragraph } from "./layout";
import { MailTable } from "./table";

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

// M-5 / M-7 / M-10 …発行URLのご連絡 (SPEC C-1, C-2, C-4; manual (10)–(11)): the identity check, to the 連絡先 and the
// login address. Nothing is issued yet: the codes come after the URL is opened and 「発行を依頼する」 is pressed.
export default function IssuanceUrlMail({ title, codeLabel, licenseId, requestedAt, items, contactEmail, url, expiresAt, siteName }: IssuanceUrlMailProps) {
  const t = translator("ja", "mail");
  return (
    <MailLayout preview={t("issuance.url.preview", { title })}>
      <Text style={paragraph}>{t("common.toContact")}</Text>
      <Text style={paragraph}>{t("issuance.url.lead", { siteName, licenseId: String(licenseId), title, requestedAt })}</Text>
      <MailTable
        columns={[
          { label: t("issuance.product"), cell: (item) => item.productName },
          { label: t("issuance.quantity"), align: "right", cell: (item) => item.quantity },
        ]}
        rows={items}
        rowKey={(item, index) => `${index}-${item.productName}`}
      />
      <Text style={paragraph}>{t("issuance.url.contactEmail", { email: contactEmail })}</Text>
      <Text style={paragraph}>{t("issuance.url.notYet", { codeLabel })}</Text>
      <Lines>
        {t("issuance.url.urlLabel")}
        <Link href={url} style={link}>
          {url}
        </Link>
      </Lines>
      <Lines>
        {t("issuance.url.validUntil", { expiresAt })}
        {t("issuance.url.signIn")}
        {t("issuance.url.resend", { siteName })}
      </Lines>
      <Text style={paragraph}>{t("common.notYou")}</Text>
    </MailLayout>
  );
}

/** The request that the previews of both issuance mails (URL and complete) are about. */
export const previewRequest = {
  title: "Apex One/ウイルスバスターCorp. 用アクティベーションコード",
  codeLabel: "アクティベーションコード",
  licenseId: 100001,
  siteName: "法人カスタマーサービス＆サポート",
};

IssuanceUrlMail.PreviewProps = {
  ...previewRequest,
  requestedAt: "2026/12/01 10:00",
  items: [{ productName: "Apex One", quantity: "50" }],
  contactEmail: "user@example.co.jp",
  url: "http://localhost:3000/activation-codes/apex-one?token=0123456789abcdef0123456789abcdef",
  expiresAt: "2026/12/04 10:00",
} satisfies IssuanceUrlMailProps;
