import "server-only";
import { writeAudit } from "@/lib/audit";
import type { CustomerActor } from "@/lib/auth/actor";
import { getThrottleState, recordAttempt } from "@/lib/security/throttle";
import { activationCodeKey } from "./activation-code";
import { diagnoseAccess, findVisibleLicenseIdByCode, getVisibleContract } from "./queries";

// SPEC B-7 / B-8: one input takes a ライセンスID or an activation code (with or without hyphens, any case, full
// width normalised). Every outcome that is not the contract itself is one of B-8's messages.
export type SearchKind = "licenseId" | "code";
export type SearchMessage =
  | { kind: "field"; reason: "required" | "nonDigit" | "charset" }
  | { kind: "msg"; number: "MSG01" | "MSG02" | "MSG03" | "MSG04" | "MSG06" | "MSG07" | "MSG08" | "MSG09"; searchedBy: SearchKind; key: string }
  | { kind: "emailMismatch"; searchedBy: SearchKind; key: string }
  | { kind: "tooOld"; searchedBy: SearchKind; key: string }
  | { kind: "locked" };
export type SearchResult = { ok: true; licenseId: number } | { ok: false; message: SearchMessage };

export type ParsedSearch =
  | { kind: "licenseId"; licenseId: number; display: string }
  | { kind: "code"; key: string; display: string }
  | { kind: "invalid"; reason: "required" | "nonDigit" | "charset" };

/** NFKC first; a leading digit means a license ID (digits only), a leading letter an activation code. */
export function parseSearchInput(raw: string): ParsedSearch {
  const value = raw.normalize("NFKC").trim();
  if (!value) return { kind: "invalid", reason: "required" };
  if (/^[0-9]/.test(value)) {
    // 「お客様のライセンスIDに数値以外の値は入力できません。」 — spaces included (the manual says so).
    if (!/^[0-9]+$/.test(value) || value.length > 15) return { kind: "invalid", reason: "nonDigit" };
    return { kind: "licenseId", licenseId: Number(value), display: value };
  }
  const key = activationCodeKey(value);
  if (!/^[A-Z0-9]+$/.test(key) || key.length > 64) return { kind: "invalid", reason: "charset" };
  return { kind: "code", key, display: value.slice(0, 64) };
}

const MSG_BY_ID = { hidden: "MSG01", category: "MSG02", excluded_product: "MSG03", status: "MSG04" } as const;
const MSG_BY_CODE = { hidden: "MSG06", category: "MSG07", excluded_product: "MSG08", status: "MSG09" } as const;

/** B-7: finds the contract for the input, or the B-8 message. Throttled per account and address. */
export async function searchContract({ actor, query }: { actor: Pick<CustomerActor, "email" | "clientAddress">; query: string }): Promise<SearchResult> {
  const { email } = actor;
  const context = { clientAddress: actor.clientAddress };
  const parsed = parseSearchInput(query);
  if (parsed.kind === "invalid") return { ok: false, message: { kind: "field", reason: parsed.reason } };
  const throttleKey = { scope: "license_check" as const, accountKey: email, clientAddress: context.clientAddress };
  if ((await getThrottleState(throttleKey)).locked) return { ok: false, message: { kind: "locked" } };

  const licenseId =
    parsed.kind === "licenseId"
      ? (await getVisibleContract({ actor, licenseId: parsed.licenseId }))
        ? parsed.licenseId
        : undefined
      : await findVisibleLicenseIdByCode({ actor, codeKey: parsed.key });
  if (licenseId !== undefined) {
    await recordAttempt(throttleKey, true);
    return { ok: true, licenseId };
  }
  const diagnosis = await diagnoseAccess({ actor, target: parsed.kind === "licenseId" ? { licenseId: parsed.licenseId } : { codeKey: parsed.key } });
  const searchedBy = parsed.kind;
  await writeAudit({
    actorType: "customer",
    actorEmail: email,
    action: "contract_search.not_shown",
    clientAddress: context.clientAddress,
    details: { searchedBy, diagnosis },
  });
  if (diagnosis === "not_contact" || diagnosis === "visible") {
    // Only a miss that tells nothing counts toward the lock: it is what guessing looks like.
    await recordAttempt(throttleKey, false);
    return { ok: false, message: { kind: "emailMismatch", searchedBy, key: parsed.display } };
  }
  if (diagnosis === "too_old") return { ok: false, message: { kind: "tooOld", searchedBy, key: parsed.display } };
  return { ok: false, message: { kind: "msg", number: (searchedBy === "licenseId" ? MSG_BY_ID : MSG_BY_CODE)[diagnosis], searchedBy, key: parsed.display } };
}
