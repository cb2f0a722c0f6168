"use client";

import { useReducer, type InputHTMLAttributes, type ReactNode, type Ref } from "react";
import { Field, FormMessage } from "@/app/_components/form-controls";
import { useStepCall } from "@/app/_components/use-step-call";
import { SearchNotice, type SearchNoticeContact, type SearchNoticeLabels, type SearchNoticeState } from "@/app/_components/search-notice";
import type { StepAnswer, StepResult } from "@/lib/validation/wizard";
import type { IssuanceWizard, IssuanceWizardEvent } from "./issuance-wizard";

// What the C forms share (C-1, C-2, C-4 and C-3): the wizard's server round trip, the message above a step, ① and
// its button, and a step's section with the heading that takes the focus.

export const BUTTON = "rounded bg-brand px-6 py-2 font-bold text-white hover:bg-brand-dark disabled:opacity-60";
export const SECONDARY = "rounded border border-[#8c959f] bg-white px-6 py-2 font-bold hover:bg-panel disabled:opacity-60";

type View<F extends string> = { step: string; notice?: SearchNoticeState } & StepAnswer<F>;

/** The wizard's state and `send`, which posts a step with the given fields and takes the answer in. */
export function useIssuanceWizard<T extends View<F>, V extends string, F extends string>(
  reducer: (state: IssuanceWizard<T, V, F>, event: IssuanceWizardEvent<T, V, F>) => IssuanceWizard<T, V, F>,
  start: () => IssuanceWizard<T, V, F>,
  action: (state: StepResult<T, F>, data: FormData) => Promise<StepResult<T, F>>,
) {
  const [state, dispatch] = useReducer(reducer, undefined, start);
  const call = useStepCall();
  const send = (fields: Record<string, string>, onAnswer?: (answer: StepResult<T, F>) => void) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.set(name, value);
    dispatch({ type: "send" });
    call(
      () => action(state.view, data),
      (answer) => {
        dispatch({ type: "answer", answer });
        onAnswer?.(answer);
      },
    );
  };
  return [state, dispatch, send] as const;
}

/** Above a step: B-8's notice with the contact window, or the step's message. */
export function StepMessage({ view, notice, contact }: { view: View<string>; notice: SearchNoticeLabels; contact: SearchNoticeContact }) {
  if (view.notice) return <SearchNotice notice={view.notice} labels={notice} contact={contact} />;
  return <FormMessage status={view.status === "success" ? "idle" : view.status} message={view.message} />;
}

/** One of ① ② as SourceForm lays it out: its name, label and hint, and the input's own attributes. */
export type SourceField = { name: "licenseId" | "code"; label: string; hint: string } & Omit<InputHTMLAttributes<HTMLInputElement>, "name">;

/** ① ライセンスID as both forms ask for it (digits, no autofill). */
export const licenseIdField = (labels: { licenseIdLabel: string; licenseHint: string }): SourceField => ({
  name: "licenseId",
  label: labels.licenseIdLabel,
  hint: labels.licenseHint,
  inputMode: "numeric",
});

/** ① (with ② where the form has it), the customer's values in the wizard, and the step's button. */
export function SourceForm<V extends string>({
  fields,
  requiredMark,
  errors,
  values,
  dispatch,
  button,
  pending,
  onSubmit,
}: {
  fields: SourceField[];
  requiredMark: string;
  errors?: Partial<Record<string, string[]>>;
  values: Record<V, string>;
  dispatch: (event: { type: "edit"; name: SourceField["name"] & V; value: string }) => void;
  button: string;
  pending: boolean;
  onSubmit: () => void;
}) {
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {fields.map(({ name, label, hint, ...input }) => (
        <Field
          key={name}
          label={label}
          name={name}
          required
          requiredMark={requiredMark}
          hint={hint}
          errors={errors?.[name]}
          value={values[name as V]}
          onChange={(event) => dispatch({ type: "edit", name: name as SourceField["name"] & V, value: event.currentTarget.value })}
          autoComplete="off"
          {...input}
        />
      ))}
      <button type="submit" disabled={pending} className={BUTTON}>
        {button}
      </button>
    </form>
  );
}

/** A step's section, named by its heading; the heading takes the focus when the step is reached. */
export function StepSection({
  id,
  title,
  headingRef,
  headingClassName = "mb-4 text-xl font-bold",
  children,
}: {
  id: string;
  title: string;
  headingRef: Ref<HTMLHeadingElement>;
  headingClassName?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} ref={headingRef} tabIndex={-1} className={headingClassName}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A panel of notes (a form's 注意事項, C-3's ご利用条件): its heading, then the items as a list. */
export function NoteList({ id, title, items, heading: Heading = "h2" }: { id: string; title: string; items: readonly string[]; heading?: "h2" | "h3" }) {
  return (
    <section aria-labelledby={id} className="mb-6 rounded border border-line bg-panel p-4 text-sm">
      <Heading id={id} className="mb-2 font-bold">
        {title}
      </Heading>
      <ul className="list-disc pl-5">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </section>
  );
}
