import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { createElement } from "react";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { rowsOf } from "@/db/sql";
import * as s from "@/db/schema";
import type { CustomerActor, StaffActor } from "@/lib/auth/actor";
import { can, STAFF_ROLES, StaffPermissionError, type Capability } from "@/lib/auth/permissions";
import * as auditExport from "@/lib/audit/export";
import * as auditLog from "@/lib/audit/log";
import * as contractImport from "@/lib/contract-import/import";
import * as contractUpload from "@/lib/contract-import/upload";
import * as directUpload from "@/lib/downloads/direct-upload";
import * as downloadsAdmin from "@/lib/downloads/admin";
import { generateActivationCode } from "@/lib/licenses/activation-code";
import * as contactChange from "@/lib/licenses/contact-change";
import * as contractsStaff from "@/lib/licenses/staff";
import { enqueueMail } from "@/lib/mail/outbox";
import * as outboxQueries from "@/lib/mail/queries";
import * as outboxRetry from "@/lib/mail/retry";
import * as noticesAdmin from "@/lib/notices/admin";
import * as staffAccounts from "@/lib/staff-accounts/accounts";
import * as dashboard from "@/lib/staff-area/dashboard";
import * as supportMail from "@/lib/support-mail/send";
import {
  createContract,
  createCustomer,
  createNotice,
  createProduct,
  createStaff,
  customerActor,
  staffActor,
  uniqueEmail,
  type CreatedContract,
} from "../support/factories";

// Every staff read and write checks its capability itself (lib/auth/permissions.ts authorizeStaff), as customer reads
// scope by visibleTo(): a page, action or route that forgot its guard still reads and changes nothing. Each function of
// the staff modules is called, in the table below, by a customer and by every staff role without its capability, and
// must throw StaffPermissionError — with every table of the database as it was. A new staff function goes into
// STAFF_FUNCTIONS (or, when it is no staff read or write, into NOT_STAFF with the reason); the last test fails on an
// exported function that is in neither.

const MODULES = {
  "lib/audit/export": auditExport,
  "lib/audit/log": auditLog,
  "lib/contract-import/import": contractImport,
  "lib/contract-import/upload": contractUpload,
  "lib/downloads/admin": downloadsAdmin,
  "lib/downloads/direct-upload": directUpload,
  "lib/licenses/contact-change": contactChange,
  "lib/licenses/staff": contractsStaff,
  "lib/mail/queries": outboxQueries,
  "lib/mail/retry": outboxRetry,
  "lib/notices/admin": noticesAdmin,
  "lib/staff-accounts/accounts": staffAccounts,
  "lib/staff-area/dashboard": dashboard,
  "lib/support-mail/send": supportMail,
};

/** What the calls act on: real rows, so that a missing check would read or change something. */
type Targets = {
  contract: CreatedContract;
  noticeId: number;
  fileId: number;
  mailId: number;
  failedMailId: string;
  requestId: number;
  staffId: number;
  importFile: string;
  uploadFile: string;
};

/** The file's bytes, opened only when read (a refused import never opens it). */
async function* fileChunks(file: string): AsyncGenerator<Uint8Array> {
  yield* fs.createReadStream(file);
}

type StaffCall = (actor: StaffActor, t: Targets) => Promise<unknown> | AsyncIterable<unknown>;

const META = { menu: "pattern", product: "権限テスト", version: "1.0", title: "権限テストのファイル", releaseDate: "2026-01-15" } as const;

/** Each staff function, its capability, and a call that would read or change something if it were allowed. */
const STAFF_FUNCTIONS: Record<string, { capability: Capability; call: StaffCall }> = {
  // G-7 the audit log and its export
  "lib/audit/log findAuditEntries": { capability: "audit.read", call: (actor) => auditLog.findAuditEntries(actor, {}) },
  "lib/audit/log listAuditActions": { capability: "audit.read", call: (actor) => auditLog.listAuditActions(actor) },
  "lib/audit/log listAuditTargetTypes": { capability: "audit.read", call: (actor) => auditLog.listAuditTargetTypes(actor) },
  "lib/audit/log iterateAuditEntries": { capability: "audit.read", call: (actor) => auditLog.iterateAuditEntries(actor, {}) },
  "lib/audit/export iterateAuditLog": { capability: "audit.read", call: (actor) => auditExport.iterateAuditLog({ actor }) },
  // G-6 contracts
  "lib/licenses/staff findContractsForStaff": {
    capability: "contracts.read",
    call: (actor, t) => contractsStaff.findContractsForStaff({ actor, query: String(t.contract.licenseId) }),
  },
  "lib/licenses/staff getContractForStaff": {
    capability: "contracts.read",
    call: (actor, t) => contractsStaff.getContractForStaff({ actor, licenseId: t.contract.licenseId }),
  },
  "lib/licenses/staff explainVisibility": {
    capability: "contracts.read",
    call: (actor, t) => contractsStaff.explainVisibility({ actor, licenseId: t.contract.licenseId, email: t.contract.contractEmail }),
  },
  "lib/licenses/staff setContractHidden": {
    capability: "contracts.write",
    call: (actor, t) => contractsStaff.setContractHidden({ actor, licenseId: t.contract.licenseId, hidden: true, version: 0 }),
  },
  "lib/contract-import/import importContracts": {
    capability: "contracts.import",
    call: async (actor, t) => contractImport.importContracts(await getDb(), { chunks: fileChunks(t.importFile) }, { actor }),
  },
  "lib/contract-import/upload streamContractImport": {
    capability: "contracts.import",
    call: async (actor, t) =>
      contractUpload.streamContractImport({
        upload: { ok: true, file: t.uploadFile, bytes: fs.statSync(t.uploadFile).size },
        dryRun: false,
        actor,
        locale: "ja",
      }),
  },
  // G-3 name changes
  "lib/licenses/contact-change listPendingNameChanges": {
    capability: "name-change.review",
    call: (actor) => contactChange.listPendingNameChanges({ actor }),
  },
  "lib/licenses/contact-change decideNameChange": {
    capability: "name-change.review",
    call: (actor, t) => contactChange.decideNameChange({ actor, requestId: t.requestId, decision: "approve", note: null }),
  },
  // G-2 notices
  "lib/notices/admin listNoticesForStaff": { capability: "notices.write", call: (actor) => noticesAdmin.listNoticesForStaff({ actor }) },
  "lib/notices/admin getNoticeForEdit": { capability: "notices.write", call: (actor, t) => noticesAdmin.getNoticeForEdit({ actor, noticeId: t.noticeId }) },
  "lib/notices/admin createNotice": {
    capability: "notices.write",
    call: (actor) =>
      noticesAdmin.createNotice({
        actor,
        input: { category: "site", title: "権限のない作成", body: "本文", important: false, publishFrom: null, publishUntil: null },
      }),
  },
  "lib/notices/admin updateNotice": {
    capability: "notices.write",
    call: (actor, t) =>
      noticesAdmin.updateNotice({
        actor,
        noticeId: t.noticeId,
        input: { category: "support_news", title: "権限のない変更", body: "本文", important: true, publishFrom: null, publishUntil: null },
      }),
  },
  "lib/notices/admin unpublishNotice": { capability: "notices.write", call: (actor, t) => noticesAdmin.unpublishNotice({ actor, noticeId: t.noticeId }) },
  "lib/notices/admin deleteNotice": { capability: "notices.write", call: (actor, t) => noticesAdmin.deleteNotice({ actor, noticeId: t.noticeId }) },
  // G-4 files
  "lib/downloads/admin listAllFiles": { capability: "files.publish", call: (actor) => downloadsAdmin.listAllFiles({ actor }) },
  "lib/downloads/admin getFileForEdit": { capability: "files.publish", call: (actor, t) => downloadsAdmin.getFileForEdit({ actor, fileId: t.fileId }) },
  "lib/downloads/admin uploadDownloadFile": {
    capability: "files.publish",
    call: (actor) => downloadsAdmin.uploadDownloadFile({ actor, meta: META, fileName: "refused.txt", body: Readable.from([Buffer.from("refused")]) }),
  },
  "lib/downloads/admin registerUploadedFile": {
    capability: "files.publish",
    call: (actor) =>
      downloadsAdmin.registerUploadedFile({
        actor,
        meta: META,
        fileName: "refused.txt",
        contentType: "text/plain",
        key: "files/refused.txt",
        stored: { size: 7, sha256: "0".repeat(64) },
      }),
  },
  "lib/downloads/admin setFileStatus": {
    capability: "files.publish",
    call: (actor, t) => downloadsAdmin.setFileStatus({ actor, fileId: t.fileId, to: "published" }),
  },
  "lib/downloads/admin updateFileMeta": {
    capability: "files.publish",
    call: (actor, t) => downloadsAdmin.updateFileMeta({ actor, fileId: t.fileId, meta: { ...META, title: "権限のない変更" } }),
  },
  "lib/downloads/direct-upload uploadMode": { capability: "files.publish", call: (actor) => directUpload.uploadMode({ actor }) },
  "lib/downloads/direct-upload startDirectUpload": {
    capability: "files.publish",
    call: (actor) => directUpload.startDirectUpload({ actor, meta: META, fileName: "refused.bin", size: 1024 }),
  },
  "lib/downloads/direct-upload signDirectUploadParts": {
    capability: "files.publish",
    call: (actor) => directUpload.signDirectUploadParts({ actor, token: "x".repeat(40), from: 1 }),
  },
  "lib/downloads/direct-upload completeDirectUpload": {
    capability: "files.publish",
    call: (actor) => directUpload.completeDirectUpload({ actor, token: "x".repeat(40), sha256: "0".repeat(64), parts: [] }),
  },
  "lib/downloads/direct-upload abortDirectUpload": {
    capability: "files.publish",
    call: (actor) => directUpload.abortDirectUpload({ actor, token: "x".repeat(40) }),
  },
  // G-5 Support Information mails
  "lib/support-mail/send listSupportMails": { capability: "support-mail.send", call: (actor) => supportMail.listSupportMails({ actor }) },
  "lib/support-mail/send getSupportMail": { capability: "support-mail.send", call: (actor, t) => supportMail.getSupportMail({ actor, id: t.mailId }) },
  "lib/support-mail/send previewSupportMail": {
    capability: "support-mail.send",
    call: (actor) => supportMail.previewSupportMail({ actor, mail: { title: "件名", body: "本文" } }),
  },
  "lib/support-mail/send createSupportMail": {
    capability: "support-mail.send",
    call: (actor) => supportMail.createSupportMail({ actor, draft: { title: "権限のない下書き", body: "本文" } }),
  },
  "lib/support-mail/send updateSupportMail": {
    capability: "support-mail.send",
    call: (actor, t) => supportMail.updateSupportMail({ actor, id: t.mailId, draft: { title: "権限のない変更", body: "本文" } }),
  },
  "lib/support-mail/send sendTestMail": {
    capability: "support-mail.send",
    call: (actor, t) => supportMail.sendTestMail({ actor, id: t.mailId, subjectPrefix: "【テスト】" }),
  },
  "lib/support-mail/send countSubscribers": { capability: "support-mail.send", call: (actor) => supportMail.countSubscribers({ actor }) },
  "lib/support-mail/send startSending": { capability: "support-mail.send", call: (actor, t) => supportMail.startSending({ actor, id: t.mailId }) },
  "lib/support-mail/send sendProgress": { capability: "support-mail.send", call: (actor, t) => supportMail.sendProgress({ actor, id: t.mailId }) },
  // SPEC M the outbox
  "lib/mail/queries listOutboxForStaff": { capability: "outbox.read", call: (actor) => outboxQueries.listOutboxForStaff({ actor, status: "failed" }) },
  "lib/mail/retry retryFailedMail": { capability: "outbox.retry", call: (actor, t) => outboxRetry.retryFailedMail({ actor, mailId: t.failedMailId }) },
  // G-1 staff accounts and the dashboard
  "lib/staff-accounts/accounts listStaff": { capability: "staff.manage", call: (actor) => staffAccounts.listStaff(actor) },
  "lib/staff-accounts/accounts inviteStaff": {
    capability: "staff.manage",
    call: (actor) => staffAccounts.inviteStaff(actor, { email: uniqueEmail("refused-invite"), name: "権限 なし", role: "admin" }),
  },
  "lib/staff-accounts/accounts changeStaffRole": {
    capability: "staff.manage",
    call: (actor, t) => staffAccounts.changeStaffRole(actor, { id: t.staffId, role: "admin" }),
  },
  "lib/staff-accounts/accounts setStaffDisabled": {
    capability: "staff.manage",
    call: (actor, t) => staffAccounts.setStaffDisabled(actor, { id: t.staffId, disabled: true }),
  },
  "lib/staff-accounts/accounts resetStaffPassword": {
    capability: "staff.manage",
    call: (actor, t) => staffAccounts.resetStaffPassword(actor, { id: t.staffId }),
  },
  "lib/staff-accounts/accounts resetStaffMfa": { capability: "staff.manage", call: (actor, t) => staffAccounts.resetStaffMfa(actor, { id: t.staffId }) },
  "lib/staff-area/dashboard dashboardFor": { capability: "staff-area.enter", call: (actor) => dashboard.dashboardFor(actor) },
  "lib/staff-area/dashboard reminderDashboardFor": { capability: "staff-area.enter", call: (actor) => dashboard.reminderDashboardFor(actor) },
};

/** Exported functions of these modules that are no staff read or write, and why. */
const NOT_STAFF: Record<string, string> = {
  "lib/contract-import/upload receiveContractUpload": "spools the request body to a temporary file for the guarded route; reads and writes no data",
  "lib/downloads/admin contentTypeOf": "pure",
  "lib/downloads/admin storageKeyFor": "pure",
  "lib/downloads/direct-upload partSizeFor": "pure",
  "lib/licenses/contact-change applyContactChange": "the customer's B-5, scoped by visibleTo()",
  "lib/licenses/contact-change getChangeReceipt": "the customer's B-5, scoped by visibleTo()",
  "lib/licenses/contact-change getEditableContract": "the customer's B-5, scoped by visibleTo()",
  "lib/licenses/contact-change getPendingNameChange": "the customer's B-5, scoped by visibleTo()",
  "lib/licenses/contact-change prepareContactChange": "the customer's B-5, scoped by visibleTo()",
  "lib/licenses/staff classifyStaffQuery": "pure",
  "lib/mail/queries listOutbox": "the development mailbox (isDevMailboxOpenTo); staff read through listOutboxForStaff",
  "lib/notices/admin statusOf": "pure",
  "lib/staff-accounts/accounts openStaffLink": "authorized by the link's single-use token (the invitee has no session)",
  "lib/staff-accounts/accounts setStaffPasswordWithLink": "authorized by the link's single-use token (the invitee has no session)",
  "lib/support-mail/send InjectedSendFailure": "a test hook (an Error class)",
  "lib/support-mail/send renderSupportMail": "pure rendering, used by the send job",
  "lib/support-mail/send runSendJobs": "the system's send job (cron, after a staff request), acts for no one",
};

let targets: Targets;
let dir: string;
const asCustomer = {} as CustomerActor;
const staffActors = {} as Record<(typeof STAFF_ROLES)[number], StaffActor>;

beforeAll(async () => {
  const db = await getDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "staff-authorization-"));
  const contract = await createContract();
  const customer = await createCustomer({ email: contract.contractEmail });
  Object.assign(asCustomer, customerActor(customer));
  for (const role of STAFF_ROLES) {
    staffActors[role] = staffActor(await createStaff({ role }));
  }
  const other = await createStaff({ role: "marketer" });
  const notice = await createNotice();
  const file = await downloadsAdmin.uploadDownloadFile({
    actor: staffActors.operator,
    meta: META,
    fileName: "allowed.txt",
    body: Readable.from([Buffer.from("allowed")]),
  });
  const mailId = await supportMail.createSupportMail({ actor: staffActors.marketer, draft: { title: "下書き", body: "本文" } });
  const failedMailId = await db.transaction((tx) =>
    enqueueMail(tx, { template: "test", from: "eCustomer@example.test", to: ["full@example.test"], subject: "件名", body: createElement("p", null, "本文") }),
  );
  await db.update(s.mailOutbox).set({ status: "failed", attempts: 8, lastError: "550 mailbox full" }).where(eq(s.mailOutbox.id, failedMailId));
  const [request] = await db
    .insert(s.contactChangeRequests)
    .values({
      licenseId: contract.licenseId,
      customerAccountId: customer.id,
      role: "contract",
      requestedCompanyName: "権限テスト新社株式会社",
      reason: "other",
      before: { companyName: "旧社名", branchName: null },
      dueDate: "2026-12-31",
    })
    .returning({ id: s.contactChangeRequests.id });
  // A new contract in the import's format: a refused import must not create it.
  const product = await createProduct();
  const record = {
    license_id: contract.licenseId + 500_000,
    status: "有効",
    product_code: product.code,
    start_date: "2026-01-01",
    end_date: "2026-12-31",
    support_end_date: "2026-12-31",
    corporate_number: null,
    contract: { company_name: "取り込み株式会社", person_name: "取込 太郎", email: uniqueEmail("import") },
    support: { company_name: "取り込み株式会社", person_name: "取込 花子", email: uniqueEmail("import") },
    lines: [{ product_code: product.code, quantity: 1, activation_code: generateActivationCode(product.codePrefix ?? "OS").code }],
  };
  const importFile = path.join(dir, "contracts.jsonl");
  fs.writeFileSync(importFile, `${JSON.stringify(record)}\n`);
  const uploadFile = path.join(dir, "upload.jsonl");
  fs.copyFileSync(importFile, uploadFile);
  targets = { contract, noticeId: notice.id, fileId: file.id, mailId, failedMailId, requestId: request!.id, staffId: other.id, importFile, uploadFile };
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every table of the schema, each as its row count and a digest of its rows: "changed nothing" is this, equal. */
async function databaseState(): Promise<Record<string, string>> {
  const db = await getDb();
  const tables = rowsOf<{ name: string }>(
    await db.execute(
      sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
    ),
  );
  const state: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = rowsOf<{ n: number; digest: string | null }>(
      await db.execute(sql`SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${sql.identifier(name)} t`),
    );
    state[name] = `${row!.n}:${row!.digest ?? ""}`;
  }
  return state;
}

/** Runs the call to its end: a promise awaited, a generator or stream read through. */
async function settle(result: Promise<unknown> | AsyncIterable<unknown>): Promise<unknown> {
  const value = await result;
  if (value && typeof value === "object" && Symbol.asyncIterator in value) {
    const items: unknown[] = [];
    for await (const item of value as AsyncIterable<unknown>) items.push(item);
    return items;
  }
  return value;
}

function refusedActors(capability: Capability): [string, StaffActor][] {
  return [
    // A customer's actor, as a page without its guard might pass whatever it has.
    ["a customer", asCustomer as unknown as StaffActor],
    ...STAFF_ROLES.filter((role) => !can(role, capability)).map((role): [string, StaffActor] => [`a ${role}`, staffActors[role]]),
  ];
}

describe("every staff read and write refuses whoever lacks its capability", () => {
  it.each(Object.entries(STAFF_FUNCTIONS))("%s", async (_name, { capability, call }) => {
    const refused = refusedActors(capability);
    expect(refused.length).toBeGreaterThan(0);
    const before = await databaseState();
    for (const [who, actor] of refused) {
      const outcome = await settle(call(actor, targets)).then(
        (value) => ({ refused: false as const, value }),
        (error: unknown) => ({ refused: error instanceof StaffPermissionError, capability: (error as StaffPermissionError).capability, error }),
      );
      expect(outcome, who).toEqual({ refused: true, capability, error: expect.any(StaffPermissionError) });
    }
    expect(await databaseState()).toEqual(before);
  });

  it("lists every exported function of the staff modules, in the table or as no staff function", () => {
    const exported = Object.entries(MODULES).flatMap(([module, exports]) =>
      Object.entries(exports)
        .filter(([, value]) => typeof value === "function")
        .map(([name]) => `${module} ${name}`),
    );
    const listed = new Set([...Object.keys(STAFF_FUNCTIONS), ...Object.keys(NOT_STAFF)]);
    expect(exported.filter((name) => !listed.has(name))).toEqual([]);
    expect([...listed].filter((name) => !exported.includes(name))).toEqual([]);
  });
});

describe("the same calls pass for a role with the capability (the targets are real)", () => {
  it("reads a contract, the notices, the files, the mails and the audit log", async () => {
    expect(await contractsStaff.getContractForStaff({ actor: staffActors.operator, licenseId: targets.contract.licenseId })).toMatchObject({
      licenseId: targets.contract.licenseId,
    });
    expect(await noticesAdmin.getNoticeForEdit({ actor: staffActors.marketer, noticeId: targets.noticeId })).toMatchObject({ id: targets.noticeId });
    expect(await downloadsAdmin.getFileForEdit({ actor: staffActors.operator, fileId: targets.fileId })).toMatchObject({ id: targets.fileId });
    expect(await supportMail.getSupportMail({ actor: staffActors.marketer, id: targets.mailId })).toMatchObject({ id: targets.mailId, status: "draft" });
    expect((await outboxQueries.listOutboxForStaff({ actor: staffActors.operator, status: "failed" })).map((m) => m.id)).toContain(targets.failedMailId);
    expect((await contactChange.listPendingNameChanges({ actor: staffActors.operator })).map((r) => r.id)).toContain(targets.requestId);
    expect((await auditLog.findAuditEntries(staffActors.admin, {})).rows.length).toBeGreaterThan(0);
  });
});
