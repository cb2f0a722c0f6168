import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { customerAccounts, downloadFiles } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { blobStore } from "@/lib/blob/store";
import { DEMO_OTHER, DEMO_USER, demoCodeFor, seedDemo } from "@/lib/demo/seed";
import { updateFileMeta } from "@/lib/downloads/admin";
import { authorizeDownload, checkSafeLockAccess, listPublishedFiles, safeLockCodeKey } from "@/lib/downloads/files";
import { auditRowsOf, createDownloadFile, createStaffActor, customerActor } from "../support/factories";

// SPEC D-1 … D-4 on the real database over the demo data: what each menu lists, D-2's ① ② check with its messages,
// and the per-download authorization (published only; D-2 only under a valid Safe Lock contract of the customer),
// each download audited. The demo seed's files are in the blob store with the SHA-256 the rows show. The demo rows
// are only read: a test that downloads, withdraws or edits a file makes one of its own (SPEC X-2).

let user: CustomerActor;
let other: CustomerActor;
let addresses = 0;

/** The demo customer's actor, in a session of its own (the demo's accounts and contracts are only read). */
async function actorOf(email: string): Promise<CustomerActor> {
  const db = await getDb();
  const [account] = await db.select().from(customerAccounts).where(eq(customerAccounts.email, email));
  addresses += 1;
  return customerActor(account!, `10.13.0.${addresses}`);
}

beforeAll(async () => {
  await seedDemo(await getDb());
  [user, other] = await Promise.all([actorOf(DEMO_USER), actorOf(DEMO_OTHER)]);
});

describe("the demo's published files (X-2)", () => {
  it("gives every menu something to list, with the SHA-256 and size of the stored bytes", async () => {
    const store = await blobStore();
    for (const menu of ["deep_discovery", "safe_lock", "policy_manager_module", "policy_manager_document", "pattern"] as const) {
      const files = await listPublishedFiles(menu);
      expect(files.length, menu).toBeGreaterThan(0);
      const db = await getDb();
      for (const file of files) {
        const [row] = await db.select({ key: downloadFiles.storageKey }).from(downloadFiles).where(eq(downloadFiles.id, file.id));
        const chunks: Buffer[] = [];
        for await (const chunk of await store.read(row!.key)) chunks.push(chunk as Buffer);
        const bytes = Buffer.concat(chunks);
        expect(bytes.length, file.fileName).toBe(file.size);
        expect(createHash("sha256").update(bytes).digest("hex"), file.fileName).toBe(file.sha256);
      }
    }
    // D-4: the zip archives really are zips (the local file header's signature).
    const [pattern] = await listPublishedFiles("pattern");
    const db = await getDb();
    const [row] = await db.select({ key: downloadFiles.storageKey }).from(downloadFiles).where(eq(downloadFiles.id, pattern!.id));
    const first = await store.read(row!.key, { start: 0, end: 3 });
    const head: Buffer[] = [];
    for await (const chunk of first) head.push(chunk as Buffer);
    expect(Buffer.concat(head).toString("hex")).toBe("504b0304");
  });
});

describe("D-2 ① ② 「次へ」", () => {
  const code = demoCodeFor(100002).code; // SO-XXXX-…
  const afterPrefix = code.replace(/^SO-/, "");
  /** D-2's check as a customer fills it in: ① the license ID, ② the code (100002's, after 「SO－」, unless given). */
  const check = (licenseId: string, codeTyped = afterPrefix, actor = user) => checkSafeLockAccess({ actor, licenseId, code: codeTyped });

  it("takes 100002 with the part after 「SO－」, or the whole code pasted", async () => {
    expect(safeLockCodeKey(afterPrefix)).toBe(demoCodeFor(100002).key);
    expect(safeLockCodeKey(code.toLowerCase())).toBe(demoCodeFor(100002).key);
    expect(await check("100002")).toEqual({ ok: true, licenseId: 100002 });
    expect(await check("１０００02", code)).toEqual({ ok: true, licenseId: 100002 });
  });

  it("refuses with the specific message: empty fields, a non-digit ID, a contract that is not Safe Lock, another code, a code of another product", async () => {
    expect(await check("")).toMatchObject({ ok: false, problem: { kind: "field", field: "licenseId", reason: "required" } });
    expect(await check("10000a")).toMatchObject({ ok: false, problem: { kind: "field", field: "licenseId", reason: "nonDigit" } });
    expect(await check("100002", "")).toMatchObject({ ok: false, problem: { kind: "field", field: "code", reason: "required" } });
    expect(await check("100001")).toEqual({ ok: false, problem: { kind: "notSafeLock", licenseId: 100001 } });
    expect(await check("100002", demoCodeFor(100001).key.slice(2))).toEqual({ ok: false, problem: { kind: "codeMismatch", licenseId: 100002 } });
    // A whole code of another product (OS-…) is not a Safe Lock code at all.
    expect(await check("100002", demoCodeFor(100001).code)).toMatchObject({ ok: false, problem: { kind: "field", field: "code", reason: "codeFormat" } });
  });

  it("gives another customer B-8's message and nothing of 100002", async () => {
    const answer = await check("100002", afterPrefix, other);
    expect(answer).toMatchObject({ ok: false, problem: { kind: "search", message: { kind: "emailMismatch" } } });
    expect(JSON.stringify(answer)).not.toContain("Safe Lock");
  });
});

describe("a download, authorized per request and audited", () => {
  it("serves D-2's files only under a valid Safe Lock contract of the customer, checked again on each download", async () => {
    const file = await createDownloadFile({ menu: "safe_lock" });
    expect(await authorizeDownload({ actor: user, fileId: file.id })).toBeUndefined();
    expect(
      await authorizeDownload({
        actor: user,
        fileId: file.id,
        licenseId: 100001,
      }),
    ).toBeUndefined();
    expect(
      await authorizeDownload({
        actor: other,
        fileId: file.id,
        licenseId: 100002,
      }),
    ).toBeUndefined();
    expect(
      await authorizeDownload({
        actor: user,
        fileId: file.id,
        licenseId: 100002,
      }),
    ).toMatchObject({ id: file.id, sha256: file.sha256 });
    const audits = await auditRowsOf("download.file", file.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorType: "customer",
      actorId: user.accountId,
      details: {
        menu: "safe_lock",
        fileName: file.fileName,
        licenseId: 100002,
      },
    });
    // A continuing piece (record: false) is served without a second row.
    expect(
      await authorizeDownload({
        actor: user,
        fileId: file.id,
        licenseId: 100002,
        record: false,
      }),
    ).toBeDefined();
    expect(await auditRowsOf("download.file", file.id)).toHaveLength(1);
  });

  it("never serves a withdrawn or draft file, even through its old link", async () => {
    const db = await getDb();
    const file = await createDownloadFile({ menu: "pattern" });
    expect(await authorizeDownload({ actor: other, fileId: file.id })).toBeDefined();
    await db
      .update(downloadFiles)
      .set({ status: "withdrawn", withdrawnAt: sql`now()` })
      .where(eq(downloadFiles.id, file.id));
    expect(await authorizeDownload({ actor: other, fileId: file.id })).toBeUndefined();
    expect((await listPublishedFiles("pattern")).map((f) => f.id)).not.toContain(file.id);
    await db.update(downloadFiles).set({ status: "draft", withdrawnAt: null }).where(eq(downloadFiles.id, file.id));
    expect(await authorizeDownload({ actor: other, fileId: file.id })).toBeUndefined();
  });

  it("refuses a file name with a path in it (the table's check), and the store refuses a key outside its folder", async () => {
    const db = await getDb();
    const [file] = await db.select().from(downloadFiles).limit(1);
    const { id: _id, ...row } = file!;
    for (const fileName of ["../../etc/passwd", "a\\b.zip", "x\u0001.zip"]) {
      await expect(
        db.insert(downloadFiles).values({
          ...row,
          storageKey: `demo/other-${fileName.length}.zip`,
          fileName,
        }),
        fileName,
      ).rejects.toThrow();
    }
    await expect((await blobStore()).read("../../etc/passwd")).rejects.toThrow(/Invalid blob key/);
  });
});

describe("G-4 edit", () => {
  it("changes a file's details with one audit row of what changed; a form that changes nothing, or no such file, writes nothing", async () => {
    const db = await getDb();
    const actor = await createStaffActor({ role: "operator", clientAddress: "10.13.1.1" });
    const file = await createDownloadFile({ menu: "deep_discovery" });
    const meta = { menu: "deep_discovery" as const, product: file.product, version: file.version, title: file.title, releaseDate: file.releaseDate };
    const audits = () => auditRowsOf("files.edited", file.id);

    expect(await updateFileMeta({ actor, fileId: file.id, meta })).toBe("unchanged");
    expect(await updateFileMeta({ actor, fileId: 2_000_000_000, meta })).toBe("not_found");
    expect(await audits()).toHaveLength(0);

    expect(await updateFileMeta({ actor, fileId: file.id, meta: { ...meta, version: "9.9", releaseDate: "2026-11-30" } })).toBe("updated");
    const [edited] = await db.select().from(downloadFiles).where(eq(downloadFiles.id, file.id));
    expect({ version: edited!.version, releaseDate: edited!.releaseDate, sha256: edited!.sha256, status: edited!.status }).toEqual({
      version: "9.9",
      releaseDate: "2026-11-30",
      sha256: file.sha256,
      status: "published",
    });
    const [audit] = await audits();
    expect(audit!.details).toEqual({ versionBefore: file.version, versionAfter: "9.9", releaseDateBefore: file.releaseDate, releaseDateAfter: "2026-11-30" });
    expect(audit!.actorEmail).toBe(actor.email);
    expect((await listPublishedFiles("deep_discovery")).find((f) => f.id === file.id)?.version).toBe("9.9");
  });
});
