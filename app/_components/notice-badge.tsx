import type { NoticeSummary } from "@/lib/notices/queries";

/** The category's badge; `label` is the category's name in the visitor's language (also in G-2's client preview). */
export function NoticeBadge({ category, label }: { category: NoticeSummary["category"]; label: string }) {
  const style = category === "support_news" ? "border-[#0b5cad] text-[#0b5cad]" : "border-[#1a7f37] text-[#1a7f37]";
  return <span className={`inline-block shrink-0 rounded border px-2 text-xs leading-6 ${style}`}>{label}</span>;
}
