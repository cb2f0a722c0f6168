import type { Metadata } from "next";
import { TotpQr } from "@/app/_components/totp-qr";
import { customerPage } from "@/lib/auth/guards";
import { customerMfaStatus, newCustomerSetup } from "@/lib/auth/mfa";
import { siteConfig } from "@/lib/config/site";
import { formatDate } from "@/lib/dates";
import { getTranslations } from "@/lib/i18n";
import { now } from "@/lib/clock";
import { DisableMfaForm, EnableMfaForm } from "./mfa-forms";
import { HeadedSection } from "@/app/_components/headed-section";
import { PageBody } from "@/app/_components/customer-shell";
import { PageTitle } from "@/app/_components/page-title";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("mfa.accountTitle") };
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

// MFA (beyond the SPEC): optional TOTP for customers (アカウント設定 → 二要素認証). On: the code after the password at every
// sign-in (A-1 → /login/mfa). The A-8 throttle counts wrong codes like wrong passwords.
export default async function AccountMfaPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await customerPage({ next: "/account/mfa" });
  const [t, status, params] = await Promise.all([getTranslations(), customerMfaStatus(actor), searchParams]);
  const m = await getTranslations("mfa");
  const labels = { code: m("code"), required: t("common.requiredMark") };
  const setup = status.enabledAt ? null : newCustomerSetup(actor.accountId);
  return (
    <PageBody kind="form">
      <PageTitle className="mb-2">{m("accountTitle")}</PageTitle>
      <p className="mb-6 text-sm">{m("accountIntro")}</p>
      {first(params.done) === "off" && !status.enabledAt ? (
        <p role="status" className="mb-4 rounded border border-[#1a7f37] bg-[#f0fff4] px-4 py-3 text-[#116329]">
          {m("disabled")}
        </p>
      ) : null}
      {setup ? (
        <EnableMfaForm
          sealed={setup.sealed}
          labels={{
            ...labels,
            button: m("enableButton"),
            status: m("status"),
            off: m("statusOff"),
            on: m("statusOn", { date: formatDate(now()) }),
            enableTitle: m("enableTitle"),
            recoveryTitle: m("recoveryTitle"),
            recoveryIntro: m("recoveryIntro"),
            print: m("print"),
            copy: m("copy"),
            copied: m("copied"),
            copyFailed: m("copyFailed"),
            stored: m("stored"),
          }}
        >
          <p className="mb-4">{m("enableIntro")}</p>
          <TotpQr issuer={siteConfig().siteName} account={actor.email} secret={setup.secret} labels={{ qr: m("qrLabel"), secret: m("secretLabel") }} />
        </EnableMfaForm>
      ) : (
        <>
          <dl className="mb-6 grid max-w-md grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="font-bold">{m("status")}</dt>
            <dd data-testid="mfa-status">{m("statusOn", { date: formatDate(status.enabledAt!) })}</dd>
            <dt className="sr-only">{m("recoveryTitle")}</dt>
            <dd className="col-span-2 text-sm">{m("remainingCodes", { count: status.unusedRecoveryCodes })}</dd>
          </dl>
          <HeadedSection id="disable-title" heading={m("disableTitle")}>
            <p className="mb-4">{m("disableIntro")}</p>
            <DisableMfaForm labels={{ ...labels, hint: m("codeHint"), button: m("disableButton") }} />
          </HeadedSection>
        </>
      )}
    </PageBody>
  );
}
