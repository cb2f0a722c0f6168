"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ClipboardEvent, DragEvent, ReactNode, Ref } from "react";
import { Field } from "@/app/_components/form-controls";
import type { IssuanceFormState } from "../actions";
import type { IssuanceLabels } from "../issuance-labels";
import { BUTTON, SECONDARY, StepSection } from "../issuance-panels";
import { ProductTable } from "../tables";
import type { IssuanceValue } from "./issuance-steps";

// The steps of C-1, C-2, C-4 after ① ②: 追加取得可能な製品 with 連絡先, 取得依頼内容, 依頼完了.

export type { IssuanceLabels };

type Offers = Extract<IssuanceFormState, { step: "offers" }>;
type Review = Extract<IssuanceFormState, { step: "review" }>;
type PanelProps = {
  labels: IssuanceLabels;
  values: Record<IssuanceValue, string>;
  offline: boolean;
  pending: boolean;
  headingRef: Ref<HTMLHeadingElement>;
  /** The step's message (StepMessage). */
  message: ReactNode;
  onBack: () => void;
};

/** ① ② as they were checked: the license the server found, and its code as the order system writes it (not as typed). */
function SourceSummary({ labels, licenseId, code }: { labels: IssuanceLabels; licenseId: number; code: string }) {
  return (
    <dl className="mb-6 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      <dt className="font-bold text-muted">{labels.licenseIdLabel}</dt>
      <dd className="tabular-nums">{licenseId}</dd>
      <dt className="font-bold text-muted">{labels.codeLabel}</dt>
      <dd className="break-all font-mono">{code}</dd>
    </dl>
  );
}

function StepButtons({ labels, pending, onBack, children }: { labels: IssuanceLabels; pending: boolean; onBack: () => void; children: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button type="button" className={SECONDARY} disabled={pending} onClick={onBack}>
        {labels.back}
      </button>
      {children}
      <span className="text-sm text-muted">{labels.notYet}</span>
    </div>
  );
}

export function OffersPanel({
  view,
  pasteRefused,
  onEdit,
  onRefusePaste,
  onReview,
  ...panel
}: PanelProps & {
  view: Offers;
  pasteRefused: boolean;
  onEdit: (name: IssuanceValue, value: string) => void;
  onRefusePaste: () => void;
  onReview: () => void;
}) {
  const { labels, values, offline, pending, headingRef, message, onBack } = panel;
  const caption = offline ? labels.offersHeadingOffline : labels.offersHeading;
  const errors = view.fieldErrors ?? {};
  const refusePaste = (event: ClipboardEvent<HTMLInputElement> | DragEvent<HTMLInputElement>) => {
    event.preventDefault();
    onRefusePaste();
  };
  return (
    <StepSection id="offers-heading" title={caption} headingRef={headingRef}>
      {message}
      <SourceSummary labels={labels} licenseId={view.source.licenseId} code={view.source.code ?? values.code} />
      <ProductTable caption={labels.sourceHeading} rows={[{ productName: view.source.productName, quantity: view.source.quantity }]} labels={labels} />
      <ProductTable caption={caption} rows={view.offers} labels={labels} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onReview();
        }}
      >
        <fieldset className="mb-4 rounded border border-line p-4">
          <legend className="px-1 font-bold">{labels.contactHeading}</legend>
          {offline ? <p className="mb-3 text-sm">{labels.offlineMailNote}</p> : null}
          <Field
            label={labels.email}
            name="email"
            type="email"
            required
            requiredMark={labels.requiredMark}
            errors={errors.email}
            value={values.email}
            onChange={(event) => onEdit("email", event.currentTarget.value)}
            autoComplete="email"
          />
          <Field
            label={labels.emailConfirm}
            name="emailConfirm"
            type="email"
            required
            requiredMark={labels.requiredMark}
            hint={pasteRefused ? labels.noPaste : labels.emailConfirmHint}
            errors={errors.emailConfirm}
            value={values.emailConfirm}
            onChange={(event) => onEdit("emailConfirm", event.currentTarget.value)}
            onPaste={refusePaste}
            onDrop={refusePaste}
            autoComplete="off"
          />
        </fieldset>
        <StepButtons labels={labels} pending={pending} onBack={onBack}>
          <button type="submit" disabled={pending} className={BUTTON}>
            {labels.request}
          </button>
        </StepButtons>
      </form>
    </StepSection>
  );
}

export function ReviewPanel({ view, onRequest, ...panel }: PanelProps & { view: Review; onRequest: () => void }) {
  const { labels, values, offline, pending, headingRef, message, onBack } = panel;
  return (
    <StepSection id="review-heading" title={labels.reviewHeading} headingRef={headingRef} headingClassName="mb-2 text-xl font-bold">
      <p className="mb-4">{labels.reviewLead}</p>
      {message}
      <SourceSummary labels={labels} licenseId={view.source.licenseId} code={view.source.code ?? values.code} />
      <ProductTable caption={offline ? labels.offersHeadingOffline : labels.offersHeading} rows={view.offers} labels={labels} />
      <h3 className="mb-2 font-bold">{labels.contactHeading}</h3>
      <dl className="mb-6 grid grid-cols-[max-content_1fr] gap-x-4 text-sm">
        <dt className="font-bold text-muted">{labels.email}</dt>
        <dd className="break-all">{values.email}</dd>
      </dl>
      <StepButtons labels={labels} pending={pending} onBack={onBack}>
        <button type="button" className={BUTTON} disabled={pending} onClick={onRequest}>
          {labels.request}
        </button>
      </StepButtons>
    </StepSection>
  );
}

export function DonePanel({ labels, validUntil, headingRef }: { labels: IssuanceLabels; validUntil: string; headingRef: Ref<HTMLHeadingElement> }) {
  // The page's provider ships issuance.validUntil.
  const t = useTranslations("issuance");
  return (
    <StepSection id="done-heading" title={labels.doneTitle} headingRef={headingRef}>
      <p className="mb-2">{labels.doneBody}</p>
      <p className="mb-6 font-bold">{t("validUntil", { time: validUntil })}</p>
      <Link href="/activation-codes" className="text-link underline">
        {labels.toMenu}
      </Link>
    </StepSection>
  );
}
