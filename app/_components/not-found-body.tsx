import Link from "next/link";
import { getTranslations } from "@/lib/i18n";
import { PageBody } from "./customer-shell";
import { PageTitle } from "./page-title";

/** The 404 page's content (SPEC R: a path a customer may not see answers like one that does not exist). */
export async function NotFoundBody() {
  const t = await getTranslations("common");
  return (
    <PageBody kind="completion">
      <PageTitle>{t("notFoundTitle")}</PageTitle>
      <p className="mb-6">{t("notFoundBody")}</p>
      <Link href="/" className="text-link underline">
        {t("backToTop")}
      </Link>
    </PageBody>
  );
}
