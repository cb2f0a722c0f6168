import type { Metadata } from "next";
import { PageTitle } from "@/app/_components/page-title";
import { customerPage } from "@/lib/auth/guards";
import { getLocale, getTranslations, messagesFor } from "@/lib/i18n";
import { searchNoticeProps } from "@/app/_components/search-notice-props";
import { ApexCentralForm } from "./apex-central-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("issuance.forms.apex_central.title") };
}

// C-3 Apex Central（旧TMCM）: ① ライセンスID → 「確認する」 → 配信内容 and the terms → download or 更新用AC発行 → 依頼完了, M-9.
export default async function ApexCentralPage() {
  await customerPage({ next: "/activation-codes/apex-central" });
  const locale = await getLocale();
  const tr = await getTranslations();
  // The C-3 form still takes its labels as the plain-object catalogue (lib/i18n/ja.ts).
  const t = messagesFor(locale);
  const { notice, contact } = searchNoticeProps(t, locale);
  const f = t.issuance.forms.apex_central;
  return (
    <div className="mx-auto max-w-4xl px-4 py-6">
      <PageTitle>{f.title}</PageTitle>
      <ApexCentralForm
        labels={{
          ...t.issuance.apexCentral,
          notesHeading: t.issuance.notesHeading,
          requiredNote: t.issuance.notes[0]!,
          licenseIdLabel: t.issuance.licenseIdLabel,
          licenseHint: f.licenseHint,
          confirm: t.issuance.confirm,
          back: t.issuance.back,
          product: t.issuance.product,
          quantity: t.issuance.quantity,
          notYet: t.issuance.notYet,
          requiredMark: t.common.requiredMark,
          doneTitle: tr("issuance.doneTitle", { title: f.title }),
          toDetail: t.issuance.toDetail,
          licenseId: t.issuance.licenseId,
        }}
        notice={notice}
        contact={contact}
      />
    </div>
  );
}
