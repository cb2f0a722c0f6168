import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageTitle } from "@/app/_components/page-title";
import { customerPage } from "@/lib/auth/guards";
import { getLocale, getMessages } from "@/lib/i18n";
import { mailedKindOfSlug } from "@/lib/issuance/catalog";
import { searchNoticeProps } from "@/app/_components/search-notice-props";
import { IssuanceForm } from "./issuance-form";

type Props = { params: Promise<{ form: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const kind = mailedKindOfSlug((await params).form);
  const t = await getMessages();
  return { title: kind ? t.issuance.forms[kind].title : t.menu.activation.title };
}

// C-1 /activation-codes/apex-one, C-2 /activation-codes/virus-buster, C-4 /activation-codes/offline (SPEC R).
export default async function IssuanceFormPage({ params }: Props) {
  const { form } = await params;
  const kind = mailedKindOfSlug(form);
  await customerPage({ next: kind ? `/activation-codes/${form}` : "/activation-codes" });
  if (!kind) notFound();
  const t = await getMessages();
  const { notice, contact } = searchNoticeProps(t, await getLocale());
  const { forms, ...issuance } = t.issuance;
  const f = forms[kind];
  return (
    <div className="mx-auto max-w-4xl px-4 py-6">
      <PageTitle>{f.title}</PageTitle>
      <IssuanceForm
        kind={kind}
        labels={{ ...issuance, ...f, requiredMark: t.common.requiredMark, emailFormat: t.auth.emailFormat, doneTitle: `${f.title}${t.issuance.doneSuffix}` }}
        notice={notice}
        contact={contact}
      />
    </div>
  );
}
