import { staffPage } from "@/lib/auth/guards";
import { formatDate } from "@/lib/dates";
import { getTranslations } from "@/lib/i18n";
import { listPendingNameChanges } from "@/lib/licenses/contact-change";
import { registryCandidates, type RegistryHit } from "@/lib/registry/search";
import { NAME_CHANGE_REASONS, type NameChangeReason } from "@/lib/validation/contact-fields";
import { DecisionForm } from "./decision-form";
import { PageTitle } from "@/app/admin/_components/admin-page";
import { titleMetadata } from "@/app/admin/page-title";

const isNameChangeReason = (reason: string): reason is NameChangeReason => (NAME_CHANGE_REASONS as readonly string[]).includes(reason);

export const generateMetadata = titleMetadata((t) => t("admin.nameChanges"), { robots: { index: false } });

const joinName = (name: { companyName: string; branchName: string | null }) => [name.companyName, name.branchName].filter(Boolean).join(" ");
const place = (hit: Pick<RegistryHit, "postalCode" | "prefecture" | "city" | "street">) =>
  `${hit.postalCode ? `〒${hit.postalCode.slice(0, 3)}-${hit.postalCode.slice(3)} ` : ""}${[hit.prefecture, hit.city, hit.street].filter(Boolean).join("")}`;

// G-3: the review queue — each request with the registry beside it (the chosen entry, or the best candidates for a
// typed name), the request and due dates, overdue first and marked; approve or reject with a reason.
export default async function NameChangeQueuePage() {
  const actor = await staffPage("name-change.review");
  const [t, queue] = await Promise.all([getTranslations(), listPendingNameChanges({ actor })]);
  const candidates = new Map(
    await Promise.all(queue.filter((r) => !r.registry).map(async (r) => [r.id, await registryCandidates(r.requested.companyName)] as const)),
  );
  const a = await getTranslations("admin");
  return (
    <section>
      <PageTitle title={a("nameChanges")} intro={a("nameChangesIntro")} introClassName="mb-4 text-sm" />
      {queue.length === 0 ? (
        <p>{a("nameChangesEmpty")}</p>
      ) : (
        <ol className="space-y-4">
          {queue.map((request) => {
            const title = `${t("licenses.licenseId")} ${request.licenseId}: ${joinName(request.requested)}`;
            return (
              <li key={request.id} className={`rounded border bg-white p-4 ${request.overdue ? "border-brand" : "border-line"}`} aria-label={title}>
                <div className="mb-2 flex flex-wrap items-baseline gap-x-6 gap-y-1 text-sm">
                  <span className="font-bold">
                    {t("licenses.licenseId")}
                    {t("common.colon")}
                    {request.licenseId}
                  </span>
                  <span>
                    {a("requestedAt")}
                    {t("common.colon")}
                    {formatDate(request.createdAt)}
                  </span>
                  <span className={request.overdue ? "font-bold text-brand" : undefined}>
                    {a("dueDate")}
                    {t("common.colon")}
                    {formatDate(request.dueDate)}
                    {request.overdue ? <span className="ml-2 rounded bg-brand px-2 py-0.5 text-xs text-white">{a("overdue")}</span> : null}
                  </span>
                  <span>
                    {a("requester")}
                    {t("common.colon")}
                    <span>{request.requesterEmail}</span>
                  </span>
                </div>
                <div className="grid gap-4 md:grid-cols-3">
                  <dl className="text-sm">
                    <dt className="font-bold text-muted">{a("currentName")}</dt>
                    <dd data-i18n-exempt="company name">{joinName(request.currentName)}</dd>
                  </dl>
                  <dl className="text-sm">
                    <dt className="font-bold text-muted">{a("requestedName")}</dt>
                    <dd className="font-bold" data-i18n-exempt="company name">
                      {joinName(request.requested)}
                    </dd>
                    <dt className="mt-2 font-bold text-muted">{a("requestReason")}</dt>
                    <dd>{isNameChangeReason(request.requested.reason) ? t(`contactChange.reasons.${request.requested.reason}`) : request.requested.reason}</dd>
                  </dl>
                  <div className="text-sm">
                    {request.registry ? (
                      <dl>
                        <dt className="font-bold text-muted">{a("registryMatch")}</dt>
                        <dd data-i18n-exempt="registry name">
                          {request.registry.name}（{request.registry.corporateNumber}）
                          <br />
                          {place(request.registry)}
                          {request.registry.closedAt ? <span className="ml-2 font-bold text-brand">{t("contactChange.closed")}</span> : null}
                        </dd>
                      </dl>
                    ) : (
                      <div>
                        <p className="font-bold text-muted">{a("registryCandidates")}</p>
                        {(candidates.get(request.id) ?? []).length === 0 ? (
                          <p>{a("noRegistryMatch")}</p>
                        ) : (
                          <ul className="list-disc pl-5" data-i18n-exempt="registry names and addresses">
                            {candidates.get(request.id)!.map((hit) => (
                              <li key={hit.corporateNumber}>
                                {hit.name}（{hit.corporateNumber}）{place(hit)}
                              </li>
                            ))}
                          </ul>
                        )}
                      </div>
                    )}
                  </div>
                </div>
                <DecisionForm
                  requestId={request.id}
                  title={title}
                  labels={{
                    approve: a("approve"),
                    reject: a("reject"),
                    rejectNote: a("rejectNote"),
                    rejectQuestion: a("rejectQuestion"),
                    rejectConfirm: a("rejectConfirm"),
                    cancel: a("cancel"),
                  }}
                />
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
