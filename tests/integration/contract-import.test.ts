import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Database } from "@/db/client";
import { rowsOf } from "@/db/sql";
import * as s from "@/db/schema";
import { importContracts } from "@/lib/contract-import/import";
import { contractImportMessages, formatContractImportError } from "@/lib/contract-import/messages";
import type { ContractImportOptions, ContractImportProgress, ContractImportReport } from "@/lib/contract-import/types";
import { CONTRACT_CSV_HEADER, type ContractCsvColumn } from "@/lib/contract-import/format";
import { CONTRACT_UPLOAD_LIMIT_BYTES, receiveContractUpload, streamContractImport, type ContractUploadEvent } from "@/lib/contract-import/upload";
import type { StaffActor } from "@/lib/auth/actor";
import { setClock } from "@/lib/clock";
import { seedDemo } from "@/lib/demo/seed";
import { generateActivationCode } from "@/lib/licenses/activation-code";
import { nextTokyoMidnight } from "@/lib/licenses/email-handover";
import { runScript } from "../support/cli";
import { createContract, createStaffActor } from "../support/factories";

// G-6 (issue 15 item 3): the contract import, on the engine of the run (PGlite, or PostgreSQL with DATABASE_URL).
// Each test writes its own files (license IDs from 810001 up, fresh activation codes) into a temp folder, over the
// demo catalog (VBCE_PLUS / APEX_CENTRAL / SAFE_LOCK). The command's test uses the example files of
// tests/fixtures/contracts-import (license IDs 700001–700003), in a database of its own on PGlite.

const FIXTURES = path.join(process.cwd(), "tests", "fixtures", "contracts-import");
const m = contractImportMessages("ja");

let db: Database;
let dir: string;
let operator: StaffActor;
let fileCount = 0;
let nextLicenseId = 810_000;

beforeAll(async () => {
  db = await getDb();
  await seedDemo(db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "contract-import-test-"));
  operator = await createStaffActor({ role: "operator", clientAddress: "198.51.100.7" });
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

// ---- files ----------------------------------------------------------------------------------------------------------

type Row = Partial<Record<ContractCsvColumn, string>>;
type Line = { product?: string; quantity?: string; code?: string; start?: string; end?: string; supportEnd?: string };
type ContractSpec = { licenseId: number; head: Row; lines: (Line & Required<Pick<Line, "product" | "quantity" | "code">>)[] };

const PREFIX: Record<string, string> = { VBCE_PLUS: "OS", APEX_CENTRAL: "AC", SAFE_LOCK: "SO", APEX_ONE: "OS" };
const newCode = (product: string) => generateActivationCode(PREFIX[product]!).code;

/** A contract of the import's vocabulary: defaults for every column, a fresh license ID, its lines with fresh codes. */
function contractSpec(head: Row = {}, lines: Line[] = [{}]): ContractSpec {
  const licenseId = head.license_id ? Number(head.license_id) : ++nextLicenseId;
  const tag = String(licenseId);
  return {
    licenseId,
    head: {
      license_id: tag,
      status: "active",
      product_code: "VBCE_PLUS",
      start_date: "2025-04-01",
      end_date: "2026-03-31",
      support_end_date: "2026-03-31",
      corporate_number: "",
      contract_company_name: `取込テスト${tag}株式会社`,
      contract_branch_name: "本社",
      contract_department: "情報システム部",
      contract_person_name: "取込 太郎",
      contract_postal_code: "100-0005",
      contract_prefecture: "東京都",
      contract_address: "千代田区丸の内一丁目1番1号",
      contract_phone: "03-1234-5678",
      contract_email: `keiyaku-${tag}@import.example.jp`,
      support_company_name: `取込テスト${tag}株式会社`,
      support_branch_name: "本社",
      support_department: "ITサポート課",
      support_person_name: "支援 花子",
      support_postal_code: "100-0005",
      support_prefecture: "東京都",
      support_address: "千代田区丸の内一丁目1番1号",
      support_phone: "03-1234-5679",
      support_email: `support-${tag}@import.example.jp`,
      ...head,
    },
    lines: lines.map((line) => {
      const product = line.product ?? "VBCE_PLUS";
      return { product, quantity: line.quantity ?? "10", code: line.code ?? newCode(product), start: line.start, end: line.end, supportEnd: line.supportEnd };
    }),
  };
}

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvRows(spec: ContractSpec): string[] {
  return spec.lines.map((line) => {
    const row: Row = {
      ...spec.head,
      line_product_code: line.product,
      line_quantity: line.quantity,
      line_start_date: line.start ?? "",
      line_end_date: line.end ?? "",
      line_support_end_date: line.supportEnd ?? "",
      line_activation_code: line.code,
    };
    return CONTRACT_CSV_HEADER.map((column) => cell(row[column] ?? "")).join(",");
  });
}

function writeFile(text: string | Buffer, extension = "csv"): string {
  const file = path.join(dir, `file-${++fileCount}.${extension}`);
  fs.writeFileSync(file, text);
  return file;
}

/** A CSV file of these contracts (the header on line 1, each contract's rows in order, CRLF as Excel writes). */
function csvFile(specs: ContractSpec[], extraRows: string[] = []): string {
  return writeFile(`${[CONTRACT_CSV_HEADER.join(","), ...specs.flatMap(csvRows), ...extraRows].join("\r\n")}\r\n`);
}

function jsonFile(specs: ContractSpec[]): string {
  const contact = (role: "contract" | "support", head: Row) =>
    Object.fromEntries(
      ["company_name", "branch_name", "department", "person_name", "postal_code", "prefecture", "address", "phone", "email"].map((c) => [
        c,
        head[`${role}_${c}` as ContractCsvColumn] || null,
      ]),
    );
  const lines = specs.map(({ head, lines: ls }) =>
    JSON.stringify({
      license_id: Number(head.license_id),
      status: head.status,
      product_code: head.product_code,
      start_date: head.start_date,
      end_date: head.end_date,
      support_end_date: head.support_end_date,
      corporate_number: head.corporate_number || null,
      contract: contact("contract", head),
      support: contact("support", head),
      lines: ls.map((l) => ({
        product_code: l.product,
        quantity: Number(l.quantity),
        activation_code: l.code,
        ...(l.start ? { start_date: l.start } : {}),
        ...(l.end ? { end_date: l.end } : {}),
      })),
    }),
  );
  return writeFile(`${lines.join("\n")}\n`, "jsonl");
}

function run(file: string, options: Partial<ContractImportOptions> = {}): Promise<ContractImportReport> {
  return importContracts(
    db,
    { chunks: fs.createReadStream(file, { highWaterMark: 1024 }), bytesTotal: fs.statSync(file).size },
    { actor: operator, ...options },
  );
}

// ---- the database -------------------------------------------------------------------------------------------------

/** Rows of every table of the schema: "changes nothing" means every count is the same. */
async function tableCounts(): Promise<Record<string, number>> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`),
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = rowsOf<{ n: number | string }>(await db.execute(sql.raw(`SELECT count(*) AS n FROM "${name}"`)));
    counts[name] = Number(row!.n);
  }
  return counts;
}

/** Everything the import may write, every column (updated_at and version included). */
async function contractTables() {
  return {
    companies: await db.select().from(s.companies).orderBy(asc(s.companies.id)),
    contracts: await db.select().from(s.licenseContracts).orderBy(asc(s.licenseContracts.licenseId)),
    contacts: await db.select().from(s.contractContacts).orderBy(asc(s.contractContacts.id)),
    lines: await db.select().from(s.contractProducts).orderBy(asc(s.contractProducts.id)),
    history: await db.select().from(s.contractHistory).orderBy(asc(s.contractHistory.id)),
  };
}

async function snapshot() {
  return { counts: await tableCounts(), tables: await contractTables() };
}

async function importAudits() {
  return db.select().from(s.auditLog).where(eq(s.auditLog.action, "contracts.import")).orderBy(asc(s.auditLog.id));
}

const messages = (report: ContractImportReport) => report.errors.map((e) => formatContractImportError(e, m));

// ---- tests ----------------------------------------------------------------------------------------------------------

describe("G-6 contract import: a new file", () => {
  it("inserts the contracts, both contacts, the lines (codes as given) and the companies; one audit row with counts only", async () => {
    const a = contractSpec({ corporate_number: "7123456789012" }, [
      { product: "VBCE_PLUS", quantity: "250" },
      { product: "APEX_CENTRAL", quantity: "1", start: "2025/5/1" },
    ]);
    const b = contractSpec(
      {
        status: "登録中",
        contract_branch_name: "",
        support_email: "Support-Mixed@Import.Example.JP",
        support_postal_code: "",
        support_prefecture: "",
        support_phone: "",
      },
      [{ product: "SAFE_LOCK", quantity: "20" }],
    );
    const before = await importAudits();
    const report = await run(csvFile([a, b]));
    // The report's counts, which the audit row records as they are.
    const counts = {
      format: "csv",
      rows: 3,
      contracts: 2,
      lines: 3,
      newContracts: 2,
      changedContracts: 0,
      unchangedContracts: 0,
      newLines: 3,
      changedLines: 0,
      changedContacts: 0,
      newCompanies: 2,
    };
    expect(report).toMatchObject({ ok: true, dryRun: false, applied: true, ...counts, errorCount: 0 });

    const contracts = await db
      .select()
      .from(s.licenseContracts)
      .where(inArray(s.licenseContracts.licenseId, [a.licenseId, b.licenseId]))
      .orderBy(asc(s.licenseContracts.licenseId));
    const [vbce] = await db.select().from(s.products).where(eq(s.products.code, "VBCE_PLUS"));
    // Both contracts' main product, term and flags, as the file gives them (the product by its first line).
    const asImported = {
      productId: vbce!.id,
      startDate: "2025-04-01",
      endDate: "2026-03-31",
      supportEndDate: "2026-03-31",
      hiddenByCustomer: false,
      version: 0,
    };
    expect(
      contracts.map(({ licenseId, status, productId, startDate, endDate, supportEndDate, hiddenByCustomer, version }) => ({
        licenseId,
        status,
        productId,
        startDate,
        endDate,
        supportEndDate,
        hiddenByCustomer,
        version,
      })),
    ).toEqual([
      { licenseId: a.licenseId, status: "active", ...asImported },
      { licenseId: b.licenseId, status: "registering", ...asImported },
    ]);
    const [companyA] = await db.select().from(s.companies).where(eq(s.companies.id, contracts[0]!.companyId));
    expect(companyA).toMatchObject({ corporateNumber: "7123456789012", name: a.head.contract_company_name, branchName: "本社" });
    const [companyB] = await db.select().from(s.companies).where(eq(s.companies.id, contracts[1]!.companyId));
    expect(companyB).toMatchObject({ corporateNumber: null, name: b.head.contract_company_name, branchName: null });

    const contacts = await db.select().from(s.contractContacts).where(eq(s.contractContacts.licenseId, b.licenseId)).orderBy(asc(s.contractContacts.role));
    expect(
      contacts.map(({ role, companyName, branchName, personName, postalCode, prefecture, phone, email, previousEmail }) => ({
        role,
        companyName,
        branchName,
        personName,
        postalCode,
        prefecture,
        phone,
        email,
        previousEmail,
      })),
    ).toEqual([
      {
        role: "contract",
        companyName: b.head.contract_company_name,
        branchName: null,
        personName: "取込 太郎",
        postalCode: "100-0005",
        prefecture: "東京都",
        phone: "03-1234-5678",
        email: b.head.contract_email,
        previousEmail: null,
      },
      {
        role: "support",
        companyName: b.head.support_company_name,
        branchName: "本社",
        personName: "支援 花子",
        postalCode: null,
        prefecture: null,
        phone: null,
        email: "support-mixed@import.example.jp",
        previousEmail: null,
      },
    ]);

    const lines = await db.select().from(s.contractProducts).where(eq(s.contractProducts.licenseId, a.licenseId)).orderBy(asc(s.contractProducts.id));
    expect(
      lines.map(({ quantity, startDate, endDate, activationCode, activationCodeKey, source }) => ({
        quantity,
        startDate,
        endDate,
        activationCode,
        activationCodeKey,
        source,
      })),
    ).toEqual(
      // The code as the file gives it, its key without the hyphens; the contract's end date.
      [
        { quantity: 250, startDate: "2025-04-01", code: a.lines[0]!.code },
        { quantity: 1, startDate: "2025-05-01", code: a.lines[1]!.code },
      ].map(({ quantity, startDate, code }) => ({
        quantity,
        startDate,
        endDate: "2026-03-31",
        activationCode: code,
        activationCodeKey: code.replaceAll("-", ""),
        source: "order",
      })),
    );
    // A new contract is no change of one: its history starts with the first change.
    expect(
      await db
        .select()
        .from(s.contractHistory)
        .where(inArray(s.contractHistory.licenseId, [a.licenseId, b.licenseId])),
    ).toEqual([]);

    const audits = await importAudits();
    expect(audits).toHaveLength(before.length + 1);
    const audit = audits.at(-1)!;
    expect(audit).toMatchObject({
      actorType: "staff",
      actorId: operator.accountId,
      actorEmail: operator.email,
      targetType: "contract_import",
      clientAddress: "198.51.100.7",
    });
    expect(audit.details).toEqual(counts);
    // Counts only: no address, no name, no code of the file.
    expect(JSON.stringify(audit.details)).not.toMatch(/@|株式会社|OS-/);
  });

  it("the same file twice: the second run reports no change and writes nothing (no history, no updated row) but its audit row", async () => {
    const specs = [contractSpec(), contractSpec({}, [{ product: "VBCE_PLUS" }, { product: "SAFE_LOCK" }]), contractSpec({ status: "expired" })];
    const file = csvFile(specs);
    expect(await run(file)).toMatchObject({ ok: true, newContracts: 3, newLines: 4 });
    const first = await snapshot();
    const second = await run(file);
    const nothingChanged = {
      contracts: 3,
      newContracts: 0,
      changedContracts: 0,
      unchangedContracts: 3,
      newLines: 0,
      changedLines: 0,
      changedContacts: 0,
      newCompanies: 0,
    };
    expect(second).toMatchObject({ ok: true, applied: true, rows: 4, ...nothingChanged });
    const after = await snapshot();
    expect(after.tables).toEqual(first.tables);
    expect(after.counts).toEqual({ ...first.counts, audit_log: first.counts.audit_log! + 1 });
    // The same contracts as JSON Lines are the same contracts: nothing to change either.
    expect(await run(jsonFile(specs))).toMatchObject({ ok: true, format: "jsonl", rows: 3, lines: 4, ...nothingChanged });
    expect((await snapshot()).tables).toEqual(first.tables);
  });

  it("a dry run reports what would change and writes nothing at all", async () => {
    const kept = contractSpec();
    const changed = contractSpec();
    expect(await run(csvFile([kept, changed]))).toMatchObject({ ok: true, newContracts: 2 });
    const fresh = contractSpec({ contract_company_name: "新規取引先株式会社" }, [{ product: "APEX_CENTRAL" }, { product: "VBCE_PLUS" }]);
    const edited: ContractSpec = {
      ...changed,
      head: { ...changed.head, end_date: "2027-03-31", support_end_date: "2027-03-31", support_email: "new-support@import.example.jp" },
      lines: [
        { ...changed.lines[0]!, quantity: "99" },
        { product: "SAFE_LOCK", quantity: "3", code: newCode("SAFE_LOCK") },
      ],
    };
    const file = csvFile([kept, edited, fresh]);
    const before = await snapshot();
    const dry = await run(file, { dryRun: true });
    expect(dry).toMatchObject({
      ok: true,
      dryRun: true,
      applied: false,
      rows: 5,
      contracts: 3,
      lines: 5,
      newContracts: 1,
      changedContracts: 1,
      unchangedContracts: 1,
      newLines: 3,
      changedLines: 1,
      changedContacts: 1,
      newCompanies: 1,
      errorCount: 0,
    });
    expect(await snapshot()).toEqual(before);
    // And the import then does what the dry run said.
    const real = await run(file);
    const counts = (r: ContractImportReport) => [
      r.newContracts,
      r.changedContracts,
      r.unchangedContracts,
      r.newLines,
      r.changedLines,
      r.changedContacts,
      r.newCompanies,
    ];
    expect(counts(real)).toEqual(counts(dry));
    expect(real.applied).toBe(true);
  });
});

describe("G-6 contract import: a bad file changes nothing", () => {
  it("a bad row (line 4) refuses the whole file, names the line, and changes nothing at all", async () => {
    const existing = contractSpec();
    expect(await run(csvFile([existing]))).toMatchObject({ ok: true, newContracts: 1 });
    // Line 2: a change of the existing contract; lines 3–6: new contracts, line 4 with a quantity of 0.
    const specs = [
      { ...existing, head: { ...existing.head, status: "expired" } },
      contractSpec(),
      contractSpec({}, [{ quantity: "0" }]),
      contractSpec(),
      contractSpec(),
    ];
    const before = await snapshot();
    const report = await run(csvFile(specs));
    expect(report).toMatchObject({ ok: false, applied: false, rows: 5, errorCount: 1, newContracts: 0, changedContracts: 0 });
    expect(report.errors).toEqual([{ line: 4, code: "quantity", column: "line_quantity", label: "line_quantity", value: "0" }]);
    expect(messages(report)).toEqual(["4 行目：「line_quantity（明細 数量）」の「0」は、1 以上の整数ではありません。"]);
    expect(await snapshot()).toEqual(before);
  });

  it("lists every bad row with its line and message, the first 100 by line, and counts them all", async () => {
    const specs = [
      contractSpec({ contract_email: "yamada@" }),
      contractSpec({ license_id: "12a" }),
      contractSpec({ status: "解約" }),
      contractSpec({ end_date: "2024-03-31" }),
      contractSpec({ start_date: "2025-02-30" }),
      contractSpec({ contract_postal_code: "12345", support_phone: "03-12" }),
      contractSpec({ contract_prefecture: "東京" }),
      contractSpec({ corporate_number: "1234567890123" }),
      contractSpec({ product_code: "NO_SUCH" }),
      contractSpec({}, [{ code: "OS-1234" }]),
      contractSpec({}, [{ product: "APEX_CENTRAL", code: newCode("VBCE_PLUS") }]),
      contractSpec({ contract_person_name: "" }),
      contractSpec({}, [{ end: "2020-01-01" }]),
    ];
    const report = await run(csvFile(specs));
    expect(report.ok).toBe(false);
    expect(messages(report)).toEqual([
      "2 行目：「contract_email（契約窓口 メールアドレス）」の「yamada@」は、メールアドレスの形式ではありません。",
      "3 行目：「license_id（ライセンスID）」の「12a」は、ライセンスID（数字）ではありません。",
      "4 行目：「status（契約状況）」の「解約」は、契約状況ではありません（active / expired / registering / invalid、または 有効 / 期限切れ / 登録中 / 無効）。",
      "5 行目：「end_date（契約終了日）」（2024-03-31）が契約開始日より前です。",
      "6 行目：「start_date（契約開始日）」の「2025-02-30」は、日付ではありません（YYYY-MM-DD または YYYY/MM/DD）。",
      "7 行目：「contract_postal_code（契約窓口 郵便番号）」の「12345」は、郵便番号（7 桁。例：100-0005）ではありません。",
      "7 行目：「support_phone（サポート窓口 電話番号）」の「03-12」は、電話番号（例：03-1234-5678）ではありません。",
      "8 行目：「contract_prefecture（契約窓口 都道府県）」の「東京」は、都道府県名ではありません（例：東京都）。",
      "9 行目：「corporate_number（法人番号）」の「1234567890123」は、正しい法人番号（13 桁）ではありません。",
      "10 行目：「product_code（契約の製品コード）」の製品コード「NO_SUCH」は登録されていません。",
      "11 行目：「line_activation_code（明細 アクティベーションコード）」の「OS-1234」は、アクティベーションコードの形式ではありません。",
      `12 行目：アクティベーションコード「${specs[10]!.lines[0]!.code}」の先頭が、製品 APEX_CENTRAL のコード（AC）と違います。`,
      "13 行目：「contract_person_name（契約窓口 担当者名）」が空です。",
      "14 行目：「line_end_date（明細 契約終了日）」（2020-01-01）が契約開始日より前です。",
    ]);
    expect(report.errorCount).toBe(14);

    const many = Array.from({ length: 150 }, () => contractSpec({ contract_email: "not-an-address" }));
    const flood = await run(csvFile(many));
    expect(flood.errorCount).toBe(150);
    expect(flood.errors).toHaveLength(100);
    expect(flood.errors.map((e) => e.line)).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
  });

  it("refuses a malformed file with the line: the header, a column count, a stray quote, Shift_JIS bytes, a JSON line", async () => {
    const before = await snapshot();
    const header = await run(writeFile(`license_id,status\r\n1,active\r\n`));
    expect(header.errors).toMatchObject([{ line: 1, code: "header" }]);
    expect(messages(header)[0]).toContain(`1 行目：見出しの行が違います。見出しは「${CONTRACT_CSV_HEADER.join(",")}」にしてください`);

    const [good] = csvRows(contractSpec());
    const columns = await run(writeFile(`${CONTRACT_CSV_HEADER.join(",")}\n${good}\n${good},extra\n`));
    expect(messages(columns)).toContain('3 行目：列の数が 32 です（31 列にしてください。値にカンマを含めるときは、値を "" で囲んでください）。');

    const quote = await run(writeFile(`${CONTRACT_CSV_HEADER.join(",")}\n${good}\n${good!.replace("本社", 'a"b')}\n`));
    expect(quote.errors).toMatchObject([{ line: 3, code: "syntax" }]);

    const sjis = Buffer.concat([Buffer.from(`${CONTRACT_CSV_HEADER.join(",")}\n${good}\n`), Buffer.from([0x83, 0x65, 0x83, 0x58, 0x83, 0x67, 0x0a])]);
    const encoding = await run(writeFile(sjis));
    expect(encoding.errors).toMatchObject([{ line: 3, code: "encoding" }]);
    expect(messages(encoding)[0]).toContain("「CSV UTF-8」形式で保存してください");

    const spec = contractSpec();
    const json = fs.readFileSync(jsonFile([spec]), "utf8");
    const jsonl = await run(writeFile(`${json}{"license_id": 1,\n[1, 2]\n${json.replace('"lines":', '"extra": 1, "lines":')}`, "jsonl"));
    expect(jsonl.format).toBe("jsonl");
    expect(jsonl.errors.map((e) => [e.line, e.code])).toEqual([
      [2, "json"],
      [3, "notObject"],
      [4, "unknownField"],
    ]);
    expect(messages(jsonl)[2]).toBe("4 行目：この形式にない項目があります（extra）。");

    const empty = await run(writeFile(`${CONTRACT_CSV_HEADER.join(",")}\r\n`));
    expect(messages(empty)).toEqual(["データの行がありません。"]);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses across rows: a ライセンスID twice, rows of one contract that differ, a code twice, another contract's code, a code issued on the site", async () => {
    const another = await createContract({ product: (await db.select().from(s.products).where(eq(s.products.code, "VBCE_PLUS")))[0]! });
    const issued = await createContract({ lines: [{}, { source: "issued" }] });
    const a = contractSpec();
    const b = contractSpec();
    const twice = newCode("VBCE_PLUS");
    const rows = [
      ...csvRows(a), // line 2
      ...csvRows(b), // line 3
      ...csvRows({ ...a, lines: [{ ...a.lines[0]!, code: newCode("VBCE_PLUS") }] }), // line 4: a again, after b
      ...csvRows({ ...contractSpec({}, [{ code: twice }, {}]) }), // lines 5, 6
      ...csvRows(contractSpec({}, [{ code: twice }])), // line 7
      ...csvRows(contractSpec({}, [{ code: another.codes[0]!.code }])), // line 8
      ...csvRows(contractSpec({}, [{ code: issued.codes[1]!.code.toLowerCase() }])), // line 9
    ];
    const mixed = contractSpec({}, [{}, {}]);
    const [first, second] = csvRows(mixed);
    rows.push(first!, second!.replace("取込 太郎", "取込 次郎")); // lines 10, 11
    const before = await snapshot();
    const report = await run(writeFile(`${[CONTRACT_CSV_HEADER.join(","), ...rows].join("\n")}\n`));
    expect(messages(report)).toEqual([
      `4 行目：ライセンスID ${a.licenseId} は 2 行目にもあります（同じ契約の行は続けて並べてください）。`,
      `7 行目：アクティベーションコード ${twice} は 5 行目にもあります。`,
      `8 行目：アクティベーションコード ${another.codes[0]!.code} は、別の契約（ライセンスID ${another.licenseId}）の明細として登録されています。`,
      `9 行目：アクティベーションコード ${issued.codes[1]!.code} は、このサイトで発行したコードです（ライセンスID ${issued.licenseId}）。取り込みでは変更できません。`,
      `11 行目：ライセンスID ${mixed.licenseId} の「contract_person_name（契約窓口 担当者名）」が 10 行目と違います（同じ契約の行では、契約と窓口の列を同じ値にしてください）。`,
    ]);
    expect(await snapshot()).toEqual(before);
  });
});

describe("G-6 contract import: changes of existing contracts", () => {
  it("a changed contact is updated with a history row (before → after), its e-mail as A-9 says, the version counted up", async () => {
    const at = new Date("2026-01-15T03:00:00.000Z");
    setClock(at);
    const spec = contractSpec();
    expect(await run(csvFile([spec, contractSpec()]))).toMatchObject({ ok: true, newContracts: 2 });
    const [contactBefore] = await db
      .select()
      .from(s.contractContacts)
      .where(eq(s.contractContacts.licenseId, spec.licenseId))
      .orderBy(asc(s.contractContacts.role));
    const edited: ContractSpec = {
      ...spec,
      head: { ...spec.head, contract_email: "New.Keiyaku@Import.example.jp", contract_phone: "03-9999-0000", contract_department: "" },
    };
    const later = new Date("2026-01-15T05:00:00.000Z");
    setClock(later);
    const report = await run(csvFile([edited]));
    expect(report).toMatchObject({ ok: true, newContracts: 0, changedContracts: 1, unchangedContracts: 0, changedContacts: 1, newLines: 0, changedLines: 0 });

    const contacts = await db.select().from(s.contractContacts).where(eq(s.contractContacts.licenseId, spec.licenseId)).orderBy(asc(s.contractContacts.role));
    expect(contacts[0]).toMatchObject({
      id: contactBefore!.id,
      email: "new.keiyaku@import.example.jp",
      phone: "03-9999-0000",
      department: null,
      previousEmail: spec.head.contract_email,
      emailEffectiveAt: nextTokyoMidnight(later),
      updatedAt: later,
    });
    // The サポート窓口 did not change: not written.
    expect(contacts[1]!.updatedAt).toEqual(at);
    const [contract] = await db.select().from(s.licenseContracts).where(eq(s.licenseContracts.licenseId, spec.licenseId));
    expect(contract).toMatchObject({ version: 1, updatedAt: later });

    const history = await db.select().from(s.contractHistory).where(eq(s.contractHistory.licenseId, spec.licenseId));
    expect(history).toEqual([
      {
        id: expect.any(Number),
        licenseId: spec.licenseId,
        actorType: "staff",
        actorId: operator.accountId,
        actorEmail: operator.email,
        action: "import.changed",
        before: { "contract.email": spec.head.contract_email, "contract.phone": "03-1234-5678", "contract.department": "情報システム部" },
        after: { "contract.email": "new.keiyaku@import.example.jp", "contract.phone": "03-9999-0000", "contract.department": null },
        createdAt: later,
      },
    ]);

    // The command imports as "system"; the contract's company follows a changed 法人名 to a company row of that name.
    const renamed: ContractSpec = { ...edited, head: { ...edited.head, contract_company_name: "改称後株式会社", contract_branch_name: "" } };
    expect(await importContracts(db, { chunks: fs.createReadStream(csvFile([renamed])) }, { actor: null })).toMatchObject({
      ok: true,
      changedContracts: 1,
      changedContacts: 1,
      newCompanies: 1,
    });
    const [moved] = await db.select().from(s.licenseContracts).where(eq(s.licenseContracts.licenseId, spec.licenseId));
    const [company] = await db.select().from(s.companies).where(eq(s.companies.id, moved!.companyId));
    expect(company).toMatchObject({ name: "改称後株式会社", branchName: null, corporateNumber: null });
    const [, second] = await db.select().from(s.contractHistory).where(eq(s.contractHistory.licenseId, spec.licenseId)).orderBy(asc(s.contractHistory.id));
    expect(second).toMatchObject({
      actorType: "system",
      actorId: null,
      actorEmail: null,
      before: {
        "company.name": spec.head.contract_company_name,
        "company.branchName": "本社",
        "contract.companyName": spec.head.contract_company_name,
        "contract.branchName": "本社",
      },
      after: { "company.name": "改称後株式会社", "company.branchName": null, "contract.companyName": "改称後株式会社", "contract.branchName": null },
    });
    expect(moved!.version).toBe(2);
  });

  it("lines are identified by their activation code: a changed line is updated in place, a new code is added, a line left out stays", async () => {
    const spec = contractSpec({}, [{ quantity: "10" }, { product: "APEX_CENTRAL", quantity: "1" }, { product: "SAFE_LOCK", quantity: "5" }]);
    expect(await run(csvFile([spec]))).toMatchObject({ ok: true, newLines: 3 });
    const before = await db.select().from(s.contractProducts).where(eq(s.contractProducts.licenseId, spec.licenseId)).orderBy(asc(s.contractProducts.id));
    // The first line's quantity changes (its code typed in lower case, without hyphens: the same code), the second is
    // left out of the file, a fourth is new.
    const added = newCode("VBCE_PLUS");
    const edited: ContractSpec = {
      ...spec,
      lines: [
        { ...spec.lines[0]!, quantity: "12", code: spec.lines[0]!.code.replaceAll("-", "").toLowerCase() },
        spec.lines[2]!,
        { product: "VBCE_PLUS", quantity: "7", code: added },
      ],
    };
    const report = await run(csvFile([edited]));
    expect(report).toMatchObject({ ok: true, changedContracts: 1, newLines: 1, changedLines: 1, changedContacts: 0 });
    const after = await db.select().from(s.contractProducts).where(eq(s.contractProducts.licenseId, spec.licenseId)).orderBy(asc(s.contractProducts.id));
    expect(after.map(({ id, quantity, activationCode }) => ({ id, quantity, activationCode }))).toEqual([
      { id: before[0]!.id, quantity: 12, activationCode: spec.lines[0]!.code },
      { id: before[1]!.id, quantity: 1, activationCode: spec.lines[1]!.code },
      { id: before[2]!.id, quantity: 5, activationCode: spec.lines[2]!.code },
      { id: expect.any(Number), quantity: 7, activationCode: added },
    ]);
    const [history] = await db.select().from(s.contractHistory).where(eq(s.contractHistory.licenseId, spec.licenseId));
    const line = (code: string, quantity: number, product = "VBCE_PLUS") => ({
      product,
      quantity,
      startDate: "2025-04-01",
      endDate: "2026-03-31",
      supportEndDate: "2026-03-31",
      code,
    });
    expect(history).toMatchObject({
      action: "import.changed",
      before: { [`line.${spec.lines[0]!.code}`]: line(spec.lines[0]!.code, 10), [`line.${added}`]: null },
      after: { [`line.${spec.lines[0]!.code}`]: line(spec.lines[0]!.code, 12), [`line.${added}`]: line(added, 7) },
    });
  });

  it("keeps what the portal owns: 表示設定 and the codes issued on the site; the file's values win over a factory contract's", async () => {
    const vbce = (await db.select().from(s.products).where(eq(s.products.code, "VBCE_PLUS")))[0]!;
    const contract = await createContract({ product: vbce, hidden: true, lines: [{}, { source: "issued" }] });
    const spec = contractSpec({ license_id: String(contract.licenseId), contract_email: contract.contractEmail, support_email: contract.supportEmail }, [
      { code: contract.codes[0]!.code, quantity: "10" },
    ]);
    const report = await run(csvFile([spec]));
    expect(report).toMatchObject({ ok: true, changedContracts: 1, newContracts: 0, newLines: 0 });
    const [row] = await db.select().from(s.licenseContracts).where(eq(s.licenseContracts.licenseId, contract.licenseId));
    expect(row).toMatchObject({ hiddenByCustomer: true, startDate: "2025-04-01", endDate: "2026-03-31" });
    const lines = await db.select().from(s.contractProducts).where(eq(s.contractProducts.licenseId, contract.licenseId)).orderBy(asc(s.contractProducts.id));
    expect(lines.map((l) => [l.activationCode, l.source])).toEqual([
      [contract.codes[0]!.code, "order"],
      [contract.codes[1]!.code, "issued"],
    ]);
    expect(await run(csvFile([spec]))).toMatchObject({ ok: true, changedContracts: 0, unchangedContracts: 1 });
  });

  it("a bulk load rebuilds the secondary indexes with their exact definitions; a small one keeps them", async () => {
    const indexes = async () =>
      rowsOf<{ indexname: string; indexdef: string }>(
        await db.execute(
          sql`SELECT indexname, indexdef FROM pg_indexes
               WHERE schemaname = current_schema() AND tablename IN ('license_contracts', 'contract_contacts', 'contract_products')
               ORDER BY indexname`,
        ),
      );
    const before = await indexes();
    const specs = Array.from({ length: 300 }, () => contractSpec());
    const file = csvFile(specs);
    const bulk = await run(file, { rebuildIndexesFrom: 100 });
    // license_contracts: company, product, end date (N-3); contract_contacts: e-mail, previous e-mail; contract_products: license.
    expect(bulk).toMatchObject({ ok: true, newContracts: 300, newLines: 300, rebuiltIndexes: 6 });
    expect(await indexes()).toEqual(before);
    const loaded = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(s.contractContacts)
      .where(
        inArray(
          s.contractContacts.licenseId,
          specs.map((spec) => spec.licenseId),
        ),
      );
    expect(loaded[0]!.n).toBe(600);
    expect(await run(file, { rebuildIndexesFrom: 100 })).toMatchObject({ ok: true, unchangedContracts: 300, rebuiltIndexes: 0 });
    expect(await run(csvFile([contractSpec()]), { rebuildIndexesFrom: 100 })).toMatchObject({ ok: true, newContracts: 1, rebuiltIndexes: 0 });
  });

  it("reports its progress: rows while reading, then each step", async () => {
    const events: ContractImportProgress[] = [];
    const report = await run(csvFile(Array.from({ length: 30 }, () => contractSpec())), { onProgress: (p) => events.push(p), dryRun: true });
    expect(report).toMatchObject({ ok: true, newContracts: 30 });
    const reads = events.filter((e) => e.phase === "read");
    expect(reads.length).toBeGreaterThan(2);
    expect(reads.at(-1)).toMatchObject({ rows: 30, contracts: 30 });
    expect(reads.map((e) => e.rows)).toEqual([...reads.map((e) => e.rows)].sort((x, y) => x - y));
    expect(events.filter((e) => e.phase === "apply").map((e) => e.step)).toEqual(["checking across rows", "comparing with the tables"]);
  });
});

describe("G-6 contract import: the upload page's route (body, limits, streamed answer)", () => {
  // The route handler is `staffRoute({ capability: "contracts.import" })` around these two: who may call it is the
  // guard's (tests/e2e/guards.spec.ts, tests/unit/permissions.test.ts); here, what it does with a body.
  const post = (body: BodyInit | null, headers: Record<string, string>) =>
    new Request("http://localhost/admin/contracts/import/upload?dryRun=1", { method: "POST", body, headers, duplex: "half" } as RequestInit);
  const events = async (stream: ReadableStream<Uint8Array>) =>
    (await new Response(stream).text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as ContractUploadEvent);

  it("refuses a body without its length, over the limit, shorter or longer than it said, or empty — before anything is imported", async () => {
    const bytes = fs.readFileSync(csvFile([contractSpec()]));
    const spool = fs.mkdtempSync(path.join(dir, "spool-"));
    const receive = (request: Request) => receiveContractUpload(request, spool);
    expect(await receive(post(bytes, {}))).toEqual({ ok: false, status: 411, error: "length_required" });
    expect(await receive(post(bytes, { "content-length": String(CONTRACT_UPLOAD_LIMIT_BYTES + 1) }))).toEqual({ ok: false, status: 413, error: "too_large" });
    expect(await receive(post(bytes, { "content-length": String(bytes.length + 10) }))).toEqual({ ok: false, status: 400, error: "incomplete" });
    expect(await receive(post(bytes, { "content-length": String(bytes.length - 10) }))).toEqual({ ok: false, status: 413, error: "too_large" });
    expect(await receive(post(null, { "content-length": "0" }))).toEqual({ ok: false, status: 400, error: "empty" });
    // Nothing of a refused body is left behind.
    expect(fs.readdirSync(spool)).toEqual([]);
    const accepted = await receive(post(bytes, { "content-length": String(bytes.length) }));
    expect(accepted).toMatchObject({ ok: true, bytes: bytes.length });
    expect(fs.readdirSync(spool)).toHaveLength(1);
  });

  it("imports a received file and streams the report with the faults as the operator reads them; the temporary file is gone", async () => {
    const specs = [contractSpec(), contractSpec({}, [{ quantity: "0" }])];
    const bytes = fs.readFileSync(csvFile(specs));
    const upload = await receiveContractUpload(post(bytes, { "content-length": String(bytes.length) }));
    if (!upload.ok) throw new Error(`refused: ${upload.error}`);
    expect(fs.readFileSync(upload.file)).toEqual(bytes);
    const before = await snapshot();
    const refused = await events(streamContractImport({ upload, fileName: "注文.csv", dryRun: false, actor: operator, locale: "ja" }));
    expect(refused.at(-1)).toEqual({
      type: "result",
      result: expect.objectContaining({
        ok: false,
        applied: false,
        errorCount: 1,
        errors: ["3 行目：「line_quantity（明細 数量）」の「0」は、1 以上の整数ではありません。"],
      }),
    });
    expect(fs.existsSync(upload.file)).toBe(false);
    expect(await snapshot()).toEqual(before);

    const good = fs.readFileSync(csvFile([specs[0]!]));
    const again = await receiveContractUpload(post(good, { "content-length": String(good.length) }));
    if (!again.ok) throw new Error(`refused: ${again.error}`);
    const applied = await events(streamContractImport({ upload: again, fileName: "注文.csv", dryRun: false, actor: operator, locale: "en" }));
    expect(applied.filter((e) => e.type === "applying").length).toBeGreaterThan(0);
    expect(applied.at(-1)).toEqual({
      type: "result",
      result: expect.objectContaining({ ok: true, applied: true, dryRun: false, newContracts: 1, newLines: 1, errors: [] }),
    });
    const [contract] = await db.select().from(s.licenseContracts).where(eq(s.licenseContracts.licenseId, specs[0]!.licenseId));
    expect(contract).toBeDefined();
  });
});

describe("G-6 npm run contracts:import", () => {
  // A PGlite folder of the child's own (created by the first run), or this test file's PostgreSQL database.
  const cli = (script: string, args: string[]) => runScript(script, args, path.join(dir, "cli-pglite"));

  it(
    "checks with --dry-run, imports, imports again with no change; refuses the bad example with its line and exit 1; usage exits 2",
    { timeout: 240_000 },
    async () => {
      const seed = await cli("scripts/db.ts", ["seed"]);
      expect(seed.code, seed.stderr).toBe(0);
      const valid = path.join(FIXTURES, "valid.csv");

      const dry = await cli("scripts/contracts-import.ts", ["--dry-run", valid]);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toContain(`Dry run of ${valid}`);
      expect(dry.stdout).toMatch(/新しい契約\s+3\n/);
      expect(dry.stdout).toMatch(/新しい明細（保有製品）\s+4\n/);
      expect(dry.stderr).toContain(`${valid}: 100.0%`);

      const first = await cli("scripts/contracts-import.ts", ["--json", valid]);
      expect(first.code, first.stderr).toBe(0);
      expect(JSON.parse(first.stdout.trim())).toMatchObject({ ok: true, applied: true, newContracts: 3, newLines: 4, newCompanies: 3 });

      const again = await cli("scripts/contracts-import.ts", [valid]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toMatch(/新しい契約\s+0\n\s+変更のある契約\s+0\n\s+変更のない契約\s+3\n/);
      expect(again.stdout).toMatch(/rows\/s, peak RSS \d+ MB/);

      const bad = path.join(FIXTURES, "bad-row.csv");
      const refused = await cli("scripts/contracts-import.ts", [bad]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`${bad}:4: 「line_quantity（明細 数量）」の「0」は、1 以上の整数ではありません。`);
      expect(refused.stderr).toContain("Refused: 1 error. Nothing was changed");

      const usage = await cli("scripts/contracts-import.ts", []);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain("usage: npm run contracts:import -- [--dry-run] [--json] FILE");
    },
  );
});
