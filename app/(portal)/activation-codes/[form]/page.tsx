import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ClientMessages } from "@/app/_components/client-messages";
import { PageTitle } from "@/app/_components/page-title";
import { customerPage } from "@/lib/auth/guards";
import { getLocale, getTranslations, messageList } from "@/lib/i18n";
import { mailedKindOfSlug } from "@/lib/issuance/catalog";
import { searchNoticeProps } from "@/app/_components/search-notice-props";
import { ISSUANCE_FORM_KEYS, ISSUANCE_KEYS } from "../issuance-labels";
import { IssuanceForm } from "./issuance-form";
import { PageBody } from "@/app/_components/customer-shell";

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
  const t = await getTranslations();
  const { notice, contact } = searchNoticeProps(t, locale);
  const issuance = Object.fromEntries(ISSUANCE_KEYS.map((key) => [key, t(`issuance.${key}`)])) as Record<(typeof ISSUANCE_KEYS)[number], string>;
  const f = Object.fromEntries(ISSUANCE_FORM_KEYS.map((key) => [key, t(`issuance.forms.${kind}.${key}`)])) as Record<
    (typeof ISSUANCE_FORM_KEYS)[number],
    string
  >;
  return (
    <PageBody kind="form">
      <PageTitle>{f.title}</PageTitle>
      <ClientMessages messages={["issuance.validUntil"]}>
        <IssuanceForm
          kind={kind}
          labels={{
            ...issuance,
            ...f,
            notes: messageList(t, "issuance.notes", { codeName: t(`issuance.forms.${kind}.codeName`) }),
            requiredMark: t("common.requiredMark"),
            emailFormat: t("auth.emailFormat"),
            doneTitle: t("issuance.doneTitle"),
          }}
          notice={notice}
          contact={contact}
        />
      </ClientMessages>
    </PageBody>
  );
}
