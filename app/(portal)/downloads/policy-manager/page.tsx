import type { Metadata } from "next";
import Link from "next/link";
import { PageTitle } from "@/app/_components/page-title";
import { customerPage } from "@/lib/auth/guards";
import { getTranslations } from "@/lib/i18n";
import { PageBody } from "@/app/_components/customer-shell";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("menu.downloads.items.policyManager") };
}

// SPEC D-3: 「サイトはこちら＞」 to the module site and to the document site.
export default async function PolicyManagerPage() {
  await customerPage({ next: "/downloads/policy-manager" });
  const t = await getTranslations();
  const p = await getTranslations("downloads.policyManager");
  return (
    <PageBody kind="list">
      <PageTitle>{t("menu.downloads.items.policyManager")}</PageTitle>
      <p className="mb-6">{p("intro")}</p>
      <div className="grid gap-6 md:grid-cols-2">
        {(
          [
            ["modules", p("modules")],
            ["documents", p("documents")],
          ] as const
        ).map(([site, heading]) => (
          <section key={site} aria-labelledby={`${site}-heading`} className="rounded border border-line p-4">
            <h2 id={`${site}-heading`} className="mb-3 font-bold">
              {heading}
            </h2>
            <Link
              href={`/downloads/policy-manager/${site}`}
              className="block rounded bg-brand px-4 py-2 text-center font-bold text-white no-underline hover:bg-brand-dark"
              aria-describedby={`${site}-heading`}
            >
              {p("siteLink")}
            </Link>
          </section>
        ))}
      </div>
    </PageBody>
  );
}
