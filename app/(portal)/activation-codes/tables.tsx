import { useFormatter } from "next-intl";
import { Cell } from "@/app/_components/table-head";

// The tables of the C forms: the products asked for (製品名, 数量) and the codes issued (with the code). Bordered
// like the manual's forms; below 640 px, cards like every data table (globals.css .data-table). Quantities in the
// visitor's locale through next-intl's formatter (server or client: the root layout's provider has the locale).
const CELL = "border border-line px-3 py-2 text-left";

type ProductRow = { productName: string; quantity: number };

export function ProductTable({
  caption,
  rows,
  labels,
  className = "mb-6",
}: {
  caption?: string;
  rows: ProductRow[];
  labels: { product: string; quantity: string };
  className?: string;
}) {
  return <ProductRows caption={caption} rows={rows} labels={labels} className={className} quantityClassName="w-32 text-right" />;
}

export function CodesTable({ rows, columns }: { rows: (ProductRow & { code: string })[]; columns: { product: string; quantity: string; code: string } }) {
  return <ProductRows rows={rows} labels={columns} className="mb-6" quantityClassName="text-right" codeLabel={columns.code} testId="issued-codes" />;
}

/** Both tables: 製品名 and 数量, and for the issued codes a third column with the code. */
function ProductRows<Row extends ProductRow & { code?: string }>({
  caption,
  rows,
  labels,
  className,
  quantityClassName,
  codeLabel,
  testId,
}: {
  caption?: string;
  rows: Row[];
  labels: { product: string; quantity: string };
  className: string;
  quantityClassName: string;
  codeLabel?: string;
  testId?: string;
}) {
  const format = useFormatter();
  return (
    <table className={`data-table ${className} w-full border-collapse text-sm`} data-testid={testId}>
      {caption ? <caption className="mb-2 text-left font-bold">{caption}</caption> : null}
      <thead className="bg-panel">
        <tr>
          <th scope="col" className={CELL}>
            {labels.product}
          </th>
          <th scope="col" className={`${CELL} ${quantityClassName}`}>
            {labels.quantity}
          </th>
          {codeLabel ? (
            <th scope="col" className={CELL}>
              {codeLabel}
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.code ?? row.productName}>
            <Cell label={labels.product} className={CELL} data-i18n-exempt="product name">
              {row.productName}
            </Cell>
            <Cell label={labels.quantity} className={`${CELL} text-right tabular-nums`}>
              {format.number(row.quantity)}
            </Cell>
            {codeLabel ? (
              <Cell label={codeLabel} className={`${CELL} break-all font-mono`} data-i18n-exempt="activation code">
                {row.code}
              </Cell>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
