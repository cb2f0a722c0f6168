import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, contractHistory, contractProducts, issuanceRequests, issuanceTokens, mailOutbox, type Product } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { advanceClock, now, setClock } from "@/lib/clock";
import {
  ISSUANCE_LINK_TTL_MS,
  checkIssuanceSource,
  confirmIssuance,
  issueApexCentralCode,
  listContractRequests,
  openIssuanceLink,
  requestIssuance,
  resendIssuanceLink,
} from "@/lib/issuance/requests";
import { getVisibleContract } from "@/lib/licenses/queries";
import { createContract, createCustomer, createProduct, fromToday, uniqueEmail, type CreatedContract, customerActor } from "../support/factories";

// SPEC C-1 … C-4 on the real database (PGlite, or PostgreSQL with DATABASE_URL: real parallel connections): the
// checks of ① and ② and their messages, the request with its mailed URL, the token's life (72 hours, single use,
// bound to its customer), exactly-once issuance under concurrency, C-3, the quantity rule and the fresh link.

let catalog: Record<string, Product>;

beforeAll(async () => {
  const entries: [string, string, string][] = [
    ["VBCE_PLUS", "ウイルスバスター コーポレートエディション Plus", "OS"],
    ["CSSP", "Client/Server Suite Premium", "OS"],
    ["VBCE", "ウイルスバスター コーポレートエディション", "OS"],
    ["APEX_ONE", "Apex One", "OS"],
    ["APEX_CENTRAL", "Apex Central", "AC"],
    ["VB_CORPORATE", "法人用ウイルスバスター", "VC"],
    ["VBCE_PLUS_OFFLINE", "ウイルスバスター コーポレートエディション Plus オフライン用", "OF"],
    ["APEX_ONE_OFFLINE", "Apex One オフライン用", "OF"],
    ["SAFE_LOCK", "Trend Micro Safe Lock", "SO"],
  ];
  catalog = {};
  for (const [code, name, codePrefix] of entries) catalog[code] = await createProduct({ code, name, codePrefix });
});

let addresses = 0;
/** A customer with an address of its own (the A-8 lock counts per address too). */
async function customer(email = uniqueEmail("issuer")): Promise<CustomerActor> {
  const account = await createCustomer({ email });
  addresses += 1;
  return customerActor(account, `10.11.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}`);
}

/** A contract of `actor` for `product` (its OS code in `codes[0]`). */
function contractOf(actor: CustomerActor, product: string, options: { quantity?: number; endDate?: string; extra?: string } = {}): Promise<CreatedContract> {
  return createContract({
    product: catalog[product],
    contractEmail: actor.email,
    quantity: options.quantity ?? 150,
    endDate: options.endDate,
    lines: [{ quantity: options.quantity ?? 150 }, ...(options.extra ? [{ product: catalog[options.extra], quantity: 30 }] : [])],
  });
}

async function counts(licenseId: number) {
  const db = await getDb();
  const one = async (query: Promise<{ n: number | string }[]>) => Number((await query)[0]?.n ?? 0);
  return {
    requests: await one(
      db
        .select({ n: sql<number>`count(*)` })
        .from(issuanceRequests)
        .where(eq(issuanceRequests.licenseId, licenseId)),
    ),
    lines: await one(
      db
        .select({ n: sql<number>`count(*)` })
        .from(contractProducts)
        .where(eq(contractProducts.licenseId, licenseId)),
    ),
    mails: await one(db.select({ n: sql<number>`count(*)` }).from(mailOutbox)),
    history: await one(
      db
        .select({ n: sql<number>`count(*)` })
        .from(contractHistory)
        .where(eq(contractHistory.licenseId, licenseId)),
    ),
  };
}

async function mailsTo(address: string, template?: string) {
  const db = await getDb();
  const rows = await db
    .select()
    .from(mailOutbox)
    .where(sql`${address} = ANY(${mailOutbox.toAddresses})`)
    .orderBy(mailOutbox.seq);
  return template ? rows.filter((row) => row.template === template) : rows;
}

/** The token of the newest URL mail to `address` (as the customer would click it). */
async function tokenFromMail(address: string, template: string): Promise<string> {
  const mails = await mailsTo(address, template);
  const text = mails.at(-1)?.text ?? "";
  const match = /\/activation-codes\/[a-z-]+\/issue\/([A-Za-z0-9_-]{43})/.exec(text);
  if (!match) throw new Error(`no issuance URL in ${template} to ${address}`);
  return match[1]!;
}

async function requestFor(
  actor: CustomerActor,
  contract: CreatedContract,
  kind: "apex_one" | "virus_buster" | "offline" = "apex_one",
  contactEmail = "kanri@example.co.jp",
) {
  const result = await requestIssuance({ actor, kind, licenseId: String(contract.licenseId), code: contract.codes[0]!.code, contactEmail });
  if (!result.ok) throw new Error(`request refused: ${JSON.stringify(result.problem)}`);
  const template = { apex_one: "M-5", virus_buster: "M-7", offline: "M-10" }[kind];
  return { request: result.request, token: await tokenFromMail(actor.email, template) };
}

describe("① and ②: each refusal has its message and writes nothing", () => {
  it("refuses: non-digit or empty license ID, malformed code, other customer's contract, wrong product, other license's code, expired, exhausted", async () => {
    const me = await customer();
    const stranger = await customer();
    const mine = await contractOf(me, "VBCE_PLUS");
    const apexOne = await contractOf(me, "APEX_ONE");
    const theirs = await contractOf(stranger, "VBCE_PLUS");
    const expired = await contractOf(me, "VBCE_PLUS", { endDate: fromToday({ months: -3 }) });
    const before = await counts(mine.licenseId);
    const check = (licenseId: string, code: string, kind: "apex_one" | "virus_buster" | "offline" = "apex_one") =>
      checkIssuanceSource({ actor: me, kind, licenseId, code });

    expect(await check("12a45", mine.codes[0]!.code)).toEqual({ ok: false, problem: { kind: "field", field: "licenseId", reason: "nonDigit" } });
    expect(await check("", mine.codes[0]!.code)).toEqual({ ok: false, problem: { kind: "field", field: "licenseId", reason: "required" } });
    expect(await check(String(mine.licenseId), "")).toEqual({ ok: false, problem: { kind: "field", field: "code", reason: "required" } });
    expect(await check(String(mine.licenseId), "OS-1234")).toEqual({ ok: false, problem: { kind: "field", field: "code", reason: "codeFormat" } });
    expect(await check(String(mine.licenseId), `SO${mine.codes[0]!.key.slice(2)}`)).toEqual({
      ok: false,
      problem: { kind: "field", field: "code", reason: "codePrefix" },
    });
    // Another customer's contract: B-8's "e-mail not registered" message, nothing about the contract.
    expect(await check(String(theirs.licenseId), theirs.codes[0]!.code)).toEqual({
      ok: false,
      problem: { kind: "search", message: { kind: "emailMismatch", searchedBy: "licenseId", key: String(theirs.licenseId) } },
    });
    // C-1 needs ウイルスバスター コーポレートエディション Plus or Client/Server Suite Premium; Apex One is C-2's.
    expect(await check(String(apexOne.licenseId), apexOne.codes[0]!.code)).toEqual({
      ok: false,
      problem: { kind: "wrongProduct", licenseId: apexOne.licenseId },
    });
    expect((await check(String(apexOne.licenseId), apexOne.codes[0]!.code, "virus_buster")).ok).toBe(true);
    // An OS- code of another of the customer's licenses, and one of another customer's: not this license's.
    expect(await check(String(mine.licenseId), apexOne.codes[0]!.code)).toEqual({ ok: false, problem: { kind: "codeMismatch", licenseId: mine.licenseId } });
    expect(await check(String(mine.licenseId), theirs.codes[0]!.code.toLowerCase())).toEqual({
      ok: false,
      problem: { kind: "codeMismatch", licenseId: mine.licenseId },
    });
    expect(await check(String(expired.licenseId), expired.codes[0]!.code)).toEqual({ ok: false, problem: { kind: "notActive", licenseId: expired.licenseId } });
    expect(await counts(mine.licenseId)).toEqual(before);

    // Entitlement exhausted: after its quantity is issued, the line offers nothing more.
    const { token } = await requestFor(me, mine);
    expect((await confirmIssuance({ actor: me, kind: "apex_one", token })).ok).toBe(true);
    const issued = await counts(mine.licenseId);
    expect(await check(String(mine.licenseId), mine.codes[0]!.code)).toEqual({ ok: false, problem: { kind: "exhausted", licenseId: mine.licenseId } });
    expect(
      await requestIssuance({ actor: me, kind: "apex_one", licenseId: String(mine.licenseId), code: mine.codes[0]!.code, contactEmail: "kanri@example.co.jp" }),
    ).toEqual({ ok: false, problem: { kind: "exhausted", licenseId: mine.licenseId } });
    expect(await counts(mine.licenseId)).toEqual(issued);
  });

  it("pasted codes work with hyphens, spaces, lower case and full width", async () => {
    const me = await customer();
    const mine = await contractOf(me, "VBCE_PLUS");
    const typed = ` ${mine.codes[0]!.code.toLowerCase()
      .replaceAll("-", "－")
      .normalize("NFKC")
      .replace(/[a-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))} `;
    const result = await checkIssuanceSource({
      actor: me,
      kind: "apex_one",
      licenseId: `${String(mine.licenseId).replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))}`,
      code: typed,
    });
    expect(result).toMatchObject({ ok: true, source: { licenseId: mine.licenseId, offers: [{ productName: "Apex One", quantity: 150 }] } });
  });

  it("a code that is not the license's counts toward the A-8 lock like a missed search", async () => {
    const me = await customer();
    const mine = await contractOf(me, "VBCE_PLUS");
    const other = await contractOf(me, "APEX_ONE");
    for (let i = 0; i < 5; i++)
      expect((await checkIssuanceSource({ actor: me, kind: "apex_one", licenseId: String(mine.licenseId), code: other.codes[0]!.code })).ok).toBe(false);
    expect(await checkIssuanceSource({ actor: me, kind: "apex_one", licenseId: String(mine.licenseId), code: mine.codes[0]!.code })).toEqual({
      ok: false,
      problem: { kind: "search", message: { kind: "locked" } },
    });
  });
});

describe("C-1 / C-2 / C-4: request, URL, issuance", () => {
  it("the request writes the request, a hashed token, M-5 to the 連絡先 and the login address and the audit row; the URL issues once with M-6", async () => {
    const me = await customer();
    const mine = await contractOf(me, "VBCE_PLUS", { quantity: 80 });
    setClock(new Date("2026-12-02T03:00:00Z"));
    const { request, token } = await requestFor(me, mine, "apex_one", "Kanri@Example.co.jp");
    const db = await getDb();
    const [url] = await mailsTo(me.email, "M-5");
    expect(url!.toAddresses.sort()).toEqual(["kanri@example.co.jp", me.email].sort());
    expect(url!.fromAddress).toMatch(/^operation_team@/);
    const tokens = await db.select().from(issuanceTokens).where(eq(issuanceTokens.requestId, request.requestId));
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.tokenHash).not.toContain(token);
    expect(tokens[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokens[0]!.expiresAt.getTime() - now().getTime()).toBe(ISSUANCE_LINK_TTL_MS);
    // Nothing is issued before the URL's button.
    expect((await getVisibleContract({ actor: me, licenseId: mine.licenseId }))!.lines).toHaveLength(1);

    const opened = await openIssuanceLink({ actor: me, kind: "apex_one", token });
    expect(opened).toMatchObject({
      ok: true,
      request: { licenseId: mine.licenseId, contactEmail: "kanri@example.co.jp", items: [{ productName: "Apex One", quantity: 80 }] },
    });
    const result = await confirmIssuance({ actor: me, kind: "apex_one", token });
    expect(result).toMatchObject({ ok: true, repeated: false, issued: { licenseId: mine.licenseId, codes: [{ productName: "Apex One", quantity: 80 }] } });
    const code = result.ok ? result.issued.codes[0]!.code : "";
    expect(code).toMatch(/^OS-[A-Z0-9]{4}(-[A-Z0-9]{5}){5}$/);
    const detail = await getVisibleContract({ actor: me, licenseId: mine.licenseId });
    expect(detail!.lines.map((line) => line.activationCode)).toContain(code);
    const [complete] = await mailsTo(me.email, "M-6");
    expect(complete!.text).toContain(code);
    expect(complete!.toAddresses.sort()).toEqual(["kanri@example.co.jp", me.email].sort());
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "issuance.issued"), eq(auditLog.targetId, String(mine.licenseId))));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.details)).not.toContain(code);
    const history = await db
      .select()
      .from(contractHistory)
      .where(and(eq(contractHistory.licenseId, mine.licenseId), eq(contractHistory.action, "issuance.issued")));
    expect(history).toHaveLength(1);
  });

  it("C-2 issues 法人用ウイルスバスター serials (M-7 / M-8), C-4 the line's offline code (M-10 / M-11)", async () => {
    const me = await customer();
    const mine = await contractOf(me, "VBCE_PLUS", { quantity: 40 });
    const serial = await requestFor(me, mine, "virus_buster");
    const serialResult = await confirmIssuance({ actor: me, kind: "virus_buster", token: serial.token });
    expect(serialResult).toMatchObject({ ok: true, issued: { codes: [{ productName: "法人用ウイルスバスター", quantity: 40 }] } });
    expect(await mailsTo(me.email, "M-8")).toHaveLength(1);
    const offline = await requestFor(me, mine, "offline");
    const offlineResult = await confirmIssuance({ actor: me, kind: "offline", token: offline.token });
    expect(offlineResult).toMatchObject({
      ok: true,
      issued: { codes: [{ productName: "ウイルスバスター コーポレートエディション Plus オフライン用", quantity: 40 }] },
    });
    expect(offlineResult.ok && offlineResult.issued.codes[0]!.code.startsWith("OF-")).toBe(true);
    expect(await mailsTo(me.email, "M-11")).toHaveLength(1);
    // A token of one form does not work under another.
    const again = await requestFor(me, await contractOf(me, "APEX_ONE"), "offline");
    expect(await confirmIssuance({ actor: me, kind: "apex_one", token: again.token })).toEqual({ ok: false, problem: "invalid" });
  });

  it("50 concurrent confirmations of one request issue one set of codes and one completion mail", async () => {
    const me = await customer();
    const mine = await contractOf(me, "VBCE_PLUS");
    const { token } = await requestFor(me, mine);
    const before = await counts(mine.licenseId);
    const results = await Promise.all(Array.from({ length: 50 }, () => confirmIssuance({ actor: me, kind: "apex_one", token })));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(results.filter((result) => result.ok && !result.repeated)).toHaveLength(1);
    const codes = new Set(results.map((result) => (result.ok ? result.issued.codes.map((c) => c.code).join() : "")));
    expect(codes.size).toBe(1);
    const after = await counts(mine.licenseId);
    expect(after).toEqual({ ...before, lines: before.lines + 1, mails: before.mails + 1, history: before.history + 1 });
    expect(await mailsTo(me.email, "M-6")).toHaveLength(1);
  });
});

describe("the token: 72 hours, single use, its customer's, unaltered", () => {
  it("expired at 72 hours, reused, of another customer, or altered: each issues nothing and says why", async () => {
    const me = await customer();
    const stranger = await customer();
    const mine = await contractOf(me, "VBCE_PLUS");
    setClock(new Date("2026-12-01T01:00:00Z"));
    const { token } = await requestFor(me, mine);
    const before = await counts(mine.licenseId);

    const altered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    expect(await openIssuanceLink({ actor: me, kind: "apex_one", token: altered })).toEqual({ ok: false, problem: "invalid" });
    expect(await confirmIssuance({ actor: me, kind: "apex_one", token: altered })).toEqual({ ok: false, problem: "invalid" });
    expect(await confirmIssuance({ actor: me, kind: "apex_one", token: "../../etc" })).toEqual({ ok: false, problem: "invalid" });
    // Another customer (even one who could see the contract) cannot use the link, and it stays usable for its owner.
    expect(await openIssuanceLink({ actor: stranger, kind: "apex_one", token })).toEqual({ ok: false, problem: "foreign" });
    expect(await confirmIssuance({ actor: stranger, kind: "apex_one", token })).toEqual({ ok: false, problem: "foreign" });
    expect(await counts(mine.licenseId)).toEqual(before);

    advanceClock(ISSUANCE_LINK_TTL_MS - 1000);
    expect((await openIssuanceLink({ actor: me, kind: "apex_one", token })).ok).toBe(true);
    advanceClock(1000);
    expect(await openIssuanceLink({ actor: me, kind: "apex_one", token })).toEqual({ ok: false, problem: "expired" });
    expect(await confirmIssuance({ actor: me, kind: "apex_one", token })).toEqual({ ok: false, problem: "expired" });
    expect(await counts(mine.licenseId)).toEqual(before);
    expect((await listContractRequests({ actor: me, licenseId: mine.licenseId }))[0]).toMatchObject({ state: "expired", mine: true });

    // A fresh link: the old one dies, the new one issues; afterwards the used link issues nothing more.
    const [row] = await listContractRequests({ actor: me, licenseId: mine.licenseId });
    expect(await resendIssuanceLink({ actor: stranger, requestId: row!.requestId })).toEqual({ ok: false });
    expect((await resendIssuanceLink({ actor: me, requestId: row!.requestId })).ok).toBe(true);
    const fresh = await tokenFromMail(me.email, "M-5");
    expect(fresh).not.toBe(token);
    expect(await openIssuanceLink({ actor: me, kind: "apex_one", token })).toEqual({ ok: false, problem: "replaced" });
    const issued = await confirmIssuance({ actor: me, kind: "apex_one", token: fresh });
    expect(issued).toMatchObject({ ok: true, repeated: false });
    const afterIssue = await counts(mine.licenseId);
    const reused = await confirmIssuance({ actor: me, kind: "apex_one", token: fresh });
    expect(reused).toMatchObject({ ok: true, repeated: true });
    expect(await openIssuanceLink({ actor: me, kind: "apex_one", token: fresh })).toMatchObject({
      ok: false,
      problem: "replaced",
      issued: { licenseId: mine.licenseId },
    });
    expect(await counts(mine.licenseId)).toEqual(afterIssue);
    expect((await listContractRequests({ actor: me, licenseId: mine.licenseId }))[0]).toMatchObject({ state: "issued" });
  });

  it("a newer request on the same line cancels the open one; its link then issues nothing", async () => {
    const me = await customer();
    const mine = await contractOf(me, "VBCE_PLUS");
    const first = await requestFor(me, mine);
    const second = await requestFor(me, mine);
    expect(await confirmIssuance({ actor: me, kind: "apex_one", token: first.token })).toEqual({ ok: false, problem: "cancelled" });
    expect(await confirmIssuance({ actor: me, kind: "apex_one", token: second.token })).toMatchObject({ ok: true, repeated: false });
  });

  it("a contract the customer can no longer see issues nothing through an old link", async () => {
    const me = await customer();
    const mine = await contractOf(me, "VBCE_PLUS");
    const { token } = await requestFor(me, mine);
    const db = await getDb();
    await db.execute(sql`UPDATE contract_contacts SET email = 'someone-else@example.co.jp' WHERE license_id = ${mine.licenseId}`);
    const before = await counts(mine.licenseId);
    expect(await confirmIssuance({ actor: me, kind: "apex_one", token })).toEqual({ ok: false, problem: "unavailable" });
    expect(await counts(mine.licenseId)).toEqual(before);
  });
});

describe("C-3 Apex Central", () => {
  it("issues the line's code once with M-9 to the login address; later clicks get the same code; other customers get nothing", async () => {
    const me = await customer();
    const stranger = await customer();
    const mine = await contractOf(me, "APEX_CENTRAL", { quantity: 150 });
    expect(await issueApexCentralCode({ actor: stranger, licenseId: String(mine.licenseId) })).toMatchObject({ ok: false, problem: { kind: "search" } });
    const wrong = await contractOf(me, "SAFE_LOCK");
    expect(await issueApexCentralCode({ actor: me, licenseId: String(wrong.licenseId) })).toEqual({
      ok: false,
      problem: { kind: "wrongProduct", licenseId: wrong.licenseId },
    });
    const first = await issueApexCentralCode({ actor: me, licenseId: String(mine.licenseId) });
    expect(first).toMatchObject({ ok: true, repeated: false, quantity: 150, productName: "Apex Central" });
    const code = first.ok ? first.code : "";
    expect(code).toMatch(/^AC-/);
    const [mail] = await mailsTo(me.email, "M-9");
    expect(mail!.toAddresses).toEqual([me.email]);
    expect(mail!.fromAddress).toMatch(/^sales@/);
    expect(mail!.text).toContain(code);
    const all = await Promise.all(Array.from({ length: 10 }, () => issueApexCentralCode({ actor: me, licenseId: String(mine.licenseId) })));
    expect(all.every((result) => result.ok && result.repeated && result.code === code)).toBe(true);
    expect(await mailsTo(me.email, "M-9")).toHaveLength(1);
    expect((await getVisibleContract({ actor: me, licenseId: mine.licenseId }))!.lines.map((line) => line.activationCode)).toContain(code);
  });
});
