import { Hr, Text } from "@react-email/components";
import { translator } from "@/lib/i18n";
import { MailLayout, richLink, smallPrint } from "./layout";
import { SupportInformationContent } from "./support-information-content";

export type SupportInformationMailProps = { title: string; body: string; unsubscribeUrl: string; settingsUrl: string; backNumbersUrl: string };

// M-12 Support Information (SPEC G-5): the title and Markdown body, then how to stop receiving it — the
// one-click link (also in the List-Unsubscribe header, RFC 8058) and the E-2 settings page — and the back numbers (E-3).
export default function SupportInformationMail({ title, body, unsubscribeUrl, settingsUrl, backNumbersUrl }: SupportInformationMailProps) {
  const t = translator("ja", "mail.supportInformation");
  const small = smallPrint;
  const link = richLink;
  return (
    <MailLayout preview={title}>
      <SupportInformationContent title={title} body={body} />
      <Hr style={{ borderColor: "#d0d7de", margin: "24px 0 16px" }} />
      <Text style={small}>{t.rich("backNumbers", { link: link(backNumbersUrl) })}</Text>
      <Text style={small}>{t.rich("unsubscribe", { unsubscribe: link(unsubscribeUrl), settings: link(settingsUrl) })}</Text>
    </MailLayout>
  );
}

SupportInformationMail.PreviewProps = {
  title: "Support Information：Apex One 新機能のご紹介",
  body: "Apex One の新機能をご紹介します。\n\n- 新しい管理画面\n- [詳しくはこちら](https://www.trendmicro.com/ja_jp/business.html)",
  unsubscribeUrl: "http://localhost:3000/api/mail/unsubscribe?token=1.1900000000.signature",
  settingsUrl: "http://localhost:3000/account/mail",
  backNumbersUrl: "http://localhost:3000/account/mail/back-numbers",
} satisfies SupportInformationMailProps;
