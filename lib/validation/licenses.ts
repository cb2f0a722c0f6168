import { z } from "zod";
import { licenseIdSchema } from "./ids";

// B-1 search conditions, from the URL (filters are kept there, so that a list can be bookmarked and shared).
// Each bad value falls back to "no condition" and is reported, never a 500.
const nfkc = (value: unknown) => (typeof value === "string" ? value.normalize("NFKC").trim() : value);
const isoDate = z.preprocess(
  (value) => (typeof value === "string" ? value.normalize("NFKC").trim().replaceAll("/", "-") : value),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)),
);

/** N-2: "サポート終了日まで N 日以内" — the choices of the list's filter and the overview's links (N-1). */
export const ENDING_WITHIN_DAYS = [30, 60, 90] as const;
export type EndingWithinDays = (typeof ENDING_WITHIN_DAYS)[number];

export const licenseListParamsSchema = z.object({
  licenseId: z.preprocess(nfkc, licenseIdSchema).optional(),
  status: z.enum(["active", "expired"]).optional(),
  // N-2: a product's code as the catalogue writes it (VBCE_PLUS); one the customer does not hold finds nothing.
  product: z.preprocess((value) => (typeof value === "string" ? value.toUpperCase() : value), z.string().regex(/^[A-Z0-9_]{1,40}$/)).optional(),
  within: z.coerce
    .number()
    .refine((days) => (ENDING_WITHIN_DAYS as readonly number[]).includes(days))
    .transform((days) => days as EndingWithinDays)
    .optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  sort: z.enum(["licenseId", "product", "status", "supportEndDate"]).catch("licenseId"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type LicenseListParams = z.infer<typeof licenseListParamsSchema>;
export const LICENSE_PAGE_SIZE = 50;

type RawParams = Record<string, string | string[] | undefined>;

/**
 * Parses each field on its own: a bad one is dropped (and named in `invalid`), the others still apply. A サポート終了日
 * range whose start is after its end is kept as typed (it finds nothing) and said so (`reversed`), rather than an
 * unexplained empty list.
 */
export function parseLicenseListParams(raw: RawParams): { params: LicenseListParams; invalid: string[]; reversed: boolean } {
  const first = (key: string) => {
    const value = raw[key];
    // The first of a repeated parameter, NFKC-normalised and trimmed as every input, so the page and its CSV agree.
    const single = nfkc(Array.isArray(value) ? value[0] : value);
    return single === "" ? undefined : single;
  };
  const invalid: string[] = [];
  const shape = licenseListParamsSchema.shape;
  const field = <K extends keyof typeof shape>(key: K) => {
    const result = shape[key].safeParse(first(key));
    if (!result.success) {
      invalid.push(key);
      return undefined;
    }
    return result.data as z.infer<(typeof shape)[K]>;
  };
  const params = {
    licenseId: field("licenseId"),
    status: field("status"),
    product: field("product"),
    within: field("within"),
    from: field("from"),
    to: field("to"),
    sort: field("sort")!,
    dir: field("dir")!,
    page: field("page")!,
  };
  return { params, invalid, reversed: params.from !== undefined && params.to !== undefined && params.from > params.to };
}

/** The list's URL for a set of conditions (only what differs from the defaults). */
export function licenseListHref(base: string, params: Partial<LicenseListParams>): string {
  const query = new URLSearchParams();
  if (params.licenseId !== undefined) query.set("licenseId", String(params.licenseId));
  if (params.status) query.set("status", params.status);
  if (params.product) query.set("product", params.product);
  if (params.within) query.set("within", String(params.within));
  if (params.from) query.set("from", params.from);
  if (params.to) query.set("to", params.to);
  if (params.sort && params.sort !== "licenseId") query.set("sort", params.sort);
  if (params.dir && params.dir !== "asc") query.set("dir", params.dir);
  if (params.page && params.page > 1) query.set("page", String(params.page));
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}

/** The same conditions as one schema, for a request guard: every bad field is an issue at its name. */
export const licenseListConditions = z.record(z.string(), z.union([z.string(), z.array(z.string())])).transform((raw, ctx) => {
  const { params, invalid } = parseLicenseListParams(raw);
  for (const field of invalid) ctx.addIssue({ code: "custom", path: [field], message: "invalid" });
  return invalid.length ? z.NEVER : params;
});
