import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password-hash";
import { signInCustomer, signInStaff } from "@/lib/auth/sign-in";
import { addToIsoDate, startOfTokyoDay, tokyoDate } from "@/lib/dates";
import { now, setClock } from "@/lib/clock";
import { diagnoseAccess, findVisibleLicenseIdByCode, getVisibleContract, listVisibleContracts } from "@/lib/licenses/queries";
import { getPublishedNotice } from "@/lib/notices/queries";
import { blobStore } from "@/lib/blob/store";
import { authorizeDownload, listPublishedFiles } from "@/lib/downloads/files";
import { getBackNumber, isSubscribed, listBackNumbers } from "@/lib/support-mail/subscriptions";
import {
  createContract,
  createCustomer,
  createDownloadFile,
  createNotice,
  createProduct,
  createSentSupportMail,
  createStaff,
  createStaffActor,
  createSubscriber,
  customerActor,
  fromToday,
  signInStaffWithCode,
  uniqueEmail,
} from "../support/factories";

// What the factories of tests/support/factories.ts make by default, through the app's own reads: a contract that
// B-0 shows to its contract e-mail and to nobody else, and each option doing what its name says.
const list = async (email: string) =>
  (await listVisibleContracts({ actor: { email }, query: { sort: "licenseId", direction: "asc", page: 1, pageSize: 50 } })).rows.map((r) => r.licenseId);
let address = 1;
const client = () => ({ clientAddress: `203.0.113.${address++}` });

describe("createContract", () => {
  it("makes a contract visible to its contract e-mail by every read, and to nobody else", async () => {
    const contract = await createContract();
    const { licenseId, contractEmail, supportEmail, codes } = contract;
    expect(supportEmail).toBe(contractEmail);
    expect(contract.status).toBe("active");
    expect(contract.endDate).toBe(fromToday({ years: 1 }));

    const detail = await getVisibleContract({ actor: { email: contractEmail }, licenseId });
    expect(detail).toMatchObject({
      licenseId,
      productName: contract.product.name,
      status: "active",
      contractContact: { email: contractEmail },
      supportContact: { email: contractEmail },
    });
    expect(detail!.lines.map((l) => l.activationCode)).toEqual([codes[0]!.code]);
    expect(codes[0]!.code).toMatch(/^OS(-[A-Z0-9]{4})(-[A-Z0-9]{5}){5}$/);
    expect(await list(contractEmail)).toEqual([licenseId]);
    expect(await findVisibleLicenseIdByCode({ actor: { email: contractEmail }, codeKey: codes[0]!.key })).toBe(licenseId);
    expect(await diagnoseAccess({ actor: { email: contractEmail }, target: { licenseId } })).toBe("visible");

    const stranger = uniqueEmail("stranger");
    expect(await getVisibleContract({ actor: { email: stranger }, licenseId })).toBeUndefined();
    expect(await list(stranger)).toEqual([]);
    expect(await findVisibleLicenseIdByCode({ actor: { email: stranger }, codeKey: codes[0]!.key })).toBeUndefined();
    expect(await diagnoseAccess({ actor: { email: stranger }, target: { licenseId } })).toBe("not_contact");
  });

  it("gives every call its own license ID, e-mail, product and codes", async () => {
    const a = await createContract();
    const b = await createContract();
    expect(b.licenseId).not.toBe(a.licenseId);
    expect(b.contractEmail).not.toBe(a.contractEmail);
    expect(b.product.id).not.toBe(a.product.id);
    expect(b.codes[0]!.key).not.toBe(a.codes[0]!.key);
    expect(await list(a.contractEmail)).toEqual([a.licenseId]);
    expect(await list(b.contractEmail)).toEqual([b.licenseId]);
  });

  it("shows a contract to a separate サポート窓口 e-mail too, and keeps the given lines in order", async () => {
    const other = await createProduct({ codePrefix: "AC" });
    const { licenseId, contractEmail, supportEmail, codes } = await createContract({
      supportEmail: uniqueEmail("desk"),
      quantity: 150,
      lines: [{}, { product: other, quantity: 3 }],
    });
    expect(supportEmail).not.toBe(contractEmail);
    const detail = await getVisibleContract({ actor: { email: supportEmail }, licenseId });
    expect(detail!.lines.map((l) => [l.quantity, l.activationCode])).toEqual([
      [150, codes[0]!.code],
      [3, codes[1]!.code],
    ]);
    expect(codes[1]!.code).toMatch(/^AC-/);
    expect(await list(contractEmail)).toEqual([licenseId]);
  });

  it("marks a contract that has ended as 期限切れ, listed for six years and then never", async () => {
    const twoYearsAgo = await createContract({ endDate: fromToday({ years: -2 }) });
    expect(twoYearsAgo.status).toBe("expired");
    expect(await list(twoYearsAgo.contractEmail)).toEqual([twoYearsAgo.licenseId]);

    const sevenYearsAgo = await createContract({ endDate: fromToday({ years: -7 }) });
    expect(sevenYearsAgo.status).toBe("expired");
    expect(await getVisibleContract({ actor: { email: sevenYearsAgo.contractEmail }, licenseId: sevenYearsAgo.licenseId })).toBeUndefined();
    expect(await list(sevenYearsAgo.contractEmail)).toEqual([]);
    expect(await diagnoseAccess({ actor: { email: sevenYearsAgo.contractEmail }, target: { licenseId: sevenYearsAgo.licenseId } })).toBe("too_old");
  });

  it.each([
    ["hidden: true", "hidden", () => createContract({ hidden: true })],
    ["a product of an unhandled category", "category", async () => createContract({ product: await createProduct({ handledBySite: false }) })],
    ["an individually excluded product", "excluded_product", async () => createContract({ product: await createProduct({ excludedFromSite: true }) })],
    ["status: registering", "status", () => createContract({ status: "registering" })],
    ["status: invalid", "status", () => createContract({ status: "invalid" })],
  ] as const)("hides a contract made with %s from its own contact (%s)", async (_label, diagnosis, make) => {
    const { licenseId, contractEmail } = await make();
    expect(await getVisibleContract({ actor: { email: contractEmail }, licenseId })).toBeUndefined();
    expect(await list(contractEmail)).toEqual([]);
    expect(await diagnoseAccess({ actor: { email: contractEmail }, target: { licenseId } })).toBe(diagnosis);
  });

  it("keeps a previous contact e-mail until the new one's effective time (A-9)", async () => {
    const previous = uniqueEmail("before");
    const tomorrow = startOfTokyoDay(addToIsoDate(tokyoDate(now()), { days: 1 }));
    // The A-9 options are the contract contact's own: the サポート窓口 is given an address of its own here.
    const { licenseId, contractEmail } = await createContract({
      supportEmail: uniqueEmail("desk"),
      contractContact: { previousEmail: previous, emailEffectiveAt: tomorrow },
    });
    expect(await list(previous)).toEqual([licenseId]);
    expect(await list(contractEmail)).toEqual([]);
    setClock(new Date(tomorrow.getTime() + 1000));
    expect(await list(previous)).toEqual([]);
    expect(await list(contractEmail)).toEqual([licenseId]);
  });
});

describe("createCustomer and createStaff", () => {
  it("makes a customer who signs in with the returned password once a contract names the address", async () => {
    const customer = await createCustomer();
    expect(await signInCustomer({ email: customer.email, password: customer.password! }, client())).toEqual({ ok: false, reason: "invalid" });
    await createContract({ contractEmail: customer.email });
    expect(await signInCustomer({ email: customer.email, password: customer.password! }, client())).toMatchObject({
      ok: true,
      accountId: customer.id,
      mustChangePassword: false,
    });

    const db = await getDb();
    const history = await db.select().from(s.passwordHistory).where(eq(s.passwordHistory.customerAccountId, customer.id));
    expect(history).toHaveLength(1);
    expect(await verifyPassword(customer.password!, history[0]!.passwordHash)).toBe(true);
  });

  it("makes an account without a password when asked (A-3 first use)", async () => {
    const { contractEmail } = await createContract();
    const customer = await createCustomer({ email: contractEmail, password: null });
    const db = await getDb();
    const [row] = await db
      .select()
      .from(s.customerAccounts)
      .where(and(eq(s.customerAccounts.id, customer.id), eq(s.customerAccounts.email, contractEmail)));
    expect(row!.passwordHash).toBeNull();
  });

  it("makes an enabled staff account of the given role", async () => {
    const staff = await createStaff({ role: "marketer" });
    expect(await signInStaffWithCode(staff, client())).toMatchObject({ ok: true, accountId: staff.id });
    expect(await signInStaff({ email: staff.email, password: "Wrong-Passw0rd!" }, client())).toEqual({ ok: false, reason: "invalid" });
    const db = await getDb();
    const [row] = await db.select().from(s.staffAccounts).where(eq(s.staffAccounts.id, staff.id));
    expect(row).toMatchObject({ role: "marketer", disabledAt: null });
  });
});

describe("createNotice", () => {
  it("publishes a notice from yesterday, and a draft when publishFrom is null", async () => {
    const published = await createNotice();
    const draft = await createNotice({ publishFrom: null });
    expect((await getPublishedNotice(published.id))?.title).toBe(published.title);
    expect(await getPublishedNotice(draft.id)).toBeUndefined();
  });
});

describe("createStaffActor, createSubscriber and the actor builders", () => {
  it("makes an actor of a new account of the role, each with a session id of its own", async () => {
    const [first, second] = await Promise.all([createStaffActor({ role: "admin" }), createStaffActor({ role: "admin" })]);
    expect(first).toMatchObject({ type: "staff", role: "admin", mustChangePassword: false });
    expect(first.sessionId).not.toBe(second.sessionId);
    expect(first.accountId).not.toBe(second.accountId);
    const db = await getDb();
    const [row] = await db.select().from(s.staffAccounts).where(eq(s.staffAccounts.id, first.accountId));
    expect(row).toMatchObject({ email: first.email, role: "admin", disabledAt: null });
    const customer = await createCustomer();
    expect(customerActor(customer, "203.0.113.200")).toMatchObject({
      type: "customer",
      accountId: customer.id,
      email: customer.email,
      clientAddress: "203.0.113.200",
    });
  });

  it("makes a subscriber of Support Information (E-2), or a customer who has turned it off", async () => {
    const subscriber = await createSubscriber();
    expect(subscriber.type).toBe("customer");
    expect(await isSubscribed(subscriber)).toBe(true);
    expect(await isSubscribed(await createSubscriber({ subscribed: false }))).toBe(false);
  });
});

describe("createDownloadFile and createSentSupportMail", () => {
  it("publishes a file of the menu whose stored bytes have the row's size and SHA-256, a zip by default; a draft is not listed", async () => {
    const file = await createDownloadFile({ menu: "pattern" });
    expect((await listPublishedFiles("pattern")).map((f) => f.id)).toContain(file.id);
    const customer = customerActor(await createCustomer());
    expect(await authorizeDownload({ actor: customer, fileId: file.id, record: false })).toMatchObject({ id: file.id, sha256: file.sha256 });
    const chunks: Buffer[] = [];
    for await (const chunk of await (await blobStore()).read(file.storageKey)) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    expect(bytes.length).toBe(file.size);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(file.sha256);
    expect(bytes.subarray(0, 4).toString("hex")).toBe("504b0304");

    const draft = await createDownloadFile({ menu: "pattern", status: "draft" });
    expect((await listPublishedFiles("pattern")).map((f) => f.id)).not.toContain(draft.id);
  });

  it("makes a sent mail that E-3 lists as a back number", async () => {
    const mail = await createSentSupportMail({ daysAgo: 3 });
    expect(await getBackNumber(mail.id)).toMatchObject({ id: mail.id, title: mail.title });
    expect((await listBackNumbers(1)).items.map((item) => item.id)).toContain(mail.id);
  });
});
