"use client";

import { useActionState } from "react";
import { FormMessage } from "@/app/_components/form-controls";
import type { FormState } from "@/lib/validation/form-state";
import { deleteNoticeAction } from "./actions";
import { TitledSection } from "@/app/admin/_components/admin-page";

/**
 * G-2 削除, with its confirmation on the page: 「削除」 opens the confirmation (a disclosure: keyboard-usable, no
 * window.confirm, works without JavaScript), which names the notice and deletes it with 「削除する」.
 */
export function DeleteNotice({
  noticeId,
  title,
  labels,
}: {
  noticeId: number;
  title: string;
  labels: { deleteHeading: string; delete: string; deleteConfirm: string; deleteSubmit: string };
}) {
  const [state, dispatch, pending] = useActionState(deleteNoticeAction, { status: "idle" } as FormState);
  return (
    <TitledSection headingId="delete-heading" title={labels.deleteHeading} className="mt-6 rounded border border-line bg-white p-4">
      <FormMessage status={state.status} message={state.message} />
      <details>
        <summary className="inline-block cursor-pointer rounded border border-brand px-4 py-2 font-bold text-brand">{labels.delete}</summary>
        <div className="mt-3 rounded border border-brand bg-[#fff5f5] p-3" data-testid="delete-confirmation">
          <p className="mb-1">{labels.deleteConfirm}</p>
          <p className="mb-3 font-bold" data-i18n-exempt="notice title, written by staff">
            {title}
          </p>
          <form action={dispatch}>
            <input type="hidden" name="noticeId" value={noticeId} />
            <input type="hidden" name="confirm" value="yes" />
            <button type="submit" disabled={pending} className="rounded bg-brand px-4 py-2 font-bold text-white hover:bg-brand-dark disabled:opacity-60">
              {labels.deleteSubmit}
            </button>
          </form>
        </div>
      </details>
    </TitledSection>
  );
}
