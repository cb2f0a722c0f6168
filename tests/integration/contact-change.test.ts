import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, contactChangeRequests, contractContacts, contractHistory, licenseContracts, mailOutbox } from "@/db/schema";
import type { CustomerActor, StaffActor } from "@/lib/auth/actor";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { isLoginEmail } from "@/lib/auth/login-email";
import { setClock } from "@/lib/clock";
import { translator } from "@/lib/i18n";
import { applyContactChange, decideNameChange, getEditableContract, listPendingNameChanges, prepareContactChange } from "@/lib/licenses/contact-change";
import { getVisibleContract, listVisibleContracts } from "@/lib/licenses/queries";
import { findContractsForStaff, getContractForStaff } from "@/lib/licenses/staff";
import { contactChangeSchema, type ContactChangeForm } from "@/lib/validation/contacts";
import {
  auditRowsOf,
  createContract,
  createCustomer,
  createRegistryEntries,
  uniqueEmail,
  type CreatedContract,
  createStaffActor,
  customerActor,
} from "../support/factories";

const ja = translator("ja");

// B-5 / A-9 / G-3 on the real database: what 「変更」 writes (contacts, history, outbox, audit — together or not at all),
// what it refuses (another customer's contract, a stale form, a failing mail), the e-mail change at 00:00 JST, and
// the operators' decision.

async function customer(email: string): Promise<CustomerActor> {
  return customerActor(await createCustomer({ email }), "198.51.100.20");
}

async function operator(): Promise<StaffActor> {
  return createStaffActor({ role: "operator", clientAddress: "198.51.100.30" });
}

/** The form as the page would post it for the contract as it is now, with `changes` applied (raw field values). */
async function formFor(actor: CustomerActor, contract: CreatedContract, changes: Record<string, string> = {}): Promise<ContactChangeForm> {
  const editable = await getEditableContract({ actor, licenseId: contract.licenseId });
  if (!editable) throw new Error("not editable");
  const raw: Record<string, string> = { version: String(editable.version), privacyConsent: "on", nameChange: "none" };
  for (const role of ["contract", "support"] as const)
    for (const [field, value] of Object.entries(editable.contacts[role])) if (value !== null) raw[`${role}.${field}`] = value;
  const parsed = contactChangeSchema.safeParse({ ...raw, ...changes });
  if (!parsed.success) throw new Error(`the form does not parse: ${JSON.stringify(z(parsed.error))}`);
  return parsed.data;
}
const z = (error: Parameters<typeof fieldErrorsOf>[0]) => fieldErrorsOf(error, ja);

async function snapshot(licenseId: number) {
  const db = await getDb();
  const [contract] = await db.select().from(licenseContracts).where(eq(licenseContracts.licenseId, licenseId));
  const contacts = await db.select().from(contractContacts).where(eq(contractContacts.licenseId, licenseId)).orderBy(contractContacts.role);
  const history = await db.select().from(contractHistory).where(eq(contractHistory.licenseId, licenseId));
  const requests = await db.select().from(contactChangeRequests).where(eq(contactChangeRequests.licenseId, licenseId));
  return { contract, contacts, history, requests };
}

async function mailsTo(address: string) {
  const db = await getDb();
  return db
    .select()
    .from(mailOutbox)
    .where(sql`${address} = ANY(${mailOutbox.toAddresses})`)
    .orderBy(mailOutbox.seq);
}

describe("B-5: a change without a company name applies at once", () => {
  it("changes the support contact's phone: contacts, version, history (before/after), M-3 to the contacts, audit — and the detail shows it", async () => {
    const email = uniqueEmail("b5");
    const supportEmail = uniqueEmail("b5-support");
    const contract = await createContract({ contractEmail: email, supportEmail, supportContact: { phone: "03-1111-2222" } });
    const actor = await customer(email);
    // Full-width input as a customer types it: the guard's NFKC turns it half-width before the schema.
    const form = await formFor(actor, contract, { "support.phone": "０３－９８７６－５４３２".normalize("NFKC") });
    const prepared = await prepareContactChange({ actor, licenseId: contract.licenseId, form });
    expect(prepared).toMatchObject({
      changes: [{ role: "support", field: "phone", before: "03-1111-2222", after: "03-9876-5432" }],
      nameChange: null,
      emailChanges: [],
    });

    const applied = await applyContactChange({ actor, licenseId: contract.licenseId, form });
    expect(applied).toMatchObject({ kind: "complete", dueDate: null });
    const after = await snapshot(contract.licenseId);
    expect(after.contract!.version).toBe(1);
    expect(after.contacts.find((c) => c.role === "support")!.phone).toBe("03-9876-5432");
    expect(after.history).toHaveLength(1);
    expect(after.history[0]).toMatchObject({
      actorType: "customer",
      actorEmail: email,
      action: "contacts.changed",
      before: { "support.phone": "03-1111-2222" },
      after: { "support.phone": "03-9876-5432" },
    });
    const [mail] = await mailsTo(supportEmail);
    expect(mail).toMatchObject({ template: "M-3", subject: "契約内容変更完了" });
    expect(mail!.toAddresses.sort()).toEqual([email, supportEmail].sort());
    expect(mail!.text).toContain("03-9876-5432");
    const audit = await auditRowsOf("contract.contacts_changed", contract.licenseId);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ fields: "support.phone" });
    const detail = await getVisibleContract({ actor, licenseId: contract.licenseId });
    expect(detail!.supportContact.phone).toBe("03-9876-5432");
  });

  it("a form without any change is refused as such, and writes nothing", async () => {
    const email = uniqueEmail("b5-none");
    const contract = await createContract({ contractEmail: email });
    const actor = await customer(email);
    const before = await snapshot(contract.licenseId);
    expect(await applyContactChange({ actor, licenseId: contract.licenseId, form: await formFor(actor, contract) })).toBe("no_change");
    expect(await snapshot(contract.licenseId)).toEqual(before);
  });
});

describe("B-5: every invalid field gets its message, and nothing changes", () => {
  const cases: [field: string, value: string, message: string][] = [
    ["contract.postalCode", "100-00", ja("fields.postalCode")],
    ["contract.postalCode", "1000-005", ja("fields.postalCode")],
    ["support.postalCode", "", ja("auth.required")],
    ["contract.phone", "03-1234", ja("fields.phone")],
    ["support.phone", "abc-defg-hijk", ja("fields.phone")],
    ["contract.email", "not-an-address", ja("auth.emailFormat")],
    ["support.email", "", ja("auth.required")],
    ["contract.prefecture", "東京", ja("fields.prefecture")],
    ["contract.personName", "", ja("auth.required")],
    ["support.companyName", "", ja("auth.required")],
    ["contract.address", "あ".repeat(201), ja("fields.tooLong")],
    ["privacyConsent", "", ja("fields.consent")],
    // Found by the fuzz suite: an empty version must not read as version 0.
    ["version", "", ja("common.invalidInput")],
    ["version", "1e3", ja("common.invalidInput")],
  ];
  it.each(cases)("%s = %j → %s", async (field, value, message) => {
    const email = uniqueEmail("b5-bad");
    const contract = await createContract({ contractEmail: email });
    const actor = await customer(email);
    const good = await formFor(actor, contract);
    const raw = { ...Object.fromEntries(Object.entries(good).map(([k, v]) => [k, v === null ? "" : String(v)])), privacyConsent: "on", [field]: value };
    if (field === "privacyConsent") delete (raw as Record<string, string>).privacyConsent;
    const parsed = contactChangeSchema.safeParse(raw);
    expect(parsed.success).toBe(false);
    expect(z(parsed.error!)[field]).toEqual([message]);
    // Only the field that is wrong is named.
    expect(Object.keys(z(parsed.error!))).toEqual([field]);
  });

  it("accepts the forms a customer types: 7 digits without the hyphen, full-width digits, mobile numbers", async () => {
    const email = uniqueEmail("b5-ok");
    const contract = await createContract({ contractEmail: email });
    const actor = await customer(email);
    const form = await formFor(actor, contract, {
      "contract.postalCode": "５３００００１".normalize("NFKC"),
      "contract.phone": "09012345678",
      "contract.prefecture": "大阪府",
    });
    expect(form["contract.postalCode" as keyof ContactChangeForm]).toBe("530-0001");
    expect(form["contract.phone" as keyof ContactChangeForm]).toBe("09012345678");
  });

  it("a name change needs its reason, its consent and a company (registry number or typed name)", async () => {
    const email = uniqueEmail("b5-name-bad");
    const contract = await createContract({ contractEmail: email });
    const actor = await customer(email);
    const good = await formFor(actor, contract);
    const raw = { ...Object.fromEntries(Object.entries(good).map(([k, v]) => [k, v === null ? "" : String(v)])), privacyConsent: "on" };
    const manual = contactChangeSchema.safeParse({ ...raw, nameChange: "manual", requestedCompanyName: "" });
    expect(z(manual.error!)).toEqual({ reason: [ja("fields.choose")], nameChangeConsent: [ja("fields.consent")], requestedCompanyName: [ja("auth.required")] });
    const registry = contactChangeSchema.safeParse({ ...raw, nameChange: "registry", corporateNumber: "12", reason: "merger", nameChangeConsent: "on" });
    expect(z(registry.error!)).toEqual({ corporateNumber: [ja("fields.choose")] });
  });
});

describe("B-5: what is refused changes and reveals nothing", () => {
  it("another customer's contract: not found, nothing written, no mail", async () => {
    const owner = uniqueEmail("b5-owner");
    const contract = await createContract({ contractEmail: owner });
    const ownerActor = await customer(owner);
    const form = await formFor(ownerActor, contract, { "contract.phone": "03-0000-0000" });
    const stranger = await customer(uniqueEmail("b5-stranger"));
    const before = await snapshot(contract.licenseId);
    expect(await getEditableContract({ actor: stranger, licenseId: contract.licenseId })).toBeUndefined();
    expect(await prepareContactChange({ actor: stranger, licenseId: contract.licenseId, form })).toBe("not_found");
    expect(await applyContactChange({ actor: stranger, licenseId: contract.licenseId, form })).toBe("not_found");
    expect(await snapshot(contract.licenseId)).toEqual(before);
    expect(await mailsTo(owner)).toEqual([]);
    expect(await mailsTo(stranger.email)).toEqual([]);
  });

  it("two customers confirm the same starting point: the second is refused (stale), the first is kept", async () => {
    const contractEmail = uniqueEmail("b5-first");
    const supportEmail = uniqueEmail("b5-second");
    const contract = await createContract({ contractEmail, supportEmail });
    const first = await customer(contractEmail);
    const second = await customer(supportEmail);
    const formA = await formFor(first, contract, { "support.phone": "03-1111-1111" });
    const formB = await formFor(second, contract, { "support.phone": "03-2222-2222" });
    expect(formA.version).toBe(formB.version);
    expect(await applyContactChange({ actor: first, licenseId: contract.licenseId, form: formA })).toMatchObject({ kind: "complete" });
    expect(await prepareContactChange({ actor: second, licenseId: contract.licenseId, form: formB })).toBe("stale");
    expect(await applyContactChange({ actor: second, licenseId: contract.licenseId, form: formB })).toBe("stale");
    const after = await snapshot(contract.licenseId);
    expect(after.contacts.find((c) => c.role === "support")!.phone).toBe("03-1111-1111");
    expect(after.history).toHaveLength(1);
  });

  it("at the same moment: exactly one of two applies wins", async () => {
    const email = uniqueEmail("b5-race");
    const contract = await createContract({ contractEmail: email });
    const actor = await customer(email);
    const forms = await Promise.all(["03-3333-3333", "03-4444-4444"].map((phone) => formFor(actor, contract, { "support.phone": phone })));
    const results = await Promise.all(forms.map((form) => applyContactChange({ actor, licenseId: contract.licenseId, form })));
    expect(results.filter((r) => r === "stale")).toHaveLength(1);
    expect(results.filter((r) => typeof r === "object")).toHaveLength(1);
    expect((await snapshot(contract.licenseId)).history).toHaveLength(1);
  });

  it("a change whose outbox insert fails leaves the contract unchanged (one transaction)", async () => {
    const email = uniqueEmail("b5-outbox");
    const contract = await createContract({ contractEmail: email });
    const actor = await customer(email);
    const form = await formFor(actor, contract, { "contract.phone": "03-5555-5555" });
    const before = await snapshot(contract.licenseId);
    const db = await getDb();
    // A real failure of the real table, not a mock: the database refuses the mail row.
    await db.execute(sql.raw(`CREATE FUNCTION refuse_mail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'outbox unavailable'; END $$ LANGUAGE plpgsql`));
    await db.execute(sql.raw(`CREATE TRIGGER refuse_mail BEFORE INSERT ON mail_outbox FOR EACH ROW EXECUTE FUNCTION refuse_mail()`));
    try {
      await expect(applyContactChange({ actor, licenseId: contract.licenseId, form })).rejects.toThrow();
    } finally {
      await db.execute(sql.raw(`DROP TRIGGER refuse_mail ON mail_outbox`));
      await db.execute(sql.raw(`DROP FUNCTION refuse_mail()`));
    }
    expect(await snapshot(contract.licenseId)).toEqual(before);
    const audit = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(contract.licenseId)));
    expect(audit).toEqual([]);
  });
});

describe("A-9: a changed contact e-mail signs in from the next 00:00 JST", () => {
  it("for both addresses, with a controlled clock: old until midnight, new from midnight; the old keeps what it is a contact of elsewhere", async () => {
    setClock(new Date("2026-12-01T14:30:00+09:00"));
    const oldAddress = uniqueEmail("a9-old");
    const newAddress = uniqueEmail("a9-new");
    const contract = await createContract({ contractEmail: oldAddress, supportEmail: uniqueEmail("a9-support") });
    const elsewhere = await createContract({ supportEmail: oldAddress });
    const oldActor = await customer(oldAddress);
    const newActor = { ...oldActor, email: newAddress, accountId: (await createCustomer({ email: newAddress })).id };
    const applied = await applyContactChange({
      actor: oldActor,
      licenseId: contract.licenseId,
      form: await formFor(oldActor, contract, { "contract.email": newAddress }),
    });
    expect(applied).toMatchObject({
      kind: "complete",
      emailChanges: [{ role: "contract", before: oldAddress, after: newAddress, effectiveAt: new Date("2026-12-02T00:00:00+09:00") }],
    });
    const [mail] = await mailsTo(newAddress);
    expect(mail!.toAddresses).toEqual(expect.arrayContaining([oldAddress, newAddress]));
    expect(mail!.text).toContain("2026/12/02 00:00");

    // 23:59 JST: the old address still has it, the new one not yet.
    setClock(new Date("2026-12-01T23:59:59+09:00"));
    expect(await getVisibleContract({ actor: oldActor, licenseId: contract.licenseId })).toBeDefined();
    expect(await getVisibleContract({ actor: newActor, licenseId: contract.licenseId })).toBeUndefined();
    expect(await isLoginEmail(await getDb(), newAddress)).toBe(false);

    // 00:00 JST: the new address has it; the old loses this contract but keeps the one it is a contact of elsewhere.
    setClock(new Date("2026-12-02T00:00:00+09:00"));
    expect(await getVisibleContract({ actor: newActor, licenseId: contract.licenseId })).toBeDefined();
    expect(await getVisibleContract({ actor: oldActor, licenseId: contract.licenseId })).toBeUndefined();
    expect(await isLoginEmail(await getDb(), newAddress)).toBe(true);
    expect(await isLoginEmail(await getDb(), oldAddress)).toBe(true);
    expect(await getVisibleContract({ actor: oldActor, licenseId: elsewhere.licenseId })).toBeDefined();
    // A session of the old address that is still open sees its list shrink, nothing else.
    const list = await listVisibleContracts({ actor: oldActor, query: { sort: "licenseId", direction: "asc", page: 1, pageSize: 50 } });
    expect(list.rows.map((row) => row.licenseId)).toEqual([elsewhere.licenseId]);
  });

  it("the support contact's address too; an address that is nowhere else a contact stops being a login e-mail", async () => {
    setClock(new Date("2026-12-01T09:00:00+09:00"));
    const contractEmail = uniqueEmail("a9c");
    const oldSupport = uniqueEmail("a9s-old");
    const newSupport = uniqueEmail("a9s-new");
    const contract = await createContract({ contractEmail, supportEmail: oldSupport });
    const actor = await customer(contractEmail);
    await applyContactChange({ actor, licenseId: contract.licenseId, form: await formFor(actor, contract, { "support.email": newSupport }) });
    expect(await isLoginEmail(await getDb(), oldSupport)).toBe(true);
    expect(await isLoginEmail(await getDb(), newSupport)).toBe(false);
    setClock(new Date("2026-12-02T00:00:01+09:00"));
    expect(await isLoginEmail(await getDb(), oldSupport)).toBe(false);
    expect(await isLoginEmail(await getDb(), newSupport)).toBe(true);
  });

  it("changed back before midnight: undone at once, the address keeps its access without a gap", async () => {
    setClock(new Date("2026-12-01T10:00:00+09:00"));
    const oldAddress = uniqueEmail("a9-back");
    const contract = await createContract({ contractEmail: oldAddress });
    const actor = await customer(oldAddress);
    await applyContactChange({ actor, licenseId: contract.licenseId, form: await formFor(actor, contract, { "contract.email": uniqueEmail("a9-typo") }) });
    const back = await applyContactChange({ actor, licenseId: contract.licenseId, form: await formFor(actor, contract, { "contract.email": oldAddress }) });
    expect(back).toMatchObject({ emailChanges: [{ revert: true }] });
    const [row] = (await snapshot(contract.licenseId)).contacts.filter((c) => c.role === "contract");
    expect(row).toMatchObject({ email: oldAddress, previousEmail: null });
    setClock(new Date("2026-12-02T00:00:00+09:00"));
    expect(await getVisibleContract({ actor, licenseId: contract.licenseId })).toBeDefined();
  });
});

describe("B-5 with a company-name change, and G-3's decision", () => {
  it("registry match: other fields at once, the name waits (due in 5 business days), M-4; approved → the name, M-3, history, audit; decided once", async () => {
    setClock(new Date("2027-04-28T11:00:00+09:00"));
    const email = uniqueEmail("g3");
    const contract = await createContract({ contractEmail: email, contractContact: { companyName: "旧名称株式会社", branchName: "本社" } });
    await createRegistryEntries([{ corporateNumber: "1234567890123", name: "新名称ホールディングス株式会社", kana: "シンメイショウホールディングス" }]);
    const actor = await customer(email);
    const form = await formFor(actor, contract, {
      "contract.phone": "03-7777-7777",
      nameChange: "registry",
      corporateNumber: "1234567890123",
      reason: "trade_name",
      nameChangeConsent: "on",
    });
    const applied = await applyContactChange({ actor, licenseId: contract.licenseId, form });
    // Golden Week 2027: 4/29 and 5/3–5/5 are holidays.
    expect(applied).toMatchObject({ kind: "accepted", dueDate: "2027-05-11" });
    let state = await snapshot(contract.licenseId);
    const contact = () => state.contacts.find((c) => c.role === "contract")!;
    expect(contact()).toMatchObject({ companyName: "旧名称株式会社", phone: "03-7777-7777" });
    expect(state.requests).toHaveLength(1);
    expect(state.requests[0]).toMatchObject({
      status: "pending",
      corporateNumber: "1234567890123",
      requestedCompanyName: "新名称ホールディングス株式会社",
      requestedBranchName: null,
      dueDate: "2027-05-11",
      reason: "trade_name",
    });
    const [m4] = await mailsTo(email);
    expect(m4).toMatchObject({ template: "M-4", subject: "契約内容変更受付＆一部変更処理完了" });
    expect(m4!.text).toContain("2027/05/11");
    // A second name change waits until the first is decided.
    const again = await formFor(actor, contract, { nameChange: "manual", requestedCompanyName: "別名称株式会社", reason: "other", nameChangeConsent: "on" });
    expect(await applyContactChange({ actor, licenseId: contract.licenseId, form: again })).toBe("pending_name_change");

    const staff = await operator();
    const queue = await listPendingNameChanges({ actor: staff });
    const queued = queue.find((r) => r.licenseId === contract.licenseId)!;
    expect(queued).toMatchObject({
      requesterEmail: email,
      currentName: { companyName: "旧名称株式会社" },
      registry: { name: "新名称ホールディングス株式会社" },
      overdue: false,
    });
    expect(await decideNameChange({ actor: staff, requestId: queued.id, decision: "approve", note: null })).toEqual({
      status: "approved",
      licenseId: contract.licenseId,
    });
    state = await snapshot(contract.licenseId);
    expect(contact()).toMatchObject({ companyName: "新名称ホールディングス株式会社", branchName: null });
    // G-6's summary and search list name the contract by its current 法人名, not the order's (issue 29 item 12).
    expect(await getContractForStaff({ actor: staff, licenseId: contract.licenseId })).toMatchObject({ companyName: "新名称ホールディングス株式会社" });
    expect((await findContractsForStaff({ actor: staff, query: String(contract.licenseId) }))?.rows).toEqual([
      expect.objectContaining({ licenseId: contract.licenseId, companyName: "新名称ホールディングス株式会社" }),
    ]);
    expect(state.requests[0]).toMatchObject({ status: "approved", reviewedByStaffId: staff.accountId });
    expect(state.history.map((h) => h.action)).toEqual(["contacts.changed", "contacts.name_change_approved"]);
    const mails = await mailsTo(email);
    expect(mails.at(-1)).toMatchObject({ template: "M-3", subject: "契約内容変更完了" });
    expect(await auditRowsOf("name_change.approved", queued.id)).toHaveLength(1);
    expect(await decideNameChange({ actor: staff, requestId: queued.id, decision: "reject", note: "二度目" })).toBe("already_decided");
    expect(await mailsTo(email)).toHaveLength(mails.length);
  });

  it("a typed name (not found in the registry), rejected with a reason: the mail says so and why, the name stays", async () => {
    setClock(new Date("2026-12-25T10:00:00+09:00"));
    const email = uniqueEmail("g3-reject");
    const contract = await createContract({ contractEmail: email, contractContact: { companyName: "そのまま株式会社" } });
    const actor = await customer(email);
    const form = await formFor(actor, contract, {
      nameChange: "manual",
      requestedCompanyName: "そのままHD",
      requestedBranchName: "大阪支社",
      reason: "other",
      nameChangeConsent: "on",
    });
    // The year end: 12/29–1/3 is the vendor's closing.
    expect(await applyContactChange({ actor, licenseId: contract.licenseId, form })).toMatchObject({ kind: "accepted", dueDate: "2027-01-07" });
    const staff = await operator();
    const [request] = (await snapshot(contract.licenseId)).requests;
    // Past its due date the request is marked overdue.
    setClock(new Date("2027-01-08T09:00:00+09:00"));
    expect((await listPendingNameChanges({ actor: staff })).find((r) => r.id === request!.id)).toMatchObject({ overdue: true, registry: null });
    expect(await decideNameChange({ actor: staff, requestId: request!.id, decision: "reject", note: "登記上の商号と一致しません。" })).toMatchObject({
      status: "rejected",
    });
    const state = await snapshot(contract.licenseId);
    expect(state.contacts.find((c) => c.role === "contract")!.companyName).toBe("そのまま株式会社");
    expect(state.requests[0]).toMatchObject({ status: "rejected", reviewNote: "登記上の商号と一致しません。" });
    const last = (await mailsTo(email)).at(-1)!;
    expect(last.subject).toBe("契約法人名・支社名の変更依頼について");
    expect(last.text).toContain("登記上の商号と一致しません。");
    expect(state.history.map((h) => h.action)).toEqual(["contacts.changed", "contacts.name_change_rejected"]);
  });

  it("a closed company cannot be chosen, nor one that is not in the registry", async () => {
    const email = uniqueEmail("g3-closed");
    const contract = await createContract({ contractEmail: email });
    await createRegistryEntries([{ corporateNumber: "9999999999999", name: "閉鎖済株式会社", closedAt: "2020-03-31" }]);
    const actor = await customer(email);
    for (const corporateNumber of ["9999999999999", "8888888888888"]) {
      const form = await formFor(actor, contract, { nameChange: "registry", corporateNumber, reason: "merger", nameChangeConsent: "on" });
      expect(await applyContactChange({ actor, licenseId: contract.licenseId, form })).toBe("registry_unavailable");
    }
    expect((await snapshot(contract.licenseId)).requests).toEqual([]);
  });
});
