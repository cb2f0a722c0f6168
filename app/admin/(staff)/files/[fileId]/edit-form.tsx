"use client";

import { useActionState } from "react";
import { Field, FormMessage, SelectField, SubmitButton } from "@/app/_components/form-controls";
import { useTranslations } from "next-intl";
import type { FormState } from "@/lib/validation/form-state";
import { updateFileMetaAction } from "../actions";

type Meta = { menu: string; product: string; version: string; title: string; releaseDate: string };
// The free-text fields: their label's key and their length limit (fileMetaSchema's, lib/downloads/admin.ts).
const TEXT_FIELDS = [
  { name: "product", label: "product", maxLength: 120 },
  { name: "version", label: "version", maxLength: 60 },
  { name: "title", label: "fileTitle", maxLength: 200 },
] as const;

/** G-4 edit: the file's metadata, saved with 「保存する」; what was typed stays on screen after a refusal. */
export function EditFileForm({ fileId, initial, menus, requiredMark }: { fileId: number; initial: Meta; menus: [string, string][]; requiredMark: string }) {
  const labels = useTranslations("admin.files");
  const [state, dispatch, pending] = useActionState(updateFileMetaAction, { status: "idle" } as FormState);
  // Every field is required and shows what was saved or typed, with its errors.
  const field = (name: keyof Meta) => ({
    name,
    required: true,
    requiredMark,
    defaultValue: state.values?.[name] ?? initial[name],
    errors: state.fieldErrors?.[name],
  });
  // key: a saved or refused state re-mounts the inputs with the values it carries.
  const key = JSON.stringify(state.values ?? initial);
  return (
    <form action={dispatch} className="rounded border border-line bg-white p-4" noValidate>
      <FormMessage status={state.status} message={state.message} />
      <input type="hidden" name="fileId" value={fileId} />
      <div key={key}>
        <SelectField label={labels("menu")} options={menus.map(([v, label]) => ({ value: v, label }))} {...field("menu")} />
        {TEXT_FIELDS.map(({ name, label, maxLength }) => (
          <Field key={name} label={labels(label)} maxLength={maxLength} {...field(name)} />
        ))}
        <Field label={labels("releaseDate")} type="date" {...field("releaseDate")} />
      </div>
      <SubmitButton pending={pending}>{labels("save")}</SubmitButton>
    </form>
  );
}
