import { z } from "zod";
import type { MailedIssuanceKind } from "@/lib/issuance/catalog";

// SPEC C-1 … C-4: each call of the issuance wizards, discriminated by the step the customer pressed. ① ライセンスID and
// ② the code are not judged here: lib/issuance checks them on every step against the contract (B-8's messages, with
// the MSG numbers), so the schema only bounds their length. Issue messages are catalogue codes (t.issuance.problems,
// then t.fields / t.auth).

// The forms that mail an issuance URL, as lib/issuance/catalog's MAILED_KINDS (server-only: not importable here).
const MAILED_KINDS = ["apex_one", "virus_buster", "offline"] as const satisfies readonly MailedIssuanceKind[];

const text = (max: number) => z.string().max(max).catch("");

/** 連絡先 twice (C-1, C-4: the confirmation typed, never pasted); the same address in any case. */
const contactEmails = {
  email: z
    .string({ error: "required" })
    .min(1, { error: "required" })
    .max(254, { error: "tooLong" })
    .pipe(z.email({ error: "emailFormat" }))
    .transform((value) => value.toLowerCase()),
  emailConfirm: z.string({ error: "required" }).min(1, { error: "required" }).max(254, { error: "tooLong" }),
};

const source = { kind: z.enum(MAILED_KINDS), licenseId: text(64), code: text(128) };

const withContact = <S extends "review" | "request">(step: S) =>
  z.object({ step: z.literal(step), ...source, ...contactEmails }).check((ctx) => {
    const { email, emailConfirm } = ctx.value;
    if (typeof email === "string" && email && typeof emailConfirm === "string" && emailConfirm && email !== emailConfirm.toLowerCase())
      ctx.issues.push({ code: "custom", path: ["emailConfirm"], message: "emailMismatch", input: emailConfirm });
  });

/**
 * C-1, C-2, C-4: 「確認する」/「次へ」 (check: ① ②) → 連絡先 → 「発行を依頼する」 (review: ① ② and the addresses) →
 * 「発行を依頼する」 (request: the same, now creating the request and mailing its URL).
 */
export const issuanceStepSchema = z.discriminatedUnion("step", [
  z.object({ step: z.literal("check"), ...source }),
  withContact("review"),
  withContact("request"),
]);
export type IssuanceStepInput = z.output<typeof issuanceStepSchema>;
export type IssuanceField = "licenseId" | "code" | "email" | "emailConfirm";

/** C-3 Apex Central: 「確認する」 (check: ①) → 「同意していただいた上でダウンロード」 / 「…更新用AC発行」 (download / issue). */
export const apexCentralStepSchema = z.discriminatedUnion("step", [
  z.object({ step: z.literal("check"), licenseId: text(64) }),
  z.object({ step: z.enum(["download", "issue"]), licenseId: text(64) }),
]);
export type ApexCentralStepInput = z.output<typeof apexCentralStepSchema>;
