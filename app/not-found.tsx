import Link from "next/link";
import { CustomerShell } from "@/app/_components/customer-shell";
import { getMessages } from "@/lib/i18n";

export default async function NotFound() {
  const t = await getMessages();
  return (
    <CustomerShell>
      <div className="mx-auto max-w-4xl px-4 py-12">
        <h1 className="mb-4 text-2xl font-bold">{t.common.notFoundTitle}</h1>
        <p className="mb-6">{t.common.notFoundBody}</p>
        <Link href="/" className="text-link underline">
          {t.common.backToTop}
        </Link>
      </div>
    </CustomerShell>
  );
}
