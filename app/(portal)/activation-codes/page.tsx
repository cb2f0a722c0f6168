import type { Metadata } from "next";
import Link from "next/link";
import { PageTitle } from "@/app/_components/page-title";
import { customerPage } from "@/lib/auth/guards";
import { getTranslations } from "@/lib/i18n";
import { HeadedSection } from "@/app/_components/headed-section";
import { PageBody } from "@/app/_components/customer-shell";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("menu.activation.title") };
}

const PANEL = "rounded border border-line p-4";
const BUTTON = "block rounded border border-brand bg-white px-4 py-3 font-bold text-brand no-underline hover:bg-panel focus-visible:outline-2";

// SPEC C: 「各種アクティベーションコード発行」 → 「オンライン環境用」 (three products) / 「オフライン環境用」. The manual's
// 「オンライン環境用」 button opens the three products; here it is a disclosure (open by default, no script needed).
// Each button reads as the manual's step 4 presses it (menu.activation.buttons), not as the menu lists the form.
export default async function ActivationCodesMenuPage() {
  await customerPage({ next: "/activation-codes" });
  const t = await getTranslations();
  const m = await getTranslations("menu.activation");
  return (
    <PageBody kind="list">
      <PageTitle>{m("title")}</PageTitle>
      <p className="mb-6">{t("issuance.menuLead")}</p>
      <div className="grid gap-6 md:grid-cols-2">
        <HeadedSection id="online-heading" heading={t("issuance.onlineHeading")} className={PANEL} headingClassName="mb-3 font-bold">
          <details open className="group">
            <summary className="mb-3 cursor-pointer rounded bg-brand px-4 py-2 text-center font-bold text-white hover:bg-brand-dark">{m("online")}</summary>
            <ul className="grid gap-2">
              <li>
                <Link href="/activation-codes/apex-one" className={BUTTON}>
                  {m("buttons.apexOne")}
                </Link>
              </li>
              <li>
                <Link href="/activation-codes/virus-buster" className={BUTTON}>
                  {m("buttons.virusBuster")}
                </Link>
              </li>
              <li>
                <Link href="/activation-codes/apex-central" className={BUTTON}>
                  {m("buttons.apexCentral")}
                </Link>
              </li>
            </ul>
          </details>
        </HeadedSection>
        <HeadedSection id="offline-heading" heading={t("issuance.offlineHeading")} className={PANEL} headingClassName="mb-3 font-bold">
          <Link href="/activation-codes/offline" className="block rounded bg-brand px-4 py-2 text-center font-bold text-white no-underline hover:bg-brand-dark">
            {m("offline")}
          </Link>
        </HeadedSection>
      </div>
    </PageBody>
  );
}
