// B-1 / B-2 契約状況 as a badge: its colour and its text together, never the colour alone (a reader who does not see
// the colour reads the word), each tone at least 7:1 against its own background. One component for the list, the
// detail and any later overview, so a status always looks the same. No hooks: server and client components use it.
export type ContractStatusValue = "active" | "expired";

const TONES: Record<ContractStatusValue, string> = {
  // #116329 on #f0fff4 ≈ 7.1:1; #86061d on #fff5f5 ≈ 9.5:1 (WCAG AAA for small text).
  active: "border-[#1a7f37] bg-[#f0fff4] text-[#116329]",
  expired: "border-[#86061d] bg-[#fff5f5] text-[#86061d]",
};

/** `label` is the status in the visitor's language (licenses.statusLabel.<status>). */
export function ContractStatusBadge({ status, label }: { status: ContractStatusValue; label: string }) {
  return (
    <span
      data-testid="contract-status"
      data-status={status}
      className={`inline-block whitespace-nowrap rounded border px-2 text-xs font-bold leading-6 ${TONES[status]}`}
    >
      {label}
    </span>
  );
}

/**
 * N-2: a contract whose support ends within 90 days, beside its 契約状況 — amber, with its words (「サポート終了まで
 * あと20日」), never the colour alone. #6b3f00 on #fff8e1 ≈ 9:1.
 */
export function EndingSoonBadge({ label }: { label: string }) {
  return (
    <span
      data-testid="ending-soon"
      className="inline-block whitespace-nowrap rounded border border-[#9a6700] bg-[#fff8e1] px-2 text-xs font-bold leading-6 text-[#6b3f00]"
    >
      {label}
    </span>
  );
}
