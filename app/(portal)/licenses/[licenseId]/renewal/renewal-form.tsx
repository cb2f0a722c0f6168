"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { FieldErrors, FormMessage, SubmitButton } from "@/app/_components/form-controls";
import { Cell } from "@/app/_components/table-head";
import { useFormatter, useTranslations } from "next-intl";
import { renewalQuoteAction, type RenewalState } from "./actions";

type Line = { lineId: number; productName: string; quantity: number; options: { code: string; name: string }[] };

const CELL = "border border-line px-3 py-2 text-left align-top";

/**
 * B-4 ②→③: the renewed lines (product and 数量 as held, not editable), 更新後製品 as text where there is one and as
 * radio buttons where there are several (none preselected: the manual has the customer choose), then 「参考更新価格表示」,
 * which opens the quote PDF (manual step ③) in a new tab and leaves this page — its choices and its list of quotes —
 * as it was. The answer also shows the quote's number and the links to its PDF (inline, and saved), which take the
 * focus; they are the way to the PDF where the browser blocked the tab.
 */
export function RenewalForm({ licenseId, lines }: { licenseId: number; lines: Line[] }) {
  const t = useTranslations("renewal");
  const format = useFormatter();
  const [state, dispatch, pending] = useActionState(renewalQuoteAction, { status: "idle" } as RenewalState);
  // The choices are the form's state, not the inputs' (React resets a form after its action): a customer who made a
  // quote still sees which successor it was for.
  const [choices, setChoices] = useState<Record<number, string>>({});
  // Lines without a choice at the last 「参考更新価格表示」, found before anything is sent (the server says the same).
  const [unchosen, setUnchosen] = useState<number[]>([]);
  const pdfTab = useRef<Window | null>(null);
  const result = useRef<HTMLDivElement>(null);
  const pdfHref = state.quoteId ? `/licenses/${state.licenseId}/renewal/quotes/${state.quoteId}` : null;
  useEffect(() => {
    if (state.status === "idle") return;
    const tab = pdfTab.current;
    pdfTab.current = null;
    if (tab && pdfHref) tab.location.replace(new URL(pdfHref, window.location.href).href);
    else tab?.close();
    result.current?.focus();
  }, [state, pdfHref]);
  const choosing = lines.some((line) => line.options.length > 1);
  const required = t("chooseRequired");
  const errorsOf = (lineId: number): string[] | undefined =>
    choices[lineId] === undefined && (unchosen.includes(lineId) || state.fieldErrors?.[`successor_${lineId}`]) ? [required] : undefined;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const missing = lines.filter((line) => line.options.length > 1 && choices[line.lineId] === undefined).map((line) => line.lineId);
    setUnchosen(missing);
    if (missing.length) {
      document.getElementById(`successor_${missing[0]}_0`)?.focus();
      return;
    }
    const data = new FormData(event.currentTarget);
    // Opened now, while the click still counts as the customer's (a tab opened when the answer comes is blocked as a
    // pop-up); it is shown the quote once it is made, or closed on a refusal.
    const tab = window.open("", "_blank");
    if (tab) tab.opener = null;
    pdfTab.current = tab;
    startTransition(() => dispatch(data));
  };
  const message = unchosen.length ? required : state.message;
  return (
    // `action` too: without script the form still posts to the server action (which checks the choice itself).
    <form action={dispatch} onSubmit={submit} noValidate>
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
                    <SuccessorChoice
                      line={line}
                      legend={t("chooseLegend", { product: line.productName })}
                      chosen={choices[line.lineId]}
                      errors={errorsOf(line.lineId)}
                      disabled={pending}
                      onChoose={(code) => {
                        setChoices((current) => ({ ...current, [line.lineId]: code }));
                        setUnchosen((current) => current.filter((id) => id !== line.lineId));
                      }}
                    />
                  )}
                </Cell>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div ref={result} tabIndex={-1} className="outline-none" data-testid="renewal-result">
        <FormMessage status={unchosen.length ? "error" : state.status} message={message} />
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

/** One line's successors as radio buttons (required: the form says so itself, under them, rather than the browser). */
function SuccessorChoice({
  line,
  legend,
  chosen,
  errors,
  disabled,
  onChoose,
}: {
  line: Line;
  legend: string;
  chosen: string | undefined;
  errors: string[] | undefined;
  disabled: boolean;
  onChoose: (code: string) => void;
}) {
  const name = `successor_${line.lineId}`;
  return (
    // A radiogroup (not a plain group): the role that carries required and invalid for its radios.
    <fieldset role="radiogroup" aria-required aria-invalid={errors ? true : undefined} aria-describedby={errors ? `${name}-error` : undefined}>
      <legend className="sr-only">{legend}</legend>
      {line.options.map((option, index) => (
        <label key={option.code} className="flex items-center gap-2 py-1">
          <input
            type="radio"
            id={`${name}_${index}`}
            name={name}
            value={option.code}
            required
            checked={chosen === option.code}
            onChange={() => onChoose(option.code)}
            disabled={disabled}
          />
          <span data-i18n-exempt="product name">{option.name}</span>
        </label>
      ))}
      <FieldErrors id={`${name}-error`} errors={errors} />
    </fieldset>
  );
}
