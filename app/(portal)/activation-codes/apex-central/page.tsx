import type { Metadata } from "next";
import { PageTitle } from "@/app/_components/page-title";
import { customerPage } from "@/lib/auth/guards";
import { getLocale, getTranslations, messageList } from "@/lib/i18n";
import { searchNoticeProps } from "@/app/_components/search-notice-props";
import { APEX_CENTRAL_ISSUANCE_KEYS, APEX_CENTRAL_KEYS } from "../issuance-labels";
import { ApexCentralForm } from "./apex-central-form";
import { PageBody } from "@/app/_components/customer-shell";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("issuance.forms.apex_central.title") };
}

// C-3 Apex Central（旧TMCM）: ① ライセンスID → 「確認する」 → 配信内容 and the terms → download or 更新用AC発行 → 依頼完了, M-9.
export default async function ApexCentralPage() {
  await customerPage({ next: "/activation-codes/apex-central" });
  const locale = await getLocale();
  const t = await getTranslations();
  const { notice, contact } = searchNoticeProps(t, locale);
  const title = t("issuance.forms.apex_central.title");
  return (
    <PageBody kind="form">
      <PageTitle>{title}</PageTitle>
      <ApexCentralForm
        labels={{
          ...(Object.fromEntries(APEX_CENTRAL_KEYS.map((key) => [key, t(`issuance.apexCentral.${key}`)])) as Record<
            (typeof APEX_CENTRAL_KEYS)[number],
            string
          >),
          ...(Object.fromEntries(APEX_CENTRAL_ISSUANCE_KEYS.map((key) => [key, t(`issuance.${key}`)])) as Record<
            (typeof APEX_CENTRAL_ISSUANCE_KEYS)[number],
            string
          >),
          terms: messageList(t, "issuance.apexCentral.terms"),
          requiredNote: t("issuance.notes.1"),
          licenseHint: t("issuance.forms.apex_central.licenseHint"),
          requiredMark: t("common.requiredMark"),
          doneTitle: t("issuance.doneTitle"),
        }}
        notice={notice}
        contact={contact}
      />
    </PageBody>
  );
}
