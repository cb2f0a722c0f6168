"use client";

import { useTranslations } from "next-intl";
import type { Ref } from "react";
import { SubmitButton } from "@/app/_components/form-controls";
import { Cell, DataTable } from "@/app/_components/table-head";
import type { PreparedChange } from "@/lib/licenses/contact-change";

/** B-5 ④ 変更内容の確認: the changes, before → after (the name change with its reason), then 「変更」 or 「修正する」. */
export function ReviewPanel({
  prepared,
  applying,
  headingRef,
  onEdit,
}: {
  prepared: PreparedChange;
  applying: boolean;
  headingRef: Ref<HTMLHeadingElement>;
  onEdit: () => void;
}) {
  const cc = useTranslations("contactChange");
  const l = useTranslations("licenses");
  return (
    <section aria-labelledby="review-heading">
      <h2 id="review-heading" ref={headingRef} tabIndex={-1} className="mb-2 text-lg font-bold">
        {cc("confirmTitle")}
      </h2>
      <p className="mb-4">{cc("confirmIntro")}</p>
      <div className="mb-4">
        <DataTable columns={[cc("item"), cc("before"), cc("after")]}>
          <tbody>
            {prepared.changes.map((change) => (
              <tr key={`${change.role}.${change.field}`} className="border-b border-line">
                <th scope="row" className="p-2 text-left font-bold">
                  {change.role === "contract" ? l("contractContact") : l("supportContact")} {l(change.field)}
                </th>
                <Cell label={cc("before")} className="p-2 break-all" data-i18n-exempt="contact data, before and after">
                  {change.before ?? cc("empty")}
                </Cell>
                <Cell label={cc("after")} className="p-2 break-all font-bold" data-i18n-exempt="contact data, before and after">
                  {change.after ?? cc("empty")}
                </Cell>
              </tr>
            ))}
            {prepared.nameChange ? (
              <tr className="border-b border-line">
                <th scope="row" className="p-2 text-left font-bold">
                  {cc("nameChangeRow")}
                </th>
                <Cell label={cc("before")} className="p-2" data-i18n-exempt="company name, before and after">
                  {[prepared.nameChange.before.companyName, prepared.nameChange.before.branchName].filter(Boolean).join(" ")}
                </Cell>
                <Cell label={cc("after")} className="p-2 font-bold" data-i18n-exempt="company name, before and after">
                  {[prepared.nameChange.companyName, prepared.nameChange.branchName].filter(Boolean).join(" ")}
                  <span className="block font-normal text-muted">{cc(`reasons.${prepared.nameChange.reason}`)}</span>
                </Cell>
              </tr>
            ) : null}
          </tbody>
        </DataTable>
      </div>
      {prepared.emailChanges.length > 0 ? <p className="mb-4 rounded border border-line bg-panel p-3 text-sm">{cc("emailNote")}</p> : null}
      <div className="flex flex-wrap gap-3">
        <SubmitButton pending={applying}>{cc("apply")}</SubmitButton>
        <button type="button" onClick={onEdit} className="rounded border border-ink bg-white px-6 py-2 font-bold hover:bg-panel">
          {cc("edit")}
        </button>
      </div>
    </section>
  );
}
