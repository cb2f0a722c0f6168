"use client";

import { useActionState } from "react";
import { Field, FormMessage, SelectField, SubmitButton } from "@/app/_components/form-controls";
import { useTranslations } from "next-intl";
import type { FormState } from "@/lib/validation/form-state";
import { updateFileMetaAction } from "../actions";

type Meta = { menu: string; product: string; version: string; title: string; releaseDate: string };

/** G-4 edit: the file's metadata, saved with 「保存する」; what was typed stays on screen after a refusal. */
export function EditFileForm({ fileId, initial, menus, requiredMark }: { fileId: number; initial: Meta; menus: [string, string][]; requiredMark: string }) {
  const labels = useTranslations("admin.files");
  const [state, dispatch, pending] = useActionState(updateFileMetaAction, { status: "idle" } as FormState);
  const value = (name: keyof Meta) => state.values?.[name] ?? initial[name];
  const errors = (name: keyof Meta) => state.fieldErrors?.[name];
  // key: a saved or refused state re-mounts the inputs with the values it carries.
  const key = JSON.stringify(state.values ?? initial);
  return (
    <form action={dispatch} className="rounded border border-line bg-white p-4" noValidate>
      <FormMessage status={state.status} message={state.message} />
      <input type="hidden" name="fileId" value={fileId} />
      <div key={key}>
        <SelectField
          label={labels("menu")}
          name="menu"
          required
          requiredMark={requiredMark}
          options={menus.map(([v, label]) => ({ value: v, label }))}
          defaultValue={value("menu")}
          errors={errors("menu")}
        />
        <Field
          label={labels("product")}
          name="product"
          required
          requiredMark={requiredMark}
          maxLength={120}
          defaultValue={value("product")}
          errors={errors("product")}
        />
        <Field
          label={labels("version")}
          name="version"
          required
          requiredMark={requiredMark}
          maxLength={60}
          defaultValue={value("version")}
          errors={errors("version")}
        />
        <Field
          label={labels("fileTitle")}
          name="title"
          required
          requiredMark={requiredMark}
          maxLength={200}
          defaultValue={value("title")}
          errors={errors("title")}
        />
        <Field
          label={labels("releaseDate")}
          name="releaseDate"
          type="date"
          required
          requiredMark={requiredMark}
          defaultValue={value("releaseDate")}
          errors={errors("releaseDate")}
        />
      </div>
      <SubmitButton pending={pending}>{labels("save")}</SubmitButton>
    </form>
  );
}
