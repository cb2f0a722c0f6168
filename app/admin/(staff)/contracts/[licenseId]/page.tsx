import { licenseIdSchema } from "@/lib/validation/ids";
import Form from "next/form";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { z } from "zod";
import { PendingButton } from "@/app/_components/form-controls";
import { Cell } from "@/app/_components/table-head";
import { ListRow, ListTable } from "@/app/admin/_components/admin-page";
import { explainVisibility, getContractForStaff, STAFF_HISTORY_LIMIT, type StaffContractDetail, type VisibilityCondition } from "@/lib/licenses/staff";
import { staffPage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { formatDate, formatDateTime } from "@/lib/dates";
import { getTranslations } from "@/lib/i18n";
import type { RootTranslator } from "@/lib/i18n";
import { describeHistoryChange, historyActionLabel } from "@/lib/audit/labels";
import { LabelledLines } from "@/app/_components/labelled-lines";
import { DisplayForm } from "./display-form";
import { titleMetadata } from "@/app/admin/page-title";

export const generateMetadata = titleMetadata((t) => t("admin.contracts.title"));

type ContractStatus = "active" | "expired" | "registering" | "invalid";

/** B-0's verdict is asked for by a GET form (?email=): an address, or nothing. */
const emailParam = z.string().trim().max(254).email().optional().catch(undefined);

// G-6 one contract for operators and admins (`contracts.read`; anyone else 404): the contract, its contacts and
// products with their codes, the issuance requests, the reference renewal prices a customer was shown, its history;
// B-0's verdict for a given e-mail, each condition with its reason; 表示設定 for `contracts.write`.
export default async function StaffContractPage({
  params,
  searchParams,
}: {
  params: Promise<{ licenseId: string }>;
  searchParams: Promise<{ email?: string | string[] }>;
}) {
  const actor = await staffPage("contracts.read");
  const id = licenseIdSchema.safeParse((await params).licenseId);
  if (!id.success) notFound();
  const rawEmail = (await searchParams).email;
  const email = emailParam.parse(rawEmail);
  const [t, contract, verdict] = await Promise.all([
    getTranslations(),
    getContractForStaff({ actor, licenseId: id.data }),
    email ? explainVisibility({ actor, licenseId: id.data, email }) : Promise.resolve(undefined),
  ]);
  if (!contract) notFound();
  const c = await getTranslations("admin.contracts");
  const l = await getTranslations("licenses");
  return (
    <div className="space-y-8">
      <div>
        <p className="mb-4 text-sm">
          <Link href="/admin/contracts">{c("back")}</Link>
        </p>
        <h1 className="mb-4 text-2xl font-bold">{c("detailTitle", { licenseId: String(contract.licenseId) })}</h1>
        <Definitions
          rows={[
            [
              l("licenseId"),
              <span key="id" className="tabular-nums">
                {contract.licenseId}
              </span>,
            ],
            [
              c("company"),
              <span key="company" data-i18n-exempt="company name">
                {contract.companyName}
              </span>,
            ],
            [
              l("product"),
              <span key="product" data-i18n-exempt="product name">
                {contract.productName}
              </span>,
            ],
            [l("status"), c(`statusLabel.${contract.status as ContractStatus}`)],
            [l("period"), l("periodRange", { start: formatDate(contract.startDate), end: formatDate(contract.endDate) })],
            [l("supportEndDate"), formatDate(contract.supportEndDate)],
            [c("display"), contract.hidden ? c("hidden") : c("shown")],
          ]}
        />
      </div>

      <Section id="verdict" title={c("verdictHeading")}>
        <p className="mb-2 text-sm">{c("verdictIntro")}</p>
        {/* Answered by this page again, in place (scroll={false}: the verdict appears under the form). */}
        <Form action={`/admin/contracts/${contract.licenseId}`} scroll={false} className="mb-3 flex flex-wrap items-end gap-2">
          <label className="flex min-w-[18rem] flex-col gap-1 text-sm font-bold">
            {c("verdictEmail")}
            <input
              name="email"
              type="email"
              required
              defaultValue={typeof rawEmail === "string" ? rawEmail.slice(0, 254) : ""}
              className="rounded border border-line bg-white px-3 py-2 font-normal"
            />
          </label>
          <PendingButton className="rounded border border-ink bg-white px-4 py-2 font-bold hover:bg-panel disabled:opacity-60">
            {c("verdictCheck")}
          </PendingButton>
        </Form>
        {rawEmail !== undefined && !email ? <p role="alert">{c("verdictInvalid")}</p> : null}
        {verdict ? <Verdict verdict={verdict} t={t} /> : null}
      </Section>

      {can(actor.role, "contracts.write") ? (
        <Section id="display" title={c("displayHeading")}>
          <p className="mb-1">{c("displayNow", { state: contract.hidden ? c("hidden") : c("shown") })}</p>
          <p className="mb-3 text-sm">{c("displayHint")}</p>
          <DisplayForm
            licenseId={contract.licenseId}
            hidden={contract.hidden}
            version={contract.version}
            labels={{ hide: c("hide"), show: c("show"), hideQuestion: c("hideQuestion"), cancel: t("admin.cancel") }}
          />
        </Section>
      ) : null}

      {contract.contacts.map((contact) => (
        <Section key={contact.role} id={`contact-${contact.role}`} title={contact.role === "contract" ? l("contractContact") : l("supportContact")}>
          <Definitions
            rows={[
              [l("companyName"), contact.companyName],
              [l("branchName"), contact.branchName],
              [l("department"), contact.department],
              [l("personName"), contact.personName],
              [l("postalCode"), contact.postalCode],
              [l("prefecture"), contact.prefecture],
              [l("address"), contact.address],
              [l("phone"), contact.phone],
              [l("email"), contact.email],
              ...(contact.previousEmail && contact.emailEffectiveAt > new Date()
                ? [[c("previousEmail", { date: formatDateTime(contact.emailEffectiveAt) }), contact.previousEmail] as [string, string]]
                : []),
            ]}
            exempt
          />
        </Section>
      ))}

      <Section id="lines" title={l("holdings")}>
        <Lines contract={contract} t={t} />
      </Section>

      <Section id="requests" title={c("requests")}>
        <ListTable
          items={contract.requests}
          empty={c("noRequests")}
          columns={[c("requestedAt"), c("kindColumn"), l("status"), c("requestedBy"), c("contactEmail"), c("issuedAt")]}
          data-testid="staff-requests-table"
        >
          {(r) => (
            <tr key={r.id} className="border-b border-line">
              <Cell label={c("requestedAt")} className="p-2 tabular-nums">
                {formatDateTime(r.createdAt)}
              </Cell>
              <Cell label={c("kindColumn")} className="p-2" data-i18n-exempt="form name: ウイルスバスター is a proper noun">
                {c(`requestKind.${r.kind as "apex_one" | "virus_buster" | "apex_central" | "offline"}`)}
              </Cell>
              <Cell label={l("status")} className="p-2">
                {c(`requestStatus.${r.status as "requested" | "issued" | "cancelled"}`)}
              </Cell>
              <Cell label={c("requestedBy")} className="p-2">
                {r.accountEmail}
              </Cell>
              <Cell label={c("contactEmail")} className="p-2">
                {r.contactEmail}
              </Cell>
              <Cell label={c("issuedAt")} className="p-2 tabular-nums">
                {r.issuedAt ? formatDateTime(r.issuedAt) : "—"}
              </Cell>
            </tr>
          )}
        </ListTable>
      </Section>

      <Section id="quotes" title={c("quotes")}>
        <ListTable
          items={contract.quotes}
          empty={c("noQuotes")}
          columns={[c("quoteDate"), c("validUntil"), c("successors"), { label: c("total"), className: "text-right" }, c("shownTo")]}
          data-testid="staff-quotes-table"
        >
          {(q) => (
            <tr key={q.id} className="border-b border-line">
              <Cell label={c("quoteDate")} className="p-2 tabular-nums">
                {formatDate(q.quoteDate)}
              </Cell>
              <Cell label={c("validUntil")} className="p-2 tabular-nums">
                {formatDate(q.validUntil)}
              </Cell>
              <Cell label={c("successors")} className="p-2" data-i18n-exempt="product names">
                {q.successors.join("、")}
              </Cell>
              <Cell label={c("total")} className="p-2 text-right tabular-nums">
                {c("yen", { amount: q.totalYen })}
              </Cell>
              <Cell label={c("shownTo")} className="p-2">
                {q.accountEmail}
              </Cell>
            </tr>
          )}
        </ListTable>
      </Section>

      <Section id="history" title={c("history")}>
        {/* Only at the limit (a positive number): never above the sentence for an empty history. */}
        {contract.history.length >= STAFF_HISTORY_LIMIT ? <p className="mb-2 text-sm">{c("historyLimit", { limit: STAFF_HISTORY_LIMIT })}</p> : null}
        <ListTable items={contract.history} empty={c("noHistory")} columns={[c("at"), c("actor"), c("action"), c("changes")]} data-testid="staff-history-table">
          {(h) => (
            <ListRow key={h.id}>
              <Cell label={c("at")} className="p-2 whitespace-nowrap tabular-nums">
                {formatDateTime(h.createdAt)}
              </Cell>
              <Cell label={c("actor")} className="p-2">
                {c(`actorType.${h.actorType as "customer" | "staff" | "system"}`)}
                {h.actorEmail ? <span className="block text-xs">{h.actorEmail}</span> : null}
              </Cell>
              <Cell label={c("action")} className="p-2">
                {historyActionLabel(t, h.action)}
              </Cell>
              <Cell label={c("changes")} className="p-2">
                <LabelledLines lines={describeHistoryChange(t, h.before, h.after)} />
              </Cell>
            </ListRow>
          )}
        </ListTable>
      </Section>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded border border-line bg-white p-4" data-testid={`staff-${id}`}>
      <h2 id={`${id}-heading`} className="mb-3 text-lg font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Definitions({ rows, exempt = false }: { rows: [ReactNode, ReactNode][]; exempt?: boolean }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      {rows.map(([term, value], index) => (
        <div key={index} className="contents">
          <dt className="font-bold text-muted">{term}</dt>
          <dd className="break-all" data-i18n-exempt={exempt ? "contact data, as recorded" : undefined}>
            {value ?? "—"}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Lines({ contract, t }: { contract: StaffContractDetail; t: RootTranslator }) {
  return (
    <ListTable
      items={contract.lines}
      empty={t("admin.contracts.noLines")}
      columns={[
        t("licenses.product"),
        { label: t("licenses.quantity"), className: "text-right" },
        t("licenses.period"),
        t("licenses.supportEndDate"),
        t("licenses.activationCode"),
        t("admin.contracts.source"),
      ]}
      data-testid="staff-lines-table"
    >
      {(line) => (
        <tr key={line.id} className="border-b border-line">
          <Cell label={t("licenses.product")} className="p-2" data-i18n-exempt="product name">
            {line.productName}
          </Cell>
          <Cell label={t("licenses.quantity")} className="p-2 text-right tabular-nums">
            {line.quantity}
          </Cell>
          <Cell label={t("licenses.period")} className="p-2 tabular-nums">
            {t("licenses.periodRange", { start: formatDate(line.startDate), end: formatDate(line.endDate) })}
          </Cell>
          <Cell label={t("licenses.supportEndDate")} className="p-2 tabular-nums">
            {formatDate(line.supportEndDate)}
          </Cell>
          <Cell label={t("licenses.activationCode")} className="p-2 font-mono" data-i18n-exempt="activation code">
            {line.activationCode ?? "—"}
          </Cell>
          <Cell label={t("admin.contracts.source")} className="p-2">
            {t(`admin.contracts.sourceLabel.${line.source}`)}
          </Cell>
        </tr>
      )}
    </ListTable>
  );
}

function conditionText(condition: VisibilityCondition, t: RootTranslator): string {
  switch (condition.condition) {
    case 1:
      return condition.holds
        ? t("admin.contracts.condition.contactYes")
        : t("admin.contracts.condition.contactNo", { contacts: condition.contacts.join("、") });
    case 2:
      return condition.holds
        ? t("admin.contracts.condition.productsYes")
        : [!condition.category ? t("admin.contracts.condition.category") : null, !condition.product ? t("admin.contracts.condition.product") : null]
            .filter(Boolean)
            .join(" ");
    case 3:
      return condition.holds
        ? t("admin.contracts.condition.periodYes", { date: formatDate(condition.endDate) })
        : t("admin.contracts.condition.periodNo", { date: formatDate(condition.endDate), oldest: formatDate(condition.oldestShown) });
    case 4: {
      const status = t(`admin.contracts.statusLabel.${condition.status as ContractStatus}`);
      return condition.holds ? t("admin.contracts.condition.statusYes", { status }) : t("admin.contracts.condition.statusNo", { status });
    }
    case 5:
      return condition.holds ? t("admin.contracts.condition.displayYes") : t("admin.contracts.condition.displayNo");
  }
}

function Verdict({ verdict, t }: { verdict: NonNullable<Awaited<ReturnType<typeof explainVisibility>>>; t: RootTranslator }) {
  return (
    <div data-testid="staff-verdict">
      <p role="status" className={`mb-2 font-bold ${verdict.visible ? "text-[#116329]" : "text-[#86061d]"}`}>
        {verdict.visible ? t("admin.contracts.visibleYes", { email: verdict.email }) : t("admin.contracts.visibleNo", { email: verdict.email })}
      </p>
      <ol className="space-y-1 text-sm">
        {verdict.conditions.map((condition) => (
          <li key={condition.condition} data-condition={condition.condition} data-holds={condition.holds}>
            <span className="font-bold">{t("admin.contracts.conditionN", { n: condition.condition })}</span>
            {t("common.colon")}
            {condition.holds ? t("admin.contracts.holds") : t("admin.contracts.fails")} — {conditionText(condition, t)}
          </li>
        ))}
      </ol>
    </div>
  );
}
