import Form from "next/form";
import Link from "next/link";
import type { InputHTMLAttributes, ReactNode } from "react";
import { PendingButton } from "@/app/_components/form-controls";
import { Cell, DataTable } from "@/app/_components/table-head";
import { findAuditEntries, listAuditActions, listAuditTargetTypes, type AuditLogEntry, type AuditPosition } from "@/lib/audit/log";
import {
  AUDIT_ACTOR_TYPES,
  AUDIT_PAGE_SIZE,
  auditSearch,
  decodeAuditCursor,
  encodeAuditCursor,
  formatAuditTime,
  parseAuditQuery,
  type AuditErrorCode,
  type AuditFilterField,
  type AuditQuery,
} from "@/lib/audit/query";
import { auditActionLabel, auditTargetLabel, describeAuditDetails } from "@/lib/audit/labels";
import { staffPage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getTranslations } from "@/lib/i18n";
import type { RootTranslator } from "@/lib/i18n";
import { PageTitle } from "@/app/admin/_components/admin-page";
import { LabelledLines } from "@/app/_components/labelled-lines";
import { titleMetadata } from "@/app/admin/page-title";

export const generateMetadata = titleMetadata((t) => t("admin.auditLog.title"));

type SearchParams = Record<string, string | string[] | undefined>;

/** Where each error code is shown: under the field it is about. */
const ERROR_FIELD: Record<AuditErrorCode, AuditFilterField | null> = {
  actor: "actor",
  actorType: "actorType",
  action: "action",
  targetType: "targetType",
  targetNeedsType: "targetType",
  targetId: "targetId",
  from: "from",
  to: "to",
  range: "to",
  invalid: null,
};

/** The page's place in the log: one cursor (`after` for 次へ, `before` for 前へ), or none; anything else is ignored. */
function positionOf(params: SearchParams): { position: AuditPosition; ignored: boolean } {
  const { after, before } = params;
  if (after === undefined && before === undefined) return { position: null, ignored: false };
  const cursor =
    after !== undefined && before === undefined ? decodeAuditCursor(after) : before !== undefined && after === undefined ? decodeAuditCursor(before) : null;
  if (!cursor) return { position: null, ignored: true };
  return { position: after !== undefined ? { after: cursor } : { before: cursor }, ignored: false };
}

// G-7 監査ログ (admins: `audit.read`; anyone else 404). A GET form, so that a filtered view is an address to share; the
// CSV export takes the same query. Newest first, 50 a page, paged by keyset (次へ / 前へ / 最新へ): no page numbers
// and no total, which would cost a count over millions of rows on every view.
export default async function AuditLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await staffPage("audit.read");
  const params = await searchParams;
  const parsed = parseAuditQuery(params);
  const { position, ignored } = positionOf(params);
  const [t, page, actions, targetTypes] = await Promise.all([
    getTranslations(),
    parsed.ok ? findAuditEntries(actor, parsed.filters, position) : Promise.resolve(null),
    listAuditActions(actor),
    listAuditTargetTypes(actor),
  ]);
  const a = await getTranslations("admin.auditLog");
  const values: AuditQuery = parsed.ok ? parsed.query : parsed.values;
  const errors = parsed.ok ? [] : parsed.errors;
  const errorOf = (field: AuditFilterField) => errors.filter((code) => ERROR_FIELD[code] === field).map((code) => a(`errors.${code}`));
  const general = errors.filter((code) => ERROR_FIELD[code] === null).map((code) => a(`errors.${code}`));
  // A filter's label has its field's name in the catalogue; the form shows what was asked, with the field's errors.
  const filter = (name: AuditFilterField) => ({ name, label: a(name), errors: errorOf(name), defaultValue: values[name] ?? "" });
  const query = parsed.ok ? parsed.query : {};
  return (
    <div>
      <PageTitle title={a("title")} intro={a("intro", { size: AUDIT_PAGE_SIZE })} introClassName="mb-4 text-sm" />

      <Form action="/admin/audit" role="search" aria-labelledby="audit-filter-heading" className="mb-4 rounded border border-line bg-white p-4">
        <h2 id="audit-filter-heading" className="mb-3 text-lg font-bold">
          {a("filterHeading")}
        </h2>
        {errors.length ? (
          <p role="alert" className="mb-3 font-bold text-brand">
            {a("invalid")}
            {general.map((message) => (
              <span key={message} className="block font-normal">
                {message}
              </span>
            ))}
          </p>
        ) : null}
        <div className="grid gap-4 md:grid-cols-2">
          <FilterInput {...filter("actor")} type="search" maxLength={254} autoComplete="off" />
          <Field name="actorType" label={a("actorType")} errors={errorOf("actorType")}>
            {(described) => (
              <select id="audit-actorType" name="actorType" defaultValue={values.actorType ?? ""} {...described} className={INPUT}>
                <option value="">{a("all")}</option>
                {AUDIT_ACTOR_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {a(`actorTypes.${type}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <FilterInput
            {...filter("action")}
            hint={
              <>
                {a("actionHint")}
                <code data-i18n-exempt="action names, as the log records them" className="ml-1">
                  login.lock, staff.
                </code>
              </>
            }
            type="search"
            list="audit-actions"
            maxLength={1000}
            autoComplete="off"
          />
          <datalist id="audit-actions">
            {actions.map((action) => (
              <option key={action} value={action} label={auditActionLabel(t, action)} />
            ))}
          </datalist>
          {/* One column on a phone: two fields of 12rem side by side were wider than 360 px (issue 29 item 18). */}
          <div className="grid gap-4 sm:grid-cols-2 sm:gap-2">
            <FilterInput {...filter("targetType")} type="search" list="audit-target-types" maxLength={64} autoComplete="off" />
            <FilterInput {...filter("targetId")} type="search" maxLength={100} autoComplete="off" />
            <datalist id="audit-target-types">
              {targetTypes.map((type) => (
                <option key={type} value={type} label={auditTargetLabel(t, type, null) ?? type} />
              ))}
            </datalist>
          </div>
          <fieldset className="md:col-span-2" aria-describedby="audit-period-hint">
            <legend className="text-sm font-bold">{a("period")}</legend>
            <p id="audit-period-hint" className="mb-1 text-xs text-muted">
              {a("periodHint")}
            </p>
            <div className="flex flex-wrap items-start gap-2">
              <FilterInput {...filter("from")} type="datetime-local" step={1} />
              <span aria-hidden="true" className="self-center pt-5">
                {a("rangeMark")}
              </span>
              <FilterInput {...filter("to")} type="datetime-local" step={1} />
            </div>
          </fieldset>
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <PendingButton className="rounded bg-brand px-4 py-2 font-bold text-white disabled:opacity-60">{a("search")}</PendingButton>
          <Link href="/admin/audit">{a("clear")}</Link>
        </div>
      </Form>

      {ignored ? (
        <p role="status" className="mb-3">
          {a("cursorIgnored")}
        </p>
      ) : null}

      {page ? (
        <section aria-labelledby="audit-results-heading">
          <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="audit-results-heading" className="text-lg font-bold">
              {page.rows.length ? a("shown", { count: page.rows.length }) : a("empty")}
            </h2>
            <p>
              <a href={`/admin/audit/export${auditSearch(query)}`} download className="text-link underline">
                {a("export")}
              </a>
              <span className="ml-2 text-xs text-muted">{a("exportHint")}</span>
            </p>
          </div>
          {page.rows.length ? (
            /* The cells' common style once on the table: 50 rows × 6 cells are rendered twice (HTML and the RSC payload). */
            <DataTable
              columns={[
                { label: t("admin.auditColumns.at"), className: "whitespace-nowrap" },
                t("admin.auditColumns.actorEmail"),
                t("admin.auditColumns.action"),
                t("admin.auditColumns.target"),
                t("admin.auditColumns.clientAddress"),
                t("admin.auditColumns.details"),
              ]}
              className="bg-white [&_td]:border-b [&_td]:border-line [&_td]:p-2 [&_td]:align-top"
              data-testid="audit-log"
            >
              <tbody>
                {page.rows.map((row) => (
                  <AuditRow key={row.id} row={row} t={t} contractLinks={can(actor.role, "contracts.read")} />
                ))}
              </tbody>
            </DataTable>
          ) : null}
          <nav aria-label={a("pagination")} className="mt-3 flex flex-wrap gap-4">
            {position ? <Link href={`/admin/audit${auditSearch(query)}`}>{a("newest")}</Link> : null}
            {page.newer ? (
              <Link href={`/admin/audit${auditSearch(query, { before: encodeAuditCursor(page.newer) })}`} rel="prev">
                {a("newer")}
              </Link>
            ) : null}
            {page.older ? (
              <Link href={`/admin/audit${auditSearch(query, { after: encodeAuditCursor(page.older) })}`} rel="next">
                {a("older")}
              </Link>
            ) : null}
          </nav>
        </section>
      ) : null}
    </div>
  );
}

const INPUT = "w-full rounded border border-line bg-white px-3 py-2 font-normal";

/** A labelled control with its hint and messages, tied to it by aria-describedby (STYLE.md: forms and messages). */
function Field({
  name,
  label,
  hint,
  errors,
  children,
}: {
  name: AuditFilterField;
  label: string;
  hint?: ReactNode;
  errors: string[];
  children: (described: { "aria-describedby"?: string; "aria-invalid"?: true }) => ReactNode;
}) {
  const ids = [hint ? `audit-${name}-hint` : null, errors.length ? `audit-${name}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="flex min-w-0 flex-1 basis-48 flex-col gap-1">
      <label htmlFor={`audit-${name}`} className="text-sm font-bold">
        {label}
      </label>
      {children({ ...(ids ? { "aria-describedby": ids } : {}), ...(errors.length ? { "aria-invalid": true as const } : {}) })}
      {hint ? (
        <p id={`audit-${name}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      ) : null}
      {errors.length ? (
        <p id={`audit-${name}-error`} aria-live="polite" className="text-sm text-brand">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** A filter typed in: its input inside a Field, showing what was asked. */
function FilterInput({
  name,
  label,
  hint,
  errors,
  defaultValue,
  ...input
}: { name: AuditFilterField; label: string; hint?: ReactNode; errors: string[]; defaultValue: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field name={name} label={label} errors={errors} hint={hint}>
      {(described) => <input id={`audit-${name}`} name={name} {...input} defaultValue={defaultValue} {...described} className={INPUT} />}
    </Field>
  );
}

function AuditRow({ row, t, contractLinks }: { row: AuditLogEntry; t: RootTranslator; contractLinks: boolean }) {
  const target = auditTargetLabel(t, row.targetType, row.targetId);
  const c = (key: "at" | "actorEmail" | "action" | "target" | "clientAddress" | "details") => t(`admin.auditColumns.${key}`);
  return (
    <tr>
      <Cell label={c("at")} className="whitespace-nowrap tabular-nums">
        <time dateTime={row.at.toISOString()}>{formatAuditTime(row.at)}</time>
      </Cell>
      <Cell label={c("actorEmail")}>
        {row.actorEmail ? <span className="block break-all">{row.actorEmail}</span> : null}
        <span className="text-xs text-muted">{t(`admin.auditLog.actorTypes.${row.actorType}`)}</span>
      </Cell>
      {/* The label; the code (what the 操作 filter takes) for assistive technology and tests, as the row's data. */}
      <Cell label={c("action")} data-action={row.action}>
        {auditActionLabel(t, row.action)}
      </Cell>
      <Cell label={c("target")}>
        {/* G-6: a contract's rows lead to its page, for the operators' and admins' follow-up. */}
        {row.targetType === "license" && row.targetId && contractLinks && /^\d+$/.test(row.targetId) ? (
          <Link href={`/admin/contracts/${row.targetId}`}>{target}</Link>
        ) : (
          target
        )}
      </Cell>
      <Cell label={c("clientAddress")} className="whitespace-nowrap tabular-nums">
        {row.clientAddress}
      </Cell>
      {/* Each recorded detail under its label (writeAudit kept no secret in them), escaped by React like any text. */}
      <Cell label={c("details")} className="max-w-[24rem]">
        <LabelledLines lines={describeAuditDetails(t, row.action, row.details)} />
      </Cell>
    </tr>
  );
}
