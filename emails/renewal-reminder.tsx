import { Hr, Link, Text } from "@react-email/components";
import { translator } from "@/lib/i18n";
import { link as linkStyle, MailLayout, paragraph, richLink, smallPrint } from "./layout";
import { MailTable } from "./table";

export type RenewalReminderContract = {
  licenseId: number;
  productName: string;
  /** 契約終了日, YYYY/MM/DD. */
  endDate: string;
  contractUrl: string;
  /** B-4's confirmation screen, where the contract can have a reference renewal quote; null where it cannot. */
  quoteUrl: string | null;
};

export type RenewalReminderMailProps = {
  days: number;
  contracts: RenewalReminderContract[];
  siteName: string;
  listUrl: string;
  settingsUrl: string;
  unsubscribeUrl: string;
};

// M-13 ライセンス契約終了日のお知らせ (N-3, beyond the manual): the contracts of one address whose 契約終了日 is
// {days} days away (90, 60 or 30; sent on the business day before when that day is not one), each with its detail and
// — where B-4 allows one — its reference renewal quote; then how to stop: per contract at E-2, or all of them by the
// one-click link (also in the List-Unsubscribe header, RFC 8058, like M-12).
export default function RenewalReminderMail({ days, contracts, siteName, listUrl, settingsUrl, unsubscribeUrl }: RenewalReminderMailProps) {
  const t = translator("ja", "mail.renewalReminder");
  const common = translator("ja", "mail.common");
  const small = smallPrint;
  const anchor = richLink;
  return (
    <MailLayout preview={t("preview", { days })}>
      <Text style={paragraph}>{common("toContact")}</Text>
      <Text style={paragraph}>{t("lead", { siteName, days, count: contracts.length })}</Text>
      <MailTable
        rowKey={(row) => String(row.licenseId)}
        rows={contracts}
        columns={[
          {
            label: t("licenseId"),
            cell: (row) => (
              <Link href={row.contractUrl} style={linkStyle}>
                {row.licenseId}
              </Link>
            ),
          },
          { label: t("product"), cell: (row) => row.productName },
          { label: t("endDate"), cell: (row) => row.endDate },
          {
            label: t("quote"),
            cell: (row) =>
              row.quoteUrl ? (
                <Link href={row.quoteUrl} style={linkStyle}>
                  {t("quoteLink")}
                </Link>
              ) : (
                t("noQuote")
              ),
          },
        ]}
      />
      <Text style={paragraph}>{t.rich("list", { link: anchor(listUrl) })}</Text>
      <Hr style={{ borderColor: "#d0d7de", margin: "24px 0 16px" }} />
      <Text style={small}>{t.rich("stop", { settings: anchor(settingsUrl), unsubscribe: anchor(unsubscribeUrl) })}</Text>
    </MailLayout>
  );
}

RenewalReminderMail.PreviewProps = {
  days: 30,
  contracts: [
    {
      licenseId: 100013,
      productName: "Apex Central",
      endDate: "2027/01/07",
      contractUrl: "http://localhost:3000/licenses/100013",
      quoteUrl: "http://localhost:3000/licenses/100013/renewal",
    },
    { licenseId: 100011, productName: "マイグレートキット", endDate: "2027/01/07", contractUrl: "http://localhost:3000/licenses/100011", quoteUrl: null },
  ],
  siteName: "法人カスタマーサービス＆サポート",
  listUrl: "http://localhost:3000/licenses?within=30",
  settingsUrl: "http://localhost:3000/account/mail",
  unsubscribeUrl: "http://localhost:3000/api/mail/unsubscribe?token=r.dXNlckBleGFtcGxlLmNvLmpw.1900000000.signature",
} satisfies RenewalReminderMailProps;
