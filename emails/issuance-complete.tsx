import { Link, Text } from "@react-email/components";
import { translator } from "@/lib/i18n";
import { Lines, link, MailLayout, paragraph } from "./layout";
import { previewRequest } from "./issuance-url";
import { codeStyle, MailTable } from "./table";

export type IssuedCodeItem = { productName: string; quantity: string; code: string };
export type IssuanceCompleteMailProps = {
  /** What was issued, as in the subject: 「Apex One/ウイルスバスターCorp. 用アクティベーションコード」 … */
  title: string;
  /** 「アクティベーションコード」, or 「シリアル番号」 for C-2. */
  codeLabel: string;
  licenseId: number;
  issuedAt: string;
  items: IssuedCodeItem[];
  /** B-2, where the issued codes are listed as owned products of the contract. */
  detailUrl: string;
  siteName: string;
};

// M-6 / M-8 / M-11 …発行完了のご連絡 (SPEC C-1, C-2, C-4; manual (13)–(14)): the issued codes, to the 連絡先 and the
// login address.
export default function IssuanceCompleteMail({ title, codeLabel, licenseId, issuedAt, items, detailUrl, siteName }: IssuanceCompleteMailProps) {
  const t = translator("ja", "mail");
  return (
    <MailLayout preview={t("issuance.complete.preview", { title })}>
      <Text style={paragraph}>{t("common.toContact")}</Text>
      <Text style={paragraph}>{t("issuance.complete.lead", { siteName, licenseId: String(licenseId), title, issuedAt, codeLabel })}</Text>
      <MailTable
        columns={[
          { label: t("issuance.product"), cell: (item) => item.productName },
          { label: t("issuance.quantity"), align: "right", cell: (item) => item.quantity },
          { label: codeLabel, cell: (item) => <span style={codeStyle}>{item.code}</span> },
        ]}
        rows={items}
        rowKey={(item) => item.code}
      />
      <Lines>
        {t("issuance.complete.detail", { codeLabel, siteName, licenseId: String(licenseId) })}
        <Link href={detailUrl} style={link}>
          {detailUrl}
        </Link>
      </Lines>
      <Text style={paragraph}>{t("issuance.keepSafe", { codeLabel })}</Text>
      <Text style={paragraph}>{t("common.notYou")}</Text>
    </MailLayout>
  );
}

IssuanceCompleteMail.PreviewProps = {
  ...previewRequest,
  issuedAt: "2026/12/01 10:05",
  items: [{ productName: "Apex One", quantity: "50", code: "AO-AB12-CD34E-FG56H-JK78L-MN90P-QR12S" }],
  detailUrl: "http://localhost:3000/licenses/100001",
} satisfies IssuanceCompleteMailProps;
