import { randomBytes, randomInt } from "node:crypto";
import { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import * as s from "@/db/schema";
import type { CustomerActor, StaffActor } from "@/lib/auth/actor";
import { completeMfa, type MfaResult } from "@/lib/auth/mfa";
import { hashPassword } from "@/lib/auth/password-hash";
import { signInStaff, type SignInContext, type SignInResult } from "@/lib/auth/sign-in";
import { newTotpSecret, sealSecret, secretContext, TOTP_PERIOD_SECONDS, totpCode } from "@/lib/auth/totp";
import { blobStore } from "@/lib/blob/store";
import { advanceClock, now } from "@/lib/clock";
import { addToIsoDate, tokyoDate } from "@/lib/dates";
import { formatActivationCode, generateActivationCode } from "@/lib/licenses/activation-code";
import { registrySearchKey } from "@/lib/registry/normalise";
import { normaliseEmail } from "@/lib/security/email";
import { createZip } from "@/lib/zip/create-zip";

// Small factories over the real database (STYLE, Tests: "each test seeds its own data"), so that an integration test
// creates what it is about instead of editing the SPEC X-2 demo rows and putting them back. Rows are shaped like the
// demo seed's (lib/demo/seed.ts). Every call makes unique values (a counter and a random suffix: license IDs, e-mails,
// product codes, activation codes), so tests of one file never collide, with each other nor with the demo data.
// Dates are relative to lib/clock's now(), so a test that sets the clock first gets data relative to that day.
//
// The defaults make a contract that B-0 shows to its 契約窓口 e-mail: 有効, ending in a year, one line of a product of
// its own in a category of its own that the site handles, not hidden. A test states only what it is about.

const DAY_MS = 24 * 60 * 60 * 1000;
let counter = 0;

/** A short tag unique to this call: the counter, then a random suffix. */
function uniqueTag(): string {
  counter += 1;
  return `${counter}${randomBytes(3).toString("hex")}`;
}

/** A lower-case address nobody else uses (the demo's and the other factories' included). */
export function uniqueEmail(label = "customer"): string {
  return `${label}-${uniqueTag()}@factory.example.co.jp`;
}

/** 9 digits starting with 9: the counter and a random suffix (the demo's IDs have 6 digits). */
function uniqueLicenseId(): number {
  counter += 1;
  return Number(`9${String(counter).padStart(5, "0")}${String(randomInt(1000)).padStart(3, "0")}`);
}

/** An ISO date relative to today in Tokyo, e.g. `fromToday({ years: -7 })`. */
export function fromToday(offset: { years?: number; months?: number; days?: number }): string {
  return addToIsoDate(tokyoDate(now()), offset);
}

export type ContractStatus = (typeof s.contractStatus.enumValues)[number];
export type StaffRole = (typeof s.staffRole.enumValues)[number];

/** A product category; handled by the site unless `handledBySite: false` (B-0 (2), MSG02/MSG07). */
export async function createCategory(options: { handledBySite?: boolean; name?: string } = {}): Promise<s.ProductCategory> {
  const db = await getDb();
  const tag = uniqueTag();
  const [row] = await db
    .insert(s.productCategories)
    .values({ code: `factory-${tag}`, name: options.name ?? `テストカテゴリ ${tag}`, handledBySite: options.handledBySite ?? true })
    .returning();
  return row!;
}

export type ProductOptions = {
  /** The catalog code (products.code, unique); a new FACTORY_… code by default. SPEC C's forms look products up by it. */
  code?: string;
  name?: string;
  /** The product's category; by default a new one of its own, handled unless `handledBySite: false`. */
  categoryId?: number;
  handledBySite?: boolean;
  /** B-0 (2): individually excluded from the site (MSG03/MSG08). */
  excludedFromSite?: boolean;
  needsRenewal?: boolean;
  /** B-4: マイグレートキット-like products never get a reference renewal price. */
  excludedFromRenewalQuote?: boolean;
  /** Two upper-case letters of its activation codes (SPEC C); "OS" by default. */
  codePrefix?: string;
  /** List prices as in the seed: [minQuantity, maxQuantity | null, unit price in yen], valid from 2019-07-20. */
  prices?: [number, number | null, number][];
  /** B-4: the products a renewal moves to, in the order the customer sees them. */
  successors?: s.Product[];
};

export async function createProduct(options: ProductOptions = {}): Promise<s.Product> {
  const categoryId = options.categoryId ?? (await createCategory({ handledBySite: options.handledBySite })).id;
  const db = await getDb();
  const tag = uniqueTag();
  const [product] = await db
    .insert(s.products)
    .values({
      code: options.code ?? `FACTORY_${tag.toUpperCase()}`,
      name: options.name ?? `テスト製品 ${tag}`,
      categoryId,
      excludedFromSite: options.excludedFromSite ?? false,
      needsRenewal: options.needsRenewal ?? !options.excludedFromRenewalQuote,
      excludedFromRenewalQuote: options.excludedFromRenewalQuote ?? false,
      codePrefix: options.codePrefix ?? "OS",
    })
    .returning();
  if (options.prices?.length) {
    await db.insert(s.productPrices).values(
      options.prices.map(([minQuantity, maxQuantity, unitPriceYen]) => ({
        productId: product!.id,
        minQuantity,
        maxQuantity,
        unitPriceYen,
        validFrom: "2019-07-20",
      })),
    );
  }
  if (options.successors?.length) {
    await db
      .insert(s.productSuccessors)
      .values(options.successors.map((successor, sortOrder) => ({ productId: product!.id, successorProductId: successor.id, sortOrder })));
  }
  return product!;
}

/** The fields of one contact (契約窓口 or サポート窓口); the other contact keeps its own. */
export type ContactOptions = {
  companyName?: string;
  branchName?: string | null;
  department?: string | null;
  personName?: string;
  postalCode?: string | null;
  prefecture?: string | null;
  address?: string | null;
  phone?: string | null;
  /** the address before a change, which keeps its access until `emailEffectiveAt`. */
  previousEmail?: string | null;
  /** from when `email` is the contact's address; a year ago by default. */
  emailEffectiveAt?: Date;
};

export type LineOptions = {
  /** The contract's product by default. */
  product?: s.Product;
  quantity?: number;
  /** The contract's dates by default. */
  startDate?: string;
  endDate?: string;
  supportEndDate?: string;
  /** "order" by default; "issued" for a code issued by C-1..C-4 (B-4 renews ordered lines only). */
  source?: "order" | "issued";
  /** The activation code's lookup key (unique); a new random code of the product's prefix by default. */
  activationCodeKey?: string;
};

export type ContractOptions = {
  licenseId?: number;
  /** By default 有効 (active), or 期限切れ (expired) when `endDate` is before today. */
  status?: ContractStatus;
  /** A year from today by default; the contract starts a year before it ends (as in the seed). */
  endDate?: string;
  startDate?: string;
  /** `endDate` by default. */
  supportEndDate?: string;
  /** B-0 (5): hidden at the customer's request (表示設定). */
  hidden?: boolean;
  /** The contract's product (B-1); by default a new product of its own, in a handled category of its own. */
  product?: s.Product;
  /** The quantity of the default line. */
  quantity?: number;
  /** 契約窓口 e-mail; a unique address by default. */
  contractEmail?: string;
  /** サポート窓口 e-mail; the contract e-mail by default. */
  supportEmail?: string;
  contractContact?: ContactOptions;
  supportContact?: ContactOptions;
  /** 保有製品 lines, each with a new activation code; by default one line of the contract's product. */
  lines?: LineOptions[];
};

export type CreatedLine = s.ContractProduct & { code: string; key: string };
export type CreatedContract = {
  licenseId: number;
  status: ContractStatus;
  startDate: string;
  endDate: string;
  supportEndDate: string;
  product: s.Product;
  contractEmail: string;
  supportEmail: string;
  lines: CreatedLine[];
  /** The lines' activation codes in line order: display form (`code`) and lookup key (`key`). */
  codes: { code: string; key: string }[];
};

/** `value` unless it was left out (a null stays null: an empty field). */
const given = <T>(value: T | undefined, fallback: T): T => (value === undefined ? fallback : value);

function contactRow(licenseId: number, role: "contract" | "support", email: string, tag: string, options: ContactOptions = {}) {
  return {
    licenseId,
    role,
    email: normaliseEmail(email),
    companyName: options.companyName ?? `テスト法人${tag}株式会社`,
    branchName: given(options.branchName, "本社"),
    department: given(options.department, role === "contract" ? "情報システム部" : "ITサポート課"),
    personName: options.personName ?? (role === "contract" ? "試験 太郎" : "支援 花子"),
    postalCode: given(options.postalCode, "100-0005"),
    prefecture: given(options.prefecture, "東京都"),
    address: given(options.address, "千代田区丸の内一丁目1番1号"),
    phone: given(options.phone, "03-1234-5678"),
    previousEmail: options.previousEmail ? normaliseEmail(options.previousEmail) : null,
    emailEffectiveAt: options.emailEffectiveAt ?? new Date(now().getTime() - 365 * DAY_MS),
  };
}

/** One more 保有製品 line on a contract (with a new activation code of its product's prefix). */
export async function addContractLine(licenseId: number, line: Required<Pick<LineOptions, "product">> & LineOptions): Promise<CreatedLine> {
  const db = await getDb();
  const [contract] = await db.select().from(s.licenseContracts).where(eq(s.licenseContracts.licenseId, licenseId));
  if (!contract) throw new Error(`addContractLine: no contract ${licenseId}`);
  return insertLine(db, contract, line);
}

async function insertLine(
  db: Executor,
  contract: { licenseId: number; startDate: string; endDate: string; supportEndDate: string },
  line: Required<Pick<LineOptions, "product">> & LineOptions,
): Promise<CreatedLine> {
  const { code, key } = line.activationCodeKey
    ? { code: formatActivationCode(line.activationCodeKey), key: line.activationCodeKey }
    : generateActivationCode(line.product.codePrefix ?? "OS");
  const [row] = await db
    .insert(s.contractProducts)
    .values({
      licenseId: contract.licenseId,
      productId: line.product.id,
      quantity: line.quantity ?? 10,
      startDate: line.startDate ?? contract.startDate,
      endDate: line.endDate ?? contract.endDate,
      supportEndDate: line.supportEndDate ?? contract.supportEndDate,
      activationCode: code,
      activationCodeKey: key,
      source: line.source ?? "order",
    })
    .returning();
  return { ...row!, code, key };
}

/** A license contract with its company, both contacts and its lines (SPEC B). */
export async function createContract(options: ContractOptions = {}): Promise<CreatedContract> {
  const product = options.product ?? (await createProduct());
  const db = await getDb();
  const tag = uniqueTag();
  const licenseId = options.licenseId ?? uniqueLicenseId();
  const today = tokyoDate(now());
  const endDate = options.endDate ?? addToIsoDate(today, { years: 1 });
  const startDate = options.startDate ?? addToIsoDate(endDate, { years: -1, days: 1 });
  const supportEndDate = options.supportEndDate ?? endDate;
  const status = options.status ?? (endDate < today ? "expired" : "active");
  const contractEmail = normaliseEmail(options.contractEmail ?? uniqueEmail("keiyaku"));
  const supportEmail = normaliseEmail(options.supportEmail ?? contractEmail);
  const contract = { licenseId, startDate, endDate, supportEndDate };

  const lines = await db.transaction(async (tx) => {
    const [company] = await tx
      .insert(s.companies)
      .values({ name: options.contractContact?.companyName ?? `テスト法人${tag}株式会社`, branchName: given(options.contractContact?.branchName, "本社") })
      .returning();
    await tx
      .insert(s.licenseContracts)
      .values({ ...contract, companyId: company!.id, productId: product.id, status, hiddenByCustomer: options.hidden ?? false });
    await tx
      .insert(s.contractContacts)
      .values([
        contactRow(licenseId, "contract", contractEmail, tag, options.contractContact),
        contactRow(licenseId, "support", supportEmail, tag, options.supportContact),
      ]);
    const created: CreatedLine[] = [];
    for (const line of options.lines ?? [{}])
      created.push(await insertLine(tx, contract, { ...line, product: line.product ?? product, quantity: line.quantity ?? options.quantity }));
    return created;
  });
  return {
    licenseId,
    status,
    startDate,
    endDate,
    supportEndDate,
    product,
    contractEmail,
    supportEmail,
    lines,
    codes: lines.map(({ code, key }) => ({ code, key })),
  };
}

export type CreatedCustomer = { id: number; email: string; password: string | null };

/**
 * A customer account (SPEC Roles). It signs in only while its e-mail is a contact of a visible contract: pair it
 * with `createContract({ contractEmail: email })`. The password is a new one by default, hashed as the app does it
 * and kept in the password history; `password: null` is an address that has not set one yet (A-3 first use).
 */
export async function createCustomer(
  options: { email?: string; password?: string | null; mustChangePassword?: boolean; passwordChangedAt?: Date; subscribed?: boolean } = {},
): Promise<CreatedCustomer> {
  const email = normaliseEmail(options.email ?? uniqueEmail("customer"));
  const password = given(options.password, `Customer-${uniqueTag()}-Passw0rd!`);
  const passwordHash = password === null ? null : await hashPassword(password);
  const at = options.passwordChangedAt ?? now();
  const db = await getDb();
  const id = await db.transaction(async (tx) => {
    const [account] = await tx
      .insert(s.customerAccounts)
      .values({ email, passwordHash, passwordChangedAt: passwordHash ? at : null, mustChangePassword: options.mustChangePassword ?? false, createdAt: now() })
      .returning();
    if (passwordHash) await tx.insert(s.passwordHistory).values({ customerAccountId: account!.id, passwordHash, createdAt: at });
    if (options.subscribed !== undefined) await tx.insert(s.mailSubscriptions).values({ customerAccountId: account!.id, subscribed: options.subscribed });
    return account!.id;
  });
  return { id, email, password };
}

export type CreatedStaff = { id: number; email: string; name: string; role: StaffRole; password: string; totpSecret: Uint8Array | null };

/** A staff account of `role` (G-1), enabled, with a new password unless one is given, and TOTP set up (issue 15) unless `totp: false`. */
export async function createStaff(
  options: { role?: StaffRole; email?: string; name?: string; password?: string; disabled?: boolean; totp?: boolean } = {},
): Promise<CreatedStaff> {
  const role = options.role ?? "operator";
  const tag = uniqueTag();
  const email = normaliseEmail(options.email ?? `${role}-${tag}@factory.example.com`);
  const name = options.name ?? `スタッフ ${tag}`;
  const password = options.password ?? `Staff-${tag}-Passw0rd!`;
  const passwordHash = await hashPassword(password);
  const at = now();
  const db = await getDb();
  const id = await db.transaction(async (tx) => {
    const [staff] = await tx
      .insert(s.staffAccounts)
      .values({ email, name, role, passwordHash, passwordChangedAt: at, disabledAt: options.disabled ? at : null, createdAt: at })
      .returning();
    await tx.insert(s.passwordHistory).values({ staffAccountId: staff!.id, passwordHash, createdAt: at });
    return staff!.id;
  });
  const totpSecret = options.totp === false ? null : newTotpSecret();
  if (totpSecret)
    await db
      .update(s.staffAccounts)
      .set({ totpSecret: sealSecret(totpSecret, secretContext({ type: "staff", accountId: id })), totpEnabledAt: at })
      .where(eq(s.staffAccounts.id, id));
  return { id, email, name, role, password, totpSecret };
}

/**
 * G-1 with its code step: the password, then the account's next unused TOTP code of the factory's secret. A code is
 * good once (RFC 6238 §5.2, lib/auth/mfa.ts): after the step the account last used, moving the domain clock on to the
 * next step when that one is not yet within the server's one step of drift — as a person waits for the next code.
 */
export async function signInStaffWithCode(
  staff: Pick<CreatedStaff, "email" | "password" | "totpSecret">,
  context: SignInContext = {},
): Promise<SignInResult | MfaResult> {
  const first = await signInStaff({ email: staff.email, password: staff.password }, context);
  if (first.ok || first.reason !== "mfa" || !staff.totpSecret) return first;
  const db = await getDb();
  const [account] = await db.select({ last: s.staffAccounts.totpLastStep }).from(s.staffAccounts).where(eq(s.staffAccounts.email, staff.email));
  const period = TOTP_PERIOD_SECONDS * 1000;
  const step = Math.max(Math.floor(now().getTime() / period), (account?.last ?? 0) + 1);
  const wait = (step - 1) * period - now().getTime();
  if (wait > 0) advanceClock(wait);
  return completeMfa(first.challengeToken, totpCode(staff.totpSecret, new Date(step * period)), context);
}

/** An インフォメーション notice (F-1), published since yesterday unless told otherwise (`publishFrom: null` is a draft). */
export async function createNotice(
  options: {
    category?: s.NoticeCategory;
    title?: string;
    body?: string;
    important?: boolean;
    publishFrom?: Date | null;
    publishUntil?: Date | null;
    createdByStaffId?: number;
  } = {},
): Promise<s.Notice> {
  const tag = uniqueTag();
  const db = await getDb();
  const [notice] = await db
    .insert(s.notices)
    .values({
      category: options.category ?? "site",
      title: options.title ?? `テストのお知らせ ${tag}`,
      body: options.body ?? "本文です。",
      important: options.important ?? false,
      publishFrom: given(options.publishFrom, new Date(now().getTime() - DAY_MS)),
      publishUntil: options.publishUntil ?? null,
      createdByStaffId: options.createdByStaffId ?? null,
    })
    .returning();
  return notice!;
}

/**
 * The actor the request guards build (lib/auth/actor.ts) for an account a factory made, with a session id of its own
 * (never a shared "test"). No auth_sessions row stands behind it: of the lib only the password change reads the id
 * (A-6 keeps the changing session), and its tests sign in for real.
 */
export function customerActor(account: Pick<CreatedCustomer, "id" | "email">, clientAddress: string | null = "198.51.100.1"): CustomerActor {
  return {
    type: "customer",
    accountId: account.id,
    email: account.email,
    sessionId: `factory-session-${uniqueTag()}`,
    mustChangePassword: false,
    clientAddress,
  };
}

/** A staff actor of an account made by `createStaff` (see `customerActor`). */
export function staffActor(staff: Pick<CreatedStaff, "id" | "email" | "role">, clientAddress: string | null = "198.51.100.2"): StaffActor {
  return {
    type: "staff",
    role: staff.role,
    accountId: staff.id,
    email: staff.email,
    sessionId: `factory-session-${uniqueTag()}`,
    mustChangePassword: false,
    clientAddress,
  };
}

/** A staff account of `role` (operator by default) and its actor, for lib calls made in a staff member's name. */
export async function createStaffActor(options: { role?: StaffRole; email?: string; name?: string; clientAddress?: string | null } = {}): Promise<StaffActor> {
  const { clientAddress, ...staff } = options;
  return staffActor(await createStaff({ ...staff, totp: false }), clientAddress);
}

/**
 * A customer who receives Support Information (E-2: a mail_subscriptions row, subscribed unless told otherwise),
 * signed in: its actor. A G-5 send goes to every subscriber, so a test that counts recipients turns off its own
 * subscribers, never anyone else's.
 */
export async function createSubscriber(options: { subscribed?: boolean; email?: string; clientAddress?: string | null } = {}): Promise<CustomerActor> {
  const account = await createCustomer({ email: options.email ?? uniqueEmail("subscriber"), subscribed: options.subscribed ?? true });
  return customerActor(account, options.clientAddress);
}

export type RegistryEntryOptions = { corporateNumber: string; name: string; kana?: string; prefecture?: string; postalCode?: string; closedAt?: string };

/**
 * Entries of the corporate registry (SPEC B-6) with the search keys the import derives from the name and kana; at
 * one address in 千代田区, 東京都 and 〒1000005 unless told otherwise; open unless a closing date is given.
 */
export async function createRegistryEntries(rows: RegistryEntryOptions[]): Promise<void> {
  const db = await getDb();
  await db.insert(s.corporateRegistry).values(
    rows.map((row) => ({
      corporateNumber: row.corporateNumber,
      name: row.name,
      nameKana: row.kana ?? null,
      searchName: registrySearchKey(row.name),
      searchKana: row.kana ? registrySearchKey(row.kana) : null,
      prefecture: row.prefecture ?? "東京都",
      city: "千代田区",
      street: "丸の内一丁目1番1号",
      postalCode: row.postalCode ?? "1000005",
      closedAt: row.closedAt ?? null,
    })),
  );
}

/** The audit log's rows of one action on one target (its id as the log keeps it, a string). */
export async function auditRowsOf(action: string, targetId: string | number) {
  const db = await getDb();
  return db
    .select()
    .from(s.auditLog)
    .where(and(eq(s.auditLog.action, action), eq(s.auditLog.targetId, String(targetId))));
}

export type DownloadMenu = (typeof s.downloadMenu.enumValues)[number];

/**
 * A file of a download menu (SPEC D), published yesterday unless told otherwise, its bytes in the test run's
 * blob store under a key of its own, with the size and SHA-256 the store measured (as the G-4 upload records them).
 */
export async function createDownloadFile(
  options: {
    menu?: DownloadMenu;
    status?: (typeof s.downloadStatus.enumValues)[number];
    product?: string;
    version?: string;
    title?: string;
    fileName?: string;
    releaseDate?: string;
    bytes?: Uint8Array;
  } = {},
): Promise<s.DownloadFile> {
  const tag = uniqueTag();
  const fileName = options.fileName ?? `factory-${tag}.zip`;
  const contentType = fileName.endsWith(".pdf") ? "application/pdf" : "application/zip";
  const key = `factory/${tag}/${fileName.endsWith(".pdf") ? "file.pdf" : "file.zip"}`;
  // By default a real zip (D-4's files are archives), or a few bytes standing for a PDF.
  const bytes =
    options.bytes ??
    (contentType === "application/zip"
      ? await createZip([{ name: "readme.txt", data: Buffer.from(`factory file ${tag}\r\n`) }])
      : Buffer.from(`%PDF-1.7 ${tag}\n`));
  const stored = await (await blobStore()).put(key, Readable.from([Buffer.from(bytes)]), { contentType });
  const status = options.status ?? "published";
  const db = await getDb();
  const [file] = await db
    .insert(s.downloadFiles)
    .values({
      menu: options.menu ?? "pattern",
      product: options.product ?? `テスト製品 ${tag}`,
      version: options.version ?? `1.${counter}.0`,
      title: options.title ?? `テストファイル ${tag}`,
      releaseDate: options.releaseDate ?? fromToday({ days: -1 }),
      fileName,
      contentType,
      size: stored.size,
      sha256: stored.sha256,
      storageKey: key,
      status,
      publishedAt: status === "published" ? new Date(now().getTime() - DAY_MS) : null,
    })
    .returning();
  return file!;
}

/** A Support Information mail already sent `daysAgo` days ago (E-3's back numbers), as the demo seed's. */
export async function createSentSupportMail(
  options: { daysAgo?: number; title?: string; body?: string } = {},
): Promise<typeof s.supportInfoMails.$inferSelect> {
  const tag = uniqueTag();
  const db = await getDb();
  const [mail] = await db
    .insert(s.supportInfoMails)
    .values({
      title: options.title ?? `Support Information：テスト ${tag}`,
      body: options.body ?? "本文です。",
      status: "sent",
      sentAt: new Date(now().getTime() - (options.daysAgo ?? 7) * DAY_MS),
    })
    .returning();
  return mail!;
}
