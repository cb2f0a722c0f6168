import "server-only";
import type { z } from "zod";
import { CsvSyntaxError, readCsvRecords } from "@/lib/registry/csv-stream";
import {
  CONTRACT_CSV_HEADER,
  contractCsvHeadSchema,
  contractCsvLineSchema,
  CSV_HEAD_COLUMNS,
  csvHeadRecord,
  csvLineRecord,
  datesBeforeStart,
  firstDifference,
  MAX_LINES_PER_CONTRACT,
  type ContractCsvColumn,
  type ContractHead,
} from "./format";
import { addIssues, checkPrefix, productOf, shown, type ReadContext } from "./faults";

// The CSV format (format.ts): one row per 保有製品 line, the contract's columns repeated on each of its rows.

function sameCells(a: readonly string[], b: readonly string[], count: number): boolean {
  for (let i = 0; i < count; i++) if (a[i] !== b[i]) return false;
  return true;
}

export async function readCsv(chunks: AsyncIterable<Uint8Array>, { catalog, stage, faults, counts, progress }: ReadContext) {
  let header = true;
  // The contract of the rows being read: its first row's contract columns and line, and its line count.
  let current: { licenseId: number; head: ContractHead; line: number; lines: number } | null = null;
  // The last row's contract cells and what the schema made of them: the next rows of a contract repeat them.
  let previous: { cells: readonly string[]; parsed: z.ZodSafeParseResult<ContractHead> } | null = null;
  try {
    for await (const records of readCsvRecords(chunks)) {
      for (const record of records) {
        if (header) {
          header = false;
          if (record.fields.join(",") !== CONTRACT_CSV_HEADER.join(",")) {
            faults.add({ line: record.line, code: "header", params: { expected: CONTRACT_CSV_HEADER.join(",") }, value: shown(record.fields.join(",")) });
            faults.fatal = true;
            return;
          }
          continue;
        }
        // Blank lines, and Excel's rows of empty cells, carry no record.
        if (record.fields.every((field) => field === "")) continue;
        counts.rows++;
        if (record.fields.length !== CONTRACT_CSV_HEADER.length) {
          faults.add({ line: record.line, code: "columns", params: { count: record.fields.length, expected: CONTRACT_CSV_HEADER.length } });
          continue;
        }
        const headRecord: Record<string, unknown> | null =
          previous && sameCells(previous.cells, record.fields, CSV_HEAD_COLUMNS) ? null : csvHeadRecord(record.fields);
        if (headRecord) previous = { cells: record.fields, parsed: contractCsvHeadSchema.safeParse(headRecord) };
        const parsedHead = previous!.parsed;
        const lineRecord = csvLineRecord(record.fields);
        const parsedLine = contractCsvLineSchema.safeParse(lineRecord);
        if (!parsedHead.success) addIssues(faults, parsedHead.error, record.line, "csv", headRecord ?? csvHeadRecord(record.fields));
        if (!parsedLine.success) addIssues(faults, parsedLine.error, record.line, "csv", lineRecord, ["line"]);
        if (!parsedHead.success || !parsedLine.success) continue;
        const head = parsedHead.data;
        const lineInput = parsedLine.data;
        const early = datesBeforeStart(lineInput, head);
        for (const key of early)
          faults.add({ line: record.line, code: "dateOrder", column: `line_${key}`, label: `line_${key}`, value: shown(lineInput[key] ?? head[key]) });
        if (early.length > 0) continue;
        if (current && current.licenseId === head.license_id) {
          const differs = firstDifference(current.head, head);
          if (differs) {
            faults.add({
              line: record.line,
              code: "contractMismatch",
              column: differs,
              label: differs as ContractCsvColumn,
              params: { licenseId: head.license_id, firstLine: current.line },
            });
            continue;
          }
        } else {
          const product = productOf(catalog, head.product_code, faults, record.line, "product_code", "product_code");
          if (!product) {
            current = null;
            continue;
          }
          await stage.contract(record.line, head, product.id);
          current = { licenseId: head.license_id, head, line: record.line, lines: 0 };
        }
        if (++current.lines > MAX_LINES_PER_CONTRACT) {
          if (current.lines === MAX_LINES_PER_CONTRACT + 1)
            faults.add({ line: record.line, code: "tooManyLines", params: { max: MAX_LINES_PER_CONTRACT, licenseId: head.license_id } });
          continue;
        }
        const lineProduct = productOf(catalog, lineInput.product_code, faults, record.line, "line_product_code", "line_product_code");
        if (!lineProduct || !checkPrefix(lineProduct, lineInput, lineInput.product_code, faults, record.line, "line_activation_code")) continue;
        await stage.line(record.line, head.license_id, head, lineInput, lineProduct.id);
      }
      progress();
    }
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    faults.add({ line: error.line, code: error.message.startsWith("invalid UTF-8") ? "encoding" : "syntax", params: { detail: error.message } });
    faults.fatal = true;
    return;
  }
  if (header) {
    faults.add({ line: 1, code: "header", params: { expected: CONTRACT_CSV_HEADER.join(",") } });
    faults.fatal = true;
  }
}
