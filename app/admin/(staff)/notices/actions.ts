"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { staffAction } from "@/lib/auth/guards";
import { translator } from "@/lib/i18n";
import type { RootTranslator } from "@/lib/i18n";
import { createNotice, deleteNotice, unpublishNotice, updateNotice } from "@/lib/notices/admin";
import { confirmedSchema } from "@/lib/validation/confirm";
import type { FormState } from "@/lib/validation/form-state";
import { noticeFieldErrors, noticeIdSchema, noticeInputSchema, noticeUpdateSchema, type NoticeErrorMessages } from "@/lib/validation/notice";

// SPEC G-2 (marketers, admins: `notices.write`; anyone else gets 404 from the guard). Each action: the guard (session,
// parse, capability) → the lib call (the change and its audit row in one transaction) → revalidate → redirect.
// The public pages (/, /notices, /notices/<id>) are dynamic already; they are revalidated as well, so that no cache
// layer added later can show a notice that was just changed, unpublished or deleted.

/** Title and body are prose kept as written (lib/validation/notice.ts explains why they are not NFKC-normalised). */
const RAW = ["title", "body"] as const;

const ERROR_CODES = [
  "required",
  "choose",
  "titleTooLong",
  "bodyTooLong",
  "invalidCharacters",
  "dateTime",
  "untilNeedsFrom",
  "untilAfterFrom",
  "invalid",
] as const;

function refused(error: z.ZodError, t: RootTranslator): FormState {
  const messages = Object.fromEntries(ERROR_CODES.map((code) => [code, t(`admin.notices.errors.${code}`)])) as NoticeErrorMessages;
  const fieldErrors = noticeFieldErrors(error, messages);
  // The id is not a field anyone types: a bad one is a notice that is not there.
  if (fieldErrors.noticeId) return { status: "error", message: t("admin.notices.notFound") };
  return { status: "error", message: t("admin.notices.refused"), fieldErrors };
}

function revalidateNotice(noticeId?: number): void {
  revalidatePath("/");
  revalidatePath("/notices");
  revalidatePath("/admin/notices");
  if (noticeId !== undefined) {
    revalidatePath(`/notices/${noticeId}`);
    revalidatePath(`/admin/notices/${noticeId}`);
  }
}

export const createNoticeAction = staffAction(
  { capability: "notices.write", schema: noticeInputSchema, raw: RAW, onInvalid: (error, { locale }) => refused(error, translator(locale)) },
  async (input, { actor }): Promise<FormState> => {
    const { id } = await createNotice({ actor, input });
    revalidateNotice(id);
    redirect(`/admin/notices/${id}?created=1`);
  },
);

export const updateNoticeAction = staffAction(
  { capability: "notices.write", schema: noticeUpdateSchema, raw: RAW, onInvalid: (error, { locale }) => refused(error, translator(locale)) },
  async ({ noticeId, ...input }, { actor, locale }): Promise<FormState> => {
    const result = await updateNotice({ actor, noticeId, input });
    const n = translator(locale, "admin.notices");
    if (result === "not_found") return { status: "error", message: n("notFound") };
    if (result === "unchanged") return { status: "error", message: n("unchanged") };
    revalidateNotice(noticeId);
    return { status: "success", message: n("saved") };
  },
);

const noticeIdInput = z.object({ noticeId: noticeIdSchema });

export const unpublishNoticeAction = staffAction(
  { capability: "notices.write", schema: noticeIdInput, onInvalid: (error, { locale }) => refused(error, translator(locale)) },
  async ({ noticeId }, { actor, locale }): Promise<FormState> => {
    const result = await unpublishNotice({ actor, noticeId });
    const n = translator(locale, "admin.notices");
    if (result === "not_found") return { status: "error", message: n("notFound") };
    if (result === "not_published") return { status: "error", message: n("notPublished") };
    revalidateNotice(noticeId);
    return { status: "success", message: n("unpublished") };
  },
);

// Delete asks first (the page's 「削除」 opens the confirmation with 「削除する」, app/admin/_components/confirm-action.tsx).
const deleteInput = z.object({ noticeId: noticeIdSchema, confirm: confirmedSchema });

export const deleteNoticeAction = staffAction(
  { capability: "notices.write", schema: deleteInput, onInvalid: (error, { locale }) => refused(error, translator(locale)) },
  async ({ noticeId }, { actor, locale }): Promise<FormState> => {
    const t = translator(locale);
    const result = await deleteNotice({ actor, noticeId });
    if (result === "not_found") return { status: "error", message: t("admin.notices.notFound") };
    revalidateNotice(noticeId);
    redirect("/admin/notices?deleted=1");
  },
);
