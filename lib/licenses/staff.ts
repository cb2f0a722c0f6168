import "server-only";
import { and, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import {
  companies,
  contractContacts,
  contractHistory,
  contractProducts,
  customerAccounts,
  issuanceRequests,
  licenseContracts,
  products,
  renewalQuotes,
  type ContractContact,
} from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { authorizeStaff } from "@/lib/auth/permissions";
import { staffAuditEvent, writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { activationCodeKey, isActivationCodeKey } from "@/lib/licenses/activation-code";
import { CONTACT_COLUMNS, CONTRACT_COLUMNS, LINE_COLUMNS, readVisibilityFacts } from "@/lib/licenses/queries";
import { hasOnlySiteProducts, isContactOf, oldestVisibleEndDate, VISIBLE_STATUSES } from "@/lib/licenses/visibility";
import { registrySearchKey } from "@/lib/registry/normalise";
import { normaliseEmail } from "@/lib/security/email";

// SPEC G-6, for operators and admins (`contracts.read`, `contracts.write`, checked inside each function): any contract, found by
// ライセンスID, activation code, contact e-mail or company name; everything the customer's pages show and what they
// do not (the history, the issuance requests, the quotes a customer was shown); B-0's verdict for one e-mail, each
// condition with its reason; 表示設定 (B-0 condition 5) set or cleared, with its history and audit rows.

export const STAFF_SEARCH_LIMIT = 50;

export type StaffContractRow = { licenseId: number; companyName: string; productName: string; status: string; endDate: string; hidden: boolean };
export type StaffSearchKind = "licenseId" | "code" | "email" | "company";
export type StaffSearchResult = { kind: StaffSearchKind; rows: StaffContractRow[]; more: boolean };

const KATAKANA = Array.from({ length: 0x30f6 - 0x30a1 + 1 }, (_, i) => String.fromCodePoint(0x30a1 + i)).join("");
const HIRAGANA = Array.from({ length: 0x30f6 - 0x30a1 + 1 }, (_, i) => String.fromCodePoint(0x3041 + i)).join("");

/** registrySearchKey (lib/registry/normalise.ts) in SQL, for a column: NFKC, lower case, katakana → hiragana, separators out. */
function searchKeyOf(column: SQL | typeof companies.name | typeof contractContacts.companyName): SQL {
  return sql`regexp_replace(translate(lower(normalize(${column}, NFKC)), ${KATAKANA}, ${HIRAGANA}),
                            ${"[[:space:]\u3000・･·\u2010-\u2015_.,、。'’\"“”-]"}, '', 'g')`;
}

/** What the query looks like: digits are a ライセンスID, an @ an e-mail, a well-formed code a code, anything else a name. */
export function classifyStaffQuery(raw: string): { kind: StaffSearchKind; value: string } | null {
  // Control characters (a NUL among them, which PostgreSQL refuses in text) are no part of any of the four.
  const text = raw
    .normalize("NFKC")
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim();
  if (!text) return null;
  if (/^\d{1,15}$/.test(text)) return { kind: "licenseId", value: text };
  if (text.includes("@")) return { kind: "email", value: normaliseEmail(text) };
  const key = activationCodeKey(text);
  if (isActivationCodeKey(key)) return { kind: "code", value: key };
  const name = registrySearchKey(text);
  return name ? { kind: "company", value: name } : null;
}

/**
 * The contract's 法人名 as it is now: its 契約窓口's. `companies` keeps the company of the order (the import's key for
 * it), which a name change approved under G-3 does not rename; reading it made the summary show the old name beside
 * the new one under 契約窓口 (issue 29 item 12). The order's name only when a contract has no 契約窓口 row.
 */
const currentCompanyName = sql<string>`coalesce(${contractContacts.companyName}, ${companies.name})`;
const contractContactOf = and(eq(contractContacts.licenseId, licenseContracts.licenseId), eq(contractContacts.role, "contract"));

export async function findContractsForStaff({ actor, query: raw }: { actor: StaffActor; query: string }): Promise<StaffSearchResult | null> {
  authorizeStaff(actor, "contracts.read");
  const query = classifyStaffQuery(raw);
  if (!query) return null;
  const db = await getDb();
  let where: SQL;
  if (query.kind === "licenseId") where = eq(licenseContracts.licenseId, Number(query.value));
  else if (query.kind === "code")
    where = inArray(
      licenseContracts.licenseId,
      db.select({ id: contractProducts.licenseId }).from(contractProducts).where(eq(contractProducts.activationCodeKey, query.value)),
    );
  else if (query.kind === "email")
    where = inArray(
      licenseContracts.licenseId,
      db
        .select({ id: contractContacts.licenseId })
        .from(contractContacts)
        .where(or(eq(contractContacts.email, query.value), eq(contractContacts.previousEmail, query.value))),
    );
  else {
    const pattern = `%${query.value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where = or(
      sql`${searchKeyOf(companies.name)} LIKE ${pattern}`,
      inArray(
        licenseContracts.licenseId,
        db
          .select({ id: contractContacts.licenseId })
          .from(contractContacts)
          .where(sql`${searchKeyOf(contractContacts.companyName)} LIKE ${pattern}`),
      ),
    )!;
  }
  const rows = await db
    .select({
      licenseId: licenseContracts.licenseId,
      companyName: currentCompanyName,
      productName: products.name,
      status: licenseContracts.status,
      endDate: licenseContracts.endDate,
      hidden: licenseContracts.hiddenByCustomer,
    })
    .from(licenseContracts)
    .innerJoin(companies, eq(companies.id, licenseContracts.companyId))
    .leftJoin(contractContacts, contractContactOf)
    .innerJoin(products, eq(products.id, licenseContracts.productId))
    .where(where)
    .orderBy(licenseContracts.licenseId)
    .limit(STAFF_SEARCH_LIMIT + 1);
  return { kind: query.kind, rows: rows.slice(0, STAFF_SEARCH_LIMIT), more: rows.length > STAFF_SEARCH_LIMIT };
}

export type StaffContractDetail = {
  licenseId: number;
  companyName: string;
  productName: string;
  status: string;
  startDate: string;
  endDate: string;
  supportEndDate: string;
  hidden: boolean;
  version: number;
  contacts: Pick<
    ContractContact,
    | "role"
    | "companyName"
    | "branchName"
    | "department"
    | "personName"
    | "postalCode"
    | "prefecture"
    | "address"
    | "phone"
    | "email"
    | "previousEmail"
    | "emailEffectiveAt"
  >[];
  lines: {
    id: number;
    productName: string;
    quantity: number;
    startDate: string;
    endDate: string;
    supportEndDate: string;
    activationCode: string | null;
    source: "order" | "issued";
    issuanceRequestId: number | null;
  }[];
  requests: { id: number; kind: string; status: string; contactEmail: string; accountEmail: string; createdAt: Date; issuedAt: Date | null }[];
  quotes: { id: number; accountEmail: string; quoteDate: string; validUntil: string; totalYen: number; successors: string[]; createdAt: Date }[];
  history: { id: number; actorType: string; actorEmail: string | null; action: string; before: unknown; after: unknown; createdAt: Date }[];
};

/** The history shown on the page: the newest first, this many. */
export const STAFF_HISTORY_LIMIT = 200;

export async function getContractForStaff({ actor, licenseId }: { actor: StaffActor; licenseId: number }): Promise<StaffContractDetail | undefined> {
  authorizeStaff(actor, "contracts.read");
  const db = await getDb();
  const [contract] = await db
    .select({ ...CONTRACT_COLUMNS, companyName: currentCompanyName, hidden: licenseContracts.hiddenByCustomer, version: licenseContracts.version })
    .from(licenseContracts)
    .innerJoin(companies, eq(companies.id, licenseContracts.companyId))
    .leftJoin(contractContacts, contractContactOf)
    .innerJoin(products, eq(products.id, licenseContracts.productId))
    .where(eq(licenseContracts.licenseId, licenseId));
  if (!contract) return undefined;
  const [contacts, lines, requests, quotes, history] = await Promise.all([
    db
      .select({ ...CONTACT_COLUMNS, previousEmail: contractContacts.previousEmail, emailEffectiveAt: contractContacts.emailEffectiveAt })
      .from(contractContacts)
      .where(eq(contractContacts.licenseId, licenseId))
      .orderBy(contractContacts.role),
    db
      .select({ id: contractProducts.id, ...LINE_COLUMNS, source: contractProducts.source, issuanceRequestId: contractProducts.issuanceRequestId })
      .from(contractProducts)
      .innerJoin(products, eq(products.id, contractProducts.productId))
      .where(eq(contractProducts.licenseId, licenseId))
      .orderBy(contractProducts.id),
    db
      .select({
        id: issuanceRequests.id,
        kind: issuanceRequests.kind,
        status: issuanceRequests.status,
        contactEmail: issuanceRequests.contactEmail,
        accountEmail: customerAccounts.email,
        createdAt: issuanceRequests.createdAt,
        issuedAt: issuanceRequests.issuedAt,
      })
      .from(issuanceRequests)
      .innerJoin(customerAccounts, eq(customerAccounts.id, issuanceRequests.customerAccountId))
      .where(eq(issuanceRequests.licenseId, licenseId))
      .orderBy(desc(issuanceRequests.id)),
    db
      .select({
        id: renewalQuotes.id,
        accountEmail: customerAccounts.email,
        quoteDate: renewalQuotes.quoteDate,
        validUntil: renewalQuotes.validUntil,
        totalYen: renewalQuotes.totalYen,
        lines: renewalQuotes.lines,
        createdAt: renewalQuotes.createdAt,
      })
      .from(renewalQuotes)
      .innerJoin(customerAccounts, eq(customerAccounts.id, renewalQuotes.customerAccountId))
      .where(eq(renewalQuotes.licenseId, licenseId))
      .orderBy(desc(renewalQuotes.id)),
    db
      .select({
        id: contractHistory.id,
        actorType: contractHistory.actorType,
        actorEmail: contractHistory.actorEmail,
        action: contractHistory.action,
        before: contractHistory.before,
        after: contractHistory.after,
        createdAt: contractHistory.createdAt,
      })
      .from(contractHistory)
      .where(eq(contractHistory.licenseId, licenseId))
      .orderBy(desc(contractHistory.createdAt), desc(contractHistory.id))
      .limit(STAFF_HISTORY_LIMIT),
  ]);
  return {
    ...contract,
    contacts,
    lines,
    requests,
    quotes: quotes.map(({ lines: quoted, ...quote }) => ({ ...quote, successors: quoted.map((line) => line.successorName) })),
    history,
  };
}

/** B-0's five conditions for one e-mail and one contract, each with whether it holds and what decides it. */
export type VisibilityCondition =
  | { condition: 1; holds: boolean; contacts: string[] }
  | { condition: 2; holds: boolean; category: boolean; product: boolean }
  | { condition: 3; holds: boolean; endDate: string; oldestShown: string }
  | { condition: 4; holds: boolean; status: string }
  | { condition: 5; holds: boolean };

export type VisibilityVerdict = { email: string; visible: boolean; conditions: VisibilityCondition[] };

/** G-6: would `email` see the contract (B-0), and if not, which conditions fail — all of them, in B-0's order. */
export async function explainVisibility({
  actor,
  licenseId,
  email: rawEmail,
}: {
  actor: StaffActor;
  licenseId: number;
  email: string;
}): Promise<VisibilityVerdict | undefined> {
  authorizeStaff(actor, "contracts.read");
  const db = await getDb();
  const at = now();
  const email = normaliseEmail(rawEmail);
  const facts = await readVisibilityFacts(db, licenseId);
  if (!facts) return undefined;
  const { row, holds } = facts;
  const [contact, category, product, contacts] = await Promise.all([
    holds(isContactOf(email, at)),
    holds(hasOnlySiteProducts({ category: true, product: false })),
    holds(hasOnlySiteProducts({ category: false, product: true })),
    db.select({ email: contractContacts.email }).from(contractContacts).where(eq(contractContacts.licenseId, licenseId)).orderBy(contractContacts.role),
  ]);
  const oldestShown = oldestVisibleEndDate(at);
  const conditions: VisibilityCondition[] = [
    { condition: 1, holds: contact, contacts: [...new Set(contacts.map((c) => c.email))] },
    { condition: 2, holds: category && product, category, product },
    { condition: 3, holds: row.endDate > oldestShown, endDate: row.endDate, oldestShown },
    { condition: 4, holds: (VISIBLE_STATUSES as readonly string[]).includes(row.status), status: row.status },
    { condition: 5, holds: !row.hidden },
  ];
  return { email, visible: conditions.every((c) => c.holds), conditions };
}

/**
 * G-6 表示設定: hide the contract at the customer's request, or show it again. The change, its history row (who,
 * when, before → after) and its audit row commit together; the row is locked, and a form made before another change
 * of the same contract (its version) is refused. Nothing changes when the setting is already so.
 */
export async function setContractHidden({
  actor,
  licenseId,
  hidden,
  version,
}: {
  actor: StaffActor;
  licenseId: number;
  hidden: boolean;
  version: number;
}): Promise<"changed" | "unchanged" | "stale" | "not_found"> {
  authorizeStaff(actor, "contracts.write");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ hidden: licenseContracts.hiddenByCustomer, version: licenseContracts.version })
      .from(licenseContracts)
      .where(eq(licenseContracts.licenseId, licenseId))
      .for("update");
    if (!row) return "not_found";
    if (row.version !== version) return "stale";
    if (row.hidden === hidden) return "unchanged";
    const at = now();
    await tx
      .update(licenseContracts)
      .set({ hiddenByCustomer: hidden, version: sql`${licenseContracts.version} + 1`, updatedAt: at })
      .where(eq(licenseContracts.licenseId, licenseId));
    await tx.insert(contractHistory).values({
      licenseId,
      actorType: "staff",
      actorId: actor.accountId,
      actorEmail: actor.email,
      action: "display.changed",
      before: { hiddenByCustomer: row.hidden },
      after: { hiddenByCustomer: hidden },
      createdAt: at,
    });
    await writeAudit(
      staffAuditEvent(actor, "contracts.display-changed", { type: "license", id: licenseId }, { hiddenBefore: row.hidden, hiddenAfter: hidden }),
      tx,
    );
    return "changed";
  });
}
