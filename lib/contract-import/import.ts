import "server-only";
import { sql } from "drizzle-orm";
import type { Database, Engine } from "@/db/client";
import { bulkConnectionOf, loadFigures } from "@/db/copy";
import { products } from "@/db/schema";
import { authorizeStaff } from "@/lib/auth/permissions";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { apply, type ImportActor } from "./apply";
import { compare } from "./compare";
import { crossChecks } from "./cross-checks";
import { Faults, type Catalog } from "./faults";
import { readCsv } from "./read-csv";
import { readJson } from "./read-json-lines";
import { countingBytes, sniff } from "./sniff";
import { createStagingTable, makeStager, runOn, splitStaged } from "./stage";
import {
  DEFAULT_MAX_ERRORS,
  EMPTY_COUNTS,
  type ContractImportCounts,
  type ContractImportOptions,
  type ContractImportReport,
  type ContractImportSource,
} from "./types";

// SPEC G-6: the contracts, both contacts and the 保有製品 lines of the vendor's order system, from a
// file (CSV or JSON Lines, format.ts; README.md 「契約の取り込み」), by the command
// (scripts/contracts-import.ts) or the operators' upload page (/admin/contracts/import).
//
// One file is one transaction, all or nothing: the file is read as a stream (one CSV record, or one JSON line, at a
// time — a million contracts at a flat RSS), every row checked (zod, the catalog) and staged by COPY into a TEMP
// table of the transaction; then the checks across rows (a ライセンスID or an activation code twice, a code that is
// another contract's or one this site issued), then the comparison with the tables, then the writes, set-based.
// Any error, or a dry run: the transaction is rolled back, so nothing at all has been written (the report says what
// would have changed). Idempotent: a contract is identified by its ライセンスID, a line by its activation code (the
// order system issues the codes of its lines; the code is unique in the database) — a contract equal to the file is
// not written (no history row, no updated_at, no version), so the same file twice changes nothing the second time.
// The import never deletes: a line of the database that the file does not list stays, and so do the codes issued
// here (C-1..C-4) and 表示設定 (hidden_by_customer). A changed contract gets one history row (before → after, changed
// keys only); a changed contact e-mail follows A-9 as in B-5 (the previous address keeps its access until the next
// day 00:00 JST). One audit row per applied import, with counts only.
//
// The steps, one file each: read-csv.ts / read-json-lines.ts (with faults.ts), stage.ts, cross-checks.ts, compare.ts,
// apply.ts; the report's texts in messages.ts. Staff import with `contracts.import` (checked here); the command as
// "system" (actor null).

const DEFAULT_REBUILD_INDEXES_FROM = 100_000;

/** Thrown inside the transaction to roll it back (a dry run, or a file with faults): carries the report. */
class Rollback extends Error {
  constructor(readonly report: ContractImportReport) {
    super("contract import rolled back");
  }
}

/**
 * Imports one file (see the top of this file). Never throws for a fault of the file: the report lists them (with
 * their lines) and nothing has been changed. Throws only for what is no fault of the file (the database).
 */
export async function importContracts(db: Database, source: ContractImportSource, options: ContractImportOptions): Promise<ContractImportReport> {
  const started = performance.now();
  const elapsedMs = () => performance.now() - started;
  const emit = options.onProgress ?? (() => {});
  const dryRun = options.dryRun === true;
  const maxErrors = options.maxErrors ?? DEFAULT_MAX_ERRORS;
  if (options.actor !== null) authorizeStaff(options.actor, "contracts.import");
  const at = now();
  const actor: ImportActor = options.actor
    ? { type: "staff", id: options.actor.accountId, email: options.actor.email }
    : { type: "system", id: null, email: null };
  const faults = new Faults(maxErrors);
  const counts = { rows: 0, contracts: 0, lines: 0 };
  let bytesRead = 0;
  const sniffed = source.format ? { format: source.format, chunks: source.chunks } : await sniff(source.chunks);
  const chunks = countingBytes(sniffed.chunks, (n) => (bytesRead += n));
  let readMs = 0;
  let engine: Engine = "pglite";
  let rebuiltIndexes = 0;

  const report = (values: ContractImportCounts, applied: boolean): ContractImportReport => {
    return {
      ok: faults.count === 0,
      dryRun,
      applied,
      format: sniffed.format,
      engine,
      rows: counts.rows,
      contracts: counts.contracts,
      lines: counts.lines,
      ...values,
      errors: faults.list,
      errorCount: faults.count,
      ...loadFigures(elapsedMs(), readMs, counts.rows),
      rebuiltIndexes,
    };
  };

  try {
    return await db.transaction(async (tx) => {
      const connection = bulkConnectionOf(tx);
      engine = connection.engine;
      const { query } = connection;
      const run = runOn(tx);
      const step = (name: string) => emit({ phase: "apply", step: name, rows: counts.rows, elapsedMs: elapsedMs() });
      const catalog: Catalog = new Map(
        (await tx.select({ id: products.id, code: products.code, codePrefix: products.codePrefix }).from(products)).map((p) => [p.code, p]),
      );
      await createStagingTable(run);
      const copy = await connection.copyIn("ci_rows");
      const { stager, flush } = makeStager(copy, options.batchRows ?? (engine === "postgres" ? 2_000 : 20_000), counts);
      const progress = () =>
        emit({ phase: "read", rows: counts.rows, contracts: counts.contracts, bytesRead, bytesTotal: source.bytesTotal ?? null, elapsedMs: elapsedMs() });
      try {
        progress();
        await (sniffed.format === "jsonl" ? readJson : readCsv)(chunks, { catalog, stage: stager, faults, counts, progress });
        await flush();
        await copy.end();
      } catch (error) {
        await copy.abort();
        throw error;
      }
      if (!faults.fatal && faults.count === 0 && counts.rows === 0) faults.add({ line: null, code: "empty" });
      readMs = elapsedMs();
      if (faults.fatal) throw new Rollback(report(EMPTY_COUNTS, false));

      step("checking across rows");
      await splitStaged(run);
      // Writers wait for each other (two imports, a B-5 change, an issuance) from here to the commit; readers do not.
      if (!dryRun) await run(sql`LOCK TABLE companies, license_contracts, contract_contacts, contract_products IN SHARE ROW EXCLUSIVE MODE`);
      await crossChecks(run, faults, maxErrors);
      if (faults.count > 0) throw new Rollback(report(EMPTY_COUNTS, false));

      step("comparing with the tables");
      const compared = await compare(run);
      if (dryRun) throw new Rollback(report(compared, false));

      rebuiltIndexes = await apply(run, query, compared, actor, at, options.rebuildIndexesFrom ?? DEFAULT_REBUILD_INDEXES_FROM, step);
      await writeAudit(
        {
          actorType: actor.type,
          actorId: actor.id,
          actorEmail: actor.email,
          action: "contracts.import",
          targetType: "contract_import",
          clientAddress: options.actor?.clientAddress ?? null,
          details: { format: sniffed.format, rows: counts.rows, contracts: counts.contracts, lines: counts.lines, ...compared },
        },
        tx,
      );
      step("committing");
      return report(compared, true);
    });
  } catch (error) {
    if (error instanceof Rollback) return error.report;
    throw error;
  }
}
