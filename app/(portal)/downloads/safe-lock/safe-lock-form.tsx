"use client";

import { useActionState, useEffect, useRef, useState, type ClipboardEvent } from "react";
import { Field, FormMessage, SubmitButton } from "@/app/_components/form-controls";
import { SearchNotice, type SearchNoticeContact, type SearchNoticeLabels } from "@/app/_components/search-notice";
import { useTranslations } from "next-intl";
import { safeLockAction, type SafeLockState } from "./actions";
import { FileTable } from "../file-table";

/** A pasted whole code fills ② with the part after 「SO－」 (manual: コピー＆ペーストで一括入力可能). */
function afterPrefix(text: string): string {
  const value = text.normalize("NFKC").trim();
  return /^so[-－ー‐]?/i.test(value) && value.replace(/[^0-9a-z]/gi, "").length > 29 ? value.replace(/^so[-－ー‐]?/i, "") : value;
}

/** SPEC D-2: ① ライセンスID, ② the code after 「SO－」 → 「次へ」 → the download list of the contract. */
export function SafeLockForm({ notice, contact }: { notice: SearchNoticeLabels; contact: SearchNoticeContact }) {
  const s = useTranslations("downloads.safeLock");
  const requiredMark = useTranslations("common")("requiredMark");
  const [state, dispatch, pending] = useActionState(safeLockAction, {
    status: "idle",
  } as SafeLockState);
  const [values, setValues] = useState({ licenseId: "", code: "" });
  const list = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (state.status === "success") list.current?.focus();
  }, [state]);
  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const pasted = event.clipboardData.getData("text");
    const rest = afterPrefix(pasted);
    if (rest === pasted.trim()) return;
    event.preventDefault();
    setValues((v) => ({ ...v, code: rest }));
  };
  return (
    <>
      <form action={dispatch} noValidate>
        <p className="mb-6">{s("intro")}</p>
        {state.notice ? (
          <SearchNotice notice={state.notice} labels={notice} contact={contact} />
        ) : (
          <FormMessage status={state.status} message={state.status === "error" ? state.message : undefined} />
        )}
        <Field
          label={s("licenseId")}
          name="licenseId"
          required
          requiredMark={requiredMark}
          inputMode="numeric"
          autoComplete="off"
          value={values.licenseId}
          onChange={(e) => setValues((v) => ({ ...v, licenseId: e.target.value }))}
          errors={state.fieldErrors?.licenseId}
        />
        <Field
          label={s("code")}
          name="code"
          required
          requiredMark={requiredMark}
          autoComplete="off"
          spellCheck={false}
          hint={s("codeHint")}
          value={values.code}
          onPaste={onPaste}
          onChange={(e) => setValues((v) => ({ ...v, code: e.target.value }))}
          errors={state.fieldErrors?.code}
        />
        <SubmitButton pending={pending}>{s("next")}</SubmitButton>
      </form>
      {state.status === "success" && state.files && state.licenseId ? (
        <section aria-labelledby="download-list-heading" className="mt-10">
          <h2 id="download-list-heading" ref={list} tabIndex={-1} className="mb-2 text-lg font-bold outline-none">
            {s("listTitle")}
          </h2>
          <p className="mb-4">{s("listLead", { licenseId: String(state.licenseId) })}</p>
          <FileTable files={state.files} hrefOf={(file) => `/downloads/files/${file.id}?licenseId=${state.licenseId}`} showProduct={false} />
        </section>
      ) : null}
    </>
  );
}
