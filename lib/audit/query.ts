import "server-only";
import { z } from "zod";
import { addToIsoDate, formatDateTime, parseTokyoDateTime, startOfTokyoDay, toTokyoDateTimeLocal } from "@/lib/dates";

// SPEC G-7: the audit log's filters, one schema for the page (/admin/audit) and its CSV export, so that the admin
// exports what they see; and the page's keyset cursor. No database here: the bench encodes a cursor with it too.
//
// Decisions where the SPEC is silent:
// - 操作者: the e-mail address recorded with the row, exact after lower case (writeAudit stores it lower-cased); 種別
//   is the actor type (customer, staff, anonymous = a sign-in before the password was right, system).
// - 操作: one or more action names, separated by commas (or given as repeated `action` parameters); a name is exact,
//   a term ending in "." (or ".*") is a prefix: `staff.` is every `staff.…` action (sign-ins, sign-outs, retries, exports), `issuance.` every issuance row.
// - 対象: the target's type (license, download_file, …), and optionally its id (exact; an id needs a type).
// - 期間: Tokyo time. 開始 includes its instant (at >= from), 終了 excludes its own (at < to), so that 10:00–11:00
//   is one hour. Either is a `datetime-local` value ("2026-12-01T09:30", seconds optional) or a date alone: a date
//   as 開始 is 00:00 of that day, a date as 終了 includes the whole day (to = 00:00 of the next day).
// - Nothing is a 500: a malformed filter is a message under the form and no query; a malformed cursor is ignored
//   (the page starts from the newest, saying so).
// Issue messages are the codes of t.admin.auditLog.errors.

export const AUDIT_ACTOR_TYPES = ["customer", "staff", "anonymous", "system"] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];
export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_MAX_ACTION_TERMS = 20;

/** The query string's filter fields, in the form's order (the links of the page and the export carry these). */
export const AUDIT_FILTER_FIELDS = ["actor", "actorType", "action", "targetType", "targetId", "from", "to"] as const;
export type AuditFilterField = (typeof AUDIT_FILTER_FIELDS)[number];
export type AuditErrorCode = AuditFilterField | "range" | "targetNeedsType" | "invalid";

export type AuditFilters = {
  actorEmail?: string;
  actorType?: AuditActorType;
  /** Exact names and prefixes; a row matches when its action is one of the names or starts with one of the prefixes. */
  actions?: { exact: string[]; prefixes: string[] };
  targetType?: string;
  targetId?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
};

/** The filters written back as query values: what the form shows and every link of the page carries. */
export type AuditQuery = Partial<Record<AuditFilterField, string>>;

const CONTROL = /[\u0000-\u001f\u007f]/;
const ACTION_TERM = /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*(?:\.\*?)?$/;
const TARGET_TYPE = /^[a-z0-9_-]{1,64}$/;

/** A query value as the page gets it (`string | string[] | undefined`): NFKC once, trimmed; "" is absent. */
function cleaned(value: unknown): unknown {
  const one = (v: unknown) => (typeof v === "string" ? v.normalize("NFKC").trim() : v);
  const result = Array.isArray(value) ? value.map(one) : one(value);
  return result === "" ? undefined : result;
}

const optional = <T extends z.ZodType>(inner: T) => z.preprocess(cleaned, inner.optional());

const actorField = z
  .string({ error: "actor" })
  .max(254, { error: "actor" })
  .refine((value) => !CONTROL.test(value), { error: "actor" })
  .transform((value) => value.toLowerCase());

/** "staff., login.lock" (or the parameter repeated) → exact names and prefixes, lower-cased, without duplicates. */
const actionField = z.union([z.string(), z.array(z.string())], { error: "action" }).transform((value, ctx) => {
  const terms = [
    ...new Set(
      (Array.isArray(value) ? value.join(",") : value)
        .toLowerCase()
        .split(/[\s,、]+/)
        .filter(Boolean),
    ),
  ];
  if (terms.length === 0) return undefined;
  if (terms.length > AUDIT_MAX_ACTION_TERMS || terms.some((term) => term.length > 100 || !ACTION_TERM.test(term))) {
    ctx.addIssue({ code: "custom", message: "action" });
    return z.NEVER;
  }
  const prefixes = terms.filter((term) => term.endsWith(".") || term.endsWith(".*")).map((term) => term.replace(/\*$/, ""));
  return { exact: terms.filter((term) => !term.endsWith(".") && !term.endsWith(".*")), prefixes };
});

/** One end of 期間: a date or a `datetime-local` value in Tokyo time ("/" and a space are read as "-" and "T"). */
export function parseAuditRangeBound(value: string, end: "from" | "to"): Date | null {
  const text = value.replaceAll("/", "-").replace(" ", "T");
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    // addToIsoDate goes through Date.UTC, which rolls 02-30 over into March: only a real date comes back unchanged.
    if (addToIsoDate(text, {}) !== text) return null;
    return startOfTokyoDay(end === "from" ? text : addToIsoDate(text, { days: 1 }));
  }
  return parseTokyoDateTime(text);
}

const boundField = (end: "from" | "to") =>
  z
    .string({ error: end })
    .max(40, { error: end })
    .transform((value, ctx) => {
      const at = parseAuditRangeBound(value, end);
      if (!at) {
        ctx.addIssue({ code: "custom", message: end });
        return z.NEVER;
      }
      return at;
    });

export const auditFilterSchema = z
  .object({
    actor: optional(actorField),
    actorType: optional(z.enum(AUDIT_ACTOR_TYPES, { error: "actorType" })),
    action: optional(actionField),
    targetType: optional(z.string({ error: "targetType" }).toLowerCase().regex(TARGET_TYPE, { error: "targetType" })),
    targetId: optional(
      z
        .string({ error: "targetId" })
        .max(100, { error: "targetId" })
        .refine((value) => !CONTROL.test(value), { error: "targetId" }),
    ),
    from: optional(boundField("from")),
    to: optional(boundField("to")),
  })
  .superRefine((value, ctx) => {
    if (value.targetId !== undefined && value.targetType === undefined) ctx.addIssue({ code: "custom", path: ["targetType"], message: "targetNeedsType" });
    if (value.from && value.to && value.from >= value.to) ctx.addIssue({ code: "custom", path: ["to"], message: "range" });
  })
  .transform((value): { filters: AuditFilters; query: AuditQuery } => {
    const filters: AuditFilters = {
      actorEmail: value.actor,
      actorType: value.actorType,
      actions: value.action,
      targetType: value.targetType,
      targetId: value.targetId,
      from: value.from,
      to: value.to,
    };
    const query: AuditQuery = {
      actor: value.actor,
      actorType: value.actorType,
      action: value.action ? [...value.action.exact, ...value.action.prefixes].join(",") : undefined,
      targetType: value.targetType,
      targetId: value.targetId,
      // The form's datetime-local inputs show the instants the filter uses (a date as 終了 is the next day's 00:00).
      from: value.from ? auditDateTimeValue(value.from) : undefined,
      to: value.to ? auditDateTimeValue(value.to) : undefined,
    };
    return { filters: stripUndefined(filters), query: stripUndefined(query) };
  });

function stripUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

export type ParsedAuditQuery = { ok: true; filters: AuditFilters; query: AuditQuery } | { ok: false; errors: AuditErrorCode[]; values: AuditQuery };

/** The page's parse: the filters, or the codes of what is wrong with the values as typed (shown back in the form). */
export function parseAuditQuery(input: Record<string, unknown>): ParsedAuditQuery {
  const parsed = auditFilterSchema.safeParse(input);
  if (parsed.success) return { ok: true, ...parsed.data };
  const known: readonly string[] = [...AUDIT_FILTER_FIELDS, "range", "targetNeedsType"];
  const codes = parsed.error.issues.map((issue) => (known.includes(issue.message) ? (issue.message as AuditErrorCode) : "invalid"));
  const values = Object.fromEntries(
    AUDIT_FILTER_FIELDS.map((field) => [field, cleaned(input[field])] as const)
      .map(([field, value]) => [field, Array.isArray(value) ? value.join(",") : value] as const)
      .filter((entry): entry is readonly [AuditFilterField, string] => typeof entry[1] === "string" && !CONTROL.test(entry[1]))
      .map(([field, value]) => [field, value.slice(0, 254)]),
  ) as AuditQuery;
  return { ok: false, errors: [...new Set(codes)], values };
}

/** The query string of a page or export link: the filters, then the cursor. */
export function auditSearch(query: AuditQuery, cursor?: { after: string } | { before: string }): string {
  const params = new URLSearchParams();
  for (const field of AUDIT_FILTER_FIELDS) if (query[field]) params.set(field, query[field]);
  if (cursor) for (const [key, value] of Object.entries(cursor)) params.set(key, value);
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** The `datetime-local` value of an instant in Tokyo, with its seconds when it has any (what parseAuditRangeBound reads back). */
export function auditDateTimeValue(at: Date): string {
  const seconds = at.getUTCSeconds();
  return seconds ? `${toTokyoDateTimeLocal(at)}:${String(seconds).padStart(2, "0")}` : toTokyoDateTimeLocal(at);
}

/** `YYYY/MM/DD HH:mm:ss` in Tokyo: an audit row's time to the second, on the page and in the CSV (Tokyo's offset is whole hours). */
export function formatAuditTime(at: Date): string {
  return `${formatDateTime(at)}:${String(at.getUTCSeconds()).padStart(2, "0")}`;
}

// --- the keyset cursor -------------------------------------------------------------------------------------------

/**
 * A position in the order (at desc, id desc): the row's exact timestamp (microseconds, as PostgreSQL keeps it; a
 * JavaScript Date would round it to milliseconds and skip or repeat rows) and its id. Opaque in the URL (base64url).
 */
export type AuditCursor = { at: string; id: number };

const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`, "utf8").toString("base64url");
}

/** The cursor of a link, or null when it is anything else (tampered, truncated, a date that does not exist). */
export function decodeAuditCursor(token: unknown): AuditCursor | null {
  if (typeof token !== "string" || token.length > 80 || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const match = /^(.+)\|([1-9]\d{0,15})$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!match || !CURSOR_AT.test(match[1]!)) return null;
  const at = match[1]!;
  const id = Number(match[2]);
  // A real instant: the milliseconds part must read back unchanged (no 25:00, no 02-30).
  const ms = new Date(`${at.slice(0, 23)}Z`);
  if (Number.isNaN(ms.getTime()) || ms.toISOString().slice(0, 23) !== at.slice(0, 23) || !Number.isSafeInteger(id)) return null;
  return { at, id };
}
