"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { customerAction } from "@/lib/auth/guards";
import { searchContract } from "@/lib/licenses/search";
import { searchNoticeOf } from "@/lib/licenses/search-messages";
import type { FormState } from "@/lib/validation/form-state";

export type ContractSearchState = FormState<"query"> & {
  /** B-8: with the screen message, its MSG number, the key the customer searched for and whether the contact window shows. */
  notice?: { number?: string; key?: string; showContact: boolean };
};

// The input is read as typed (the B-7 parser normalises it itself, and the form shows it again unchanged).
const searchInput = z.object({
  query: z
    .string()
    .catch("")
    .transform((value) => value.slice(0, 200)),
});

// B-7 「ご契約内容を調べる」: the guard (session, A-4, input) → search (visibility and throttling inside) → the detail or a B-8 message.
export const searchContractAction = customerAction(
  { schema: searchInput, raw: ["query"], next: "/contracts/search" },
  async ({ query }, { actor, t }): Promise<ContractSearchState> => {
    const result = await searchContract({ actor, query });
    if (result.ok) redirect(`/licenses/${result.licenseId}`);
    const values = { query };
    const m = result.message;
    if (m.kind === "field") return { status: "error", fieldErrors: { query: [t(`contractSearch.messages.${m.reason}`)] }, values };
    const { message, ...notice } = searchNoticeOf(m, t);
    return { status: "error", message, notice, values };
  },
);
