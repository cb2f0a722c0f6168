import type { LabelledLine } from "@/lib/audit/labels";

/**
 * A history or audit entry's fields, one line each (lib/audit/labels.ts): 「契約窓口 支社名：（なし） → 東京本部」.
 * The labels are the catalogue's; the values are as recorded (names, addresses), in whatever script they are.
 */
export function LabelledLines({ lines }: { lines: LabelledLine[] }) {
  if (lines.length === 0) return null;
  return (
    <ul className="space-y-0.5 text-xs" data-i18n-exempt="recorded values, each under its label from the catalogue">
      {lines.map((line, index) => (
        <li key={index} className="break-words">
          {line.text}
        </li>
      ))}
    </ul>
  );
}
