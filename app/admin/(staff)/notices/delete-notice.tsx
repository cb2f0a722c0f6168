"use client";

import { useActionState } from "react";
import { FormMessage } from "@/app/_components/form-controls";
import type { FormState } from "@/lib/validation/form-state";
import { ConfirmAction } from "@/app/admin/_components/confirm-action";
import { TitledSection } from "@/app/admin/_components/admin-page";
import { deleteNoticeAction } from "./actions";

/** G-2 削除, behind its confirmation on the page, which names the notice and deletes it with 「削除する」. */
export function DeleteNotice({
  noticeId,
  title,
  labels,
}: {
  noticeId: number;
  title: string;
  labels: { deleteHeading: string; delete: string; deleteConfirm: string; deleteSubmit: string; cancel: string };
}) {
  const [state, dispatch, pending] = useActionState(deleteNoticeAction, { status: "idle" } as FormState);
  return (
    <TitledSection headingId="delete-heading" title={labels.deleteHeading} className="mt-6 rounded border border-line bg-white p-4">
      <FormMessage status={state.status} message={state.message} />
      <ConfirmAction
        dispatch={dispatch}
        pending={pending}
        result={state}
        fields={{ noticeId }}
        labels={{ trigger: labels.delete, question: labels.deleteConfirm, confirm: labels.deleteSubmit, cancel: labels.cancel }}
      >
        <p className="font-bold" data-i18n-exempt="notice title, written by staff">
          {title}
        </p>
      </ConfirmAction>
    </TitledSection>
  );
}
