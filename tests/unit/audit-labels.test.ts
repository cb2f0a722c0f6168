import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, CONTRACT_HISTORY_ACTIONS, SIGN_IN_ACTIONS } from "@/lib/audit/actions";
import { auditActionLabel, auditTargetLabel, describeAuditDetails, describeHistoryChange, historyActionLabel } from "@/lib/audit/labels";
import { translator, type Locale } from "@/lib/i18n";

// Issue 29 item 12, G-7 and G-6: every action the site records is shown by its label, in both languages, and an
// entry's fields as labelled values — never a code, a dotted key or JSON.

const ROOT = path.resolve(import.meta.dirname, "../..");
const LOCALES: Locale[] = ["ja", "en"];

function sources(folder: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => /\.(ts|tsx)$/.test(file))
    .map((file) => path.join(folder, file).split(path.sep).join("/"));
}

const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
/** The codes an expression can give: a literal, or each branch of a conditional (not what its condition compares). */
const literals = (expression: string) =>
  [...(expression.includes("?") ? expression.slice(expression.indexOf("?") + 1) : expression).matchAll(/["'`]([a-z][a-z0-9_.-]*)["'`]/g)].map((m) => m[1]!);

/**
 * The action codes written by the code base, read from its writers: `action: …` of an audit event or a history row,
 * the code given to staffAuditEvent and the writers' own helpers (audit, auditOf), a sign-in step given to
 * signInAudit (recorded as is and as staff.…), and the SQL of the import's history rows.
 */
function writtenCodes(): { codes: Set<string>; signIn: Set<string> } {
  const codes = new Set<string>();
  const signIn = new Set<string>();
  const files = ["lib", "app"]
    .flatMap(sources)
    .filter((file) => !file.startsWith("lib/audit/"))
    .map((file) => code(fs.readFileSync(path.join(ROOT, file), "utf8")))
    .filter((text) => /writeAudit\(|staffAuditEvent\(|signInAudit\(|contractHistory|contract_history/.test(text));
  for (const text of files) {
    const argument = String.raw`\s*([^,)}\n]*(?:\?[^:\n]*:[^,)}\n]*)?)`;
    for (const pattern of [
      new RegExp(String.raw`\baction:${argument}`, "g"),
      new RegExp(String.raw`staffAuditEvent\(\s*actor,${argument}`, "g"),
      new RegExp(String.raw`\baudit(?:Of)?\((?:tx,\s*)?actor,${argument}`, "g"),
    ])
      for (const match of text.matchAll(pattern)) literals(match[1]!).forEach((found) => codes.add(found));
    for (const match of text.matchAll(/signInAudit\([^;]*?,\s*["']([a-z][a-z0-9_.-]*)["']/g)) signIn.add(match[1]!);
    for (const match of text.matchAll(/INSERT INTO contract_history[\s\S]*?'([a-z_]+\.[a-z_]+)'/g)) codes.add(match[1]!);
  }
  return { codes, signIn };
}

describe("the audit and history labels (messages/*/auditLabels.ts)", () => {
  it("label every code of the lists in both languages", () => {
    for (const locale of LOCALES) {
      const t = translator(locale);
      const unknown = t("auditLabels.unknownAction", { code: "x" });
      for (const action of AUDIT_ACTIONS) {
        const label = auditActionLabel(t, action);
        expect(label, `${locale} ${action}`).not.toBe(t("auditLabels.unknownAction", { code: action }));
        expect(label, `${locale} ${action}`).not.toContain(action);
      }
      for (const action of CONTRACT_HISTORY_ACTIONS) expect(historyActionLabel(t, action), `${locale} ${action}`).not.toContain(action);
      for (const type of AUDIT_TARGET_TYPES) expect(auditTargetLabel(t, type, "1"), `${locale} ${type}`).not.toContain(type);
      expect(auditActionLabel(t, "x")).toBe(unknown);
    }
  });

  it("label every action code the code base writes (read from the audit and history writers)", () => {
    const { codes, signIn } = writtenCodes();
    // The scan finds the writers: a change that hid them from it would make this test pass on nothing.
    expect(codes.size).toBeGreaterThan(45);
    expect(signIn.size).toBeGreaterThanOrEqual(3);
    const written = [...codes, ...[...signIn].flatMap((step) => [step, `staff.${step}`])];
    const listed = new Set<string>([...AUDIT_ACTIONS, ...CONTRACT_HISTORY_ACTIONS]);
    expect(written.filter((action) => !listed.has(action))).toEqual([]);
    expect([...signIn].filter((step) => !(SIGN_IN_ACTIONS as readonly string[]).includes(step))).toEqual([]);
    for (const locale of LOCALES) {
      const t = translator(locale);
      const unlabelled = written.filter((action) => auditActionLabel(t, action).includes(action) && historyActionLabel(t, action).includes(action));
      expect(unlabelled, locale).toEqual([]);
    }
  });
});

const raw = /[{}]|\b(contract|support|nameChange|emailEffectiveAt|hiddenByCustomer|requestId)\b|\w\.\w/;

describe("lib/audit/labels.ts: an entry as labelled values, before → after", () => {
  const ja = translator("ja");

  it("a contact change with a company-name request: each field by its labels, null as （なし）, the nested request flattened", () => {
    const lines = describeHistoryChange(
      ja,
      { "contract.branchName": null, "support.phone": "03-1234-5679", nameChange: { companyName: "テストユーザ株式会社", branchName: "本社" } },
      {
        "contract.branchName": "東京本部",
        "support.phone": "03-5555-0123",
        nameChange: { companyName: "テストユーザ新社株式会社", branchName: null, reason: "trade_name", requestId: 7, dueDate: "2027-05-11" },
        emailEffectiveAt: { contract: "2026-12-25T15:00:00.000Z" },
      },
    );
    expect(lines.map((line) => line.text)).toEqual([
      "契約窓口 支社名：（なし） → 東京本部",
      "サポート窓口 電話番号：03-1234-5679 → 03-5555-0123",
      "法人名変更の依頼 法人名：テストユーザ株式会社 → テストユーザ新社株式会社",
      "法人名変更の依頼 支社名：本社 → （なし）",
      "法人名変更の依頼 社名変更理由：（なし） → 商号変更",
      "法人名変更の依頼 依頼番号：（なし） → 7",
      "法人名変更の依頼 期限：（なし） → 2027/05/11",
      "新しいメールアドレスでログインできる日時 契約窓口：（なし） → 2026/12/26 00:00",
    ]);
    for (const line of lines) expect(line.text).not.toMatch(raw);
  });

  it("an issuance (only what came to be): values, each product by its position", () => {
    const lines = describeHistoryChange(ja, null, { kind: "apex_one", requestId: 3, products: [{ product: "Apex One", quantity: 10, code: "OS-AAAA-BBBB" }] });
    expect(lines.map((line) => line.text)).toEqual([
      "種類：Apex One",
      "依頼番号：3",
      "発行した製品1 製品：Apex One",
      "発行した製品1 数量：10",
      "発行した製品1 アクティベーションコード：OS-AAAA-BBBB",
    ]);
  });

  it("audit details: before/after pairs as one change, codes by their labels, a list of fields by their labels", () => {
    const text = (action: string, details: unknown) => describeAuditDetails(ja, action, details).map((line) => line.text);
    expect(text("contracts.display-changed", { hiddenBefore: true, hiddenAfter: false })).toEqual(["非表示（お客様のご希望）：はい → いいえ"]);
    expect(text("staff.role_changed", { from: "operator", to: "marketer" })).toEqual(["役割：オペレーター → マーケティング"]);
    expect(text("staff.audit_export", { from: "2026-12-01T00:00:00.000Z" })).toEqual(["期間の開始：2026/12/01 09:00"]);
    expect(text("contract.contacts_changed", { fields: "support.phone,contract.email", nameChangeRequestId: null })).toEqual([
      "変更した項目：サポート窓口 電話番号、契約窓口 メールアドレス",
      "法人名変更の依頼番号：（なし）",
    ]);
    expect(text("login.success", { mfa: "recovery" })).toEqual(["二要素認証の方法：リカバリーコード"]);
    expect(text("files.uploaded", { menu: "pattern", fileName: "a.zip" })).toEqual(["掲載メニュー：最新パターンファイル", "ファイル名：a.zip"]);
    const en = translator("en");
    expect(describeAuditDetails(en, "staff.role_changed", { from: "operator", to: "admin" }).map((line) => line.text)).toEqual([
      "Role: Operator → Administrator",
    ]);
    expect(auditTargetLabel(ja, "license", "100001")).toBe("契約 100001");
    expect(historyActionLabel(en, "display.changed")).toBe("Display setting changed");
  });
});
