import { z } from "zod";
import { emailField } from "./auth";
import { PREFECTURES, type ContactField, type ContactRole, type NameChangeReason, NAME_CHANGE_REASONS } from "./contact-fields";

export {
  CONTACT_FIELDS,
  CONTACT_ROLES,
  NAME_CHANGE_REASONS,
  PREFECTURES,
  type ContactField,
  type ContactRole,
  type NameChangeReason,
  type Prefecture,
} from "./contact-fields";

// B-5 「ご契約情報の変更」: both contacts' fields, the name change of the 契約窓口 (G-3) and the consents. The request
// guard has NFKC-normalised and trimmed every field once (X-3: 全角 digits and letters become half-width, so a
// postal code typed as １００－０００５ arrives as 100-0005). Issue messages are catalogue codes (t.fields).

const required = (max: number) => z.string({ error: "required" }).min(1, { error: "required" }).max(max, { error: "tooLong" });
const optional = (max: number) =>
  z
    .string()
    .max(max, { error: "tooLong" })
    .optional()
    .transform((value) => (value ? value : null));

/** 〒 7 digits, with or without the hyphen; stored as 123-4567. */
export const postalCodeField = z
  .string({ error: "required" })
  .min(1, { error: "required" })
  .transform((value) => value.replace(/[〒\s]/g, "").replace(/[‐－−ー]/g, "-"))
  .pipe(z.string().regex(/^\d{3}-?\d{4}$/, { error: "postalCode" }))
  .transform((value) => `${value.replace("-", "").slice(0, 3)}-${value.replace("-", "").slice(3)}`);

/** A Japanese phone number: 10 or 11 digits starting with 0, hyphens where the customer likes (03-4330-7601). */
export const phoneField = z
  .string({ error: "required" })
  .min(1, { error: "required" })
  .max(20, { error: "phone" })
  .transform((value) => value.replace(/[‐－−ー()（）\s]/g, (char) => (char === " " ? "" : "-")).replace(/-+/g, "-"))
  .pipe(
    z
      .string()
      .regex(/^0[\d-]+\d$/, { error: "phone" })
      .refine((value) => /^\d{10,11}$/.test(value.replaceAll("-", "")), { error: "phone" }),
  );

export const prefectureField = z.enum(PREFECTURES, { error: "prefecture" });

const contactEmail = emailField.transform((value) => value.toLowerCase());

function contactShape<P extends ContactRole>(prefix: P, withCompany: boolean) {
  return {
    ...(withCompany ? { [`${prefix}.companyName`]: required(100), [`${prefix}.branchName`]: optional(100) } : {}),
    [`${prefix}.department`]: optional(100),
    [`${prefix}.personName`]: required(100),
    [`${prefix}.postalCode`]: postalCodeField,
    [`${prefix}.prefecture`]: prefectureField,
    [`${prefix}.address`]: required(200),
    [`${prefix}.phone`]: phoneField,
    [`${prefix}.email`]: contactEmail,
  } as Record<string, z.ZodType>;
}

const checked = z.literal("on", { error: "consent" });

/**
 * The whole form. `nameChange`: none (法人名 / 支社名 of the 契約窓口 stay), registry (a registry match chosen by its
 * 法人番号: the name comes from the registry, never from the browser), manual (「該当する法人情報が見つからない方は・・・」:
 * typed). `version` is the contract's version the form was based on (B-5: no silent overwrite).
 */
export const contactChangeSchema = z
  .object({
    // Digits only: an empty or missing version is no version (coercing "" would make it 0, the first version).
    version: z
      .string()
      .regex(/^\d{1,10}$/)
      .transform(Number)
      .pipe(z.number().max(2_147_483_647)),
    ...contactShape("contract", false),
    ...contactShape("support", true),
    nameChange: z.enum(["none", "registry", "manual"]).catch("none"),
    corporateNumber: z.string().optional(),
    requestedCompanyName: z.string().max(100, { error: "tooLong" }).optional(),
    requestedBranchName: z.string().max(100, { error: "tooLong" }).optional(),
    reason: z.string().optional(),
    privacyConsent: checked,
    nameChangeConsent: z.string().optional(),
  })
  .superRefine((form, ctx) => {
    if (form.nameChange === "none") return;
    if (!NAME_CHANGE_REASONS.includes(form.reason as NameChangeReason)) ctx.addIssue({ code: "custom", path: ["reason"], message: "choose" });
    if (form.nameChangeConsent !== "on") ctx.addIssue({ code: "custom", path: ["nameChangeConsent"], message: "consent" });
    if (form.nameChange === "registry" && !/^\d{13}$/.test(form.corporateNumber ?? ""))
      ctx.addIssue({ code: "custom", path: ["corporateNumber"], message: "choose" });
    if (form.nameChange === "manual" && !form.requestedCompanyName) ctx.addIssue({ code: "custom", path: ["requestedCompanyName"], message: "required" });
  });

export type ContactChangeForm = z.output<typeof contactChangeSchema>;
export type ContactValues = Record<ContactField, string | null>;

/** One contact's values of the parsed form (the 契約窓口's company fields are not in the form: null). */
export function contactValuesOf(
  form: ContactChangeForm,
  role: ContactRole,
): Omit<ContactValues, "companyName" | "branchName"> & Partial<Pick<ContactValues, "companyName" | "branchName">> {
  const record = form as unknown as Record<string, string | null>;
  const value = (field: ContactField) => record[`${role}.${field}`] ?? null;
  const base = {
    department: value("department"),
    personName: value("personName"),
    postalCode: value("postalCode"),
    prefecture: value("prefecture"),
    address: value("address"),
    phone: value("phone"),
    email: value("email"),
  };
  return role === "support" ? { ...base, companyName: value("companyName"), branchName: value("branchName") } : base;
}

/** B-6's search form (③-2): 法人名 required, 都道府県 and 郵便番号 narrowing when given. */
export const registrySearchSchema = z.object({
  name: required(100),
  prefecture: z
    .union([z.literal(""), prefectureField])
    .optional()
    .transform((value) => value || undefined),
  postalCode: z
    .string()
    .optional()
    .transform((value) => (value ? value.replace(/[〒\s-]/g, "") : undefined))
    .pipe(
      z
        .string()
        .regex(/^\d{7}$/, { error: "postalCode" })
        .optional(),
    ),
  page: z.coerce.number().int().min(1).max(1000).catch(1),
});
