"use client";

import { useActionState, useDeferredValue, useState, useTransition, type ChangeEvent, type FormEvent } from "react";
import { CheckboxField, Field, FormMessage, SelectField, SubmitButton } from "@/app/_components/form-controls";
import { Markdown } from "@/app/_components/markdown";
import { NoticeBadge } from "@/app/_components/notice-badge";
import { useTranslations } from "next-intl";
import type { FormState } from "@/lib/validation/form-state";
import { createNoticeAction, unpublishNoticeAction, updateNoticeAction } from "./actions";
import { TitledSection } from "@/app/admin/_components/admin-page";

export type NoticeValues = { category: "support_news" | "site"; title: string; body: string; important: boolean; publishFrom: string; publishUntil: string };
// The page's provider ships admin.notices, noticeCategory and top.important (app/_components/client-messages.tsx).
const CATEGORIES = ["support_news", "site"] as const;

/**
 * G-2: the notice form beside its live preview, rendered by the public pages' own Markdown component. The fields are
 * controlled (the preview follows every keystroke) and submitted without React's form reset, so that a refused
 * submission keeps everything that was typed, the body included. Editing also offers 「公開を停止」, which empties
 * the schedule here as it does in the database.
 */
export function NoticeEditor({
  noticeId,
  initial,
  hasWindow = false,
  initialMessage,
}: {
  noticeId?: number;
  initial: NoticeValues;
  hasWindow?: boolean;
  initialMessage?: string;
}) {
  const labels = useTranslations("admin.notices");
  const categories = useTranslations("noticeCategory");
  const requiredMark = useTranslations("common")("requiredMark");
  const [values, setValues] = useState(initial);
  const set = <K extends keyof NoticeValues>(key: K, value: NoticeValues[K]) => setValues((current) => ({ ...current, [key]: value }));
  const [state, dispatch, pending] = useActionState(
    noticeId === undefined ? createNoticeAction : updateNoticeAction,
    (initialMessage ? { status: "success", message: initialMessage } : { status: "idle" }) as FormState,
  );
  const [, startTransition] = useTransition();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
  const [unpublishState, unpublish, unpublishing] = useActionState(
    async (previous: FormState, data: FormData) => {
      const result = await unpublishNoticeAction(previous, data);
      if (result.status === "success") setValues((current) => ({ ...current, publishFrom: "", publishUntil: "" }));
      return result;
    },
    { status: "idle" } as FormState,
  );
  const errors = (name: keyof NoticeValues) => state.fieldErrors?.[name];
  // A text input bound to its value (the preview follows it), with its errors.
  const text = (name: "title" | "publishFrom" | "publishUntil") => ({
    name,
    value: values[name],
    onChange: (event: ChangeEvent<HTMLInputElement>) => set(name, event.target.value),
    errors: errors(name),
  });

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <div>
        <form action={dispatch} onSubmit={submit} className="rounded border border-line bg-white p-4" noValidate>
          <FormMessage status={state.status} message={state.message} />
          {noticeId !== undefined ? <input type="hidden" name="noticeId" value={noticeId} /> : null}
          <SelectField
            label={labels("category")}
            name="category"
            required
            requiredMark={requiredMark}
            options={CATEGORIES.map((value) => ({ value, label: categories(value) }))}
            value={values.category}
            onChange={(event) => set("category", event.target.value as NoticeValues["category"])}
            errors={errors("category")}
          />
          <Field label={labels("noticeTitle")} required requiredMark={requiredMark} {...text("title")} />
          <BodyField
            label={labels("body")}
            hint={labels("bodyHint")}
            requiredMark={requiredMark}
            value={values.body}
            onChange={(value) => set("body", value)}
            errors={errors("body")}
          />
          <CheckboxField
            label={labels("importantLabel")}
            name="important"
            checked={values.important}
            onChange={(event) => set("important", event.target.checked)}
            errors={errors("important")}
          />
          <Field label={labels("publishFrom")} type="datetime-local" hint={labels("scheduleHint")} {...text("publishFrom")} />
          <Field label={labels("publishUntil")} type="datetime-local" {...text("publishUntil")} />
          <SubmitButton pending={pending}>{noticeId === undefined ? labels("createSubmit") : labels("save")}</SubmitButton>
        </form>
        {/* As saved (not as typed): a notice with a window, scheduled, published or ended. */}
        {noticeId !== undefined && hasWindow ? (
          <TitledSection headingId="unpublish-heading" title={labels("unpublishHeading")} className="mt-6 rounded border border-line bg-white p-4">
            <p className="mb-3 text-sm">{labels("unpublishHint")}</p>
            <form action={unpublish}>
              <input type="hidden" name="noticeId" value={noticeId} />
              <button
                type="submit"
                disabled={unpublishing}
                className="rounded border border-ink bg-white px-4 py-2 font-bold hover:bg-panel disabled:opacity-60"
              >
                {labels("unpublish")}
              </button>
            </form>
          </TitledSection>
        ) : null}
        {/* After the notice is back to a draft, the section above is gone: its answer stays here. */}
        <div role="status" className="mt-2 text-sm font-bold">
          {unpublishState.message}
        </div>
      </div>
      <NoticePreview values={values} />
    </div>
  );
}

/** What /notices/<id> will show, from what is typed now (the date is the publish-from day, in Tokyo as typed). */
function NoticePreview({ values }: { values: NoticeValues }) {
  const labels = useTranslations("admin.notices");
  const categories = useTranslations("noticeCategory");
  const importantBadge = useTranslations("top")("important");
  // The preview may lag a keystroke behind on a long body; typing never waits for it.
  const body = useDeferredValue(values.body);
  const day = values.publishFrom.slice(0, 10).replaceAll("-", "/");
  return (
    <section aria-labelledby="preview-heading" className="self-start rounded border border-line bg-white p-4" data-testid="notice-preview">
      <h2 id="preview-heading" className="text-lg font-bold">
        {labels("preview")}
      </h2>
      <p className="mb-3 text-sm text-muted">{labels("previewNote")}</p>
      <article className="border-t border-line pt-3">
        <p className="mb-2 flex flex-wrap items-center gap-2 text-sm text-muted">
          {day ? <span className="tabular-nums">{day}</span> : null}
          <NoticeBadge category={values.category} label={categories(values.category)} />
          {values.important ? <span className="rounded bg-brand px-2 text-xs leading-6 font-bold text-white">{importantBadge}</span> : null}
        </p>
        <h3 className="mb-4 text-2xl font-bold" data-i18n-exempt="notice title, written by staff">
          {values.title}
        </h3>
        {body.trim() ? <Markdown>{body}</Markdown> : <p className="text-muted">{labels("previewEmpty")}</p>}
      </article>
    </section>
  );
}

/** The body's textarea, labelled, with its hint and its errors under it like form-controls' Field. */
function BodyField({
  label,
  hint,
  requiredMark,
  value,
  onChange,
  errors,
}: {
  label: string;
  hint: string;
  requiredMark: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
}) {
  const describedBy = ["body-hint", errors?.length ? "body-error" : null].filter(Boolean).join(" ");
  return (
    <div className="mb-4">
      <div className="mb-1">
        <label htmlFor="body" className="font-bold">
          {label}
        </label>
        <span className="ml-1 font-bold text-brand" aria-hidden="true">
          {requiredMark}
        </span>
      </div>
      {/* The text is the staff's own (data): shown as written in any locale. */}
      <textarea
        id="body"
        name="body"
        required
        rows={14}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        className="w-full rounded border border-[#8c959f] bg-white px-3 py-2 font-mono text-sm aria-invalid:border-brand"
        data-i18n-exempt="the notice's Markdown, written by staff"
      />
      <p id="body-hint" className="mt-1 text-sm text-muted">
        {hint}
      </p>
      <div id="body-error" aria-live="polite">
        {errors?.map((message) => (
          <p key={message} className="mt-1 text-sm font-bold text-brand">
            {message}
          </p>
        ))}
      </div>
    </div>
  );
}
