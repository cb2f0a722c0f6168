import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { customerMfaAction } from "@/app/_components/auth-actions";
import { MfaCodeForm } from "@/app/_components/mfa-forms";
import { PageTitle } from "@/app/_components/page-title";
import { safeCallbackPath } from "@/lib/auth/current";
import { publicPage } from "@/lib/auth/guards";
import { MFA_COOKIE, openChallenge } from "@/lib/auth/mfa";
import { getTranslations } from "@/lib/i18n";
import { PageBody } from "@/app/_components/customer-shell";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("mfa.codeTitle"), robots: { index: false } };
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

// MFA (beyond the SPEC): a customer with MFA on, after the right password, types the code of the authenticator app here.
export default async function CustomerMfaPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [raw, t, customer] = await Promise.all([searchParams, getTranslations(), publicPage()]);
  const callbackUrl = safeCallbackPath(first(raw.callbackUrl), "/");
  if (customer) redirect(callbackUrl);
  const challenge = await openChallenge((await cookies()).get(MFA_COOKIE)?.value);
  if (!challenge || challenge.principal.type !== "customer") redirect("/login?reason=mfa-expired");
  return (
    <PageBody kind="form">
      <PageTitle className="mb-6">{t("mfa.codeTitle")}</PageTitle>
      <p className="mb-6">{t("mfa.codeIntro")}</p>
      <MfaCodeForm
        action={customerMfaAction}
        callbackUrl={callbackUrl}
        labels={{ code: t("mfa.code"), hint: t("mfa.codeHint"), button: t("mfa.verify"), required: t("common.requiredMark") }}
      />
    </PageBody>
  );
}
