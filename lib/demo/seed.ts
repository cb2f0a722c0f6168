import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { Database, Executor } from "@/db/client";
import * as s from "@/db/schema";
import { hashPassword } from "@/lib/auth/password-hash";
import { sealSecret, secretContext, secretFromBase32 } from "@/lib/auth/totp";
import { now } from "@/lib/clock";
import { addBusinessDays, NAME_CHANGE_REVIEW_BUSINESS_DAYS } from "@/lib/business-days";
import { addToIsoDate, tokyoDate } from "@/lib/dates";
import { demoActivationCode } from "@/lib/licenses/activation-code";
import { seedDemoDownloads } from "@/lib/downloads/demo-files";
import { loadRegistrySample } from "@/lib/registry/import";

// SPEC X-2: the demo data that the embedded default and the e2e tests rely on. Dates are relative to the day the
// seed runs (Asia/Tokyo), so "about 6 months left" stays true whenever it is run.

export const DEMO_PASSWORD = "Demo-Passw0rd!";
export const DEMO_STAFF_PASSWORD = "Staff-Passw0rd!";
export const DEMO_USER = "user@example.co.jp";
export const DEMO_OTHER = "other@example.co.jp";
export const DEMO_FIRST = "first@example.co.jp";
/** Beyond SPEC X-2: a customer with enough contracts to page through (B-1, "paging for thousands of contracts"). */
export const DEMO_LARGE = "large@example.co.jp";
export const DEMO_LARGE_FIRST_ID = 400001;
export const DEMO_LARGE_CONTRACTS = 120;
/**
 * X-2, MFA: the demo staff have TOTP set up with this one published secret (base32), so that testers add it to an
 * authenticator app once (README, "Demo data") and tests compute the code. A real account enrols its own.
 */
export const DEMO_STAFF_TOTP_SECRET = "DEMOSTAFFTOTPSECRETFORTESTERS234";

export const DEMO_STAFF = [
  { email: "admin@example.com", name: "管理者 太郎", role: "admin" },
  { email: "operator@example.com", name: "オペレータ 花子", role: "operator" },
  { email: "marketer@example.com", name: "マーケ 次郎", role: "marketer" },
] as const;

type CategoryCode = "endpoint" | "server" | "network" | "management" | "ics" | "consumer";

const CATEGORIES: { code: CategoryCode; name: string; handledBySite: boolean }[] = [
  { code: "endpoint", name: "エンドポイントセキュリティ", handledBySite: true },
  { code: "server", name: "サーバセキュリティ", handledBySite: true },
  { code: "network", name: "ネットワークセキュリティ", handledBySite: true },
  { code: "management", name: "統合管理", handledBySite: true },
  { code: "ics", name: "産業制御システム向けセキュリティ", handledBySite: true },
  // B-0 (2): a category the corporate site does not handle (MSG02/MSG07).
  { code: "consumer", name: "個人向け製品", handledBySite: false },
];

type ProductSeed = {
  code: string;
  name: string;
  category: CategoryCode;
  prefix: string;
  excludedFromSite?: boolean;
  needsRenewal?: boolean;
  excludedFromRenewalQuote?: boolean;
  // [minQuantity, maxQuantity | null, unit price in yen]
  prices?: [number, number | null, number][];
};

// The OS-prefixed endpoint line-up, priced by volume: unit prices (yen) from 1, 100 and 500 licences on, each band
// ending where the next begins (the last one open-ended).
const VOLUME_BAND_STARTS = [1, 100, 500];
const VOLUME_PRICED: [code: string, name: string, yen: number[]][] = [
  ["VBCE_PLUS", "ウイルスバスター コーポレートエディション Plus", [6_100, 5_300, 4_600]],
  ["VBCE", "ウイルスバスター コーポレートエディション", [4_800, 4_200]],
  ["CSSP", "Client/Server Suite Premium", [7_900, 6_900]],
  ["APEX_ONE", "Apex One", [7_400, 6_500, 5_700]],
  ["APEX_ONE_SAAS", "Apex One SaaS", [7_800, 6_900, 6_000]],
  ["V1_ES_CORE", "Trend Vision One Endpoint Security Core", [8_200, 7_200, 6_300]],
];

const PRODUCTS: ProductSeed[] = [
  ...VOLUME_PRICED.map(([code, name, yen]): ProductSeed => ({
    code,
    name,
    category: "endpoint",
    prefix: "OS",
    prices: yen.map((unitPrice, i) => [VOLUME_BAND_STARTS[i]!, i < yen.length - 1 ? VOLUME_BAND_STARTS[i + 1]! - 1 : null, unitPrice]),
  })),
  { code: "VB_BUSINESS", name: "ウイルスバスター ビジネスセキュリティ", category: "endpoint", prefix: "VB", prices: [[1, null, 5_200]] },
  { code: "SAFE_LOCK", name: "Trend Micro Safe Lock", category: "ics", prefix: "SO", prices: [[1, null, 12_000]] },
  { code: "APEX_CENTRAL", name: "Apex Central", category: "management", prefix: "AC", prices: [[1, null, 1_200]] },
  { code: "POLICY_MANAGER", name: "Trend Micro Policy Manager", category: "network", prefix: "PM", prices: [[1, null, 98_000]] },
  { code: "DDI", name: "Deep Discovery Inspector", category: "network", prefix: "DI", prices: [[1, null, 2_480_000]] },
  { code: "MIGRATE_KIT", name: "マイグレートキット", category: "endpoint", prefix: "MK", excludedFromRenewalQuote: true },
  { code: "MIGRATE_RENEWAL", name: "マイグレート更新", category: "endpoint", prefix: "MR", excludedFromRenewalQuote: true },
  { code: "VB_CLOUD", name: "ウイルスバスター クラウド", category: "consumer", prefix: "PC" },
  // B-0 (2): handled category, but this product is individually excluded from the site (MSG03/MSG08).
  { code: "TPS", name: "TippingPoint Threat Protection System", category: "network", prefix: "TP", excludedFromSite: true },
  // SPEC C (lib/issuance/catalog.ts): what the forms issue. They come with a contract, so none needs renewal itself.
  { code: "VB_CORPORATE", name: "法人用ウイルスバスター", category: "endpoint", prefix: "VC", needsRenewal: false },
  { code: "VBCE_PLUS_OFFLINE", name: "ウイルスバスター コーポレートエディション Plus オフライン用", category: "endpoint", prefix: "OF", needsRenewal: false },
  { code: "VBCE_OFFLINE", name: "ウイルスバスター コーポレートエディション オフライン用", category: "endpoint", prefix: "OF", needsRenewal: false },
  { code: "APEX_ONE_OFFLINE", name: "Apex One オフライン用", category: "endpoint", prefix: "OF", needsRenewal: false },
];

const SUCCESSORS: [string, string[]][] = [
  ["VBCE_PLUS", ["VBCE_PLUS"]],
  ["VBCE", ["VBCE"]],
  ["CSSP", ["CSSP"]],
  // 100012: two successor options, the customer picks one (B-4).
  ["APEX_ONE", ["APEX_ONE_SAAS", "V1_ES_CORE"]],
  ["SAFE_LOCK", ["SAFE_LOCK"]],
  ["APEX_CENTRAL", ["APEX_CENTRAL"]],
  ["DDI", ["DDI"]],
];

type ContactSeed = {
  email: string;
  companyName: string;
  branchName: string;
  department: string;
  personName: string;
  postalCode: string;
  prefecture: string;
  address: string;
  phone: string;
};

const USER_CONTACT: ContactSeed = {
  email: DEMO_USER,
  companyName: "テストユーザ株式会社",
  branchName: "本社",
  department: "情報システム部",
  personName: "試験 太郎",
  postalCode: "100-0005",
  prefecture: "東京都",
  address: "千代田区丸の内一丁目1番1号",
  phone: "03-1234-5678",
};
const USER_SUPPORT_CONTACT: ContactSeed = {
  ...USER_CONTACT,
  email: "support-desk@example.co.jp",
  department: "ITサポート課",
  personName: "支援 花子",
  phone: "03-1234-5679",
};
const OTHER_CONTACT: ContactSeed = {
  email: DEMO_OTHER,
  companyName: "アザー工業株式会社",
  branchName: "大阪支社",
  department: "総務部",
  personName: "別井 次郎",
  postalCode: "530-0001",
  prefecture: "大阪府",
  address: "大阪市北区梅田二丁目2番2号",
  phone: "06-9876-5432",
};
const FIRST_CONTACT: ContactSeed = {
  email: DEMO_FIRST,
  companyName: "初回商事株式会社",
  branchName: "本店",
  department: "管理部",
  personName: "初田 三郎",
  postalCode: "460-0008",
  prefecture: "愛知県",
  address: "名古屋市中区栄三丁目3番3号",
  phone: "052-111-2222",
};

type Status = (typeof s.contractStatus.enumValues)[number];
type ContractSeed = {
  licenseId: number;
  product: string;
  status: Status;
  // Relative to today (Tokyo): the contract's end date.
  end: { years?: number; months?: number; days?: number };
  quantity: number;
  contract: ContactSeed;
  support: ContactSeed;
  hidden?: boolean;
  extraLines?: { product: string; quantity: number }[];
};

const CONTRACTS: ContractSeed[] = [
  { licenseId: 100001, product: "VBCE_PLUS", status: "active", end: { months: 6 }, quantity: 150, contract: USER_CONTACT, support: USER_SUPPORT_CONTACT },
  // Login e-mail as サポート窓口 only (B-0 condition 1, second half).
  {
    licenseId: 100002,
    product: "SAFE_LOCK",
    status: "active",
    end: { months: 8 },
    quantity: 20,
    contract: { ...USER_CONTACT, email: "keiyaku@example.co.jp", personName: "契約 一郎" },
    support: USER_CONTACT,
  },
  { licenseId: 100003, product: "APEX_CENTRAL", status: "active", end: { months: 10 }, quantity: 150, contract: USER_CONTACT, support: USER_CONTACT },
  { licenseId: 100004, product: "APEX_ONE", status: "expired", end: { years: -2 }, quantity: 80, contract: USER_CONTACT, support: USER_SUPPORT_CONTACT },
  { licenseId: 100005, product: "VBCE", status: "expired", end: { years: -7 }, quantity: 50, contract: USER_CONTACT, support: USER_CONTACT },
  { licenseId: 100006, product: "VBCE_PLUS", status: "active", end: { months: 9 }, quantity: 30, contract: USER_CONTACT, support: USER_CONTACT, hidden: true },
  { licenseId: 100007, product: "VB_CLOUD", status: "active", end: { months: 7 }, quantity: 5, contract: USER_CONTACT, support: USER_CONTACT },
  { licenseId: 100008, product: "TPS", status: "active", end: { months: 11 }, quantity: 2, contract: USER_CONTACT, support: USER_CONTACT },
  { licenseId: 100009, product: "APEX_ONE", status: "registering", end: { years: 1 }, quantity: 40, contract: USER_CONTACT, support: USER_CONTACT },
  { licenseId: 100010, product: "DDI", status: "active", end: { years: 2 }, quantity: 1, contract: USER_CONTACT, support: USER_CONTACT },
  // 100011 and 100012: "3 months left" and ten days more, so that their support never ends within N-2's 90 days
  // whatever the day of the month (three months are 89 to 92 days): the 30/60/90-day counts are 100013–100015's alone.
  { licenseId: 100011, product: "MIGRATE_KIT", status: "active", end: { months: 3, days: 10 }, quantity: 60, contract: USER_CONTACT, support: USER_CONTACT },
  {
    licenseId: 100012,
    product: "APEX_ONE",
    status: "active",
    end: { months: 3, days: 10 },
    quantity: 120,
    contract: USER_CONTACT,
    support: USER_SUPPORT_CONTACT,
    extraLines: [{ product: "APEX_CENTRAL", quantity: 120 }],
  },
  // Issue 30 (N-1, N-2, N-3): contracts whose support ends within 30, 60 and 90 days, for the overview, the list's
  // "ends within" filter and its badge, and the renewal reminders (their 90/60/30-day mails) to have something to show.
  { licenseId: 100013, product: "APEX_CENTRAL", status: "active", end: { days: 20 }, quantity: 10, contract: USER_CONTACT, support: USER_CONTACT },
  { licenseId: 100014, product: "SAFE_LOCK", status: "active", end: { days: 45 }, quantity: 5, contract: USER_CONTACT, support: USER_SUPPORT_CONTACT },
  { licenseId: 100015, product: "DDI", status: "active", end: { days: 75 }, quantity: 2, contract: USER_CONTACT, support: USER_CONTACT },
  { licenseId: 200001, product: "VBCE_PLUS", status: "active", end: { months: 5 }, quantity: 40, contract: OTHER_CONTACT, support: OTHER_CONTACT },
  { licenseId: 300001, product: "APEX_ONE", status: "active", end: { months: 9 }, quantity: 25, contract: FIRST_CONTACT, support: FIRST_CONTACT },
];

const LARGE_CONTACT: ContactSeed = {
  email: DEMO_LARGE,
  companyName: "大口商事株式会社",
  branchName: "本社",
  department: "情報システム部",
  personName: "大口 四郎",
  postalCode: "100-0005",
  prefecture: "東京都",
  address: "千代田区丸の内一丁目1番1号",
  phone: "03-5555-0100",
};
// large@'s contracts: products in turn, one in four expired (1–3 years ago), the others ending 1–24 months ahead.
const LARGE_PRODUCTS = ["VBCE_PLUS", "APEX_ONE", "APEX_CENTRAL", "CSSP", "VB_BUSINESS", "DDI"];
const LARGE_CONTRACTS: ContractSeed[] = Array.from({ length: DEMO_LARGE_CONTRACTS }, (_, i) => ({
  licenseId: DEMO_LARGE_FIRST_ID + i,
  product: LARGE_PRODUCTS[i % LARGE_PRODUCTS.length]!,
  status: i % 4 === 3 ? "expired" : "active",
  end: i % 4 === 3 ? { years: -1 - (i % 3) } : { months: 1 + (i % 24) },
  quantity: 5 + ((i * 37) % 300),
  contract: LARGE_CONTACT,
  support: LARGE_CONTACT,
}));

const DAY_MS = 24 * 60 * 60 * 1000;

/** The seed's contract and product definitions, read by tests that check rules against the demo data (B-4). */
export const DEMO_DEFINITIONS = { contracts: CONTRACTS, products: PRODUCTS } as const;

/** The demo activation code of a contract's main line (fixed per license ID, see SPEC X-2). */
export function demoCodeFor(licenseId: number): { code: string; key: string } {
  const seed = [...CONTRACTS, ...LARGE_CONTRACTS].find((c) => c.licenseId === licenseId);
  const product = PRODUCTS.find((p) => p.code === seed?.product);
  if (!seed || !product) throw new Error(`No demo contract ${licenseId}`);
  return demoActivationCode(product.prefix, `${licenseId}:0`);
}

export async function isDatabaseEmpty(db: Executor): Promise<boolean> {
  const rows = await db.select({ id: s.productCategories.id }).from(s.productCategories).limit(1);
  return rows.length === 0;
}

/** Seeds the demo data when the database holds no catalog yet (first start of the embedded default). */
export async function seedDemoIfEmpty(db: Database): Promise<boolean> {
  if (!(await isDatabaseEmpty(db))) return false;
  await seedDemo(db);
  return true;
}

export async function seedDemo(db: Database): Promise<void> {
  // Hash outside the transaction: PGlite runs one transaction at a time, and scrypt is the slow part.
  const [customerHash, staffHash] = await Promise.all([hashPassword(DEMO_PASSWORD), hashPassword(DEMO_STAFF_PASSWORD)]);
  const at = now();
  const today = tokyoDate(at);

  await db.transaction(async (tx) => {
    // Advisory lock: two processes seeding one PostgreSQL at once must not both insert.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(726354)`);
    if (!(await isDatabaseEmpty(tx))) return;

    const categoryRows = await tx.insert(s.productCategories).values(CATEGORIES).returning();
    const categoryId = new Map(categoryRows.map((c) => [c.code, c.id]));

    const productRows = await tx
      .insert(s.products)
      .values(
        PRODUCTS.map((p) => ({
          code: p.code,
          name: p.name,
          categoryId: categoryId.get(p.category)!,
          excludedFromSite: p.excludedFromSite ?? false,
          needsRenewal: p.needsRenewal ?? !p.excludedFromRenewalQuote,
          excludedFromRenewalQuote: p.excludedFromRenewalQuote ?? false,
          codePrefix: p.prefix,
        })),
      )
      .returning();
    const productId = new Map(productRows.map((p) => [p.code, p.id]));
    const pid = (code: string) => productId.get(code)!;

    const priceRows = PRODUCTS.flatMap((p) =>
      (p.prices ?? []).map(([minQuantity, maxQuantity, unitPriceYen]) => ({
        productId: pid(p.code),
        minQuantity,
        maxQuantity,
        unitPriceYen,
        validFrom: "2019-07-20",
      })),
    );
    await tx.insert(s.productPrices).values(priceRows);
    await tx
      .insert(s.productSuccessors)
      .values(SUCCESSORS.flatMap(([from, to]) => to.map((code, sortOrder) => ({ productId: pid(from), successorProductId: pid(code), sortOrder }))));

    const companyRows = await tx
      .insert(s.companies)
      .values([USER_CONTACT, OTHER_CONTACT, FIRST_CONTACT, LARGE_CONTACT].map((c) => ({ name: c.companyName, branchName: c.branchName })))
      .returning();
    const companyOf = (c: ContactSeed) => companyRows.find((row) => row.name === c.companyName)!.id;

    for (const c of CONTRACTS) {
      const endDate = addToIsoDate(today, c.end);
      const startDate = addToIsoDate(endDate, { years: -1, days: 1 });
      await tx.insert(s.licenseContracts).values({
        licenseId: c.licenseId,
        companyId: companyOf(c.contract),
        productId: pid(c.product),
        status: c.status,
        startDate,
        endDate,
        supportEndDate: endDate,
        hiddenByCustomer: c.hidden ?? false,
      });
      await tx.insert(s.contractContacts).values(
        (["contract", "support"] as const).map((role) => {
          const contact = role === "contract" ? c.contract : c.support;
          return { licenseId: c.licenseId, role, ...contact, emailEffectiveAt: new Date(at.getTime() - 365 * DAY_MS) };
        }),
      );
      const lines = [{ product: c.product, quantity: c.quantity }, ...(c.extraLines ?? [])];
      await tx.insert(s.contractProducts).values(
        lines.map((line, index) => {
          const prefix = PRODUCTS.find((p) => p.code === line.product)!.prefix;
          const { code, key } = demoActivationCode(prefix, `${c.licenseId}:${index}`);
          return {
            licenseId: c.licenseId,
            productId: pid(line.product),
            quantity: line.quantity,
            startDate,
            endDate,
            supportEndDate: endDate,
            activationCode: code,
            activationCodeKey: key,
          };
        }),
      );
    }

    // large@'s 120 contracts in three statements (one row each per contract, one line each).
    const large = LARGE_CONTRACTS.map((c) => {
      const endDate = addToIsoDate(today, c.end);
      return { c, endDate, startDate: addToIsoDate(endDate, { years: -1, days: 1 }) };
    });
    await tx.insert(s.licenseContracts).values(
      large.map(({ c, endDate, startDate }) => ({
        licenseId: c.licenseId,
        companyId: companyOf(c.contract),
        productId: pid(c.product),
        status: c.status,
        startDate,
        endDate,
        supportEndDate: endDate,
      })),
    );
    await tx.insert(s.contractContacts).values(
      large.flatMap(({ c }) =>
        (["contract", "support"] as const).map((role) => ({
          licenseId: c.licenseId,
          role,
          ...c.contract,
          emailEffectiveAt: new Date(at.getTime() - 365 * DAY_MS),
        })),
      ),
    );
    await tx.insert(s.contractProducts).values(
      large.map(({ c, endDate, startDate }) => {
        const { code, key } = demoActivationCode(PRODUCTS.find((p) => p.code === c.product)!.prefix, `${c.licenseId}:0`);
        return {
          licenseId: c.licenseId,
          productId: pid(c.product),
          quantity: c.quantity,
          startDate,
          endDate,
          supportEndDate: endDate,
          activationCode: code,
          activationCodeKey: key,
        };
      }),
    );

    // user@, other@ and large@ have set their passwords (fresh, so no forced change); first@ has none yet.
    const accounts = await tx
      .insert(s.customerAccounts)
      .values([DEMO_USER, DEMO_OTHER, DEMO_LARGE].map((email) => ({ email, passwordHash: customerHash, passwordChangedAt: at })))
      .returning();
    await tx.insert(s.passwordHistory).values(accounts.map((a) => ({ customerAccountId: a.id, passwordHash: customerHash, createdAt: at })));
    // E-2: user@ and other@ receive Support Information (other@ stays subscribed while user@ unsubscribes in the e2e story).
    await tx
      .insert(s.mailSubscriptions)
      .values(accounts.map((a) => ({ customerAccountId: a.id, subscribed: a.email === DEMO_USER || a.email === DEMO_OTHER })));

    const staff = await tx
      .insert(s.staffAccounts)
      .values(DEMO_STAFF.map((m) => ({ ...m, passwordHash: staffHash, passwordChangedAt: at })))
      .returning();
    await tx.insert(s.passwordHistory).values(staff.map((m) => ({ staffAccountId: m.id, passwordHash: staffHash, createdAt: at })));
    // Sealed with AUTH_SECRET (lib/auth/totp.ts); without one (a bare `db:seed`), the demo staff enrol at first sign-in.
    if (process.env.AUTH_SECRET) {
      for (const m of staff) {
        await tx
          .update(s.staffAccounts)
          .set({ totpSecret: sealSecret(secretFromBase32(DEMO_STAFF_TOTP_SECRET), secretContext({ type: "staff", accountId: m.id })), totpEnabledAt: at })
          .where(eq(s.staffAccounts.id, m.id));
      }
    }
    const marketerId = staff.find((m) => m.role === "marketer")!.id;

    const daysAgo = (n: number) => new Date(at.getTime() - n * DAY_MS);
    await tx.insert(s.notices).values([
      {
        category: "support_news",
        important: true,
        title: "【重要】Apex One パターンファイル配信サーバのメンテナンスのお知らせ",
        body: [
          "下記の日程で配信サーバのメンテナンスを実施いたします。",
          "",
          "- 対象: Apex One / ウイルスバスター コーポレートエディション",
          "- 影響: メンテナンス中はパターンファイルの手動ダウンロードが遅くなる場合がございます。",
          "",
          "ご不便をおかけいたしますが、何卒ご理解を賜りますようお願い申し上げます。",
        ].join("\n"),
        publishFrom: daysAgo(2),
        createdByStaffId: marketerId,
      },
      {
        category: "site",
        title: "本サイトのメンテナンスに伴うサービス一時停止のお知らせ",
        body: "システムメンテナンスのため、本サイトのサービスを一時停止いたします。停止中はログインおよび各サービスメニューをご利用いただけません。",
        publishFrom: daysAgo(9),
        createdByStaffId: marketerId,
      },
      {
        category: "support_news",
        title: "ウイルスバスター コーポレートエディション XG サポート終了のご案内",
        body: "ウイルスバスター コーポレートエディション XG は **サポートを終了** いたしました。Apex One への移行をご検討ください。",
        publishFrom: daysAgo(30),
        createdByStaffId: marketerId,
      },
      {
        category: "site",
        title: "法人カスタマーサービス＆サポートをリニューアルしました",
        body: "保有ライセンス一覧の検索・並べ替え・CSV出力に対応しました。",
        publishFrom: daysAgo(60),
        createdByStaffId: marketerId,
      },
      // Not shown (F-1): scheduled for next week, expired yesterday, and a draft.
      {
        category: "site",
        title: "【予告】年末年始の窓口休業のお知らせ",
        body: "予約公開のお知らせです。",
        publishFrom: new Date(at.getTime() + 7 * DAY_MS),
        createdByStaffId: marketerId,
      },
      {
        category: "support_news",
        title: "【終了】キャンペーンのお知らせ",
        body: "掲載期間を過ぎたお知らせです。",
        publishFrom: daysAgo(40),
        publishUntil: daysAgo(1),
        createdByStaffId: marketerId,
      },
      { category: "site", title: "（下書き）新機能のお知らせ", body: "下書きです。", publishFrom: null, createdByStaffId: marketerId },
    ]);

    await tx.insert(s.supportInfoMails).values([
      {
        title: "Support Information：Apex One 新機能のご紹介",
        body: "Apex One の新機能をご紹介します。",
        status: "sent",
        sentAt: daysAgo(7),
        createdByStaffId: marketerId,
      },
      {
        title: "Support Information：サポート終了製品のご案内",
        body: "サポート終了予定の製品についてご案内します。",
        status: "sent",
        sentAt: daysAgo(37),
        createdByStaffId: marketerId,
      },
      {
        title: "Support Information：年末年始のサポート体制について",
        body: "年末年始のサポート窓口の営業日をご案内します。",
        status: "sent",
        sentAt: daysAgo(70),
        createdByStaffId: marketerId,
      },
    ]);

    // B-5 (5): 100001's history starts with a change user@ made two months ago (the サポート窓口's 部署名), the first
    // history row (id 1): its completion screen /licenses/100001/contacts/done/1 is the one the page walks show.
    const user = accounts.find((a) => a.email === DEMO_USER)!;
    await tx.insert(s.contractHistory).values({
      licenseId: 100001,
      actorType: "customer",
      actorId: user.id,
      actorEmail: DEMO_USER,
      action: "contacts.changed",
      before: { "support.department": "情報システム部" },
      after: { "support.department": USER_SUPPORT_CONTACT.department },
      createdAt: daysAgo(60),
    });

    // N-1 / N-4: an Apex Central code user@ issued on 100013 ten days ago (C-3: 5 of its 10), as the issuance writes
    // it — the request, the issued line and the contract's history — so the overview's 「最近発行したアクティベーション
    // コード」 and 100013's 変更履歴 have something to show.
    {
      const [source] = await tx.select().from(s.contractProducts).where(eq(s.contractProducts.licenseId, 100013)).orderBy(asc(s.contractProducts.id)).limit(1);
      const issuedAt = daysAgo(10);
      const quantity = 5;
      const [request] = await tx
        .insert(s.issuanceRequests)
        .values({
          kind: "apex_central",
          licenseId: 100013,
          customerAccountId: user.id,
          contactEmail: DEMO_USER,
          sourceLineId: source!.id,
          items: [{ productId: source!.productId, quantity }],
          status: "issued",
          issuedAt,
          createdAt: issuedAt,
        })
        .returning({ id: s.issuanceRequests.id });
      const prefix = PRODUCTS.find((p) => p.code === "APEX_CENTRAL")!.prefix;
      const { code, key } = demoActivationCode(prefix, "100013:issued");
      await tx.insert(s.contractProducts).values({
        licenseId: 100013,
        productId: source!.productId,
        quantity,
        startDate: source!.startDate,
        endDate: source!.endDate,
        supportEndDate: source!.supportEndDate,
        activationCode: code,
        activationCodeKey: key,
        source: "issued",
        issuanceRequestId: request!.id,
        createdAt: issuedAt,
      });
      await tx.insert(s.contractHistory).values({
        licenseId: 100013,
        actorType: "customer",
        actorId: user.id,
        actorEmail: DEMO_USER,
        action: "issuance.issued",
        before: null,
        after: { kind: "apex_central", requestId: request!.id, products: [{ product: "Apex Central", quantity, code }] },
        createdAt: issuedAt,
      });
    }

    // G-3: a company-name change other@ asked for eight days ago, past its due date (request + 5 business days), so
    // that the operators' queue has an overdue request to show. user@'s contracts have none: the e2e flows file theirs.
    const other = accounts.find((a) => a.email === DEMO_OTHER)!;
    const requestedAt = daysAgo(8);
    await tx.insert(s.contactChangeRequests).values({
      licenseId: 200001,
      customerAccountId: other.id,
      role: "contract",
      requestedCompanyName: "アザー工業ホールディングス株式会社",
      requestedBranchName: "大阪支社",
      reason: "merger",
      before: { companyName: OTHER_CONTACT.companyName, branchName: OTHER_CONTACT.branchName },
      dueDate: addBusinessDays(tokyoDate(requestedAt), NAME_CHANGE_REVIEW_BUSINESS_DAYS),
      createdAt: requestedAt,
    });
  });
  await loadRegistrySample(db);
  // D-1 … D-4: small files for every download screen, in the configured blob store.
  await seedDemoDownloads(db, today);
}
