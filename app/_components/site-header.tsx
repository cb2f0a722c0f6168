import Link from "next/link";
import { Suspense } from "react";
import { getSessionState } from "@/lib/auth/current";
import { authSettings } from "@/lib/auth/settings";
import { now } from "@/lib/clock";
import { siteConfig } from "@/lib/config/site";
import { formatDate } from "@/lib/dates";
import { getLocale, getTranslations } from "@/lib/i18n";
import { logoutAction } from "./auth-actions";
import { CurrentPathInput, LoginLink } from "./current-path";
import { HeaderMenu } from "./header-menu";
import { IdleWatcher } from "./idle-watcher";
import { serviceMenuCategories } from "./service-menu";
import { setLocale } from "./locale-action";
import { PendingButton } from "@/app/_components/form-controls";

/**
 * The header of every customer page (SPEC A-1, T), drawn by the (public) and (portal) layouts: site name, language
 * switch, and either 「ログイン」 or `<email>さま` with 「ログアウト」, the password-expiry notice and the idle
 * watcher. It admits nobody: the A-4 gate is the page's guard (lib/auth/guards.ts).
 */
const LOGIN_CLASS = "rounded bg-brand px-4 py-2 text-sm font-bold text-white no-underline hover:bg-brand-dark";

export async function SiteHeader() {
  const [locale, state] = await Promise.all([getLocale(), getSessionState()]);
  const t = await getTranslations();
  const customer = state.state === "active" && state.principal.type === "customer" ? state : null;
  const site = siteConfig();
  const settings = authSettings();
  const at = now();
  const expiresSoon =
    customer?.passwordExpiresAt && !customer.mustChangePassword && customer.passwordExpiresAt.getTime() - at.getTime() <= settings.passwordExpiryNoticeMs;
  return (
    <header className="border-b-4 border-brand bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="flex flex-col leading-tight text-ink no-underline">
          <span className="text-xs text-muted">{locale === "ja" ? site.vendorName : site.vendorNameEn}</span>
          <span className="text-lg font-bold sm:text-xl">{locale === "ja" ? site.siteName : site.siteNameEn}</span>
        </Link>
        <nav aria-label={t("header.accountNav")} className="flex flex-wrap items-center gap-3">
          <form action={setLocale}>
            <input type="hidden" name="locale" value={locale === "ja" ? "en" : "ja"} />
            <Suspense fallback={<input type="hidden" name="back" value="/" />}>
              <CurrentPathInput name="back" />
            </Suspense>
            <PendingButton
              lang={locale === "ja" ? "en" : "ja"}
              aria-label={t("header.languageSwitchLabel")}
              className="rounded px-2 py-1 text-sm text-link underline hover:no-underline"
            >
              {t("header.languageSwitch")}
            </PendingButton>
          </form>
          {customer ? (
            <>
              {customer.mustChangePassword ? null : (
                // N-1: the overview on the top page, from every page.
                <Link href="/#overview" className="text-sm text-link underline">
                  {t("header.overview")}
                </Link>
              )}
              <span className="text-sm font-bold" data-testid="signed-in-user">
                {customer.email}
                {t("auth.honorific")}
              </span>
              <form action={logoutAction}>
                <PendingButton className="rounded border border-brand px-4 py-2 text-sm font-bold text-brand hover:bg-panel">
                  {t("header.logout")}
                </PendingButton>
              </form>
            </>
          ) : (
            <Suspense
              fallback={
                <Link href="/login" className={LOGIN_CLASS}>
                  {t("header.login")}
                </Link>
              }
            >
              <LoginLink className={LOGIN_CLASS}>{t("header.login")}</LoginLink>
            </Suspense>
          )}
        </nav>
      </div>
      {customer && !customer.mustChangePassword ? (
        // Every menu the customer may use, on every page, from the top page's source (SPEC T; issue 29 item 11). Not
        // while A-4 holds the session at the password change: nothing else is reachable then.
        <HeaderMenu
          label={t("header.serviceNav")}
          menuLabel={t("header.menu")}
          categories={serviceMenuCategories(t).map(({ key, title, groups }) => ({ key, title, groups }))}
        />
      ) : null}
      {expiresSoon ? (
        <p role="status" className="bg-[#fff8c5] px-4 py-2 text-center text-sm">
          {t("auth.expiryNotice", { date: formatDate(customer.passwordExpiresAt!) })}{" "}
          <Link href="/account/password" className="font-bold text-link underline">
            {t("auth.expiryLink")}
          </Link>
        </p>
      ) : null}
      {customer ? (
        <IdleWatcher
          key={customer.lastSeenAt.toISOString()}
          remainingMs={Math.max(0, customer.lastSeenAt.getTime() + settings.idleMs - at.getTime())}
          warnBeforeMs={settings.idleMs - settings.idleWarningMs}
          labels={{ warning: t("auth.idleWarning"), continue: t("auth.idleContinue") }}
        />
      ) : null}
    </header>
  );
}
