"use client";

import { useTranslations } from "next-intl";
import { Field, SelectField } from "@/app/_components/form-controls";
import { CONTACT_FIELDS, PREFECTURES, type ContactField, type ContactRole } from "@/lib/validation/contact-fields";

// B-5 ①: one contact's white boxes (※ required), and the 契約窓口's 法人名 / 支社名, which are not edited directly.

/** The form's own messages come from useTranslations (the page ships the contactChange and licenses namespaces). */
export type ContactChangeLabels = { requiredMark: string; colon: string };

const REQUIRED: readonly ContactField[] = ["companyName", "personName", "postalCode", "prefecture", "address", "phone", "email"];
const AUTOCOMPLETE: Partial<Record<ContactField, string>> = {
  personName: "name",
  postalCode: "postal-code",
  address: "street-address",
  phone: "tel",
  email: "email",
  companyName: "organization",
};
const INPUT_MODE: Partial<Record<ContactField, "numeric" | "tel" | "email">> = { postalCode: "numeric", phone: "tel", email: "email" };
const MAX_LENGTH: Partial<Record<ContactField, number>> = { postalCode: 10, phone: 20, email: 254, address: 200 };

export function ContactFields({
  role,
  labels,
  values,
  onEdit,
  errorsOf,
}: {
  role: ContactRole;
  labels: ContactChangeLabels;
  values: Record<string, string>;
  onEdit: (name: string, value: string) => void;
  errorsOf: (name: string) => string[] | undefined;
}) {
  const cc = useTranslations("contactChange");
  const l = useTranslations("licenses");
  return CONTACT_FIELDS.filter((field) => role === "support" || (field !== "companyName" && field !== "branchName")).map((field) => {
    const name = `${role}.${field}`;
    if (field === "prefecture") {
      return (
        <SelectField
          key={name}
          label={l("prefecture")}
          name={name}
          required
          requiredMark={labels.requiredMark}
          placeholder={cc("choose")}
          // The value is the name the contract records hold; the label, its name in the visitor's language.
          options={PREFECTURES.map((p, index) => ({ value: p, label: cc(`prefectures.${index + 1}` as "prefectures.1") }))}
          value={values[name]}
          onChange={(event) => onEdit(name, event.target.value)}
          errors={errorsOf(name)}
        />
      );
    }
    return (
      <Field
        key={name}
        label={l(field)}
        name={name}
        required={REQUIRED.includes(field)}
        requiredMark={labels.requiredMark}
        value={values[name]}
        onChange={(event) => onEdit(name, event.target.value)}
        errors={errorsOf(name)}
        autoComplete={AUTOCOMPLETE[field] ? `section-${role} ${AUTOCOMPLETE[field]}` : "off"}
        inputMode={INPUT_MODE[field]}
        type={field === "email" ? "email" : "text"}
        maxLength={MAX_LENGTH[field] ?? 100}
      />
    );
  });
}

export function ReadOnly({ label, value }: { label: string; value: string | null }) {
  return (
    <div className="mb-4">
      <div className="mb-1 font-bold">{label}</div>
      {/* Not a white box: not edited directly (B-5 ①). */}
      <div className="w-full max-w-md rounded border border-line bg-panel px-3 py-2 text-muted" data-i18n-exempt="contact data, as recorded">
        {value || "—"}
      </div>
    </div>
  );
}
