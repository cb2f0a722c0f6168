import { LabelledLines } from "@/app/_components/labelled-lines";
import { Cell, DataTable } from "@/app/_components/table-head";
import { formatDateTime } from "@/lib/dates";
import type { RootTranslator } from "@/lib/i18n";
import { describeHistoryEntry, type HistoryEntry } from "@/lib/licenses/history";

/**
 * N-4 変更履歴 as a table (B-2's five newest, and the history page): when, who (the customer's address or
 * 「トレンドマイクロ」), what, and each field's before → after — the same words as the CSV (describeHistoryEntry).
 */
export function HistoryTable({ entries, t }: { entries: HistoryEntry[]; t: RootTranslator }) {
  if (entries.length === 0) return <p className="text-sm">{t("licenses.history.empty")}</p>;
  const column = (key: "at" | "actor" | "action" | "changes") => t(`licenses.history.${key}`);
  return (
    <DataTable data-testid="contract-history" columns={[column("at"), column("actor"), column("action"), column("changes")]}>
      <tbody>
        {entries.map((entry) => {
          const described = describeHistoryEntry(t, entry);
          return (
            <tr key={entry.cursor} className="border-b border-line align-top">
              <Cell label={column("at")} className="p-2 tabular-nums whitespace-nowrap">
                {formatDateTime(entry.at)}
              </Cell>
              <Cell label={column("actor")} className="p-2 break-all" data-i18n-exempt="the customer's own address">
                {described.actor}
              </Cell>
              <Cell label={column("action")} className="p-2">
                {described.action}
              </Cell>
              <Cell label={column("changes")} className="p-2">
                <LabelledLines lines={described.lines} />
              </Cell>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}
