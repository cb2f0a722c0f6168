"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";
import { FormMessage } from "@/app/_components/form-controls";
import type { MailedIssuanceKind } from "@/lib/issuance/catalog";
import { confirmIssuanceAction, type ConfirmState } from "../../../actions";
import { CodesTable, ProductTable } from "../../../tables";

type Labels = {
  acceptedBody: string;
  licenseId: string;
  requestedAt: string;
  email: string;
  product: string;
  quantity: string;
  reviewHeading: string;
  request: string;
  willIssue: string;
  issuedMailNote: string;
  toDetail: string;
  /** 「URLの有効期限：…」, with the time. */
  validUntil: string;
  codeName: string;
};
type Request = { licenseId: number; requestedAt: string; validUntil: string; contactEmail: string; items: { productName: string; quantity: number }[] };

/** Manual steps 12–13: the request once more → 「発行を依頼する」 (a POST: the one that issues) → the SPEC's message. */
export function ConfirmIssuance({ kind, token, request, labels }: { kind: MailedIssuanceKind; token: string; request: Request; labels: Labels }) {
  const [state, action, pending] = useActionState(confirmIssuanceAction, { status: "idle" } as ConfirmState);
  const result = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.status !== "idle") result.current?.focus();
  }, [state]);
  if (state.status === "success" && state.codes) {
    return (
      <div ref={result} tabIndex={-1}>
        <p role="status" className="mb-4 rounded border border-[#1a7f37] bg-[#f0fff4] px-4 py-3 text-lg font-bold text-[#116329]" data-testid="issued-message">
          {state.message}
        </p>
        <p className="mb-4">{labels.issuedMailNote}</p>
        <CodesTable rows={state.codes} columns={{ product: labels.product, quantity: labels.quantity, code: labels.codeName }} />
        <Link href={`/licenses/${state.licenseId}`} className="text-link underline">
          {labels.toDetail}
        </Link>
      </div>
    );
  }
  return (
    <>
      <p className="mb-4">{labels.acceptedBody}</p>
      <div ref={result} tabIndex={-1}>
        <FormMessage status={state.status} message={state.message} />
      </div>
      <h2 className="mb-2 font-bold">{labels.reviewHeading}</h2>
      <dl className="mb-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-bold text-muted">{labels.licenseId}</dt>
        <dd className="tabular-nums">{request.licenseId}</dd>
        <dt className="font-bold text-muted">{labels.requestedAt}</dt>
        <dd className="tabular-nums">{request.requestedAt}</dd>
        <dt className="font-bold text-muted">{labels.email}</dt>
        <dd className="break-all">{request.contactEmail}</dd>
      </dl>
      <ProductTable rows={request.items} labels={labels} className="mb-2" />
      <p className="mb-6 text-sm text-muted">{labels.validUntil}</p>
      <form action={action} className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="token" value={token} />
        <button
          type="submit"
          disabled={pending}
          aria-disabled={pending}
          className="rounded bg-brand px-6 py-2 font-bold text-white hover:bg-brand-dark disabled:opacity-60"
        >
          {labels.request}
        </button>
        <span className="text-sm text-muted">{labels.willIssue}</span>
      </form>
    </>
  );
}
