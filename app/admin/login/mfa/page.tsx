import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { staffMfaAction, staffMfaEnrolAction, staffMfaFinishAction } from "@/app/_components/auth-actions";
import { MfaCodeForm, MfaEnrolForm } from "@/app/_components/mfa-forms";
import { TotpQr } from "@/app/_components/totp-qr";
import { publicPage } from "@/lib/auth/guards";
import { MFA_COOKIE, openChallenge } from "@/lib/auth/mfa";
import { siteConfig } from "@/lib/config/site";
import { SubmitButton } from "@/app/_components/form-controls";
import { readStaffSignIn } from "../staff-sign-in";
import { titleMetadata } from "@/app/admin/page-title";

export const generateMetadata = titleMetadata((t) => t("mfa.codeTitle"), { robots: { index: false } });

// G-1 with MFA (beyond the SPEC): every staff sign-in passes here after the password: the code, or — no TOTP yet — the enrolment
// (QR code, the secret as text, the first code; then the recovery codes once).
export default async function StaffMfaPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await publicPage();
  const { t, state, callbackUrl } = await readStaffSignIn(searchParams);
  const challenge = await openChallenge((await cookies()).get(MFA_COOKIE)?.value);
  // Signed in already (and no enrolment waiting to show its codes): nothing to do here.
  if (state.state === "active" && state.principal.type === "staff" && !challenge) redirect(callbackUrl);
  if (!challenge || challenge.principal.type !== "staff") redirect("/admin/login?reason=mfa-expired");
  const labels = { code: t("mfa.code"), hint: t("mfa.codeHint"), button: t("mfa.verify"), required: t("common.requiredMark") };
  const enrolling = challenge.purpose === "enrol" && challenge.pendingSecret;
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-12">
      <h1 className="mb-6 text-2xl font-bold">{enrolling ? t("mfa.enrolTitle") : t("mfa.codeTitle")}</h1>
      {enrolling ? (
        <>
          <p className="mb-6">{t("mfa.enrolIntro")}</p>
          {challenge.verified ? null : (
            <TotpQr
              issuer={siteConfig().siteName}
              account={challenge.email}
              secret={challenge.pendingSecret!}
              labels={{ qr: t("mfa.qrLabel"), secret: t("mfa.secretLabel") }}
            />
          )}
          {challenge.verified ? (
            // Reloaded after the first right code: the recovery codes were shown once and are not shown again.
            <form action={staffMfaFinishAction}>
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <SubmitButton>{t("mfa.continue")}</SubmitButton>
            </form>
          ) : (
            <MfaEnrolForm
              action={staffMfaEnrolAction}
              finish={staffMfaFinishAction}
              callbackUrl={callbackUrl}
              labels={{
                ...labels,
                hint: "",
                button: t("mfa.enrolButton"),
                recoveryTitle: t("mfa.recoveryTitle"),
                recoveryIntro: t("mfa.recoveryIntro"),
                print: t("mfa.print"),
                copy: t("mfa.copy"),
                copied: t("mfa.copied"),
                copyFailed: t("mfa.copyFailed"),
                continue: t("mfa.continue"),
              }}
            />
          )}
        </>
      ) : (
        <>
          <p className="mb-6">{t("mfa.codeIntro")}</p>
          <MfaCodeForm action={staffMfaAction} callbackUrl={callbackUrl} labels={labels} />
        </>
      )}
    </main>
  );
}
