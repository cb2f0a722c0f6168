import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { toNumber } from "@/db/sql";
import { shown, type Faults } from "./faults";
import type { Run } from "./stage";
import type { ContractImportError } from "./types";

// The checks across the rows of a file, once it is staged: a ライセンスID or an activation code twice, a code that is
// another contract's or one this site issued (C-1..C-4). Each counts all its faults and lists the first ones by line.

/** A key twice in a staged table: each line after the first with `shownColumn` and the line the key first stood on. */
function repeated(table: "ci_contracts" | "ci_lines", key: string, shownColumn: string, max: number): { count: SQL; rows: SQL } {
  const [from, by, column] = [sql.identifier(table), sql.identifier(key), sql.identifier(shownColumn)];
  return {
    count: sql`SELECT count(*) - count(DISTINCT ${by}) AS n FROM ${from}`,
    rows: sql`SELECT line, ${column}, first_line
                FROM (SELECT line, ${column}, min(line) OVER w AS first_line, row_number() OVER (w ORDER BY line) AS n
                        FROM ${from} WINDOW w AS (PARTITION BY ${by})) x
               WHERE n > 1 ORDER BY line LIMIT ${max}`,
  };
}

export async function crossChecks(run: Run, faults: Faults, max: number) {
  const checks: { count: SQL; rows: SQL; fault: (row: Record<string, unknown>) => ContractImportError }[] = [
    {
      ...repeated("ci_contracts", "license_id", "license_id", max),
      fault: (row) => ({
        line: toNumber(row.line),
        code: "duplicateContract",
        column: "license_id",
        label: "license_id",
        params: { licenseId: toNumber(row.license_id), firstLine: toNumber(row.first_line) },
      }),
    },
    {
      ...repeated("ci_lines", "code_key", "activation_code", max),
      fault: (row) => ({
        line: toNumber(row.line),
        code: "duplicateCode",
        label: "line_activation_code",
        value: shown(row.activation_code),
        params: { firstLine: toNumber(row.first_line) },
      }),
    },
    {
      count: sql`SELECT count(*) AS n FROM ci_lines l JOIN contract_products p ON p.activation_code_key = l.code_key
                  WHERE p.license_id <> l.license_id OR p.source <> 'order'`,
      rows: sql`SELECT l.line, l.activation_code, p.license_id, p.source FROM ci_lines l JOIN contract_products p ON p.activation_code_key = l.code_key
                 WHERE p.license_id <> l.license_id OR p.source <> 'order' ORDER BY l.line LIMIT ${max}`,
      fault: (row) => ({
        line: toNumber(row.line),
        code: row.source === "order" ? "codeOfOtherContract" : "codeIssued",
        label: "line_activation_code",
        value: shown(row.activation_code),
        params: { licenseId: toNumber(row.license_id) },
      }),
    },
  ];
  const found: ContractImportError[] = [];
  for (const check of checks) {
    const [counted] = await run(check.count);
    const n = toNumber(counted?.n);
    if (n === 0) continue;
    faults.count += n;
    for (const row of await run(check.rows)) found.push(check.fault(row));
  }
  // The listed faults stay the first ones by line, whichever step found them.
  const merged = [...faults.list, ...found].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)).slice(0, max);
  faults.list.splice(0, faults.list.length, ...merged);
}
