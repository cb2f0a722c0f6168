import Link from "next/link";
import { getTranslations } from "@/lib/i18n";
import { PageBody } from "./customer-shell";

/** The 404 page's content (SPEC R: a path a customer may not see answers like one that does not exist). */
export async function NotFoundBody() {
  const t = await getTranslations("common");
  return (
    <PageBody kind="completion">
      <h1 className="mb-4 text-2xl font-bold">{t("notFoundTitle")}</h1>
      <p className="mb-6">{t("notFoundBody")}</p>
      <Link href="/" className="text-link underline">
        {t("backToTop")}
      </Link>
    </PageBody>
  );
}
