import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { contactChangeRequests, contractContacts, contractHistory, corporateRegistry, customerAccounts, licenseContracts } from "@/db/schema";
import type { CustomerActor, StaffActor } from "@/lib/auth/actor";
import { authorizeStaff } from "@/lib/auth/permissions";
import { staffAuditEvent, writeAudit } from "@/lib/audit";
import { addBusinessDays, NAME_CHANGE_REVIEW_BUSINESS_DAYS } from "@/lib/business-days";
import { now } from "@/lib/clock";
import { tokyoDate } from "@/lib/dates";
import { enqueueMail } from "@/lib/mail/outbox";
import { registryCompanyColumns } from "@/lib/registry/search";
import { CONTACT_FIELDS, contactValuesOf, type ContactChangeForm, type ContactField, type ContactRole, type NameChangeReason } from "@/lib/validation/contacts";
import { contactChangeMail, nameChangeDecisionMail, type ChangeLine } from "./contact-change-mails";
import { decideEmailHandover } from "./email-handover";
import { visibleTo } from "./visibility";

// B-5 契約者・サポート窓口情報を変更する, A-9 and G-3. Decisions written down where the SPEC is silent:
// - Only the 契約窓口's 法人名 / 支社名 go through 「法人名・支社名変更」 and the operators' review (the manual: 契約窓口の
//   法人名・支社名を変更する場合…５営業日). The サポート窓口's are ordinary fields, applied at once.
// - A changed contact e-mail can sign in from the next 00:00 JST; until then the previous address keeps the
//   access (contract_contacts.previous_email): lib/licenses/email-handover.ts, the rule the contract import applies too.
// - The form carries the contract's version; a confirmation based on an older version is refused ("stale").
// - One name change under review per contact: a second one is refused until the first is decided.
// - M-3 / M-4 go to every address of both contacts before and after the change (SPEC M).

export type FieldChange = ChangeLine & { role: ContactRole; field: ContactField };
/** `revert`: back to the address that still holds the access (a change not yet in effect is undone at once). */
export type EmailChange = { role: ContactRole; before: string; after: string; effectiveAt: Date; revert: boolean };
export type RequestedName = {
  companyName: string;
  branchName: string | null;
  corporateNumber: string | null;
  reason: NameChangeReason;
  registry: RegistryCompany | null;
};
export type RegistryCompany = {
  corporateNumber: string;
  name: string;
  prefecture: string | null;
  city: string | null;
  street: string | null;
  postalCode: string | null;
  closedAt: string | null;
};

export type PreparedChange = {
  version: number;
  changes: FieldChange[];
  emailChanges: EmailChange[];
  nameChange: (RequestedName & { before: { companyName: string; branchName: string | null } }) | null;
};
export type ChangeRefusal = "not_found" | "stale" | "no_change" | "pending_name_change" | "registry_unavailable";

type ContactRow = typeof contractContacts.$inferSelect;

async function registryCompany(db: Executor, corporateNumber: string): Promise<RegistryCompany | undefined> {
  const [row] = await db.select(registryCompanyColumns).from(corporateRegistry).where(eq(corporateRegistry.corporateNumber, corporateNumber)).limit(1);
  return row;
}

/** The contract (visible to the actor, B-0) and its two contacts, locked for the change when `lock` is set. */
async function loadContract(db: Executor, actor: Pick<CustomerActor, "email">, licenseId: number, lock: boolean) {
  const query = db
    .select({ licenseId: licenseContracts.licenseId, version: licenseContracts.version })
    .from(licenseContracts)
    .where(and(eq(licenseContracts.licenseId, licenseId), visibleTo(actor.email, now())))
    .limit(1);
  const [contract] = lock ? await query.for("update") : await query;
  if (!contract) return undefined;
  const contactsQuery = db.select().from(contractContacts).where(eq(contractContacts.licenseId, licenseId)).orderBy(asc(contractContacts.role));
  const contacts = lock ? await contactsQuery.for("update") : await contactsQuery;
  const contract_ = contacts.find((c) => c.role === "contract");
  const support = contacts.find((c) => c.role === "support");
  if (!contract_ || !support) return undefined;
  return { ...contract, contacts: { contract: contract_, support } };
}

type LoadedContract = NonNullable<Awaited<ReturnType<typeof loadContract>>>;

/** A name change under review as the customer's pages tell of it (B-5 ⑧): the name asked for, when, and until when. */
const pendingColumns = {
  requestedCompanyName: contactChangeRequests.requestedCompanyName,
  requestedBranchName: contactChangeRequests.requestedBranchName,
  createdAt: contactChangeRequests.createdAt,
  dueDate: contactChangeRequests.dueDate,
};

async function pendingRequest(db: Executor, licenseId: number) {
  const [row] = await db
    .select({ id: contactChangeRequests.id, ...pendingColumns })
    .from(contactChangeRequests)
    .where(and(eq(contactChangeRequests.licenseId, licenseId), eq(contactChangeRequests.role, "contract"), eq(contactChangeRequests.status, "pending")))
    .limit(1);
  return row;
}

/** The changes the form asks for against the current rows: changed fields only, in the form's order. */
async function compute(db: Executor, loaded: LoadedContract, form: ContactChangeForm, at: Date): Promise<PreparedChange | ChangeRefusal> {
  const changes: FieldChange[] = [];
  const emailChanges: EmailChange[] = [];
  for (const role of ["contract", "support"] as const) {
    const current = loaded.contacts[role];
    const wanted = contactValuesOf(form, role);
    for (const field of CONTACT_FIELDS) {
      if (!(field in wanted)) continue;
      const after = (wanted as Record<string, string | null>)[field] ?? null;
      const before = current[field] ?? null;
      if (after === before) continue;
      changes.push({ role, field, before, after });
      if (field === "email") {
        const handover = decideEmailHandover(current, after!, at);
        emailChanges.push({ role, before: before!, after: after!, effectiveAt: handover.emailEffectiveAt, revert: handover.case === "revert" });
      }
    }
  }
  let nameChange: PreparedChange["nameChange"] = null;
  if (form.nameChange !== "none") {
    const reason = form.reason as NameChangeReason;
    let requested: RequestedName;
    if (form.nameChange === "registry") {
      const company = await registryCompany(db, form.corporateNumber!);
      // A closed company is not offered; one that vanished from the registry since the search cannot be chosen.
      if (!company || company.closedAt) return "registry_unavailable";
      requested = { companyName: company.name, branchName: null, corporateNumber: company.corporateNumber, reason, registry: company };
    } else {
      requested = { companyName: form.requestedCompanyName!, branchName: form.requestedBranchName || null, corporateNumber: null, reason, registry: null };
    }
    const before = { companyName: loaded.contacts.contract.companyName, branchName: loaded.contacts.contract.branchName };
    if (requested.companyName !== before.companyName || requested.branchName !== before.branchName) {
      if (await pendingRequest(db, loaded.licenseId)) return "pending_name_change";
      nameChange = { ...requested, before };
    }
  }
  if (changes.length === 0 && !nameChange) return "no_change";
  return { version: loaded.version, changes, emailChanges, nameChange };
}

/** What 「確認する」 and 「変更」 are given: the form as submitted for one contract, with the version it was made from. */
type ContactChangeRequest = { actor: CustomerActor; licenseId: number; form: ContactChangeForm };

/** The contract as the form found it (its version unchanged since), and what the form changes in it. */
async function prepare(
  db: Executor,
  { actor, licenseId, form }: ContactChangeRequest,
  at: Date,
  forUpdate: boolean,
): Promise<{ loaded: LoadedContract; prepared: PreparedChange } | ChangeRefusal> {
  const loaded = await loadContract(db, actor, licenseId, forUpdate);
  if (!loaded) return "not_found";
  if (loaded.version !== form.version) return "stale";
  const prepared = await compute(db, loaded, form, at);
  return typeof prepared === "string" ? prepared : { loaded, prepared };
}

/** 「確認する」: what would change (before → after per changed field), nothing written. */
export async function prepareContactChange(request: ContactChangeRequest): Promise<PreparedChange | ChangeRefusal> {
  const result = await prepare(await getDb(), request, now(), false);
  return typeof result === "string" ? result : result.prepared;
}

export type AppliedChange = { historyId: number; kind: "complete" | "accepted"; emailChanges: EmailChange[]; dueDate: string | null };

/** Every address of both contacts before and after (M-3 / M-4), once each. */
function recipientsOf(contacts: Record<ContactRole, ContactRow>, changes: FieldChange[]): string[] {
  const addresses = [contacts.contract.email, contacts.support.email, ...changes.filter((c) => c.field === "email").flatMap((c) => [c.before, c.after])];
  return [...new Set(addresses.filter((a): a is string => Boolean(a)))];
}

/**
 * 「変更」: applies the fields at once, files the 契約窓口's name change for review (G-3), and writes the history row,
 * the mail (M-3, or M-4 with a name change) and the audit row — one transaction, so that all of it commits or none.
 */
export async function applyContactChange(request: ContactChangeRequest): Promise<AppliedChange | ChangeRefusal> {
  const { actor, licenseId } = request;
  const db = await getDb();
  const at = now();
  return db.transaction(async (tx) => {
    const result = await prepare(tx, request, at, true);
    if (typeof result === "string") return result;
    const { loaded, prepared } = result;

    for (const role of ["contract", "support"] as const) {
      const mine = prepared.changes.filter((c) => c.role === role);
      if (mine.length === 0) continue;
      const current = loaded.contacts[role];
      const set: Partial<typeof contractContacts.$inferInsert> = { updatedAt: at };
      for (const change of mine) (set as Record<string, unknown>)[change.field] = change.after;
      const email = prepared.emailChanges.find((c) => c.role === role);
      if (email) {
        const handover = decideEmailHandover(current, email.after, at);
        set.previousEmail = handover.previousEmail;
        set.emailEffectiveAt = handover.emailEffectiveAt;
      }
      await tx.update(contractContacts).set(set).where(eq(contractContacts.id, current.id));
    }

    let requestId: number | null = null;
    let dueDate: string | null = null;
    if (prepared.nameChange) {
      dueDate = addBusinessDays(tokyoDate(at), NAME_CHANGE_REVIEW_BUSINESS_DAYS);
      const [request] = await tx
        .insert(contactChangeRequests)
        .values({
          licenseId,
          customerAccountId: actor.accountId,
          role: "contract",
          corporateNumber: prepared.nameChange.corporateNumber,
          requestedCompanyName: prepared.nameChange.companyName,
          requestedBranchName: prepared.nameChange.branchName,
          reason: prepared.nameChange.reason,
          before: prepared.nameChange.before,
          dueDate,
          createdAt: at,
        })
        .returning({ id: contactChangeRequests.id });
      requestId = request!.id;
    }

    await tx
      .update(licenseContracts)
      .set({ version: sql`${licenseContracts.version} + 1`, updatedAt: at })
      .where(eq(licenseContracts.licenseId, licenseId));
    const side = (pick: "before" | "after") => Object.fromEntries(prepared.changes.map((c) => [`${c.role}.${c.field}`, c[pick]]));
    const [history] = await tx
      .insert(contractHistory)
      .values({
        licenseId,
        actorType: "customer",
        actorId: actor.accountId,
        actorEmail: actor.email,
        action: "contacts.changed",
        before: { ...side("before"), ...(prepared.nameChange ? { nameChange: prepared.nameChange.before } : {}) },
        after: {
          ...side("after"),
          ...(prepared.nameChange
            ? {
                nameChange: {
                  companyName: prepared.nameChange.companyName,
                  branchName: prepared.nameChange.branchName,
                  corporateNumber: prepared.nameChange.corporateNumber,
                  reason: prepared.nameChange.reason,
                  requestId,
                  dueDate,
                },
              }
            : {}),
          ...(prepared.emailChanges.some((c) => !c.revert)
            ? { emailEffectiveAt: Object.fromEntries(prepared.emailChanges.filter((c) => !c.revert).map((c) => [c.role, c.effectiveAt.toISOString()])) }
            : {}),
        },
        createdAt: at,
      })
      .returning({ id: contractHistory.id });

    await enqueueMail(
      tx,
      contactChangeMail({
        to: recipientsOf(loaded.contacts, prepared.changes),
        licenseId,
        changes: prepared.changes,
        emailChanges: prepared.emailChanges,
        nameChange: prepared.nameChange
          ? {
              before: prepared.nameChange.before,
              after: { companyName: prepared.nameChange.companyName, branchName: prepared.nameChange.branchName },
              dueDate: dueDate!,
            }
          : null,
        at,
      }),
    );
    await writeAudit(
      {
        actorType: "customer",
        actorId: actor.accountId,
        actorEmail: actor.email,
        action: prepared.nameChange ? "contract.contacts_changed_name_requested" : "contract.contacts_changed",
        targetType: "license_contract",
        targetId: licenseId,
        clientAddress: actor.clientAddress,
        details: { fields: prepared.changes.map((c) => `${c.role}.${c.field}`).join(","), nameChangeRequestId: requestId, historyId: history!.id },
      },
      tx,
    );
    return { historyId: history!.id, kind: prepared.nameChange ? ("accepted" as const) : ("complete" as const), emailChanges: prepared.emailChanges, dueDate };
  });
}

export type ChangeReceipt = {
  kind: "complete" | "accepted";
  createdAt: Date;
  emailEffectiveAt: Record<string, string> | null;
  dueDate: string | null;
  fields: string[];
};

/** The completion screen after the redirect: the actor's own change of a contract it still sees. */
export async function getChangeReceipt({
  actor,
  licenseId,
  historyId,
}: {
  actor: CustomerActor;
  licenseId: number;
  historyId: number;
}): Promise<ChangeReceipt | undefined> {
  const db = await getDb();
  const [row] = await db
    .select({ after: contractHistory.after, createdAt: contractHistory.createdAt })
    .from(contractHistory)
    .innerJoin(licenseContracts, eq(licenseContracts.licenseId, contractHistory.licenseId))
    .where(
      and(
        eq(contractHistory.id, historyId),
        eq(contractHistory.licenseId, licenseId),
        eq(contractHistory.actorType, "customer"),
        eq(contractHistory.actorId, actor.accountId),
        eq(contractHistory.action, "contacts.changed"),
        visibleTo(actor.email, now()),
      ),
    )
    .limit(1);
  if (!row) return undefined;
  const after = (row.after ?? {}) as Record<string, unknown> & { nameChange?: { dueDate?: string }; emailEffectiveAt?: Record<string, string> };
  return {
    kind: after.nameChange ? "accepted" : "complete",
    createdAt: row.createdAt,
    emailEffectiveAt: after.emailEffectiveAt ?? null,
    dueDate: after.nameChange?.dueDate ?? null,
    fields: Object.keys(after).filter((key) => key.includes(".")),
  };
}

/** The detail page's note (B-5 ⑧): a name change of this contract under review. */
export async function getPendingNameChange({ actor, licenseId }: { actor: Pick<CustomerActor, "email">; licenseId: number }) {
  const db = await getDb();
  const [row] = await db
    .select(pendingColumns)
    .from(contactChangeRequests)
    .innerJoin(licenseContracts, eq(licenseContracts.licenseId, contactChangeRequests.licenseId))
    .where(and(eq(contactChangeRequests.licenseId, licenseId), eq(contactChangeRequests.status, "pending"), visibleTo(actor.email, now())))
    .limit(1);
  return row;
}

// --- G-3: the operators' review ----------------------------------------------------------------------------------

export type DecisionRefusal = "not_found" | "already_decided";

/**
 * Approve (the requested 法人名 / 支社名 become the 契約窓口's, M-3) or reject with a note (the rejection mail): one
 * transaction with the history row and the audit row. A request is decided once: the second decision is refused.
 */
export async function decideNameChange({
  actor,
  requestId,
  decision,
  note,
}: {
  actor: StaffActor;
  requestId: number;
  decision: "approve" | "reject";
  note: string | null;
}): Promise<{ status: "approved" | "rejected"; licenseId: number } | DecisionRefusal> {
  authorizeStaff(actor, "name-change.review");
  const db = await getDb();
  const at = now();
  return db.transaction(async (tx) => {
    const [request] = await tx.select().from(contactChangeRequests).where(eq(contactChangeRequests.id, requestId)).for("update");
    if (!request) return "not_found" as const;
    if (request.status !== "pending") return "already_decided" as const;
    await tx.select({ licenseId: licenseContracts.licenseId }).from(licenseContracts).where(eq(licenseContracts.licenseId, request.licenseId)).for("update");
    const contacts = await tx.select().from(contractContacts).where(eq(contractContacts.licenseId, request.licenseId)).for("update");
    const contact = contacts.find((c) => c.role === request.role);
    if (!contact) return "not_found" as const;
    const before = { companyName: contact.companyName, branchName: contact.branchName };
    const after = { companyName: request.requestedCompanyName, branchName: request.requestedBranchName };
    const approved = decision === "approve";
    if (approved) {
      await tx
        .update(contractContacts)
        .set({ companyName: after.companyName, branchName: after.branchName, updatedAt: at })
        .where(eq(contractContacts.id, contact.id));
      await tx
        .update(licenseContracts)
        .set({ version: sql`${licenseContracts.version} + 1`, updatedAt: at })
        .where(eq(licenseContracts.licenseId, request.licenseId));
    }
    await tx
      .update(contactChangeRequests)
      .set({ status: approved ? "approved" : "rejected", reviewedByStaffId: actor.accountId, reviewedAt: at, reviewNote: note })
      .where(eq(contactChangeRequests.id, requestId));
    await tx.insert(contractHistory).values({
      licenseId: request.licenseId,
      actorType: "staff",
      actorId: actor.accountId,
      actorEmail: actor.email,
      action: approved ? "contacts.name_change_approved" : "contacts.name_change_rejected",
      before: approved ? { [`${request.role}.companyName`]: before.companyName, [`${request.role}.branchName`]: before.branchName } : null,
      after: approved
        ? { [`${request.role}.companyName`]: after.companyName, [`${request.role}.branchName`]: after.branchName, requestId }
        : { requestId, note },
      createdAt: at,
    });
    const [requester] = await tx.select({ email: customerAccounts.email }).from(customerAccounts).where(eq(customerAccounts.id, request.customerAccountId));
    const to = [...new Set([...contacts.map((c) => c.email), ...(requester ? [requester.email] : [])])];
    await enqueueMail(tx, nameChangeDecisionMail({ to, licenseId: request.licenseId, approved, before, after, note, requestedAt: request.createdAt, at }));
    await writeAudit(
      staffAuditEvent(
        actor,
        approved ? "name_change.approved" : "name_change.rejected",
        { type: "contact_change_request", id: requestId },
        { licenseId: request.licenseId },
      ),
      tx,
    );
    return { status: approved ? ("approved" as const) : ("rejected" as const), licenseId: request.licenseId };
  });
}

export type EditableContract = {
  licenseId: number;
  version: number;
  contacts: Record<ContactRole, Record<ContactField, string | null>>;
  pendingNameChange: { requestedCompanyName: string; requestedBranchName: string | null; createdAt: Date; dueDate: string } | null;
};

/** The B-5 form's starting point: both contacts as they are now, and the version the form is based on. */
export async function getEditableContract({
  actor,
  licenseId,
}: {
  actor: Pick<CustomerActor, "email">;
  licenseId: number;
}): Promise<EditableContract | undefined> {
  const db = await getDb();
  const loaded = await loadContract(db, actor, licenseId, false);
  if (!loaded) return undefined;
  const pick = (row: ContactRow) => Object.fromEntries(CONTACT_FIELDS.map((field) => [field, row[field] ?? null])) as Record<ContactField, string | null>;
  const pending = await pendingRequest(db, licenseId);
  return {
    licenseId,
    version: loaded.version,
    contacts: { contract: pick(loaded.contacts.contract), support: pick(loaded.contacts.support) },
    pendingNameChange: pending
      ? {
          requestedCompanyName: pending.requestedCompanyName,
          requestedBranchName: pending.requestedBranchName,
          createdAt: pending.createdAt,
          dueDate: pending.dueDate,
        }
      : null,
  };
}

export type QueuedNameChange = {
  id: number;
  licenseId: number;
  requesterEmail: string;
  currentName: { companyName: string; branchName: string | null };
  requested: { companyName: string; branchName: string | null; corporateNumber: string | null; reason: string };
  registry: RegistryCompany | null;
  createdAt: Date;
  dueDate: string;
  overdue: boolean;
};

/**
 * G-3: the pending requests, the earliest due first (so the overdue ones lead, marked), each with its registry entry
 * when one was chosen at B-5. Staff see every contract (G-6): no customer visibility applies here.
 */
export async function listPendingNameChanges({ actor, limit = 200 }: { actor: StaffActor; limit?: number }): Promise<QueuedNameChange[]> {
  authorizeStaff(actor, "name-change.review");
  const db = await getDb();
  const rows = await db
    .select({
      id: contactChangeRequests.id,
      licenseId: contactChangeRequests.licenseId,
      requesterEmail: customerAccounts.email,
      before: contactChangeRequests.before,
      requestedCompanyName: contactChangeRequests.requestedCompanyName,
      requestedBranchName: contactChangeRequests.requestedBranchName,
      corporateNumber: contactChangeRequests.corporateNumber,
      reason: contactChangeRequests.reason,
      createdAt: contactChangeRequests.createdAt,
      dueDate: contactChangeRequests.dueDate,
      // Left-joined: Drizzle gives null for the whole object when no registry entry was chosen.
      registry: registryCompanyColumns,
    })
    .from(contactChangeRequests)
    .innerJoin(customerAccounts, eq(customerAccounts.id, contactChangeRequests.customerAccountId))
    .leftJoin(corporateRegistry, eq(corporateRegistry.corporateNumber, contactChangeRequests.corporateNumber))
    .where(eq(contactChangeRequests.status, "pending"))
    .orderBy(asc(contactChangeRequests.dueDate), asc(contactChangeRequests.createdAt), asc(contactChangeRequests.id))
    .limit(limit);
  const today = tokyoDate(now());
  return rows.map((row) => ({
    id: row.id,
    licenseId: row.licenseId,
    requesterEmail: row.requesterEmail,
    currentName: row.before as { companyName: string; branchName: string | null },
    requested: { companyName: row.requestedCompanyName, branchName: row.requestedBranchName, corporateNumber: row.corporateNumber, reason: row.reason },
    registry: row.registry,
    createdAt: row.createdAt,
    dueDate: row.dueDate,
    overdue: row.dueDate < today,
  }));
}
