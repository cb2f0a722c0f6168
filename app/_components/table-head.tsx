import type { ReactNode } from "react";

export type Column = ReactNode | { label: ReactNode; className?: string };

/** The header row of the site's data tables (one style everywhere: a bold rule under a panel-coloured row). */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr className="border-b-2 border-line bg-panel text-left">
        {columns.map((column, index) => {
          const { label, className } = column !== null && typeof column === "object" && "label" in column ? column : { label: column, className: undefined };
          return (
            <th key={index} scope="col" className={`p-2 ${className ?? ""}`.trim()}>
              {label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
