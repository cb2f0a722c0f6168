"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { requireCustomer } from "@/lib/auth/current";
import { clientAddressOf } from "@/lib/security/client-address";
import { getMessages } from "@/lib/i18n";
import { searchContract } from "@/lib/licenses/search";

export type ContractSearchState = {
  status: "idle" | "error";
  /** A field message (required, nonDigit, charset) shown under the input. */
  fieldError?: string;
  /** B-8: the screen message, its MSG number and the key the customer searched for. */
  message?: { text: string; number?: string; key?: string; showContact: boolean };
  values?: { query: string };
};

// B-7 「ご契約内容を調べる」: session → parse → search (visibility and throttling inside) → the detail or a B-8 message.
export async function searchContractAction(_state: ContractSearchState, formData: FormData): Promise<ContractSearchState> {
  const session = await requireCustomer({ next: "/contracts/search" });
  const t = (await getMessages()).contractSearch.messages;
  const raw = formData instanceof FormData ? formData.get("query") : null;
  const query = typeof raw === "string" ? raw.slice(0, 200) : "";
  const result = await searchContract({ actor: { email: session.email, clientAddress: clientAddressOf(await headers()) }, query });
  if (result.ok) redirect(`/licenses/${result.licenseId}`);
  const values = { query };
  const m = result.message;
  switch (m.kind) {
    case "field":
      return { status: "error", fieldError: t[m.reason], values };
    case "locked":
      return { status: "error", message: { text: t.locked, showContact: false }, values };
    case "msg":
      return { status: "error", message: { text: `${t.restricted}(${m.number})`, number: m.number, key: m.key, showContact: true }, values };
    case "emailMismatch":
      return { status: "error", message: { text: m.searchedBy === "code" ? t.emailMismatchCode : t.emailMismatchId, key: m.key, showContact: true }, values };
    case "tooOld":
      return { status: "error", message: { text: t.tooOld, key: m.key, showContact: true }, values };
  }
}
