import { useFormatter } from "next-intl";
import { Cell } from "@/app/_components/table-head";

// The tables of the C forms: the products asked for (製品名, 数量) and the codes issued (with the code). Bordered
// like the manual's forms; below 640 px, cards like every data table (globals.css .data-table). Quantities in the
// visitor's locale through next-intl's formatter (server or client: the root layout's provider has the locale).
const CELL = "border border-line px-3 py-2 text-left";

export function ProductTable({
  caption,
  rows,
  labels,
  className = "mb-6",
}: {
  caption?: string;
  rows: { productName: string; quantity: number }[];
  labels: { product: string; quantity: string };
  className?: string;
}) {
  const format = useFormatter();
  return (
    <table className={`data-table ${className} w-full border-collapse text-sm`}>
      {caption ? <caption className="mb-2 text-left font-bold">{caption}</caption> : null}
      <thead className="bg-panel">
        <tr>
          <th scope="col" className={CELL}>
            {labels.product}
          </th>
          <th scope="col" className={`${CELL} w-32 text-right`}>
            {labels.quantity}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.productName}>
            <Cell label={labels.product} className={CELL} data-i18n-exempt="product name">
              {row.productName}
            </Cell>
            <Cell label={labels.quantity} className={`${CELL} text-right tabular-nums`}>
              {format.number(row.quantity)}
            </Cell>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CodesTable({
  rows,
  columns,
}: {
  rows: { productName: string; quantity: number; code: string }[];
  columns: { product: string; quantity: string; code: string };
}) {
  const format = useFormatter();
  return (
    <table className="data-table mb-6 w-full border-collapse text-sm" data-testid="issued-codes">
      <thead className="bg-panel">
        <tr>
          <th scope="col" className={CELL}>
            {columns.product}
          </th>
          <th scope="col" className={`${CELL} text-right`}>
            {columns.quantity}
          </th>
          <th scope="col" className={CELL}>
            {columns.code}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.code}>
            <Cell label={columns.product} className={CELL} data-i18n-exempt="product name">
              {row.productName}
            </Cell>
            <Cell label={columns.quantity} className={`${CELL} text-right tabular-nums`}>
              {format.number(row.quantity)}
            </Cell>
            <Cell label={columns.code} className={`${CELL} break-all font-mono`} data-i18n-exempt="activation code">
              {row.code}
            </Cell>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
