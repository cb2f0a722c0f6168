"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { customerAction, fieldErrorsOf } from "@/lib/auth/guards";
import type { RootTranslator } from "@/lib/i18n";
import { scheduleOutboxDelivery } from "@/lib/mail/schedule";
import { applyContactChange, prepareContactChange, type ChangeRefusal, type PreparedChange } from "@/lib/licenses/contact-change";
import { searchRegistry, type RegistryHit } from "@/lib/registry/search";
import { contactChangeSchema, registrySearchSchema } from "@/lib/validation/contacts";
import type { FormState } from "@/lib/validation/form-state";
import { licenseIdSchema } from "@/lib/validation/ids";

// B-5: the three calls of 「ご契約情報の変更」 — 法人名情報の検索, 確認する, 変更 — each admitted by the customer guard
// (session → A-4 → zod → the handler with the actor); the contract is looked up visible to the actor (B-0) in lib.

export type RegistrySearchState = FormState<"name" | "prefecture" | "postalCode"> & {
  hits?: RegistryHit[];
  total?: number;
  capped?: boolean;
  page?: number;
  pageSize?: number;
};

export const searchRegistryAction = customerAction({ schema: registrySearchSchema, next: "/licenses" }, async (input): Promise<RegistrySearchState> => {
  const { hits, total, capped } = await searchRegistry({ name: input.name, prefecture: input.prefecture, postalCode: input.postalCode, page: input.page });
  return { status: "success", hits, total, capped, page: input.page, pageSize: 20 };
});

export type ContactChangeState = FormState & { prepared?: PreparedChange; refusal?: ChangeRefusal };

const changeSchema = contactChangeSchema.and(z.object({ licenseId: licenseIdSchema }));

function refusalMessage(refusal: ChangeRefusal, t: RootTranslator): string {
  return {
    not_found: () => t("common.notFoundBody"),
    stale: () => t("contactChange.stale"),
    no_change: () => t("contactChange.noChange"),
    pending_name_change: () => t("contactChange.pendingNameChange"),
    registry_unavailable: () => t("contactChange.registryUnavailable"),
  }[refusal]();
}

const invalid = (t: RootTranslator) => ({ status: "error" as const, message: t("contactChange.fixErrors") });

/** 「確認する」: validates every field and answers the changes (before → after), writing nothing. */
export const confirmContactChangeAction = customerAction(
  { schema: changeSchema, next: "/licenses", onInvalid: (error, { t }): ContactChangeState => ({ ...invalid(t), fieldErrors: fieldErrorsOf(error, t) }) },
  async (input, { actor, t }): Promise<ContactChangeState> => {
    const result = await prepareContactChange({ actor, licenseId: input.licenseId, form: input });
    if (typeof result === "string") return { status: "error", message: refusalMessage(result, t), refusal: result };
    return { status: "success", prepared: result };
  },
);

/** 「変更」: applies (lib/licenses/contact-change.ts, one transaction with the mail) and shows the completion screen. */
export const applyContactChangeAction = customerAction(
  { schema: changeSchema, next: "/licenses", onInvalid: (error, { t }): ContactChangeState => ({ ...invalid(t), fieldErrors: fieldErrorsOf(error, t) }) },
  async (input, { actor, t }): Promise<ContactChangeState> => {
    const result = await applyContactChange({ actor, licenseId: input.licenseId, form: input });
    if (typeof result === "string") return { status: "error", message: refusalMessage(result, t), refusal: result };
    scheduleOutboxDelivery();
    redirect(`/licenses/${input.licenseId}/contacts/done/${result.historyId}`);
  },
);
