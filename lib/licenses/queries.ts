import "server-only";
import { and, asc, count, desc, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Executor } from "@/db/client";
import { contractContacts, contractProducts, licenseContracts, products } from "@/db/schema";
import type { VisibilityActor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import { addToIsoDate, tokyoDate } from "@/lib/dates";
import { hasOnlySiteProducts, isContactOf, oldestVisibleEndDate, visibleTo } from "./visibility";

export type ContractStatus = "active" | "expired";
export type LicenseSortKey = "licenseId" | "product" | "status" | "supportEndDate";
export type LicenseListQuery = {
  licenseId?: number;
  status?: ContractStatus;
  /** N-2: the contract's product, by its code. */
  product?: string;
  /** N-2: サポート終了日 from today to today + N days (Tokyo calendar). */
  endingWithinDays?: number;
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

/** N-2: whether a サポート終了日 is from `today` to `today` + `days` (the list's filter and its badge agree on it). */
export function endsWithin(supportEndDate: string, today: string, days: number): boolean {
  return supportEndDate >= today && supportEndDate <= addToIsoDate(today, { days });
}

/** B-1 and N-2's conditions, on license_contracts joined with its product. */
function listFilters(email: string, query: Omit<LicenseListQuery, "sort" | "direction" | "page" | "pageSize">) {
  const at = now();
  const today = tokyoDate(at);
  return and(
    visibleTo(email, at),
    query.licenseId !== undefined ? eq(licenseContracts.licenseId, query.licenseId) : undefined,
    query.status ? eq(licenseContracts.status, query.status) : undefined,
    query.product ? eq(products.code, query.product) : undefined,
    query.endingWithinDays !== undefined
      ? and(gte(licenseContracts.supportEndDate, today), lte(licenseContracts.supportEndDate, addToIsoDate(today, { days: query.endingWithinDays })))
      : undefined,
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

/** The list's order; the license ID breaks ties, so that paging is stable. */
function listOrder(query: Pick<LicenseListQuery, "sort" | "direction">): SQL[] {
  const order = query.direction === "asc" ? asc : desc;
  return [order(SORT_COLUMNS[query.sort]), query.sort === "licenseId" ? order(licenseContracts.licenseId) : asc(licenseContracts.licenseId)];
}

function listRows(email: string, query: Omit<LicenseListQuery, "page" | "pageSize">, limit: number, offset: number): Promise<LicenseListRow[]>;
function listRows(
  email: string,
  query: Omit<LicenseListQuery, "page" | "pageSize">,
  limit: number,
  offset: number,
  withTotal: true,
): Promise<(LicenseListRow & { total: number })[]>;
function listRows(email: string, query: Omit<LicenseListQuery, "page" | "pageSize">, limit: number, offset: number, withTotal = false) {
  return getDb().then((db) =>
    db
      .select(withTotal ? { ...listColumns, ...totalColumn } : listColumns)
      .from(licenseContracts)
      .innerJoin(products, eq(products.id, licenseContracts.productId))
      .where(listFilters(email, query))
      .orderBy(...listOrder(query))
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
  const [totalRow] = await db
    .select({ total: count() })
    .from(licenseContracts)
    .innerJoin(products, eq(products.id, licenseContracts.productId))
    .where(listFilters(email, query));
  return { rows, total: Number(totalRow?.total ?? 0) };
}

export type LicenseLineRow = LicenseListRow & {
  line: { productName: string; quantity: number; startDate: string; endDate: string; supportEndDate: string } | null;
  contract: { companyName: string; email: string };
  support: { companyName: string; email: string };
};

const lineProducts = alias(products, "line_products");
const contractContact = alias(contractContacts, "contract_contact");
const supportContact = alias(contractContacts, "support_contact");

/**
 * B-1 CSV (N-2, an asset register): the filtered list in its order, one row per product line with both contacts'
 * company and e-mail, in chunks of `chunk` contracts for the caller to stream. Each chunk is one query: the page of
 * visible contracts (B-0 and the filters in its WHERE, as the list) joined with its lines and contacts.
 */
export async function* iterateVisibleContractLines({
  actor,
  query,
  chunk = 500,
}: {
  actor: VisibilityActor;
  query: Omit<LicenseListQuery, "page" | "pageSize">;
  chunk?: number;
}): AsyncGenerator<LicenseLineRow[]> {
  const { email } = actor;
  const ordering = listOrder(query);
  const db = await getDb();
  for (let offset = 0; ; offset += chunk) {
    const page = db.$with("page").as(
      db
        // The list's order, numbered, so the lines of a contract follow it in the outer query.
        .select({ ...listColumns, position: sql<number>`row_number() OVER (ORDER BY ${sql.join(ordering, sql`, `)})`.as("position") })
        .from(licenseContracts)
        .innerJoin(products, eq(products.id, licenseContracts.productId))
        .where(listFilters(email, query))
        .orderBy(...ordering)
        .limit(chunk)
        .offset(offset),
    );
    const rows = await db
      .with(page)
      .select({
        licenseId: page.licenseId,
        productName: page.productName,
        status: page.status,
        supportEndDate: page.supportEndDate,
        position: page.position,
        lineProduct: lineProducts.name,
        quantity: contractProducts.quantity,
        lineStart: contractProducts.startDate,
        lineEnd: contractProducts.endDate,
        lineSupportEnd: contractProducts.supportEndDate,
        contractCompany: contractContact.companyName,
        contractEmail: contractContact.email,
        supportCompany: supportContact.companyName,
        supportEmail: supportContact.email,
      })
      .from(page)
      .innerJoin(contractContact, and(eq(contractContact.licenseId, page.licenseId), eq(contractContact.role, "contract")))
      .innerJoin(supportContact, and(eq(supportContact.licenseId, page.licenseId), eq(supportContact.role, "support")))
      .leftJoin(contractProducts, eq(contractProducts.licenseId, page.licenseId))
      .leftJoin(lineProducts, eq(lineProducts.id, contractProducts.productId))
      .orderBy(asc(page.position), asc(contractProducts.id));
    if (rows.length)
      yield rows.map((r) => ({
        licenseId: r.licenseId,
        productName: r.productName,
        status: r.status as ContractStatus,
        supportEndDate: r.supportEndDate,
        line:
          r.lineProduct === null
            ? null
            : { productName: r.lineProduct, quantity: r.quantity!, startDate: r.lineStart!, endDate: r.lineEnd!, supportEndDate: r.lineSupportEnd! },
        contract: { companyName: r.contractCompany, email: r.contractEmail },
        support: { companyName: r.supportCompany, email: r.supportEmail },
      }));
    const contracts = new Set(rows.map((r) => r.licenseId)).size;
    if (contracts < chunk) return;
  }
}

/** N-2: the products of the customer's visible contracts (B-0), for the list's product filter; by name. */
export async function listVisibleProducts({ actor }: { actor: VisibilityActor }): Promise<{ code: string; name: string }[]> {
  const db = await getDb();
  return db
    .selectDistinct({ code: products.code, name: products.name })
    .from(licenseContracts)
    .innerJoin(products, eq(products.id, licenseContracts.productId))
    .where(visibleTo(actor.email, now()))
    .orderBy(asc(products.name), asc(products.code));
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
