import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { toNumber } from "@/db/sql";
import { shown, type Faults } from "./faults";
import type { Run } from "./stage";
import type { ContractImportError } from "./types";

// The checks across the rows of a file, once it is staged: a ライセンスID or an activation code twice, a code that is
// another contract's or one this site issued (C-1..C-4). Each counts all its faults and lists the first ones by line.

export async function crossChecks(run: Run, faults: Faults, max: number) {
  const checks: { count: SQL; rows: SQL; fault: (row: Record<string, unknown>) => ContractImportError }[] = [
    {
      count: sql`SELECT count(*) - count(DISTINCT license_id) AS n FROM ci_contracts`,
      rows: sql`SELECT line, license_id, first_line
                  FROM (SELECT line, license_id, min(line) OVER w AS first_line, row_number() OVER (w ORDER BY line) AS n
                          FROM ci_contracts WINDOW w AS (PARTITION BY license_id)) x
                 WHERE n > 1 ORDER BY line LIMIT ${max}`,
      fault: (row) => ({
        line: toNumber(row.line),
        code: "duplicateContract",
        column: "license_id",
        label: "license_id",
        params: { licenseId: toNumber(row.license_id), firstLine: toNumber(row.first_line) },
      }),
    },
    {
      count: sql`SELECT count(*) - count(DISTINCT code_key) AS n FROM ci_lines`,
      rows: sql`SELECT line, activation_code, first_line
                  FROM (SELECT line, activation_code, min(line) OVER w AS first_line, row_number() OVER (w ORDER BY line) AS n
                          FROM ci_lines WINDOW w AS (PARTITION BY code_key)) x
                 WHERE n > 1 ORDER BY line LIMIT ${max}`,
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
      fault: (row) =>
        row.source === "order"
          ? {
              line: toNumber(row.line),
              code: "codeOfOtherContract",
              label: "line_activation_code",
              value: shown(row.activation_code),
              params: { licenseId: toNumber(row.license_id) },
            }
          : {
              line: toNumber(row.line),
              code: "codeIssued",
              label: "line_activation_code",
              value: shown(row.activation_code),
              params: { licenseId: toNumber(row.license_id) },
            },
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
