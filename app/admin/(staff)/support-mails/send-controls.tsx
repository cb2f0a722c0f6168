"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { CheckboxField, FormMessage, SubmitButton } from "@/app/_components/form-controls";
import type { FormState } from "@/lib/validation/form-state";
import { sendTestMailAction, startSendingAction } from "./actions";

/** 「テスト送信」: the mail to the marketer's own address. */
export function TestSendForm({ mailId, label }: { mailId: number; label: string }) {
  const [state, dispatch, pending] = useActionState(sendTestMailAction, { status: "idle" } as FormState);
  return (
    <form action={dispatch} className="mb-4">
      <FormMessage status={state.status} message={state.message} />
      <input type="hidden" name="mailId" value={mailId} />
      <SubmitButton pending={pending}>{label}</SubmitButton>
    </form>
  );
}

/** 「全購読者に送信する」 behind a confirmation checkbox that names how many subscribers get it. */
export function StartSendingForm({ mailId, confirmLabel, label }: { mailId: number; confirmLabel: string; label: string }) {
  const [state, dispatch, pending] = useActionState(startSendingAction, { status: "idle" } as FormState);
  return (
    <form action={dispatch}>
      <FormMessage status={state.status} message={state.message} />
      <input type="hidden" name="mailId" value={mailId} />
      <CheckboxField label={confirmLabel} name="confirm" required errors={state.fieldErrors?.confirm} />
      <SubmitButton pending={pending}>{label}</SubmitButton>
    </form>
  );
}

/** While the job runs, the page's progress is read again every 2 seconds. */
export function RefreshWhileSending() {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [router]);
  return null;
}
