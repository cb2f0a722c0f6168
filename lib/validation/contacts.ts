import { z } from "zod";
import { versionSchema } from "./ids";
import { emailField } from "./auth";
import { NAME_CHANGE_REASONS, PREFECTURES, type ContactField, type ContactRole } from "./contact-fields";

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

/** The fields every variant of the form has: the contract's version, both contacts, the privacy consent. */
const contactForm = z.object({
  // Digits only: an empty or missing version is no version (coercing "" would make it 0, the first version).
  version: versionSchema,
  ...contactShape("contract", false),
  ...contactShape("support", true),
  privacyConsent: checked,
});

const typedName = {
  requestedCompanyName: z.string().max(100, { error: "tooLong" }).optional(),
  requestedBranchName: z.string().max(100, { error: "tooLong" }).optional(),
};
/** A name change (G-3) needs its 社名変更理由 and the 5-business-day consent (B-5 ③). */
const nameChangeNeeds = { reason: z.enum(NAME_CHANGE_REASONS, { error: "choose" }), nameChangeConsent: checked };

/**
 * The whole form, one variant per step of the 契約窓口's name change (`nameChange`): none (法人名 / 支社名 stay),
 * registry (a registry match chosen by its 法人番号: the name comes from the registry, never from the browser), manual
 * (「該当する法人情報が見つからない方は・・・」: typed). Anything else is none, as a form without the name change posts.
 * `version` is the contract's version the form was based on (B-5: no silent overwrite).
 */
export const contactChangeSchema = z.preprocess(
  (input) =>
    input && typeof input === "object" && !["registry", "manual"].includes((input as { nameChange?: unknown }).nameChange as string)
      ? { ...input, nameChange: "none" }
      : input,
  z.discriminatedUnion("nameChange", [
    contactForm.extend({
      nameChange: z.literal("none"),
      ...typedName,
      corporateNumber: z.string().optional(),
      reason: z.string().optional(),
      nameChangeConsent: z.string().optional(),
    }),
    contactForm.extend({
      nameChange: z.literal("registry"),
      ...typedName,
      corporateNumber: z.string({ error: "choose" }).regex(/^\d{13}$/, { error: "choose" }),
      ...nameChangeNeeds,
    }),
    contactForm.extend({
      nameChange: z.literal("manual"),
      requestedCompanyName: required(100),
      requestedBranchName: typedName.requestedBranchName,
      corporateNumber: z.string().optional(),
      ...nameChangeNeeds,
    }),
  ]),
);

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
