import { Section } from "@react-email/components";
import type { ReactNode } from "react";

// The tables of the mails (SPEC M), one look for all: a cell, and the table of rows under a header row.
export const cell = { fontSize: 13, lineHeight: "20px", padding: "4px 8px", borderBottom: "1px solid #d0d7de", verticalAlign: "top" } as const;
/** An issued code in a table: monospace and bold, broken anywhere rather than widening the mail. */
export const codeStyle = { fontFamily: "monospace", fontSize: 14, fontWeight: 700, wordBreak: "break-all" } as const;

export type MailColumn<Row> = { label: ReactNode; align?: "right"; cell: (row: Row) => ReactNode };

/**
 * A header row with each column's label, then a row per entry. A right-aligned column is so in both. Marked as a table
 * of data (data-text-format): the plain-text part gives each row a line (lib/mail/plain-text.ts).
 */
export function MailTable<Row>({ columns, rows, rowKey }: { columns: MailColumn<Row>[]; rows: Row[]; rowKey: (row: Row, index: number) => string }) {
  return (
    <Section>
      <table data-text-format="rows" style={{ borderCollapse: "collapse", width: "100%", margin: "0 0 12px" }}>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} style={{ ...cell, textAlign: column.align ?? "left" }}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, rowIndex) => (
            <tr key={rowKey(row, rowIndex)}>
              {columns.map((column, index) => (
                <td key={index} style={column.align ? { ...cell, textAlign: column.align } : cell}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
