import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { DEMO_USER, demoCodeFor, seedDemo } from "@/lib/demo/seed";
import { parseSearchInput, searchContract } from "@/lib/licenses/search";
import { translator } from "@/lib/i18n";
import { createContract } from "../support/factories";

beforeAll(async () => {
  await seedDemo(await getDb());
});

const toFullWidth = (text: string) => text.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
let address = 1;
const from = () => ({ clientAddress: `192.0.2.${address++}` });

describe("B-7 input", () => {
  it("reads license IDs and codes, full width and any case", () => {
    expect(parseSearchInput(" 100001 ")).toEqual({ kind: "licenseId", licenseId: 100001, display: "100001" });
    expect(parseSearchInput(toFullWidth("100001"))).toMatchObject({ kind: "licenseId", licenseId: 100001 });
    const { code, key } = demoCodeFor(100001);
    expect(parseSearchInput(toFullWidth(code.toLowerCase()))).toMatchObject({ kind: "code", key });
    expect(parseSearchInput(code.replaceAll("-", ""))).toMatchObject({ kind: "code", key });
  });

  it.each([
    ["", "required"],
    ["   ", "required"],
    ["1000 01", "nonDigit"],
    ["100001A", "nonDigit"],
    ["1".repeat(16), "nonDigit"],
    ["OS-ＡＢＣ-あいう", "charset"],
    ["ライセンス", "charset"],
  ])("refuses %j as %s", (input, reason) => {
    expect(parseSearchInput(input)).toEqual({ kind: "invalid", reason });
  });
});

describe("B-8: every row of the table, for both search kinds where it applies", () => {
  it.each([
    [100006, "MSG01", "MSG06"],
    [100007, "MSG02", "MSG07"],
    [100008, "MSG03", "MSG08"],
    [100009, "MSG04", "MSG09"],
  ] as const)("%i gives %s by license ID and %s by code", async (licenseId, byId, byCode) => {
    expect(await searchContract({ actor: { email: DEMO_USER, ...from() }, query: String(licenseId) })).toEqual({
      ok: false,
      message: { kind: "msg", number: byId, searchedBy: "licenseId", key: String(licenseId) },
    });
    const { code } = demoCodeFor(licenseId);
    expect(await searchContract({ actor: { email: DEMO_USER, ...from() }, query: code })).toEqual({
      ok: false,
      message: { kind: "msg", number: byCode, searchedBy: "code", key: code },
    });
  });

  it("says the e-mail is not registered for another customer's contract and for one that does not exist, alike", async () => {
    for (const input of ["200001", "987654"]) {
      expect(await searchContract({ actor: { email: DEMO_USER, ...from() }, query: input })).toEqual({
        ok: false,
        message: { kind: "emailMismatch", searchedBy: "licenseId", key: input },
      });
    }
    for (const input of [demoCodeFor(200001).code, "OS-AAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF"]) {
      expect(await searchContract({ actor: { email: DEMO_USER, ...from() }, query: input })).toEqual({
        ok: false,
        message: { kind: "emailMismatch", searchedBy: "code", key: input },
      });
    }
  });

  it("finds visible contracts by ID and by a pasted full-width code", async () => {
    expect(await searchContract({ actor: { email: DEMO_USER, ...from() }, query: "100001" })).toEqual({ ok: true, licenseId: 100001 });
    expect(await searchContract({ actor: { email: DEMO_USER, ...from() }, query: toFullWidth(demoCodeFor(100012).code) })).toEqual({
      ok: true,
      licenseId: 100012,
    });
    // 100002's 契約窓口 is someone else; user@ is its サポート窓口.
    expect(await searchContract({ actor: { email: DEMO_USER, ...from() }, query: demoCodeFor(100002).code.toLowerCase() })).toEqual({
      ok: true,
      licenseId: 100002,
    });
  });

  it("says a contract past the 6-year window is no longer shown (100005 itself never is)", async () => {
    expect(await searchContract({ actor: { email: DEMO_USER, ...from() }, query: "100005" })).toEqual({
      ok: false,
      message: { kind: "tooOld", searchedBy: "licenseId", key: "100005" },
    });
  });

  it("throttles guessing (A-8): 5 misses lock the account for look-ups", async () => {
    // A customer of its own: the lock must not reach the demo accounts that the other tests search as.
    const { licenseId, contractEmail: email } = await createContract();
    const address = { clientAddress: "198.51.100.200" };
    for (let i = 0; i < 5; i++) expect((await searchContract({ actor: { email, ...address }, query: String(900000 + i) })).ok).toBe(false);
    expect(await searchContract({ actor: { email, ...address }, query: String(licenseId) })).toEqual({ ok: false, message: { kind: "locked" } });
  });

  it("keeps the lock's count across the customer's own successful look-ups (A-8: a hit between guesses resets nothing)", async () => {
    const { licenseId, contractEmail: email } = await createContract();
    // Each miss from an address of its own: only the account's count can lock.
    let n = 0;
    const elsewhere = () => ({ clientAddress: `198.51.100.${210 + n++}` });
    for (let i = 0; i < 5; i++) {
      expect((await searchContract({ actor: { email, ...elsewhere() }, query: String(licenseId) })).ok, "the customer's own contract").toBe(true);
      expect((await searchContract({ actor: { email, ...elsewhere() }, query: String(900100 + i) })).ok).toBe(false);
    }
    expect(await searchContract({ actor: { email, ...elsewhere() }, query: String(licenseId) })).toEqual({ ok: false, message: { kind: "locked" } });
  });

  it("has the manual's exact texts", () => {
    const m = translator("ja", "contractSearch.messages");
    expect(m("restricted")).toBe("Webで情報を公開するにあたり、確認が必要な製品が含まれております。恐れ入りますが、下記問い合わせ窓口までご連絡ください。");
    expect(m("emailMismatchCode")).toBe(
      "ご指定の製品キーが属するライセンスIDに対し、メールアドレスの登録が異なります。ライセンス情報をご確認の上、再度ご入力ください。",
    );
    expect(m("emailMismatchId")).toBe("ライセンスIDに対し、メールアドレスの登録が異なります。ライセンス情報をご確認の上、再度ご入力ください。");
    expect(m("nonDigit")).toBe("お客様のライセンスIDに数値以外の値は入力できません。");
    expect(m("charset")).toBe("半角英数記号でご入力ください。");
  });
});
