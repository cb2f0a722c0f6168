import "server-only";
import { and, asc, count, desc, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { contractContacts, contractProducts, licenseContracts, products } from "@/db/schema";
import type { VisibilityActor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import { hasOnlySiteProducts, isContactOf, oldestVisibleEndDate, visibleTo } from "./visibility";

export type ContractStatus = "active" | "expired";
export type LicenseSortKey = "licenseId" | "product" | "status" | "supportEndDate";
export type LicenseListQuery = {
  licenseId?: number;
  status?: ContractStatus;
  supportEndFrom?: string;
  supportEndTo?: string;
  sort: LicenseSortKey;
  direction: "asc" | "desc";
  page: number;
  pageSize: number;
};
export type LicenseListRow = { licenseId: number; productName: string; status: ContractStatus; supportEndDate: string };

const SORT_COLUMNS = {
  licenseId: licenseContracts.licenseId,
  product: products.name,
  status: licenseContracts.status,
  supportEndDate: licenseContracts.supportEndDate,
} as const;

function listFilters(email: string, query: Omit<LicenseListQuery, "sort" | "direction" | "page" | "pageSize">) {
  return and(
    visibleTo(email, now()),
    query.licenseId !== undefined ? eq(licenseContracts.licenseId, query.licenseId) : undefined,
    query.status ? eq(licenseContracts.status, query.status) : undefined,
    query.supportEndFrom ? gte(licenseContracts.supportEndDate, query.supportEndFrom) : undefined,
    query.supportEndTo ? lte(licenseContracts.supportEndDate, query.supportEndTo) : undefined,
  );
}

const listColumns = {
  licenseId: licenseContracts.licenseId,
  productName: products.name,
  status: licenseContracts.status,
  supportEndDate: licenseContracts.supportEndDate,
};
// The number of rows of the whole filtered list, computed before LIMIT and repeated on every row of the page.
const totalColumn = { total: sql<number>`count(*) OVER ()`.mapWith(Number) };

function listRows(email: string, query: Omit<LicenseListQuery, "page" | "pageSize">, limit: number, offset: number): Promise<LicenseListRow[]>;
function listRows(
  email: string,
  query: Omit<LicenseListQuery, "page" | "pageSize">,
  limit: number,
  offset: number,
  withTotal: true,
): Promise<(LicenseListRow & { total: number })[]>;
function listRows(email: string, query: Omit<LicenseListQuery, "page" | "pageSize">, limit: number, offset: number, withTotal = false) {
  const order = query.direction === "asc" ? asc : desc;
  return getDb().then((db) =>
    db
      .select(withTotal ? { ...listColumns, ...totalColumn } : listColumns)
      .from(licenseContracts)
      .innerJoin(products, eq(products.id, licenseContracts.productId))
      .where(listFilters(email, query))
      // The license ID breaks ties, so that paging is stable.
      .orderBy(order(SORT_COLUMNS[query.sort]), query.sort === "licenseId" ? order(licenseContracts.licenseId) : asc(licenseContracts.licenseId))
      .limit(limit)
      .offset(offset),
  );
}

/**
 * B-1 保有ライセンス一覧: the visible contracts of a login e-mail, filtered, sorted and paged in SQL. The total comes
 * with the page (count(*) OVER (), computed before LIMIT): one pass over the customer's contracts instead of two —
 * for a customer with 5,000 contracts, B-0 is checked 5,000 times either way, and a separate count doubled it.
 */
export async function listVisibleContracts({
  actor,
  query,
}: {
  actor: VisibilityActor;
  query: LicenseListQuery;
}): Promise<{ rows: LicenseListRow[]; total: number }> {
  const { email } = actor;
  const offset = (query.page - 1) * query.pageSize;
  const page = await listRows(email, query, query.pageSize, offset, true);
  const rows = page.map(({ total: _total, ...row }) => row);
  if (page.length > 0) return { rows, total: page[0]!.total };
  if (offset === 0) return { rows, total: 0 };
  // A page past the end has no row to carry the total.
  const db = await getDb();
  const [totalRow] = await db.select({ total: count() }).from(licenseContracts).where(listFilters(email, query));
  return { rows, total: Number(totalRow?.total ?? 0) };
}

/** B-1 CSV: every row of the filtered list (no paging, no total), in chunks for the caller to stream. */
export async function* iterateVisibleContracts({
  actor,
  query,
  chunk = 1000,
}: {
  actor: VisibilityActor;
  query: Omit<LicenseListQuery, "page" | "pageSize">;
  chunk?: number;
}): AsyncGenerator<LicenseListRow[]> {
  const { email } = actor;
  for (let offset = 0; ; offset += chunk) {
    const rows = await listRows(email, query, chunk, offset);
    if (rows.length) yield rows;
    if (rows.length < chunk) return;
  }
}

export type ContactInfo = {
  companyName: string;
  branchName: string | null;
  department: string | null;
  personName: string;
  postalCode: string | null;
  prefecture: string | null;
  address: string | null;
  phone: string | null;
  email: string;
};
export type ContractLine = { productName: string; quantity: number; startDate: string; endDate: string; supportEndDate: string; activationCode: string | null };
export type ContractDetail = {
  licenseId: number;
  productName: string;
  status: ContractStatus;
  startDate: string;
  endDate: string;
  supportEndDate: string;
  contractContact: ContactInfo;
  supportContact: ContactInfo;
  lines: ContractLine[];
};

/** A contact as B-2 shows it (the staff view of G-6 adds the A-9 columns). */
export const CONTACT_COLUMNS = {
  role: contractContacts.role,
  companyName: contractContacts.companyName,
  branchName: contractContacts.branchName,
  department: contractContacts.department,
  personName: contractContacts.personName,
  postalCode: contractContacts.postalCode,
  prefecture: contractContacts.prefecture,
  address: contractContacts.address,
  phone: contractContacts.phone,
  email: contractContacts.email,
};

/** A contract's own columns as B-2 shows them (the staff view of G-6 adds the company, 表示設定 and the version). */
export const CONTRACT_COLUMNS = {
  licenseId: licenseContracts.licenseId,
  productName: products.name,
  status: licenseContracts.status,
  startDate: licenseContracts.startDate,
  endDate: licenseContracts.endDate,
  supportEndDate: licenseContracts.supportEndDate,
};

/** A product line as B-2 shows it, joined with its product (the staff view of G-6 adds where the line came from). */
export const LINE_COLUMNS = {
  productName: products.name,
  quantity: contractProducts.quantity,
  startDate: contractProducts.startDate,
  endDate: contractProducts.endDate,
  supportEndDate: contractProducts.supportEndDate,
  activationCode: contractProducts.activationCode,
};

/** B-2: one visible contract with its contacts and product lines; undefined when not visible to this e-mail. */
export async function getVisibleContract({ actor, licenseId }: { actor: VisibilityActor; licenseId: number }): Promise<ContractDetail | undefined> {
  const { email } = actor;
  const db = await getDb();
  const [contract] = await db
    .select(CONTRACT_COLUMNS)
    .from(licenseContracts)
    .innerJoin(products, eq(products.id, licenseContracts.productId))
    .where(and(eq(licenseContracts.licenseId, licenseId), visibleTo(email, now())))
    .limit(1);
  if (!contract) return undefined;
  const contactColumns = CONTACT_COLUMNS;
  const [contacts, lines] = await Promise.all([
    db.select(contactColumns).from(contractContacts).where(eq(contractContacts.licenseId, licenseId)),
    db
      .select(LINE_COLUMNS)
      .from(contractProducts)
      .innerJoin(products, eq(products.id, contractProducts.productId))
      .where(eq(contractProducts.licenseId, licenseId))
      .orderBy(asc(contractProducts.id)),
  ]);
  const pick = (role: "contract" | "support") => {
    const { role: _role, ...contact } = contacts.find((c) => c.role === role)!;
    return contact;
  };
  return {
    ...(contract as Omit<ContractDetail, "contractContact" | "supportContact" | "lines">),
    contractContact: pick("contract"),
    supportContact: pick("support"),
    lines,
  };
}

/** B-7: the license ID of the contract holding this activation code, only if that contract is visible. */
export async function findVisibleLicenseIdByCode({ actor, codeKey }: { actor: VisibilityActor; codeKey: string }): Promise<number | undefined> {
  const { email } = actor;
  const db = await getDb();
  const [row] = await db
    .select({ licenseId: licenseContracts.licenseId })
    .from(contractProducts)
    .innerJoin(licenseContracts, eq(licenseContracts.licenseId, contractProducts.licenseId))
    .where(and(eq(contractProducts.activationCodeKey, codeKey), visibleTo(email, now())))
    .limit(1);
  return row?.licenseId;
}

/**
 * What B-0 asks of one contract, for the B-8 diagnosis and the staff verdict of G-6: its row (conditions 3 to 5) and
 * `holds`, whether a condition (1 or 2, a correlated subquery) holds for it; undefined when there is no such contract.
 */
export async function readVisibilityFacts(db: Executor, licenseId: number) {
  const byId = eq(licenseContracts.licenseId, licenseId);
  // The conditions are used in WHERE position, where Drizzle qualifies every column of the correlated subqueries.
  const holds = async (condition: SQL) =>
    (
      await db
        .select({ one: sql`1` })
        .from(licenseContracts)
        .where(and(byId, condition))
        .limit(1)
    ).length > 0;
  const [row] = await db
    .select({ hidden: licenseContracts.hiddenByCustomer, status: licenseContracts.status, endDate: licenseContracts.endDate })
    .from(licenseContracts)
    .where(byId)
    .limit(1);
  return row && { row, holds };
}

export type AccessDiagnosis = "visible" | "not_contact" | "hidden" | "category" | "excluded_product" | "status" | "too_old";

/**
 * B-8: why a contract is not visible, to choose the message. Whoever is not a contact learns nothing — a contract
 * that does not exist and one of somebody else answer alike ("not_contact"); only a contact gets the MSG number.
 */
export async function diagnoseAccess({
  actor,
  target,
}: {
  actor: VisibilityActor;
  target: { licenseId: number } | { codeKey: string };
}): Promise<AccessDiagnosis> {
  const { email } = actor;
  const db = await getDb();
  const at = now();
  let licenseId: number | undefined;
  if ("licenseId" in target) licenseId = target.licenseId;
  else {
    const [line] = await db
      .select({ licenseId: contractProducts.licenseId })
      .from(contractProducts)
      .where(eq(contractProducts.activationCodeKey, target.codeKey))
      .limit(1);
    licenseId = line?.licenseId;
  }
  if (licenseId === undefined) return "not_contact";
  const facts = await readVisibilityFacts(db, licenseId);
  if (!facts || !(await facts.holds(isContactOf(email, at)))) return "not_contact";
  const { row, holds } = facts;
  // The manual's order: 表示設定 (MSG01), 対象製品 category (MSG02) and product (MSG03), 登録ステータス (MSG04).
  if (row.hidden) return "hidden";
  if (!(await holds(hasOnlySiteProducts({ category: true, product: false })))) return "category";
  if (!(await holds(hasOnlySiteProducts({ category: false, product: true })))) return "excluded_product";
  if (row.status === "registering" || row.status === "invalid") return "status";
  if (row.endDate <= oldestVisibleEndDate(at)) return "too_old";
  return "visible";
}
