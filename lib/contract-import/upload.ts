import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getDb } from "@/db/client";
import type { StaffActor } from "@/lib/auth/actor";
import { authorizeStaff } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n";
import { importContracts } from "./import";
import { contractImportMessages, formatContractImportError } from "./messages";
import type { ContractImportCounts, ContractImportFormat } from "./types";

// G-6, the operators' upload page: the file comes as the body of one POST (the route handler
// app/admin/(staff)/contracts/import/upload), is written to a temporary file first — so that a slow upload never
// holds the import's transaction open (on PGlite that transaction is the whole site's one connection) and a body
// cut short is refused before anything is read — and then imported, the progress and the report streamed back as
// JSON lines. Files over the limit belong to the command (npm run contracts:import).

/**
 * Below the proxy's body limit: proxy.ts runs for this route (its matcher leaves out only G-4's upload), and Next
 * hands a route behind a proxy the first 10 MB of a body only (experimental.proxyClientMaxBodySize). The received
 * length is checked against Content-Length as well, so a body cut short can never pass for a shorter file.
 */
export const CONTRACT_UPLOAD_LIMIT_BYTES = 8 * 1024 * 1024;
const PROGRESS_EVERY_MS = 250;

export type ContractUploadRefusal = "length_required" | "empty" | "too_large" | "incomplete";
export type ReceivedUpload = { ok: true; file: string; bytes: number } | { ok: false; status: 400 | 411 | 413; error: ContractUploadRefusal };

/** The request body into a temporary file (mode 0600, in `dir`), at most CONTRACT_UPLOAD_LIMIT_BYTES, exactly Content-Length. */
export async function receiveContractUpload(request: Request, dir = os.tmpdir()): Promise<ReceivedUpload> {
  const declaredText = request.headers.get("content-length");
  if (declaredText === null || !/^\d{1,12}$/.test(declaredText)) return { ok: false, status: 411, error: "length_required" };
  const declared = Number(declaredText);
  if (declared > CONTRACT_UPLOAD_LIMIT_BYTES) return { ok: false, status: 413, error: "too_large" };
  if (declared === 0 || !request.body) return { ok: false, status: 400, error: "empty" };
  const file = path.join(dir, `contract-import-${randomBytes(12).toString("hex")}.upload`);
  const out = await fs.promises.open(file, "wx", 0o600);
  let bytes = 0;
  let refusal: ReceivedUpload | undefined;
  try {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > declared || bytes > CONTRACT_UPLOAD_LIMIT_BYTES) {
        await reader.cancel();
        refusal = { ok: false, status: 413, error: "too_large" };
        break;
      }
      await out.write(value);
    }
  } finally {
    await out.close();
  }
  if (!refusal && bytes !== declared) refusal = { ok: false, status: 400, error: "incomplete" };
  if (refusal) {
    await fs.promises.rm(file, { force: true });
    return refusal;
  }
  return { ok: true, file, bytes };
}

/** What the page shows: the counts, and the faults as the operator reads them (「12 行目：…」). */
export type ContractUploadResult = ContractImportCounts & {
  ok: boolean;
  dryRun: boolean;
  applied: boolean;
  rows: number;
  contracts: number;
  lines: number;
  errors: string[];
  errorCount: number;
};

export type ContractUploadEvent =
  { type: "progress"; rows: number } | { type: "applying" } | { type: "result"; result: ContractUploadResult } | { type: "failed" };

function formatOf(fileName: string | undefined): ContractImportFormat | undefined {
  if (!fileName) return undefined;
  if (/\.(jsonl|ndjson)$/i.test(fileName)) return "jsonl";
  return /\.csv$/i.test(fileName) ? "csv" : undefined;
}

/**
 * Imports a received upload; the events as JSON lines (progress while reading, then the result). The temporary
 * file is removed at the end. A failure that is no fault of the file is logged and reported as `failed` (nothing
 * was changed: the transaction rolled back).
 */
export function streamContractImport({
  upload,
  fileName,
  dryRun,
  actor,
  locale,
}: {
  upload: Extract<ReceivedUpload, { ok: true }>;
  fileName?: string;
  dryRun: boolean;
  actor: StaffActor;
  /** The language of the fault messages: the request's. */
  locale: Locale;
}): ReadableStream<Uint8Array> {
  // Refused before the stream starts: the caller gets the error, not a report.
  authorizeStaff(actor, "contracts.import");
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: ContractUploadEvent) => {
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
        } catch {
          // The client went away: the import goes on to its commit or rollback all the same.
        }
      };
      let last = 0;
      try {
        const db = await getDb();
        const report = await importContracts(
          db,
          { chunks: fs.createReadStream(upload.file, { highWaterMark: 64 * 1024 }), bytesTotal: upload.bytes, format: formatOf(fileName) },
          {
            dryRun,
            actor,
            onProgress: (p) => {
              if (p.phase === "apply") return send({ type: "applying" });
              const at = performance.now();
              if (at - last < PROGRESS_EVERY_MS) return;
              last = at;
              send({ type: "progress", rows: p.rows });
            },
          },
        );
        const {
          errors,
          errorCount,
          ok,
          applied,
          rows,
          contracts,
          lines,
          newContracts,
          changedContracts,
          unchangedContracts,
          newLines,
          changedLines,
          changedContacts,
          newCompanies,
        } = report;
        const m = contractImportMessages(locale);
        send({
          type: "result",
          result: {
            ok,
            dryRun,
            applied,
            rows,
            contracts,
            lines,
            newContracts,
            changedContracts,
            unchangedContracts,
            newLines,
            changedLines,
            changedContacts,
            newCompanies,
            errorCount,
            errors: errors.map((e) => formatContractImportError(e, m)),
          },
        });
      } catch (error) {
        console.error("contract import failed", error);
        send({ type: "failed" });
      } finally {
        await fs.promises.rm(upload.file, { force: true });
        try {
          controller.close();
        } catch {
          // Already closed by the client.
        }
      }
    },
  });
}
