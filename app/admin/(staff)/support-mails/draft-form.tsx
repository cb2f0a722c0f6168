"use client";

import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/app/_components/form-controls";
import type { FormState } from "@/lib/validation/form-state";
import { createSupportMailAction, updateSupportMailAction } from "./actions";

type Labels = { title: string; body: string; bodyHint: string; save: string; requiredMark: string };

/** G-5 compose: the title and the Markdown body of a draft (a new one, or the draft of `mailId`). */
export function DraftForm({ mailId, initial, labels }: { mailId?: number; initial: { title: string; body: string }; labels: Labels }) {
  const [state, dispatch, pending] = useActionState(mailId ? updateSupportMailAction : createSupportMailAction, { status: "idle" } as FormState);
  const value = (name: "title" | "body") => state.values?.[name] ?? initial[name];
  const bodyErrors = state.fieldErrors?.body;
  return (
    <form action={dispatch} className="rounded border border-line bg-white p-4" noValidate>
      <FormMessage status={state.status} message={state.message} />
      {mailId ? <input type="hidden" name="mailId" value={mailId} /> : null}
      <div key={JSON.stringify(state.values ?? initial)}>
        <Field
          label={labels.title}
          name="title"
          required
          requiredMark={labels.requiredMark}
          maxLength={200}
          defaultValue={value("title")}
          errors={state.fieldErrors?.title}
        />
        <div className="mb-4">
          <label htmlFor="body" className="mb-1 block font-bold">
            {labels.body}
            <span className="ml-1 text-brand" aria-hidden="true">
              {labels.requiredMark}
            </span>
          </label>
          <textarea
            id="body"
            name="body"
            required
            rows={14}
            maxLength={20_000}
            defaultValue={value("body")}
            aria-invalid={bodyErrors?.length ? true : undefined}
            aria-describedby={["body-hint", bodyErrors?.length ? "body-error" : null].filter(Boolean).join(" ")}
            className="w-full rounded border border-[#8c959f] bg-white px-3 py-2 font-mono text-sm aria-invalid:border-brand"
          />
          <p id="body-hint" className="mt-1 text-sm text-muted">
            {labels.bodyHint}
          </p>
          {bodyErrors?.length ? (
            <p id="body-error" className="mt-1 text-sm text-[#86061d]" aria-live="polite">
              {bodyErrors.join(" ")}
            </p>
          ) : null}
        </div>
      </div>
      <SubmitButton pending={pending}>{labels.save}</SubmitButton>
    </form>
  );
}
