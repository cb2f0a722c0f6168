import { describe, expect, it } from "vitest";
import { z } from "zod";
import { contactChangeSchema } from "@/lib/validation/contacts";
import { apexCentralStepSchema, issuanceStepSchema } from "@/lib/validation/issuance";

// The wizards' step schemas (lib/validation): z.discriminatedUnion over the step, so each step gets exactly the fields
// it needs and an unknown step is refused; the messages are catalogue codes (t.issuance.problems, t.fields, t.auth).

/** Each field's distinct codes (fieldErrorsOf shows each message once). */
const codes = (result: { success: boolean; error?: z.ZodError }) =>
  result.success
    ? {}
    : Object.fromEntries(
        Object.entries(z.flattenError(result.error!).fieldErrors as Record<string, string[]>).map(([field, list]) => [field, [...new Set(list)]]),
      );

describe("C-1, C-2, C-4: issuanceStepSchema", () => {
  const source = { kind: "apex_one", licenseId: "100001", code: "OS-AAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF" };

  it("check needs ① ② only; they are judged by lib/issuance, so anything up to their length passes as typed", () => {
    expect(issuanceStepSchema.parse({ step: "check", ...source, email: "ignored" })).toEqual({ step: "check", ...source });
    expect(issuanceStepSchema.parse({ step: "check", kind: "offline" })).toEqual({ step: "check", kind: "offline", licenseId: "", code: "" });
    expect(issuanceStepSchema.parse({ step: "check", ...source, licenseId: "1".repeat(65) }).licenseId).toBe("");
  });

  it("review and request need both addresses, the same in any case; the address is kept in lower case", () => {
    for (const step of ["review", "request"] as const) {
      expect(issuanceStepSchema.parse({ step, ...source, email: "Ops@Example.co.jp", emailConfirm: "ops@example.CO.JP" })).toMatchObject({
        step,
        email: "ops@example.co.jp",
      });
      expect(codes(issuanceStepSchema.safeParse({ step, ...source }))).toEqual({ email: ["required"], emailConfirm: ["required"] });
      expect(codes(issuanceStepSchema.safeParse({ step, ...source, email: "", emailConfirm: "" }))).toEqual({
        email: ["required"],
        emailConfirm: ["required"],
      });
      expect(codes(issuanceStepSchema.safeParse({ step, ...source, email: "ops@example.co.jp", emailConfirm: "xops@example.co.jp" }))).toEqual({
        emailConfirm: ["emailMismatch"],
      });
      expect(codes(issuanceStepSchema.safeParse({ step, ...source, email: "not-an-address", emailConfirm: "other" }))).toEqual({
        email: ["emailFormat"],
        emailConfirm: ["emailMismatch"],
      });
    }
  });

  it("refuses an unknown or missing step and a form that is not one of C-1, C-2, C-4", () => {
    expect(codes(issuanceStepSchema.safeParse({ step: "issue", ...source }))).toHaveProperty("step");
    expect(codes(issuanceStepSchema.safeParse({ ...source }))).toHaveProperty("step");
    expect(codes(issuanceStepSchema.safeParse({ step: "check", ...source, kind: "apex_central" }))).toHaveProperty("kind");
    expect(issuanceStepSchema.safeParse(null).success).toBe(false);
  });
});

describe("C-3: apexCentralStepSchema", () => {
  it("check, download and issue with ①; nothing else", () => {
    expect(apexCentralStepSchema.parse({ step: "check", licenseId: "100003" })).toEqual({ step: "check", licenseId: "100003" });
    expect(apexCentralStepSchema.parse({ step: "download", licenseId: "100003", kind: "apex_one" })).toEqual({ step: "download", licenseId: "100003" });
    expect(apexCentralStepSchema.parse({ step: "issue" })).toEqual({ step: "issue", licenseId: "" });
    expect(codes(apexCentralStepSchema.safeParse({ step: "request", licenseId: "100003" }))).toHaveProperty("step");
    expect(codes(apexCentralStepSchema.safeParse({ licenseId: "100003" }))).toHaveProperty("step");
  });
});

describe("B-5: contactChangeSchema, one variant per name-change step", () => {
  const contact = (prefix: string) => ({
    [`${prefix}.personName`]: "試験 太郎",
    [`${prefix}.postalCode`]: "1000005",
    [`${prefix}.prefecture`]: "東京都",
    [`${prefix}.address`]: "千代田区丸の内1-1",
    [`${prefix}.phone`]: "03-1234-5678",
    [`${prefix}.email`]: "User@Example.co.jp",
  });
  const form = { version: "3", ...contact("contract"), ...contact("support"), "support.companyName": "テストユーザ株式会社", privacyConsent: "on" };

  it("none: the name-change fields are not needed, and an unknown nameChange is none", () => {
    const none = contactChangeSchema.parse({ ...form, nameChange: "none", reason: "bogus" });
    expect(none).toMatchObject({ nameChange: "none", version: 3, "contract.postalCode": "100-0005", "support.email": "user@example.co.jp" });
    expect(contactChangeSchema.parse({ ...form }).nameChange).toBe("none");
    expect(contactChangeSchema.parse({ ...form, nameChange: "rename" }).nameChange).toBe("none");
  });

  it("registry: a 13-digit 法人番号, a reason and the consent", () => {
    const registry = { ...form, nameChange: "registry", corporateNumber: "1234567890123", reason: "merger", nameChangeConsent: "on" };
    expect(contactChangeSchema.parse(registry)).toMatchObject({ nameChange: "registry", corporateNumber: "1234567890123", reason: "merger" });
    expect(codes(contactChangeSchema.safeParse({ ...form, nameChange: "registry" }))).toEqual({
      corporateNumber: ["choose"],
      reason: ["choose"],
      nameChangeConsent: ["consent"],
    });
  });

  it("manual: the typed 法人名 (支社名 optional), a reason and the consent; bad base fields are named with them", () => {
    const manual = { ...form, nameChange: "manual", requestedCompanyName: "テストユーザ新社株式会社", reason: "organisation", nameChangeConsent: "on" };
    expect(contactChangeSchema.parse(manual)).toMatchObject({ nameChange: "manual", requestedCompanyName: "テストユーザ新社株式会社" });
    expect(codes(contactChangeSchema.safeParse({ ...manual, requestedCompanyName: "x".repeat(101), requestedBranchName: "y".repeat(101) }))).toEqual({
      requestedCompanyName: ["tooLong"],
      requestedBranchName: ["tooLong"],
    });
    expect(codes(contactChangeSchema.safeParse({ ...form, nameChange: "manual", privacyConsent: undefined, "contract.phone": "12" }))).toEqual({
      "contract.phone": ["phone"],
      privacyConsent: ["consent"],
      requestedCompanyName: ["required"],
      reason: ["choose"],
      nameChangeConsent: ["consent"],
    });
  });
});
