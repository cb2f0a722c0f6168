"use client";

import { useActionState, useEffect, useRef } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form-controls";
import { Cell } from "@/app/_components/table-head";
import { useFormatter, useTranslations } from "next-intl";
import { renewalQuoteAction, type RenewalState } from "./actions";

type Line = { lineId: number; productName: string; quantity: number; options: { code: string; name: string }[] };

const CELL = "border border-line px-3 py-2 text-left align-top";

/**
 * B-4 ②→③: the renewed lines (product and 数量 as held, not editable), 更新後製品 as text where there is one and as
 * radio buttons where there are several (none preselected: the manual has the customer choose), then 「参考更新価格表示」.
 * The quote comes back as its number and the links to its PDF (inline, and saved), which take the focus.
 */
export function RenewalForm({ licenseId, lines }: { licenseId: number; lines: Line[] }) {
  const t = useTranslations("renewal");
  const format = useFormatter();
  const [state, dispatch, pending] = useActionState(renewalQuoteAction, { status: "idle" } as RenewalState);
  const result = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.status !== "idle") result.current?.focus();
  }, [state]);
  const choosing = lines.some((line) => line.options.length > 1);
  const pdfHref = state.quoteId ? `/licenses/${state.licenseId}/renewal/quotes/${state.quoteId}` : null;
  return (
    <form action={dispatch}>
      <input type="hidden" name="licenseId" value={licenseId} />
      <p className="mb-2">{t("intro")}</p>
      {choosing ? <p className="mb-2">{t("chooseIntro")}</p> : null}
      <p className="mb-6 text-sm text-muted">{t("fixedNote")}</p>
      {/* The manual's two-row header (更新対象 over 製品 and 数量): the data table's cards and frame, its own head. */}
      <div className="data-table-frame mb-6">
        <table className="data-table w-full border-collapse text-sm">
          <thead className="bg-panel">
            <tr>
              <th scope="col" colSpan={2} className={CELL}>
                {t("target")}
              </th>
              <th scope="col" rowSpan={2} className={`${CELL} align-bottom`}>
                {t("successor")}
              </th>
            </tr>
            <tr>
              <th scope="col" className={CELL}>
                {t("product")}
              </th>
              <th scope="col" className={`${CELL} w-24 text-right`}>
                {t("quantity")}
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.lineId} data-testid={`renewal-line-${line.lineId}`}>
                <Cell label={t("product")} className={CELL} data-i18n-exempt="product name">
                  {line.productName}
                </Cell>
                <Cell label={t("quantity")} className={`${CELL} text-right tabular-nums`}>
                  {format.number(line.quantity)}
                </Cell>
                <Cell label={t("successor")} className={CELL}>
                  {line.options.length === 1 ? (
                    <span data-i18n-exempt="product name">{line.options[0]!.name}</span>
                  ) : (
                    <fieldset>
                      <legend className="sr-only">{t("chooseLegend", { product: line.productName })}</legend>
                      {line.options.map((option) => (
                        <label key={option.code} className="flex items-center gap-2 py-1">
                          <input type="radio" name={`successor_${line.lineId}`} value={option.code} required disabled={pending} />
                          <span data-i18n-exempt="product name">{option.name}</span>
                        </label>
                      ))}
                    </fieldset>
                  )}
                </Cell>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div ref={result} tabIndex={-1} className="outline-none" data-testid="renewal-result">
        <FormMessage status={state.status} message={state.message} />
        {pdfHref ? (
          <p className="mb-6 flex flex-wrap items-center gap-4">
            <a href={pdfHref} target="_blank" rel="noopener" className="rounded bg-brand px-4 py-2 font-bold text-white no-underline hover:bg-brand-dark">
              {t("open")}
            </a>
            <a href={`${pdfHref}?download=1`} download className="text-link underline">
              {t("download")}
            </a>
          </p>
        ) : null}
      </div>
      <SubmitButton pending={pending}>{t("show")}</SubmitButton>
    </form>
  );
}
