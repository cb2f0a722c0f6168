import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageTitle } from "@/app/_components/page-title";
import { customerPage } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/dates";
import { getTranslations } from "@/lib/i18n";
import { mailedKindOfSlug } from "@/lib/issuance/catalog";
import { openIssuanceLink } from "@/lib/issuance/requests";
import { CodesTable } from "../../../tables";
import { ConfirmIssuance } from "./confirm-issuance";
import { PageBody } from "@/app/_components/customer-shell";

type Props = { params: Promise<{ form: string; token: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const kind = mailedKindOfSlug((await params).form);
  const t = await getTranslations();
  return { title: kind ? t(`issuance.forms.${kind}.title`) : t("menu.activation.title"), referrer: "no-referrer" };
}

// The mailed issuance URL of C-1, C-2, C-4 (manual step 12). Opening it needs the requesting customer's login (a
// signed-out visitor signs in and comes back here); it shows the request and changes nothing — the issuing is the
// POST of its button, never this GET (mail scanners open links). The token sits in the path like any mailed link;
// it is single use, expires after 72 hours and is worthless without the requester's session.
export default async function IssuanceLinkPage({ params }: Props) {
  const { form, token } = await params;
  const kind = mailedKindOfSlug(form);
  const actor = await customerPage({ next: kind && /^[A-Za-z0-9_-]{1,64}$/.test(token) ? `/activation-codes/${form}/issue/${token}` : "/activation-codes" });
  if (!kind) notFound();
  const t = await getTranslations();
  const f = { title: t(`issuance.forms.${kind}.title`), codeName: t(`issuance.forms.${kind}.codeName`) };
  const opened = await openIssuanceLink({ actor, kind, token });
  const columns = { product: t("issuance.product"), quantity: t("issuance.quantity"), code: f.codeName };
  return (
    <PageBody kind="form">
      <PageTitle>{f.title}</PageTitle>
      {opened.ok ? (
        <>
          <p role="status" className="mb-2 rounded border border-[#1a7f37] bg-[#f0fff4] px-4 py-3 text-lg font-bold text-[#116329]">
            {t("issuance.accepted")}
          </p>
          <ConfirmIssuance
            kind={kind}
            token={token}
            request={{
              licenseId: opened.request.licenseId,
              requestedAt: formatDateTime(opened.request.requestedAt),
              validUntil: formatDateTime(opened.request.expiresAt),
              contactEmail: opened.request.contactEmail,
              items: opened.request.items,
            }}
            labels={{
              acceptedBody: t("issuance.acceptedBody"),
              licenseId: t("issuance.licenseId"),
              requestedAt: t("issuance.requestedAt"),
              email: t("issuance.email"),
              product: t("issuance.product"),
              quantity: t("issuance.quantity"),
              reviewHeading: t("issuance.reviewHeading"),
              request: t("issuance.request"),
              willIssue: t("issuance.willIssue"),
              issuedMailNote: t("issuance.issuedMailNote"),
              toDetail: t("issuance.toDetail"),
              validUntil: t("issuance.validUntil", { time: formatDateTime(opened.request.expiresAt) }),
              codeName: f.codeName,
            }}
          />
        </>
      ) : (
        <section aria-labelledby="link-heading">
          <h2
            id="link-heading"
            className="mb-4 rounded border border-brand bg-[#fff5f5] px-4 py-3 font-bold text-[#86061d]"
            role="alert"
            data-testid="link-problem"
          >
            {opened.issued ? t("issuance.link.issued") : t(`issuance.link.${opened.problem}`)}
          </h2>
          {opened.issued ? <CodesTable rows={opened.issued.codes} columns={columns} /> : null}
          <p className="flex flex-wrap gap-4">
            {opened.issued ? (
              <Link href={`/licenses/${opened.issued.licenseId}`} className="text-link underline">
                {t("issuance.toDetail")}
              </Link>
            ) : null}
            <Link href="/activation-codes" className="text-link underline">
              {t("issuance.toMenu")}
            </Link>
          </p>
        </section>
      )}
    </PageBody>
  );
}
