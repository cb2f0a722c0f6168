import type { Metadata } from "next";
import Link from "next/link";
import { publicPage } from "@/lib/auth/guards";
import { now } from "@/lib/clock";
import { getTranslations } from "@/lib/i18n";
import { isReminderToken, verifyReminderUnsubscribeToken, verifyUnsubscribeToken } from "@/lib/support-mail/token";
import { UnsubscribeForm } from "./unsubscribe-form";
import { PageBody } from "@/app/_components/customer-shell";
import { PageTitle } from "@/app/_components/page-title";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("unsubscribe.title") };
}

// The page a Support Information mail's (M-12) or a renewal reminder's (M-13, N-3) 配信停止 link opens (GET
// /api/mail/unsubscribe leads here): it says what the button stops and does it only when it is pressed. A bad or old
// link says so, with the way to E-2.
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  await publicPage();
  const { token } = await searchParams;
  const u = await getTranslations("unsubscribe");
  const reminders = typeof token === "string" && isReminderToken(token);
  const check =
    typeof token !== "string"
      ? ({ ok: false, reason: "invalid" } as const)
      : reminders
        ? verifyReminderUnsubscribeToken(token, now())
        : verifyUnsubscribeToken(token, now());
  return (
    <PageBody kind="completion">
      <PageTitle>{reminders ? u("remindersTitle") : u("title")}</PageTitle>
      {check.ok ? (
        <>
          <p className="mb-6">{reminders ? u("remindersExplain") : u("explain")}</p>
          <UnsubscribeForm token={token as string} label={u("button")} />
        </>
      ) : (
        <p role="alert" className="mb-6">
          {check.reason === "expired" ? u("expired") : u("invalid")}
        </p>
      )}
      <p className="mt-6 text-sm">
        {u("settingsHint")} <Link href="/account/mail">{u("settingsLink")}</Link>
      </p>
    </PageBody>
  );
}
