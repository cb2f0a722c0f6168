import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { setClock } from "@/lib/clock";
import { importContracts } from "@/lib/contract-import/import";
import { CONTRACT_STATUSES } from "@/lib/contract-import/format";
import { applyContactChange, getEditableContract } from "@/lib/licenses/contact-change";
import { decideEmailHandover, nextTokyoMidnight, type EmailHandoverCase } from "@/lib/licenses/email-handover";
import { contactChangeSchema } from "@/lib/validation/contacts";
import { createContract, createCustomer, createStaffActor, customerActor, uniqueEmail } from "../support/factories";

// A-9 (via B-5, and the contract import alike): one table of cases, driven through the rule itself
// (lib/licenses/email-handover.ts), B-5's 「変更」 (lib/licenses/contact-change.ts) and the contract import
// (lib/contract-import/, its SQL). Each case sets the 契約窓口's row (its address, the previous one, when the address
// took effect), changes the address at 12:00 JST (and the phone, so that the unchanged-address case is still a change)
// and expects the same previous_email and email_effective_at from all three.

const AT = new Date("2026-03-10T03:00:00.000Z");
const MIDNIGHT = nextTokyoMidnight(AT);
const LONG_AGO = new Date("2025-03-10T03:00:00.000Z");

type Address = "current" | "previous" | "new";
/** The row before: the previous address (or none), and whether a change still waits for 00:00 JST. */
type Before = { previous: "previous" | null; waiting: boolean };
const NEVER_CHANGED: Before = { previous: null, waiting: false };
const CHANGED_EARLIER: Before = { previous: "previous", waiting: false };
const CHANGE_WAITING: Before = { previous: "previous", waiting: true };

/** What the rule makes of the change: its case, the previous address afterwards and the new email_effective_at. */
type Expected = [EmailHandoverCase, Address | null, "unchanged" | "now" | "midnight"];

/** Each case: the row before, the address it is changed to, and what is expected. */
const TABLE: Record<string, [before: Before, to: Address, expected: Expected]> = {
  "a first change: the current address keeps the access until the next 00:00 JST": [NEVER_CHANGED, "new", ["handover", "current", "midnight"]],
  "after an earlier change took effect: the current address, not the old one, keeps it": [CHANGED_EARLIER, "new", ["handover", "current", "midnight"]],
  "changed again while a change waits: the address before the first one keeps it": [CHANGE_WAITING, "new", ["changedAgain", "previous", "midnight"]],
  "changed back while the change waits: undone at once, nothing waits": [CHANGE_WAITING, "previous", ["revert", null, "now"]],
  "back to the old address after the change took effect: a change like any other": [CHANGED_EARLIER, "previous", ["handover", "current", "midnight"]],
  "the same address (another field changes): the handover stays as it is": [CHANGE_WAITING, "current", ["unchanged", "previous", "unchanged"]],
};
type HandoverCase = { name: string; before: Before; to: Address; expected: Expected };
const CASES: HandoverCase[] = Object.entries(TABLE).map(([name, [before, to, expected]]) => ({ name, before, to, expected }));

type Addresses = Record<Address, string>;

const addressesOf = (): Addresses => ({ current: uniqueEmail("a9-current"), previous: uniqueEmail("a9-previous"), new: uniqueEmail("a9-new") });
const effectiveBefore = (c: HandoverCase) => (c.before.waiting ? MIDNIGHT : LONG_AGO);

function expectedRow(c: HandoverCase, addresses: Addresses) {
  return {
    email: addresses[c.to],
    previousEmail: c.expected[1] === null ? null : addresses[c.expected[1]],
    emailEffectiveAt: { unchanged: effectiveBefore(c), now: AT, midnight: MIDNIGHT }[c.expected[2]],
  };
}

/** A contract whose 契約窓口 is in the case's state; the サポート窓口 (another address) is the customer who changes it. */
async function contractIn(c: HandoverCase, addresses: Addresses) {
  return createContract({
    contractEmail: addresses.current,
    supportEmail: uniqueEmail("a9-support"),
    contractContact: { previousEmail: c.before.previous === null ? null : addresses.previous, emailEffectiveAt: effectiveBefore(c) },
  });
}

async function contractContactOf(licenseId: number) {
  const db = await getDb();
  const [row] = await db
    .select({ email: s.contractContacts.email, previousEmail: s.contractContacts.previousEmail, emailEffectiveAt: s.contractContacts.emailEffectiveAt })
    .from(s.contractContacts)
    .where(and(eq(s.contractContacts.licenseId, licenseId), eq(s.contractContacts.role, "contract")));
  return row;
}

let dir: string;
let operator: StaffActor;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "email-handover-"));
  operator = await createStaffActor({ role: "operator" });
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("A-9 the rule (lib/licenses/email-handover.ts)", () => {
  it.each(CASES)("$name", (c) => {
    const addresses = addressesOf();
    const current = {
      email: addresses.current,
      previousEmail: c.before.previous === null ? null : addresses.previous,
      emailEffectiveAt: effectiveBefore(c),
    };
    const { email: _email, ...expected } = expectedRow(c, addresses);
    expect(decideEmailHandover(current, addresses[c.to], AT)).toEqual({ case: c.expected[0], ...expected });
  });
});

describe("A-9 through B-5 「変更」 (lib/licenses/contact-change.ts)", () => {
  it.each(CASES)("$name", async (c) => {
    // The test setup returns the clock to real time after each test.
    setClock(AT);
    const addresses = addressesOf();
    const contract = await contractIn(c, addresses);
    const actor = customerActor(await createCustomer({ email: contract.supportEmail }));
    const editable = await getEditableContract({ actor, licenseId: contract.licenseId });
    const raw: Record<string, string> = { version: String(editable!.version), privacyConsent: "on", nameChange: "none" };
    for (const role of ["contract", "support"] as const)
      for (const [field, value] of Object.entries(editable!.contacts[role])) if (value !== null) raw[`${role}.${field}`] = value;
    const form = contactChangeSchema.parse({ ...raw, "contract.email": addresses[c.to], "contract.phone": "03-9876-5432" });
    expect(await applyContactChange({ actor, licenseId: contract.licenseId, form })).toMatchObject({ kind: "complete" });
    expect(await contractContactOf(contract.licenseId)).toEqual(expectedRow(c, addresses));
  });
});

describe("A-9 through the contract import (lib/contract-import/apply.ts)", () => {
  /** The contract as a JSON Lines record, as the order system would send it, with the 契約窓口's new address and phone. */
  async function fileFor(licenseId: number, email: string): Promise<string> {
    const db = await getDb();
    const [contract] = await db
      .select({ c: s.licenseContracts, productCode: s.products.code })
      .from(s.licenseContracts)
      .innerJoin(s.products, eq(s.products.id, s.licenseContracts.productId))
      .where(eq(s.licenseContracts.licenseId, licenseId));
    const contacts = await db.select().from(s.contractContacts).where(eq(s.contractContacts.licenseId, licenseId)).orderBy(asc(s.contractContacts.role));
    const lines = await db
      .select({ line: s.contractProducts, productCode: s.products.code })
      .from(s.contractProducts)
      .innerJoin(s.products, eq(s.products.id, s.contractProducts.productId))
      .where(eq(s.contractProducts.licenseId, licenseId));
    const contact = (row: s.ContractContact) => ({
      company_name: row.companyName,
      branch_name: row.branchName,
      department: row.department,
      person_name: row.personName,
      postal_code: row.postalCode,
      prefecture: row.prefecture,
      address: row.address,
      phone: row.phone,
      email: row.email,
    });
    const record = {
      license_id: licenseId,
      status: CONTRACT_STATUSES[contract!.c.status],
      product_code: contract!.productCode,
      start_date: contract!.c.startDate,
      end_date: contract!.c.endDate,
      support_end_date: contract!.c.supportEndDate,
      corporate_number: null,
      contract: { ...contact(contacts.find((row) => row.role === "contract")!), email, phone: "03-9876-5432" },
      support: contact(contacts.find((row) => row.role === "support")!),
      lines: lines.map(({ line, productCode }) => ({ product_code: productCode, quantity: line.quantity, activation_code: line.activationCode })),
    };
    const file = path.join(dir, `${licenseId}.jsonl`);
    fs.writeFileSync(file, `${JSON.stringify(record)}\n`);
    return file;
  }

  it.each(CASES)("$name", async (c) => {
    // The test setup returns the clock to real time after each test.
    setClock(AT);
    const addresses = addressesOf();
    const contract = await contractIn(c, addresses);
    const file = await fileFor(contract.licenseId, addresses[c.to]);
    const report = await importContracts(await getDb(), { chunks: fs.createReadStream(file) }, { actor: operator });
    expect(report).toMatchObject({ ok: true, applied: true, changedContracts: 1, changedContacts: 1, errors: [] });
    expect(await contractContactOf(contract.licenseId)).toEqual(expectedRow(c, addresses));
  });
});
