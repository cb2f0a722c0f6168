import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ClientMessages } from "@/app/_components/client-messages";
import { PageTitle } from "@/app/_components/page-title";
import { customerPage } from "@/lib/auth/guards";
import { getLocale, getTranslations, messagesFor } from "@/lib/i18n";
import { mailedKindOfSlug } from "@/lib/issuance/catalog";
import { searchNoticeProps } from "@/app/_components/search-notice-props";
import { IssuanceForm } from "./issuance-form";

type Props = { params: Promise<{ form: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const kind = mailedKindOfSlug((await params).form);
  const t = await getTranslations();
  return { title: kind ? t(`issuance.forms.${kind}.title`) : t("menu.activation.title") };
}

// C-1 /activation-codes/apex-one, C-2 /activation-codes/virus-buster, C-4 /activation-codes/offline (SPEC R).
export default async function IssuanceFormPage({ params }: Props) {
  const { form } = await params;
  const kind = mailedKindOfSlug(form);
  await customerPage({ next: kind ? `/activation-codes/${form}` : "/activation-codes" });
  if (!kind) notFound();
  const locale = await getLocale();
  const tr = await getTranslations();
  // The C-1, C-2 and C-4 form still takes its labels as the plain-object catalogue (lib/i18n/ja.ts).
  const t = messagesFor(locale);
  const { notice, contact } = searchNoticeProps(t, locale);
  const { forms, ...issuance } = t.issuance;
  const f = forms[kind];
  return (
    <div className="mx-auto max-w-4xl px-4 py-6">
      <PageTitle>{f.title}</PageTitle>
      <ClientMessages messages={["issuance.validUntil"]}>
        <IssuanceForm
          kind={kind}
          labels={{
            ...issuance,
            ...f,
            requiredMark: t.common.requiredMark,
            emailFormat: t.auth.emailFormat,
            doneTitle: tr("issuance.doneTitle", { title: f.title }),
          }}
          notice={notice}
          contact={contact}
        />
      </ClientMessages>
    </div>
  );
}
