import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { contractHistory, contractProducts, issuanceRequests, issuanceTokens, licenseContracts, products } from "@/db/schema";
import { toNumber } from "@/db/sql";
import type { CustomerActor } from "@/lib/auth/actor";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { siteConfig } from "@/lib/config/site";
import { tokyoDate } from "@/lib/dates";
import { activationCodeKey, formatActivationCode, generateActivationCode, isActivationCodeKey } from "@/lib/licenses/activation-code";
import { searchContract, type SearchMessage } from "@/lib/licenses/search";
import { visibleTo } from "@/lib/licenses/visibility";
import { enqueueMail } from "@/lib/mail/outbox";
import { getThrottleState, recordAttempt } from "@/lib/security/throttle";
import { entitledQuantity, ISSUANCE_FORMS, type IssuanceKind, type MailedIssuanceKind } from "./catalog";
import { apexCentralCodeMail, issuanceCompleteMail, issuanceUrlMail } from "./mails";

// SPEC C-1 … C-4. A request is checked (① ライセンスID, ② the code), asked for (a row and a mailed single-use URL),
// and issued exactly once when its URL is confirmed; C-3 issues at once. Every outcome a customer may see is a
// `IssuanceProblem` or a result below: nothing here throws for what a customer typed.

export const ISSUANCE_LINK_TTL_MS = 72 * 60 * 60 * 1000;
const TOKEN_BYTES = 32;
const CODE_ATTEMPTS = 8;

type Actor = Pick<CustomerActor, "accountId" | "email" | "clientAddress">;

export type IssuanceProblem =
  | { kind: "field"; field: "licenseId" | "code"; reason: "required" | "nonDigit" | "codeFormat" | "codePrefix" }
  /** ① not visible: the B-8 message (with its number) or the throttle's lock, as B-7 answers them. */
  | { kind: "search"; message: SearchMessage }
  | { kind: "notActive"; licenseId: number }
  | { kind: "wrongProduct"; licenseId: number }
  | { kind: "codeMismatch"; licenseId: number }
  | { kind: "exhausted"; licenseId: number };

export type Offer = { productId: number; productName: string; quantity: number };
export type SourceCheck = {
  licenseId: number;
  /** ② as the order system writes it (「OS-8M6K-…」), whatever the customer typed; null where the form has no ②. */
  code: string | null;
  sourceLineId: number;
  sourceProductName: string;
  sourceQuantity: number;
  supportEndDate: string;
  /** What may still be issued (C-3: the same product, 0 when its code was issued already). */
  offers: Offer[];
};

type Line = {
  id: number;
  productId: number;
  productCode: string;
  productName: string;
  quantity: number;
  codeKey: string | null;
  source: "order" | "issued";
  endDate: string;
  supportEndDate: string;
};

function linesOf(db: Executor, licenseId: number) {
  return db
    .select({
      id: contractProducts.id,
      productId: contractProducts.productId,
      productCode: products.code,
      productName: products.name,
      quantity: contractProducts.quantity,
      codeKey: contractProducts.activationCodeKey,
      source: contractProducts.source,
      endDate: contractProducts.endDate,
      supportEndDate: contractProducts.supportEndDate,
    })
    .from(contractProducts)
    .innerJoin(products, eq(products.id, contractProducts.productId))
    .where(eq(contractProducts.licenseId, licenseId))
    .orderBy(asc(contractProducts.id)) as Promise<Line[]>;
}

/** The quantity rule (catalog.ts `entitledQuantity`) against what the line's requests were issued already. */
async function remainingQuantity(db: Executor, source: Pick<Line, "id" | "quantity">, productId: number): Promise<number> {
  const [row] = await db
    .select({ issued: sql<string | number>`coalesce(sum(${contractProducts.quantity}), 0)` })
    .from(contractProducts)
    .innerJoin(issuanceRequests, eq(issuanceRequests.id, contractProducts.issuanceRequestId))
    .where(and(eq(issuanceRequests.sourceLineId, source.id), eq(contractProducts.productId, productId)));
  return Math.max(0, entitledQuantity(source) - toNumber(row?.issued ?? 0));
}

async function offersOf(db: Executor, kind: IssuanceKind, source: Line): Promise<Offer[]> {
  const codes = ISSUANCE_FORMS[kind].offers[source.productCode] ?? [];
  if (codes.length === 0) return [];
  const rows = await db.select({ id: products.id, code: products.code, name: products.name }).from(products).where(inArray(products.code, codes));
  const offers: Offer[] = [];
  for (const code of codes) {
    const product = rows.find((row) => row.code === code);
    if (!product) continue;
    offers.push({ productId: product.id, productName: product.name, quantity: await remainingQuantity(db, source, product.id) });
  }
  return offers;
}

/** ① as typed: digits only (B-8's nonDigit message otherwise), at most 15 of them. */
export function parseLicenseIdInput(raw: string): number | IssuanceProblem {
  const value = raw.normalize("NFKC").trim();
  if (!value) return { kind: "field", field: "licenseId", reason: "required" };
  if (!/^[0-9]{1,15}$/.test(value)) return { kind: "field", field: "licenseId", reason: "nonDigit" };
  return Number(value);
}

/** ② as typed or pasted: hyphens, spaces, case and width normalised; C-1 and C-2 take only 「OS－」 codes. */
export function parseCodeInput(kind: IssuanceKind, raw: string): string | IssuanceProblem {
  const key = activationCodeKey(raw);
  if (!key) return { kind: "field", field: "code", reason: "required" };
  if (!isActivationCodeKey(key)) return { kind: "field", field: "code", reason: "codeFormat" };
  const prefix = ISSUANCE_FORMS[kind].codePrefix;
  if (prefix && !key.startsWith(prefix)) return { kind: "field", field: "code", reason: "codePrefix" };
  return key;
}

/**
 * The check behind 「確認する」/「次へ」: ① visible to the customer (B-7's search: B-8 messages, the A-8 throttle),
 * 有効, holding a product of this form; ② (not for C-3) a code of that very line. A code that is not the license's
 * counts as a failure for the throttle, like a missed search.
 */
export async function checkIssuanceSource({
  actor,
  kind,
  licenseId: licenseInput,
  code: codeInput,
}: {
  actor: Actor;
  kind: IssuanceKind;
  licenseId: string;
  code?: string;
}): Promise<{ ok: true; source: SourceCheck } | { ok: false; problem: IssuanceProblem }> {
  const licenseId = parseLicenseIdInput(licenseInput);
  if (typeof licenseId !== "number") return { ok: false, problem: licenseId };
  const codeKey = kind === "apex_central" ? null : parseCodeInput(kind, codeInput ?? "");
  if (codeKey !== null && typeof codeKey !== "string") return { ok: false, problem: codeKey };

  const found = await searchContract({ actor, query: String(licenseId) });
  if (!found.ok) return { ok: false, problem: { kind: "search", message: found.message } };
  const db = await getDb();
  const [contract] = await db.select({ status: licenseContracts.status }).from(licenseContracts).where(eq(licenseContracts.licenseId, licenseId));
  if (contract?.status !== "active") return { ok: false, problem: { kind: "notActive", licenseId } };
  const rule = ISSUANCE_FORMS[kind];
  const lines = await linesOf(db, licenseId);
  const eligible = lines.filter((line) => line.source === "order" && rule.offers[line.productCode]);

  let source: Line | undefined;
  if (codeKey === null) {
    source = eligible[0];
    if (!source) return { ok: false, problem: { kind: "wrongProduct", licenseId } };
  } else {
    const throttleKey = { scope: "license_check" as const, accountKey: actor.email, clientAddress: actor.clientAddress };
    if ((await getThrottleState(throttleKey)).locked) return { ok: false, problem: { kind: "search", message: { kind: "locked" } } };
    const line = lines.find((candidate) => candidate.codeKey === codeKey);
    if (!line) {
      await recordAttempt(throttleKey, false);
      return { ok: false, problem: { kind: "codeMismatch", licenseId } };
    }
    if (eligible.length === 0 || !eligible.includes(line)) return { ok: false, problem: { kind: "wrongProduct", licenseId } };
    source = line;
  }
  const offers = await offersOf(db, kind, source);
  const available = offers.filter((offer) => offer.quantity > 0);
  if (kind !== "apex_central" && available.length === 0) return { ok: false, problem: { kind: "exhausted", licenseId } };
  return {
    ok: true,
    source: {
      licenseId,
      code: codeKey === null ? null : formatActivationCode(codeKey),
      sourceLineId: source.id,
      sourceProductName: source.productName,
      sourceQuantity: source.quantity,
      supportEndDate: source.supportEndDate,
      offers: kind === "apex_central" ? offers : available,
    },
  };
}

// --- tokens --------------------------------------------------------------------------------------------------------

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function issuanceUrl(kind: MailedIssuanceKind, token: string): string {
  return `${siteConfig().baseUrl.replace(/\/$/, "")}/activation-codes/${ISSUANCE_FORMS[kind].slug}/issue/${token}`;
}

async function newToken(tx: Executor, requestId: number, at: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  const expiresAt = new Date(at.getTime() + ISSUANCE_LINK_TTL_MS);
  await tx.insert(issuanceTokens).values({ requestId, tokenHash: hashToken(token), expiresAt, createdAt: at });
  return { token, expiresAt };
}

async function itemsWithNames(db: Executor, items: { productId: number; quantity: number }[]) {
  if (items.length === 0) return [];
  const rows = await db
    .select({ id: products.id, name: products.name })
    .from(products)
    .where(
      inArray(
        products.id,
        items.map((item) => item.productId),
      ),
    );
  return items.map((item) => ({ ...item, productName: rows.find((row) => row.id === item.productId)?.name ?? "" }));
}

// --- C-1, C-2, C-4: the request and its mailed URL ------------------------------------------------------------------

export type CreatedRequest = { requestId: number; licenseId: number; expiresAt: Date; contactEmail: string; items: Offer[] };

/**
 * 「発行を依頼する」 on the review screen: checks again, then in one transaction the request, its token, M-5 / M-7 /
 * M-10 to the 連絡先 and the login address, and the audit row. A newer request on the same line replaces an open
 * one (its link dies): the customer who asks again has lost or not received the mail.
 */
export async function requestIssuance({
  actor,
  kind,
  licenseId,
  code,
  contactEmail,
}: {
  actor: Actor;
  kind: MailedIssuanceKind;
  licenseId: string;
  code: string;
  contactEmail: string;
}): Promise<{ ok: true; request: CreatedRequest } | { ok: false; problem: IssuanceProblem }> {
  const checked = await checkIssuanceSource({ actor, kind, licenseId, code });
  if (!checked.ok) return checked;
  const { source } = checked;
  contactEmail = contactEmail.trim().toLowerCase();
  const db = await getDb();
  const at = now();
  const created = await db.transaction(async (tx) => {
    const replaced = await tx
      .update(issuanceRequests)
      .set({ status: "cancelled" })
      .where(and(eq(issuanceRequests.sourceLineId, source.sourceLineId), eq(issuanceRequests.kind, kind), eq(issuanceRequests.status, "requested")))
      .returning({ id: issuanceRequests.id });
    if (replaced.length > 0) {
      await tx
        .update(issuanceTokens)
        .set({ usedAt: at })
        .where(
          and(
            inArray(
              issuanceTokens.requestId,
              replaced.map((r) => r.id),
            ),
            isNull(issuanceTokens.usedAt),
          ),
        );
    }
    const items = source.offers.map((offer) => ({ productId: offer.productId, quantity: offer.quantity }));
    const [request] = await tx
      .insert(issuanceRequests)
      .values({ kind, licenseId: source.licenseId, customerAccountId: actor.accountId, contactEmail, sourceLineId: source.sourceLineId, items, createdAt: at })
      .returning({ id: issuanceRequests.id });
    const { token, expiresAt } = await newToken(tx, request!.id, at);
    await enqueueMail(
      tx,
      issuanceUrlMail({
        kind,
        to: [contactEmail, actor.email],
        licenseId: source.licenseId,
        url: issuanceUrl(kind, token),
        expiresAt,
        items: source.offers,
        contactEmail,
        requestedAt: at,
      }),
    );
    await writeAudit(
      {
        actorType: "customer",
        actorId: actor.accountId,
        actorEmail: actor.email,
        action: "issuance.requested",
        targetType: "license",
        targetId: source.licenseId,
        clientAddress: actor.clientAddress,
        details: { kind, requestId: request!.id, replaced: replaced.length },
      },
      tx,
    );
    return { requestId: request!.id, licenseId: source.licenseId, expiresAt, contactEmail, items: source.offers };
  });
  return { ok: true, request: created };
}

export type LinkProblem = "invalid" | "foreign" | "expired" | "replaced" | "cancelled" | "unavailable";
export type RequestView = {
  requestId: number;
  kind: MailedIssuanceKind;
  licenseId: number;
  contactEmail: string;
  requestedAt: Date;
  expiresAt: Date;
  items: Offer[];
};
export type IssuedView = { requestId: number; licenseId: number; issuedAt: Date; codes: (Offer & { code: string })[] };

async function isVisible(db: Executor, email: string, licenseId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: licenseContracts.licenseId })
    .from(licenseContracts)
    .where(and(eq(licenseContracts.licenseId, licenseId), visibleTo(email, now())))
    .limit(1);
  return Boolean(row);
}

async function issuedCodes(db: Executor, requestId: number) {
  return db
    .select({ productId: contractProducts.productId, productName: products.name, quantity: contractProducts.quantity, code: contractProducts.activationCode })
    .from(contractProducts)
    .innerJoin(products, eq(products.id, contractProducts.productId))
    .where(eq(contractProducts.issuanceRequestId, requestId))
    .orderBy(asc(contractProducts.id)) as Promise<(Offer & { code: string })[]>;
}

/**
 * The mailed URL (GET): what the request is, or why it cannot be issued. The token is bound to its form, its request
 * and the customer who asked; a token of another customer says only that, and a contract no longer visible is gone.
 */
export async function openIssuanceLink({
  actor,
  kind,
  token,
}: {
  actor: Pick<Actor, "accountId" | "email">;
  kind: MailedIssuanceKind;
  token: string;
}): Promise<{ ok: true; request: RequestView } | { ok: false; problem: LinkProblem; issued?: IssuedView }> {
  if (!TOKEN_PATTERN.test(token)) return { ok: false, problem: "invalid" };
  const db = await getDb();
  const [row] = await db
    .select({ request: issuanceRequests, usedAt: issuanceTokens.usedAt, expiresAt: issuanceTokens.expiresAt })
    .from(issuanceTokens)
    .innerJoin(issuanceRequests, eq(issuanceRequests.id, issuanceTokens.requestId))
    .where(eq(issuanceTokens.tokenHash, hashToken(token)))
    .limit(1);
  if (!row || row.request.kind !== kind) return { ok: false, problem: "invalid" };
  const { request } = row;
  if (request.customerAccountId !== actor.accountId) return { ok: false, problem: "foreign" };
  if (!(await isVisible(db, actor.email, request.licenseId))) return { ok: false, problem: "unavailable" };
  if (request.status === "issued")
    return {
      ok: false,
      problem: "replaced",
      issued: { requestId: request.id, licenseId: request.licenseId, issuedAt: request.issuedAt!, codes: await issuedCodes(db, request.id) },
    };
  if (request.status === "cancelled") return { ok: false, problem: "cancelled" };
  if (row.usedAt) return { ok: false, problem: "replaced" };
  if (row.expiresAt.getTime() <= now().getTime()) return { ok: false, problem: "expired" };
  return {
    ok: true,
    request: {
      requestId: request.id,
      kind,
      licenseId: request.licenseId,
      contactEmail: request.contactEmail,
      requestedAt: request.createdAt,
      expiresAt: row.expiresAt,
      items: await itemsWithNames(db, request.items),
    },
  };
}

class Refusal extends Error {
  constructor(readonly problem: "exhausted" | "unavailable") {
    super(problem);
  }
}

/** Writes one issued line with a fresh code; a collision with any code in the database draws again. */
async function insertIssuedLine(
  tx: Executor,
  values: {
    licenseId: number;
    productId: number;
    quantity: number;
    startDate: string;
    endDate: string;
    supportEndDate: string;
    requestId: number;
    prefix: string;
  },
) {
  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
    const { code, key } = generateActivationCode(values.prefix);
    const inserted = await tx
      .insert(contractProducts)
      .values({
        licenseId: values.licenseId,
        productId: values.productId,
        quantity: values.quantity,
        startDate: values.startDate,
        endDate: values.endDate,
        supportEndDate: values.supportEndDate,
        activationCode: code,
        activationCodeKey: key,
        source: "issued",
        issuanceRequestId: values.requestId,
      })
      .onConflictDoNothing({ target: contractProducts.activationCodeKey })
      .returning({ id: contractProducts.id });
    if (inserted.length > 0) return code;
  }
  throw new Error("No free activation code after several draws");
}

/** Locks the contract (every issuance of a contract runs one at a time) and checks it is still the customer's. */
async function lockContract(tx: Executor, email: string, licenseId: number): Promise<void> {
  const [row] = await tx
    .select({ id: licenseContracts.licenseId })
    .from(licenseContracts)
    .where(and(eq(licenseContracts.licenseId, licenseId), visibleTo(email, now())))
    .for("update");
  if (!row) throw new Refusal("unavailable");
}

async function issueLines(
  tx: Executor,
  request: { id: number; licenseId: number; sourceLineId: number; items: { productId: number; quantity: number }[] },
  at: Date,
) {
  const [source] = await tx.select().from(contractProducts).where(eq(contractProducts.id, request.sourceLineId));
  if (!source) throw new Refusal("unavailable");
  const codes: (Offer & { code: string })[] = [];
  for (const item of request.items) {
    if (item.quantity > (await remainingQuantity(tx, source, item.productId))) throw new Refusal("exhausted");
    const [product] = await tx.select({ name: products.name, prefix: products.codePrefix }).from(products).where(eq(products.id, item.productId));
    const code = await insertIssuedLine(tx, {
      licenseId: request.licenseId,
      productId: item.productId,
      quantity: item.quantity,
      startDate: tokyoDate(at),
      endDate: source.endDate,
      supportEndDate: source.supportEndDate,
      requestId: request.id,
      prefix: product!.prefix ?? "XX",
    });
    codes.push({ productId: item.productId, productName: product!.name, quantity: item.quantity, code });
  }
  return { codes, supportEndDate: source.supportEndDate };
}

async function writeIssuedHistory(
  tx: Executor,
  actor: Actor,
  licenseId: number,
  kind: IssuanceKind,
  requestId: number,
  codes: (Offer & { code: string })[],
  at: Date,
) {
  await tx.insert(contractHistory).values({
    licenseId,
    actorType: "customer",
    actorId: actor.accountId,
    actorEmail: actor.email,
    action: "issuance.issued",
    before: null,
    after: { kind, requestId, products: codes.map((c) => ({ product: c.productName, quantity: c.quantity, code: c.code })) },
    createdAt: at,
  });
  await writeAudit(
    {
      actorType: "customer",
      actorId: actor.accountId,
      actorEmail: actor.email,
      action: "issuance.issued",
      targetType: "license",
      targetId: licenseId,
      clientAddress: actor.clientAddress,
      details: { kind, requestId, lines: codes.length },
    },
    tx,
  );
}

/**
 * The final 「発行を依頼する」 (POST): exactly once. One transaction claims the request through its unused, unexpired
 * token (a conditional UPDATE … RETURNING: of any number of concurrent confirmations one gets the row, the others
 * find it issued), writes the codes as product lines, the history, M-6 / M-8 / M-11 and the audit row. A repeated
 * confirmation of an issued request answers with the same codes and issues nothing.
 */
export async function confirmIssuance({
  actor,
  kind,
  token,
}: {
  actor: Actor;
  kind: MailedIssuanceKind;
  token: string;
}): Promise<{ ok: true; issued: IssuedView; repeated: boolean } | { ok: false; problem: LinkProblem | "exhausted" }> {
  if (!TOKEN_PATTERN.test(token)) return { ok: false, problem: "invalid" };
  const db = await getDb();
  const at = now();
  const tokenHash = hashToken(token);
  try {
    const issued = await db.transaction(async (tx) => {
      const claimed = await tx
        .update(issuanceRequests)
        .set({ status: "issued", issuedAt: at })
        .where(
          and(
            eq(issuanceRequests.status, "requested"),
            eq(issuanceRequests.kind, kind),
            eq(issuanceRequests.customerAccountId, actor.accountId),
            // postgres.js takes no Date in raw SQL
            sql`issuance_requests.id = (SELECT t.request_id FROM issuance_tokens t
                                         WHERE t.token_hash = ${tokenHash} AND t.used_at IS NULL AND t.expires_at > ${at.toISOString()}::timestamptz)`,
          ),
        )
        .returning();
      const request = claimed[0];
      if (!request) return null;
      await tx
        .update(issuanceTokens)
        .set({ usedAt: at })
        .where(and(eq(issuanceTokens.requestId, request.id), isNull(issuanceTokens.usedAt)));
      await lockContract(tx, actor.email, request.licenseId);
      const { codes } = await issueLines(tx, { id: request.id, licenseId: request.licenseId, sourceLineId: request.sourceLineId!, items: request.items }, at);
      await enqueueMail(tx, issuanceCompleteMail({ kind, to: [request.contactEmail, actor.email], licenseId: request.licenseId, items: codes, issuedAt: at }));
      await writeIssuedHistory(tx, actor, request.licenseId, kind, request.id, codes, at);
      return { requestId: request.id, licenseId: request.licenseId, issuedAt: at, codes };
    });
    if (issued) return { ok: true, issued, repeated: false };
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    if (error.problem === "exhausted") {
      // The contract's quantity went to another request meanwhile: this one can never issue, its link dies.
      await db.transaction(async (tx) => {
        const [row] = await tx.select({ requestId: issuanceTokens.requestId }).from(issuanceTokens).where(eq(issuanceTokens.tokenHash, tokenHash));
        if (!row) return;
        await tx
          .update(issuanceRequests)
          .set({ status: "cancelled" })
          .where(and(eq(issuanceRequests.id, row.requestId), eq(issuanceRequests.status, "requested")));
        await tx
          .update(issuanceTokens)
          .set({ usedAt: at })
          .where(and(eq(issuanceTokens.requestId, row.requestId), isNull(issuanceTokens.usedAt)));
      });
    }
    return { ok: false, problem: error.problem };
  }
  // Not claimed: issued already (a double click, a second tab), or a link that cannot issue — say which.
  const opened = await openIssuanceLink({ actor, kind, token });
  if (!opened.ok && opened.issued) return { ok: true, issued: opened.issued, repeated: true };
  return { ok: false, problem: opened.ok ? "invalid" : opened.problem };
}

/** B-2 / C-1, C-2, C-4: a fresh URL for an open request of this customer; the old link dies. */
export async function resendIssuanceLink({
  actor,
  requestId,
}: {
  actor: Actor;
  requestId: number;
}): Promise<{ ok: true; expiresAt: Date; licenseId: number } | { ok: false }> {
  const db = await getDb();
  const at = now();
  return db.transaction(async (tx) => {
    const [request] = await tx
      .select()
      .from(issuanceRequests)
      .where(and(eq(issuanceRequests.id, requestId), eq(issuanceRequests.customerAccountId, actor.accountId), eq(issuanceRequests.status, "requested")))
      .for("update");
    if (!request || request.kind === "apex_central" || !(await isVisible(tx, actor.email, request.licenseId))) return { ok: false } as const;
    const kind = request.kind;
    await tx
      .update(issuanceTokens)
      .set({ usedAt: at })
      .where(and(eq(issuanceTokens.requestId, request.id), isNull(issuanceTokens.usedAt)));
    const { token, expiresAt } = await newToken(tx, request.id, at);
    const items = await itemsWithNames(tx, request.items);
    await enqueueMail(
      tx,
      issuanceUrlMail({
        kind,
        to: [request.contactEmail, actor.email],
        licenseId: request.licenseId,
        url: issuanceUrl(kind, token),
        expiresAt,
        items,
        contactEmail: request.contactEmail,
        requestedAt: request.createdAt,
      }),
    );
    await writeAudit(
      {
        actorType: "customer",
        actorId: actor.accountId,
        actorEmail: actor.email,
        action: "issuance.link_resent",
        targetType: "license",
        targetId: request.licenseId,
        clientAddress: actor.clientAddress,
        details: { kind, requestId: request.id },
      },
      tx,
    );
    return { ok: true, expiresAt, licenseId: request.licenseId } as const;
  });
}

// --- C-3: Apex Central, issued at once ------------------------------------------------------------------------------

/**
 * 「同意していただいた上でダウンロード」 / 「同意していただいた上で更新用AC発行」: the line's code is issued once (the
 * contract locked, the quantity rule checked inside), M-9 goes to the login address; later clicks get the same code.
 */
export async function issueApexCentralCode({
  actor,
  licenseId,
}: {
  actor: Actor;
  licenseId: string;
}): Promise<
  | { ok: true; licenseId: number; code: string; productName: string; quantity: number; supportEndDate: string; repeated: boolean }
  | { ok: false; problem: IssuanceProblem }
> {
  const checked = await checkIssuanceSource({ actor, kind: "apex_central", licenseId });
  if (!checked.ok) return checked;
  const { source } = checked;
  const offer = source.offers[0];
  if (!offer) return { ok: false, problem: { kind: "wrongProduct", licenseId: source.licenseId } };
  const db = await getDb();
  const at = now();
  try {
    return await db.transaction(async (tx) => {
      await lockContract(tx, actor.email, source.licenseId);
      const [existing] = await tx
        .select({ code: contractProducts.activationCode, quantity: contractProducts.quantity })
        .from(contractProducts)
        .innerJoin(issuanceRequests, eq(issuanceRequests.id, contractProducts.issuanceRequestId))
        .where(and(eq(issuanceRequests.sourceLineId, source.sourceLineId), eq(issuanceRequests.kind, "apex_central")))
        .orderBy(desc(contractProducts.id))
        .limit(1);
      if (existing?.code)
        return {
          ok: true,
          licenseId: source.licenseId,
          code: existing.code,
          productName: offer.productName,
          quantity: existing.quantity,
          supportEndDate: source.supportEndDate,
          repeated: true,
        } as const;
      if (offer.quantity === 0) throw new Refusal("exhausted");
      const items = [{ productId: offer.productId, quantity: offer.quantity }];
      const [request] = await tx
        .insert(issuanceRequests)
        .values({
          kind: "apex_central",
          licenseId: source.licenseId,
          customerAccountId: actor.accountId,
          contactEmail: actor.email,
          sourceLineId: source.sourceLineId,
          items,
          status: "issued",
          issuedAt: at,
          createdAt: at,
        })
        .returning({ id: issuanceRequests.id });
      const { codes, supportEndDate } = await issueLines(tx, { id: request!.id, licenseId: source.licenseId, sourceLineId: source.sourceLineId, items }, at);
      const issued = codes[0]!;
      await enqueueMail(
        tx,
        apexCentralCodeMail({
          to: [actor.email],
          licenseId: source.licenseId,
          productName: issued.productName,
          quantity: issued.quantity,
          code: issued.code,
          supportEndDate,
          issuedAt: at,
        }),
      );
      await writeIssuedHistory(tx, actor, source.licenseId, "apex_central", request!.id, codes, at);
      return {
        ok: true,
        licenseId: source.licenseId,
        code: issued.code,
        productName: issued.productName,
        quantity: issued.quantity,
        supportEndDate,
        repeated: false,
      } as const;
    });
  } catch (error) {
    if (error instanceof Refusal)
      return {
        ok: false,
        problem:
          error.problem === "exhausted"
            ? { kind: "exhausted", licenseId: source.licenseId }
            : { kind: "search", message: { kind: "emailMismatch", searchedBy: "licenseId", key: String(source.licenseId) } },
      };
    throw error;
  }
}

// --- B-2: the requests of a contract ---------------------------------------------------------------------------------

export type RequestState = "requested" | "expired" | "issued" | "cancelled";
export type ContractRequestRow = {
  requestId: number;
  kind: IssuanceKind;
  state: RequestState;
  requestedAt: Date;
  issuedAt: Date | null;
  expiresAt: Date | null;
  mine: boolean;
  items: Offer[];
};

/** The issuance requests of a contract the page has shown to be visible (newest first, at most 20). */
export async function listContractRequests({ actor, licenseId }: { actor: Pick<Actor, "accountId">; licenseId: number }): Promise<ContractRequestRow[]> {
  const db = await getDb();
  const rows = await db
    .select({
      request: issuanceRequests,
      // Spelled out: Drizzle leaves a one-table select's columns unqualified, which inside a subquery would bind to it.
      expiresAt: sql<Date | string | null>`(SELECT max(t.expires_at) FROM issuance_tokens t WHERE t.request_id = issuance_requests.id AND t.used_at IS NULL)`,
    })
    .from(issuanceRequests)
    .where(eq(issuanceRequests.licenseId, licenseId))
    .orderBy(desc(issuanceRequests.createdAt), desc(issuanceRequests.id))
    .limit(20);
  const at = now().getTime();
  const result: ContractRequestRow[] = [];
  for (const { request, expiresAt: rawExpiry } of rows) {
    const expiresAt = rawExpiry === null ? null : new Date(rawExpiry);
    const state: RequestState = request.status === "requested" ? (expiresAt && expiresAt.getTime() > at ? "requested" : "expired") : request.status;
    result.push({
      requestId: request.id,
      kind: request.kind,
      state,
      requestedAt: request.createdAt,
      issuedAt: request.issuedAt,
      expiresAt,
      mine: request.customerAccountId === actor.accountId,
      items: await itemsWithNames(db, request.items),
    });
  }
  return result;
}
