import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { copyValue, type CopyIn } from "@/db/copy";
import { rowsOf } from "@/db/sql";
import type { Stager } from "./faults";
import { CONTACT_COLUMNS } from "./format";

// The checked rows go by COPY into a TEMP table of the import's transaction (ci_rows), then split into its contracts
// (ci_contracts) and lines (ci_lines), indexed for the checks across rows (cross-checks.ts) and the comparison
// (compare.ts). Every statement is a drizzle `sql` template: values are parameters; the names of columns and
// temporary tables come from the constants of this folder only (sql.raw).

/** One statement on the import's transaction, its rows whatever the driver (STACK.md: PGlite answers { rows }). */
export type Run = (statement: SQL) => Promise<Record<string, unknown>[]>;

export function runOn(tx: Executor): Run {
  return async (statement) => rowsOf<Record<string, unknown>>(await tx.execute(statement));
}

const CONTACT_STAGE_COLUMNS = (["contract", "support"] as const).flatMap((role) => CONTACT_COLUMNS.map((c) => `${role}_${c}`));
const HEAD_COLUMNS = ["status", "product_id", "start_date", "end_date", "support_end_date", "corporate_number", ...CONTACT_STAGE_COLUMNS];
const LINE_COLUMNS = ["quantity", "activation_code", "code_key"];
const HEAD_NULLS = `\t\\N${CONTACT_STAGE_COLUMNS.map(() => "\t\\N").join("")}`;

/** The TEMP table the COPY fills (dropped at the commit, or the rollback). */
export function createStagingTable(run: Run) {
  return run(sql`CREATE TEMP TABLE ci_rows (kind "char" NOT NULL, line integer NOT NULL, license_id bigint NOT NULL, status text, product_id integer NOT NULL,
    start_date date NOT NULL, end_date date NOT NULL, support_end_date date NOT NULL, corporate_number text,
    ${sql.raw(CONTACT_STAGE_COLUMNS.map((c) => `${c} text`).join(", "))}, quantity integer, activation_code text, code_key text) ON COMMIT DROP`);
}

export function makeStager(copy: CopyIn, batchRows: number, counts: { contracts: number; lines: number }) {
  let batch = "";
  let batchCount = 0;
  const push = async (text: string) => {
    batch += text;
    if (++batchCount >= batchRows) await flush();
  };
  const flush = async () => {
    if (batchCount === 0) return;
    await copy.write(batch);
    batch = "";
    batchCount = 0;
  };
  const stager: Stager = {
    contract: async (line, head, productId) => {
      counts.contracts++;
      let text =
        `c\t${line}\t${head.license_id}\t${head.status}\t${productId}\t${head.start_date}\t${head.end_date}\t${head.support_end_date}` +
        `\t${copyValue(head.corporate_number)}`;
      for (const role of ["contract", "support"] as const) for (const column of CONTACT_COLUMNS) text += `\t${copyValue(head[role][column])}`;
      await push(`${text}\t\\N\t\\N\t\\N\n`);
    },
    line: async (line, licenseId, head, input, productId) => {
      counts.lines++;
      const start = input.start_date ?? head.start_date;
      const end = input.end_date ?? head.end_date;
      const supportEnd = input.support_end_date ?? head.support_end_date;
      // status and the contacts are the contract's: NULL on a line's row.
      await push(
        `l\t${line}\t${licenseId}\t\\N\t${productId}\t${start}\t${end}\t${supportEnd}${HEAD_NULLS}` +
          `\t${input.quantity}\t${copyValue(input.activation_code.code)}\t${input.activation_code.key}\n`,
      );
    },
  };
  return { stager, flush };
}

/** ci_rows as ci_contracts and ci_lines, indexed and analysed for the checks and the comparison. */
export async function splitStaged(run: Run) {
  await run(sql`CREATE TEMP TABLE ci_contracts ON COMMIT DROP AS SELECT line, license_id, ${sql.raw(HEAD_COLUMNS.join(", "))} FROM ci_rows WHERE kind = 'c'`);
  await run(
    sql`CREATE TEMP TABLE ci_lines ON COMMIT DROP AS
        SELECT line, license_id, product_id, start_date, end_date, support_end_date, ${sql.raw(LINE_COLUMNS.join(", "))} FROM ci_rows WHERE kind = 'l'`,
  );
  await run(sql`DROP TABLE ci_rows`);
  await run(sql`CREATE INDEX ON ci_contracts (license_id)`);
  await run(sql`CREATE INDEX ON ci_lines (license_id)`);
  await run(sql`CREATE INDEX ON ci_lines (code_key)`);
  await run(sql`ANALYZE ci_contracts`);
  await run(sql`ANALYZE ci_lines`);
}
