import { z } from "zod";
import { serialIdSchema } from "./ids";
import { parseTokyoDateTime } from "@/lib/dates";

// SPEC G-2: a notice as the marketers' form sends it. Client-safe (no server imports): the form shares the limits.
//
// Decisions where the SPEC is silent:
// - Title and body are kept as written (the action passes them `raw`, not NFKC-normalised): a notice is prose in
//   Japanese typography, and NFKC would turn its full-width ＆ （ ） ！ into ASCII — the demo's own titles included.
//   They are trimmed here; the body's line ends become \n; control characters other than tab and newline are refused.
// - The schedule is typed in Tokyo time (`datetime-local`, "2026-12-02T09:00" is 09:00 JST) whatever the browser's
//   zone. No 掲載開始日時 = a draft (not published); no 掲載終了日時 = shown until unpublished. An end needs a start and
//   must come after it.
// Issue messages are the codes of t.admin.notices.errors.

export const NOTICE_TITLE_MAX = 200;
export const NOTICE_BODY_MAX = 20_000;
export const NOTICE_CATEGORIES = ["support_news", "site"] as const;

const CONTROL_IN_TITLE = /[\u0000-\u001f\u007f]/;
const CONTROL_IN_BODY = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** Kept as written but for `tidy` (trimming at least): required, at most `max` characters, no `control` character. */
function writtenText(tidy: (value: string) => string, max: number, tooLong: "titleTooLong" | "bodyTooLong", control: RegExp) {
  return z
    .string({ error: "required" })
    .transform(tidy)
    .pipe(
      z
        .string()
        .min(1, { error: "required" })
        .max(max, { error: tooLong })
        .refine((value) => !control.test(value), { error: "invalidCharacters" }),
    );
}

const title = writtenText((value) => value.trim(), NOTICE_TITLE_MAX, "titleTooLong", CONTROL_IN_TITLE);
const body = writtenText((value) => value.replace(/\r\n?/g, "\n").trim(), NOTICE_BODY_MAX, "bodyTooLong", CONTROL_IN_BODY);

/** "" (or the field left out) → null; a `datetime-local` value → the instant in Tokyo time. */
const tokyoDateTime = z
  .string({ error: "dateTime" })
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === "") return null;
    const at = parseTokyoDateTime(value);
    if (!at) {
      ctx.addIssue({ code: "custom", message: "dateTime" });
      return z.NEVER;
    }
    return at;
  });

const noticeShape = {
  category: z.enum(NOTICE_CATEGORIES, { error: "choose" }),
  title,
  body,
  // A checkbox: "on" when ticked, absent otherwise.
  important: z
    .literal("on", { error: "invalid" })
    .optional()
    .transform((value) => value === "on"),
  publishFrom: tokyoDateTime,
  publishUntil: tokyoDateTime,
};

function windowRule(input: { publishFrom: Date | null; publishUntil: Date | null }, ctx: z.RefinementCtx): void {
  if (input.publishUntil && !input.publishFrom) ctx.addIssue({ code: "custom", path: ["publishUntil"], message: "untilNeedsFrom" });
  else if (input.publishUntil && input.publishFrom && input.publishUntil.getTime() <= input.publishFrom.getTime())
    ctx.addIssue({ code: "custom", path: ["publishUntil"], message: "untilAfterFrom" });
}

/** A notice's id in a form or a path: digits only (no "1e3", "0x10", " 1"), within the serial column's range. */
export const noticeIdSchema = serialIdSchema;

export const noticeInputSchema = z.object(noticeShape).superRefine(windowRule);
/** The edit form: the same fields and the notice's id. */
export const noticeUpdateSchema = z.object({ noticeId: noticeIdSchema, ...noticeShape }).superRefine(windowRule);

export type NoticeInput = z.output<typeof noticeInputSchema>;
export type NoticeField = keyof NoticeInput;

export type NoticeErrorMessages = {
  required: string;
  choose: string;
  titleTooLong: string;
  bodyTooLong: string;
  invalidCharacters: string;
  dateTime: string;
  untilNeedsFrom: string;
  untilAfterFrom: string;
  invalid: string;
};

/** The schema's issue codes as the form's messages, one list per field (under the field). */
export function noticeFieldErrors(error: z.ZodError, messages: NoticeErrorMessages): Partial<Record<string, string[]>> {
  const fields = z.flattenError(error).fieldErrors as Record<string, string[] | undefined>;
  return Object.fromEntries(
    Object.entries(fields).map(([field, codes]) => [
      field,
      [...new Set((codes ?? []).map((code) => (Object.hasOwn(messages, code) ? messages[code as keyof NoticeErrorMessages] : messages.invalid)))],
    ]),
  );
}
