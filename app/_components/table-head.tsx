import Link from "next/link";
import type { ReactNode, TdHTMLAttributes } from "react";

/**
 * A column of a data table. `label` is what the header shows; `cardLabel`, where the header is not plain text (an
 * icon, a screen-reader-only name), is what each cell's card shows at small widths. `sort` makes the header a link
 * that sorts by the column (aria-sort tells its state).
 */
export type Column =
  | ReactNode
  | {
      label: ReactNode;
      className?: string;
      sort?: { href: string; direction: "ascending" | "descending" | "none"; ariaLabel: string };
    };

/**
 * The header row of the site's data tables (one style everywhere: a bold rule under a panel-coloured row). A header
 * never wraps inside a word (「バージョ／ン」, issue 29 item 22): it keeps its line and the column grows to fit it (the
 * frame scrolls sideways where the table is wider than the page).
 */
export function TableHead({ columns, sortLabel }: { columns: readonly Column[]; sortLabel?: string }) {
  return (
    <thead>
      <tr className="border-b-2 border-line bg-panel text-left" data-sort-label={sortLabel}>
        {columns.map((column, index) => {
          const { label, className, sort } =
            column !== null && typeof column === "object" && "label" in column ? column : { label: column, className: undefined, sort: undefined };
          return (
            <th key={index} scope="col" aria-sort={sort?.direction} className={`p-2 whitespace-nowrap ${className ?? ""}`.trim()}>
              {sort ? (
                <Link href={sort.href} className="text-ink underline" aria-label={sort.ariaLabel}>
                  {label}
                  {sort.direction === "none" ? null : <span aria-hidden="true">{sort.direction === "ascending" ? " ▲" : " ▼"}</span>}
                </Link>
              ) : (
                label
              )}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

/**
 * X-6 (responsive down to 360 px): the site's data table. At 640 px and wider it is a table; below that each row is a card of
 * "label: value" lines (globals.css, `.data-table`), in the same DOM order, so the keyboard order does not change;
 * sortable headers stay above the cards as links. Cells are `Cell`s: each carries its column's label for the card.
 * Between 640 px and the table's natural width, the frame scrolls sideways (with a shadow at the edge that has more).
 */
export function DataTable({
  columns,
  caption,
  sortLabel,
  className,
  children,
  ...rest
}: {
  columns: readonly Column[];
  caption?: ReactNode;
  sortLabel?: string;
  className?: string;
  children: ReactNode;
  "data-testid"?: string;
  "aria-label"?: string;
}) {
  return (
    <div className="data-table-frame">
      <table className={`data-table w-full border-collapse text-sm ${className ?? ""}`.trim()} {...rest}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <TableHead columns={columns} sortLabel={sortLabel} />
        {children}
      </table>
    </div>
  );
}

/**
 * One cell of a DataTable. `label` is its column's name on the small-width card (none for a row's action, which then
 * takes the card's whole width). The value sits in one box, so that the card's label and value are two columns
 * whatever the cell holds.
 */
export function Cell({ label, children, ...td }: { label?: string; children?: ReactNode } & TdHTMLAttributes<HTMLTableCellElement>) {
  return (
    <td data-label={label} {...td}>
      <div className="cell-value">{children}</div>
    </td>
  );
}
